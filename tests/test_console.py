"""A quiet console: the real ``python -m autograder grade`` (01_neuron, two students,
``--jobs 2``) prints a progress bar, the grade table and the paths, nothing else: every line
of its stdout and stderr must match one of the expected shapes below (no kernel notices, no
SQLAlchemy warnings, no traitlets config warnings). ``--verbose`` shows nbgrader's log."""

import os
import re
import shutil
import subprocess
import sys
import time

from autograder.qa import sample_class
from conftest import ROOT, TIMINGS

NAME = "01_neuron"
STUDENTS = ("perfect", "late")

ALLOWED = [re.compile(pattern) for pattern in (
    r"",                                                            # blank
    r"grading: +\d+%\|[^|]*\| \d+/\d+ \[[^\]]*\]",                  # tqdm progress bar
    rf"student +{NAME} +total +awaiting manual",                    # grade table header
    # a student's row: score (or -, or a late zero with its penalty), total, pending points
    r"[A-Za-z0-9._-]+ +(\d+(\.\d+)?( \(late -\d+(\.\d+)?\))?|-) +\d+(\.\d+)?( +(\d+(\.\d+)?|-))?",
    r"\(max\) +\d+(\.\d+)? +\d+(\.\d+)?",                           # maxima
    r"awaiting manual: \d+(\.\d+)? points of written answers are not graded yet .*",  # legend
    r"\(late -N\): submitted after the due date; .*",                 # legend
    r"\d+ graded, \d+ unchanged, \d+ could not be graded, in \d+\.\d s "
    r"\(jobs=\d+; \d+\.\d s of it recording results\)\.",
    r"gradebook: sqlite:////\S+",
    r"report: +/\S+report\.html \(grades\.csv, tests\.csv, pass_rates\.png, scores\.png, "
    r"mistakes\.png\)",
    r"feedback: +/\S+",
)]


def _run(*args, cwd):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONWARNINGS", "TF_CPP_MIN_LOG_LEVEL")}  # as an instructor's shell
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout, done.stderr


def _unexpected(text):
    lines = re.split(r"[\r\n]", text)
    return [line for line in lines if not any(p.fullmatch(line.rstrip()) for p in ALLOWED)]


def test_grade_prints_only_progress_table_and_paths(tmp_path):
    sample = tmp_path / "sample"
    sample_class.make_sample_class(sample, [NAME])
    for student in os.listdir(sample / "submitted"):
        if student not in STUDENTS:
            shutil.rmtree(sample / "submitted" / student)
    course = tmp_path / "course"
    start = time.perf_counter()
    code, out, err = _run(str(sample), "--course", str(course), "--jobs", "2", "--duedate",
                          sample_class.DUEDATE, "--late-penalty", "zero", cwd=tmp_path)
    TIMINGS["console: grade 2 students --jobs 2 (subprocess)"] = time.perf_counter() - start
    assert code == 0, f"exit code {code}\n{out}\n{err}"
    assert "2 graded, 0 unchanged, 0 could not be graded" in out, out
    assert re.search(r"grading: 100%\|[^|]*\| 2/2", err), f"no progress bar on stderr:\n{err}"
    unexpected = _unexpected(out) + _unexpected(err)
    assert not unexpected, "lines that are not progress, table or paths:\n" + "\n".join(unexpected)

    # --verbose: nbgrader's own log is shown (a rerun: only the set-up runs nbgrader)
    code, out, err = _run(str(sample), "--course", str(course), "--verbose", cwd=tmp_path)
    assert code == 0, f"exit code {code}\n{out}\n{err}"
    assert "0 graded, 2 unchanged" in out, out
    assert re.search(rf"\[nbgrader generate_assignment {NAME}\]\n\[(INFO|WARNING)\] ", err), \
        f"--verbose shows no nbgrader log:\n{out}\n{err}"
