"""Benchmark: grading throughput of the bundled sample class, ``--jobs 1`` against ``--jobs 2``.

Grades the sample class (6 students x every notebook, ``python -m autograder sample-class``)
once per ``--jobs`` value into a fresh course, and prints the wall times, the speed-up and
whether both runs gave the same grades. Run it on a quiet machine:

    python benchmarks/throughput.py [--jobs 1 2] [--only 01_neuron ...]

It is a benchmark, not a test: nothing fails on a number.
"""

import argparse
import os
import pathlib
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder import course, settings  # noqa: E402
from autograder.grade import collect  # noqa: E402
from autograder.grade.run import GradingRun, read_scores  # noqa: E402
from autograder.qa import sample_class  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NN_name")
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    args = parser.parse_args()
    names = args.only or settings.notebook_names()
    seconds, grades, cores = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="annlab-bench-") as tmp:
        workdir = pathlib.Path(tmp)
        sample_class.make_sample_class(workdir / "class", names)
        submissions, _ = collect.collect(workdir / "class", names)
        for jobs in args.jobs:
            start = time.perf_counter()
            cpu_before = _cpu_seconds()
            run = GradingRun(workdir / f"course-{jobs}", names,
                                     duedate=sample_class.DUEDATE, late_penalty="zero")
            run.grade(submissions, jobs=jobs, progress=False)
            seconds[jobs] = time.perf_counter() - start
            cores[jobs] = (_cpu_seconds() - cpu_before) / seconds[jobs]
            grades[jobs] = read_scores(course.Course(workdir / f"course-{jobs}"), names)
    base = args.jobs[0]
    print(f"{len(submissions)} submissions ({len(names)} notebooks x 6 students)\n")
    print("| --jobs | wall time (s) | s per submission | speed-up | CPU cores busy | same grades |")
    print("|---|---|---|---|---|---|")
    for jobs in args.jobs:
        print(f"| {jobs} | {seconds[jobs]:.1f} | {seconds[jobs] / len(submissions):.2f} "
              f"| {seconds[base] / seconds[jobs]:.2f} | {cores[jobs]:.2f} "
              f"| {grades[jobs] == grades[base]} |")


def _cpu_seconds():
    """Busy CPU time of the whole machine so far (from /proc/stat), in seconds: on a quiet
    machine, what grading used, kernels in the sandbox included."""
    with open("/proc/stat") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
