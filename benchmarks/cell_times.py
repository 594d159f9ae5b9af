"""Benchmark: run time of every solution notebook and of every visible test cell.

Executes each solution notebook (``solutions/``, hidden tests removed, so the test cells
are exactly what students run) with nbclient and the course's kernel environment, and
prints the notebook's wall time (budget 60 s) and its slowest visible test cells (budget
1 s each). Run it on a quiet machine:

    python benchmarks/cell_times.py [--only 01_neuron ...]

It is a benchmark, not a test: nothing fails on a number.
"""

import argparse
import pathlib
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder import settings  # noqa: E402
from autograder.notebooks import cell_seconds, execute, is_test_cell, read_notebook  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NN_name")
    args = parser.parse_args()
    print("| notebook | run time (s) | visible test cells | slowest test cell (s) | cells over 1 s |")
    print("|---|---|---|---|---|")
    for name in args.only or settings.notebook_names():
        path = REPO / "solutions" / name / f"{name}.ipynb"
        nb = read_notebook(path)
        start = time.perf_counter()
        execute(nb, path.parent, python_path=[settings.SOURCE_DIR], timeout=600,
                record_timing=True)
        total = time.perf_counter() - start
        tests = [(cell.metadata["nbgrader"]["grade_id"], cell_seconds(cell) or 0.0)
                 for cell in nb.cells if is_test_cell(cell)]
        slow = sorted(tests, key=lambda t: -t[1])
        over = [f"{g} {s:.1f}" for g, s in slow if s > 1.0]
        print(f"| {name} | {total:.1f} | {len(tests)} | {slow[0][1]:.2f} ({slow[0][0]}) "
              f"| {', '.join(over) or 'none'} |")


if __name__ == "__main__":
    main()
