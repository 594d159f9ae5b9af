"""Benchmark: what grading one full-course submission costs compared with running it.

For one perfect submission of every notebook (the committed ``solutions/``) it measures
(1) raw execution, ``jupyter nbconvert --to notebook --execute``, notebook by notebook, and
(2) grading it with ``autograder.GradingRun`` at ``--jobs 1`` (real nbgrader autograde
and feedback, the gradebook write included), and prints both and their ratio as a markdown
table. Run it on a quiet machine:

    python benchmarks/grading_overhead.py [--only 01_neuron ...]

It is a benchmark, not a test: nothing fails on a number.
"""

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder import settings  # noqa: E402
from autograder.grade import collect  # noqa: E402
from autograder.grade.run import STATE_FILE, GradingRun  # noqa: E402


def raw_seconds(name, workdir):
    folder = workdir / "raw" / name
    shutil.copytree(REPO / "solutions" / name, folder)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=600", "--output", "executed.ipynb",
                    str(folder / f"{name}.ipynb")], check=True, capture_output=True,
                   env=dict(settings.kernel_env(), PYTHONPATH=str(settings.SOURCE_DIR)))
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NN_name")
    args = parser.parse_args()
    names = args.only or settings.notebook_names()
    with tempfile.TemporaryDirectory(prefix="annlab-bench-") as tmp:
        workdir = pathlib.Path(tmp)
        raw = {name: raw_seconds(name, workdir) for name in names}
        submitted = workdir / "class" / "submitted" / "student"
        for name in names:
            (submitted / name).mkdir(parents=True)
            shutil.copy(REPO / "solutions" / name / f"{name}.ipynb", submitted / name)
        submissions, _ = collect.collect(workdir / "class", names)
        start = time.perf_counter()
        run = GradingRun(workdir / "course", names)
        summary = run.grade(submissions, jobs=1, progress=False)
        grading_total = time.perf_counter() - start
        state = json.loads((run.course.root / STATE_FILE).read_text())
    per_job = {name: state[f"{name}/student"]["seconds"] for name in names}
    assert not summary.failed, summary.failed
    print("| notebook | raw nbconvert --execute (s) | grading job (s) | ratio |")
    print("|---|---|---|---|")
    for name in names:
        print(f"| {name} | {raw[name]:.1f} | {per_job[name]:.1f} | {per_job[name] / raw[name]:.2f} |")
    total_raw = sum(raw.values())
    print(f"| **all** | {total_raw:.1f} | {grading_total:.1f} (whole command, set-up included) "
          f"| {grading_total / total_raw:.2f} |")


if __name__ == "__main__":
    main()
