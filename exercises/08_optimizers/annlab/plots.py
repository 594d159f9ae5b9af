# GENERATED copy of source/annlab/plots.py (written by `python -m autograder build` and by grading): edit that file, not this one
"""Figure defaults and plotting helpers shared by the notebooks.

Interface
---------
``use_course_style()``
    matplotlib defaults for every notebook (size, grid, fonts); call once in Setup.
``loss_curves(ax, curves, title="", xlabel="epoch", ylabel="loss", log=False)``
    draws ``{label: sequence}`` as lines on ``ax`` with a legend; returns ``ax``.
``decision_boundary(ax, predict, X, labels, resolution=200, margin=0.5)``
    shades where ``predict(points) >= 0.5`` and scatters ``X`` coloured by ``labels``.
"""

import matplotlib.pyplot as plt
import numpy as np


def use_course_style():
    plt.rcParams.update({
        "figure.figsize": (7.0, 4.0),
        "figure.dpi": 80,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 11,
        "legend.frameon": False,
    })


def loss_curves(ax, curves, title="", xlabel="epoch", ylabel="loss", log=False):
    for label, values in curves.items():
        ax.plot(np.arange(len(values)), np.asarray(values, dtype=float), label=label)
    if log:
        ax.set_yscale("log")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def decision_boundary(ax, predict, X, labels, resolution=200, margin=0.5):
    X = np.asarray(X, dtype=float)
    x0 = np.linspace(X[:, 0].min() - margin, X[:, 0].max() + margin, resolution)
    x1 = np.linspace(X[:, 1].min() - margin, X[:, 1].max() + margin, resolution)
    grid0, grid1 = np.meshgrid(x0, x1)
    points = np.column_stack([grid0.ravel(), grid1.ravel()])
    scores = np.asarray(predict(points), dtype=float).reshape(grid0.shape)
    # class 0 blue, 1 red: as coolwarm
    ax.contourf(grid0, grid1, scores >= 0.5, levels=[-0.5, 0.5, 1.5], colors=["#cfe2f3", "#f4cccc"])
    ax.contour(grid0, grid1, scores, levels=[0.5], colors="k", linewidths=1)
    ax.scatter(X[:, 0], X[:, 1], c=np.asarray(labels), cmap="coolwarm", edgecolors="k", s=60, zorder=3)
    return ax
