"""Settings every layer shares: where the course lives, its id, limits, the kernel environment.

A leaf module: it imports nothing from ``autograder`` and no third-party package, so the build,
the grader and the tools can all read it without pulling each other in.

Interface
---------
``REPO``, ``SOURCE_DIR``
    the repository root (``ANNLAB_REPO`` in the environment overrides it) and its ``source/``.
``COURSE_ID``, ``HELPER_PACKAGE``, ``CELL_TIMEOUT_S``
    nbgrader's course id, the helper package copied beside every notebook, the per-cell limit.
``KERNEL_ENV``, ``kernel_env()``, ``apply_kernel_env()``
    the variables every notebook kernel gets (quiet TensorFlow without oneDNN, a fixed hash
    seed), as a dict, as a full environment, or applied to this process.
``COPY_IGNORE``, ``copy_ignore()``, ``is_ignored(path)``
    what never travels when a notebook folder is copied or zipped (nbgrader's own
    ``CourseDirectory.ignore`` list without its reserved ``feedback`` folder), the matching
    ``shutil.copytree`` ``ignore``, and whether any part of a relative path matches it.
``notebook_names(source=SOURCE_DIR)``
    the notebooks of a course folder, in course order: every ``NN_name/NN_name.ipynb``.
"""

import fnmatch
import os
import pathlib
import re
import shutil
import sys

REPO = pathlib.Path(os.environ.get("ANNLAB_REPO") or pathlib.Path(__file__).parents[1]).resolve()
SOURCE_DIR = REPO / "source"
HELPER_PACKAGE = "annlab"
COURSE_ID = "annlab"
CELL_TIMEOUT_S = 120

KERNEL_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    # oneDNN's start-up notice carries a timestamp and a PID into the notebook's stderr, and
    # its kernels make float32 results depend on the CPU: off, for byte-identical builds
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONHASHSEED": "0",
    "PYTHONWARNINGS": "ignore::DeprecationWarning",
}

#: nbgrader's ``CourseDirectory.ignore`` default minus ``feedback`` (a folder name nbgrader
#: reserves inside course directories, not a leftover); tests/test_layers.py compares the two
COPY_IGNORE = (".ipynb_checkpoints", "*.pyc", "__pycache__")

_NAME = re.compile(r"^\d\d_[a-z0-9_]+$")


def copy_ignore():
    """``shutil.copytree(..., ignore=copy_ignore())``: skip ``COPY_IGNORE``."""
    return shutil.ignore_patterns(*COPY_IGNORE)


def is_ignored(path):
    return any(fnmatch.fnmatch(part, pattern)
               for part in pathlib.PurePath(path).parts for pattern in COPY_IGNORE)


def notebook_names(source=SOURCE_DIR):
    """Names of the notebooks in ``source`` (``NN_name`` folders holding ``NN_name.ipynb``)."""
    source = pathlib.Path(source)
    return sorted(p.name for p in source.iterdir()
                  if p.is_dir() and _NAME.match(p.name) and (p / f"{p.name}.ipynb").exists())


def kernel_env():
    """The full environment for a notebook kernel: ours, plus ``KERNEL_ENV``, with no
    ``MPLBACKEND`` (the kernel then draws inline, whatever the calling process uses)."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(KERNEL_ENV)
    bin_dir = os.path.dirname(sys.executable)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    return env


def apply_kernel_env():
    """Environment for nbgrader and the kernels it starts (inherited by child processes)."""
    os.environ.update(KERNEL_ENV)
    # nbgrader runs ``alembic`` and kernels by name: use this interpreter's environment
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
