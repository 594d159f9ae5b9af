"""Shared paths and helpers of the project's own tests."""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SOURCE))  # ``annlab`` for in-process checks
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

#: measured durations (label -> seconds) that the run reports at the end
TIMINGS = {}


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("measured times")
        for label, seconds in sorted(TIMINGS.items()):
            terminalreporter.write_line(f"{label:<50} {seconds:7.1f} s")


def built_notebooks():
    """Names of the notebooks present in source/, in course order.

    ``ANNLAB_NOTEBOOKS="01_neuron 02_gradient_descent"`` restricts the suite to those (for
    developers iterating on one notebook; CI always runs them all)."""
    present = sorted(p.name for p in SOURCE.iterdir()
                     if p.is_dir() and (p / f"{p.name}.ipynb").exists())
    only = os.environ.get("ANNLAB_NOTEBOOKS", "").split()
    return [name for name in present if name in only] if only else present


def secret_lines(nb):
    """Distinctive lines that only solutions and hidden tests contain (for leak checks)."""
    from autograder.notebooks import HIDDEN_BEGIN, HIDDEN_END, nbgrader_meta

    secret, public = set(), set()
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        inside = False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith(("### BEGIN SOLUTION", HIDDEN_BEGIN)):
                inside = True
            elif stripped.startswith(("### END SOLUTION", HIDDEN_END)):
                inside = False
            elif cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade"):
                secret.add(stripped)  # model answers of written questions
            else:
                (secret if inside else public).add(stripped)
    return {line for line in secret - public
            if len(line) >= 20 and not line.startswith("#")}
