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

#: test modules that start no notebook kernel and no nbgrader run (``make test-fast``); in
#: them, a test that does is marked ``@pytest.mark.kernels`` by hand. Every other module is
#: marked ``kernels`` as a whole, so a new test file is in the full tier until listed here.
KERNEL_FREE_MODULES = {
    "test_build", "test_checks", "test_collect", "test_env", "test_integrity", "test_layers",
    "test_mistakes", "test_notebooks", "test_source", "test_variants",
}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "kernels: starts notebook kernels or nbgrader (not in `make test-fast`)")


def pytest_collection_modifyitems(config, items):
    import pytest

    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] not in KERNEL_FREE_MODULES:
            item.add_marker(pytest.mark.kernels)


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("measured times")
        for label, seconds in sorted(TIMINGS.items()):
            terminalreporter.write_line(f"{label:<50} {seconds:7.1f} s")


def subprocess_env(**extra):
    """The environment for a command the tests start (``python -m autograder …``): this
    checkout's ``autograder`` first on ``PYTHONPATH``, plus ``extra``."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


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
