"""Benchmark: a synthetic class graded at scale, with ``--jobs N`` and on a local Dask cluster.

Builds a class of ``--students`` students x ``--notebooks`` from the known-wrong and
known-right answers of ``tests/variants`` (each student's answer to each graded function is
drawn, with a fixed seed, from the reference, the known-right and the known-wrong answers),
grades it with the real command line, and reports notebooks per minute, seconds per student,
the peak memory of each grading process (the worker and the kernels it forks), the time the
command's one gradebook writer spent per notebook, and a projection for more machines
(workers scale out; the single writer does not, so it caps the projection). The issue's full
size is 300 students x 8 notebooks; on a 2-core machine that is hours, so grade a slice of
students over all 8 notebooks (the default) and read the projection:

    python benchmarks/scale.py --students 10 --jobs 2 --dask 2
    python benchmarks/scale.py --students 6 --notebooks 01_neuron 03_delta_rule --jobs 1 2

It is a benchmark, not a test: nothing fails on a number.
"""

import argparse
import json
import os
import pathlib
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import psutil  # noqa: E402

from autograder import settings  # noqa: E402
from autograder.notebooks import graded_functions, read_notebook, write_notebook  # noqa: E402
from autograder.qa.variants import answer_source, load_variants, paste_answers  # noqa: E402

ON_TIME = "2026-01-14 10:00:00 UTC"


def make_class(out, students, notebooks, seed=0):
    """``out/submitted/s0001/<NN>/<NN>.ipynb`` …; returns how many answers are wrong."""
    rng = random.Random(seed)
    wrong = 0
    for name in notebooks:
        solution = read_notebook(REPO / "solutions" / name / f"{name}.ipynb")
        functions = list(graded_functions(read_notebook(
            REPO / "source" / name / f"{name}.ipynb")))
        variants = load_variants(name)
        for number in range(1, students + 1):
            answers = {}
            for function in functions:
                choice = rng.random()
                table = variants.WRONG if choice < 0.35 else variants.RIGHT
                options = list(table.get(function, {}).values())
                if options and choice < 0.7:
                    answers[function] = answer_source(rng.choice(options))
                    wrong += table is variants.WRONG
            nb = paste_answers(read_notebook(REPO / "solutions" / name / f"{name}.ipynb")
                               if answers else solution, answers)
            folder = pathlib.Path(out) / "submitted" / f"s{number:04d}" / name
            folder.mkdir(parents=True, exist_ok=True)
            write_notebook(nb, folder / f"{name}.ipynb")
            (folder / "timestamp.txt").write_text(ON_TIME)
    return wrong


class PeakMemory:
    """Samples, every 0.5 s, the resident memory of every process below ``root_pid`` and
    keeps each grading worker's peak (a worker and the sandboxed kernels it forked)."""

    def __init__(self, root_pid):
        self.root = psutil.Process(root_pid)
        self.peaks = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.wait(0.5):
            try:
                children = self.root.children(recursive=True)
            except psutil.Error:
                continue
            for child in children:
                try:
                    if child.ppid() != self.root.pid:
                        continue
                    rss = child.memory_info().rss + sum(
                        c.memory_info().rss for c in child.children(recursive=True))
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def grade(class_dir, course, notebooks, extra, memory_root=None):
    command = [sys.executable, "-m", "autograder", "grade", str(class_dir), "--course",
               str(course), "--assignments", *notebooks, "--no-progress", *extra]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    with PeakMemory(memory_root or process.pid) as memory:
        output, _ = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"grading failed ({process.returncode}):\n{output[-3000:]}")
    recording = re.search(r"([\d.]+) s of it recording results", output)
    return seconds, memory.peaks, float(recording.group(1)) if recording else float("nan")


def with_dask(workers, run):
    """Start ``dask scheduler`` and ``workers`` single-threaded ``dask worker`` processes on
    127.0.0.1, call ``run(address, pids)``, stop them."""
    bin_dir = pathlib.Path(sys.executable).parent
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    quiet = dict(os.environ, DASK_LOGGING__DISTRIBUTED="error")
    processes = [subprocess.Popen([bin_dir / "dask", "scheduler", "--host", "127.0.0.1",
                                   "--port", str(port), "--dashboard-address", ":0"],
                                  env=quiet, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(3)
        for _ in range(workers):
            processes.append(subprocess.Popen(
                [bin_dir / "dask", "worker", address, "--nthreads", "1", "--nworkers", "1",
                 "--no-nanny", "--memory-limit", "0"],
                env=quiet, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(5)
        return run(address, [p.pid for p in processes[1:]])
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--notebooks", nargs="+", default=settings.notebook_names())
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--dask", type=int, default=0, help="also grade on this many workers")
    parser.add_argument("--json", help="write the numbers here")
    args = parser.parse_args()
    unknown = set(args.notebooks) - set(settings.notebook_names())
    if unknown:
        parser.error(f"unknown notebooks {sorted(unknown)}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="annlab-scale-") as tmp:
        tmp = pathlib.Path(tmp)
        wrong = make_class(tmp / "class", args.students, args.notebooks)
        count = args.students * len(args.notebooks)
        print(f"class: {args.students} students x {len(args.notebooks)} notebooks = {count} "
              f"submissions ({wrong} known-wrong answers drawn)")
        for jobs in args.jobs:
            results[f"--jobs {jobs}"] = grade(tmp / "class", tmp / f"course-jobs{jobs}",
                                              args.notebooks, ["--jobs", str(jobs)])
            shutil.rmtree(tmp / f"course-jobs{jobs}" / "autograded", ignore_errors=True)
        if args.dask:
            def run(address, pids):
                # the workers are not children of the grade command: sample them instead
                peaks = {}
                samplers = [PeakMemory(pid) for pid in pids]
                for sampler in samplers:
                    sampler.__enter__()
                try:
                    seconds, _, recording = grade(tmp / "class", tmp / "course-dask",
                                                  args.notebooks, ["--scheduler", address])
                finally:
                    for pid, sampler in zip(pids, samplers):
                        sampler.__exit__(None, None, None)
                        own = psutil.Process(pid).memory_info().rss if psutil.pid_exists(pid) else 0
                        peaks[pid] = max([own, *sampler.peaks.values()]) + own
                return seconds, peaks, recording
            results[f"dask, {args.dask} workers"] = with_dask(args.dask, run)
    text, table = _table(results, count, args.students)
    print(text)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(table, indent=1) + "\n")


def _table(results, count, students):
    """``(text, numbers)``: the markdown table and the projection, and the numbers by run."""
    base = results.get("--jobs 1", next(iter(results.values())))[0]
    lines = ["", "| run | wall time (s) | notebooks / min | s per student | speed-up vs first | "
             "peak memory per worker (MB) | recording (s per notebook) |",
             "|---|---|---|---|---|---|---|"]
    table = {}
    for label, (seconds, peaks, recording) in results.items():
        per_minute = 60 * count / seconds
        peak = max(peaks.values()) / 2**20 if peaks else float("nan")
        table[label] = {"seconds": round(seconds, 1), "notebooks_per_minute": round(per_minute, 2),
                        "seconds_per_student": round(seconds / students, 1),
                        "speedup": round(base / seconds, 2), "peak_worker_mb": round(peak),
                        "record_seconds_per_notebook": round(recording / count, 3)}
        lines.append(f"| {label} | {seconds:.1f} | {per_minute:.1f} | {seconds / students:.1f} | "
                     f"{base / seconds:.2f} | {peak:.0f} | {recording / count:.3f} |")
    best = max(table.values(), key=lambda row: row["notebooks_per_minute"])
    writer = max(row["record_seconds_per_notebook"] for row in table.values())
    ceiling = 60 / writer if writer > 0 else float("inf")   # notebooks/min of the one writer
    full = 300 * 8
    lines.append(f"\nprojection for 300 students x 8 notebooks ({full} submissions) at the best "
                 f"rate here ({best['notebooks_per_minute']:.1f} notebooks/min per machine), "
                 f"capped by the single gradebook writer ({writer:.3f} s per notebook, at most "
                 f"{ceiling:.0f} notebooks/min):")
    for machines in (1, 2, 4, 8, 16, 32):
        rate = min(best["notebooks_per_minute"] * machines, ceiling)
        lines.append(f"  {machines:>2} machine(s): {full / rate:.0f} min"
                     + ("  (writer-bound)" if rate == ceiling else ""))
    lines.append(f"it stops scaling at about {ceiling / best['notebooks_per_minute']:.0f} "
                 "machines like this one, where the writer is saturated")
    return "\n".join(lines), table


if __name__ == "__main__":
    main()
