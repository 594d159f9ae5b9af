"""nbgrader's exchange end to end (the JupyterHub flow), through nbgrader's own CLI.

The instructor releases ``01_neuron`` into a local exchange directory; two students, each in
their own home directory, fetch it and submit (``alice`` first, ``bob`` second); the
instructor collects; ``python -m autograder grade`` grades what was collected. The due date
lies between the two real submit timestamps, so ``bob`` is late, deterministically, and
``--late-penalty zero`` takes all his points.
"""

import csv
import datetime
import os
import shutil
import subprocess
import sys
import time

from autograder import cli
from autograder.course import Course
from autograder.notebooks import graded_functions, read_notebook
from autograder.settings import COURSE_ID
from conftest import ROOT, SOURCE, TIMINGS

NAME = "01_neuron"
STUDENTS = ("alice", "bob")


def _nbgrader(*args, cwd, home, exchange):
    """One nbgrader CLI command, as the user whose home is ``home``."""
    env = dict(os.environ, HOME=str(home), JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
               JUPYTER_CONFIG_DIR=str(home / ".jupyter"))
    command = [sys.executable, "-m", "nbgrader", *args, f"--Exchange.root={exchange}",
               f"--CourseDirectory.course_id={COURSE_ID}", "--Exchange.path_includes_course=False"]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _parse_stamp(text):
    # nbgrader's timestamp_format: "%Y-%m-%d %H:%M:%S.%f %Z" in UTC
    return datetime.datetime.strptime(text.strip().replace(" UTC", ""), "%Y-%m-%d %H:%M:%S.%f")


def test_release_fetch_submit_collect_grade(tmp_path):
    start = time.perf_counter()
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    instructor = tmp_path / "instructor"
    instructor.mkdir()
    course = Course.create(instructor / "course", [NAME])
    course.generate_assignment(NAME)
    _nbgrader("release_assignment", NAME, f"--CourseDirectory.root={course.root}",
              cwd=course.root, home=instructor, exchange=exchange)
    assert (exchange / COURSE_ID / "outbound" / NAME / f"{NAME}.ipynb").exists()

    solution = ROOT / "solutions" / NAME / f"{NAME}.ipynb"
    for student in STUDENTS:
        home = tmp_path / student
        home.mkdir()
        _nbgrader("fetch_assignment", NAME, cwd=home, home=home, exchange=exchange)
        fetched = home / NAME / f"{NAME}.ipynb"
        assert fetched.exists(), f"{student}: nothing fetched into {home / NAME}"
        shutil.copy(solution, fetched)  # the student's finished work
        _nbgrader("submit", NAME, f"--student={student}", cwd=home, home=home, exchange=exchange)
        time.sleep(0.05)  # bob's timestamp is strictly later than alice's
    inbound = sorted(p.name.split("+")[0] for p in (exchange / COURSE_ID / "inbound").iterdir())
    assert inbound == list(STUDENTS), f"inbound holds {inbound}"

    _nbgrader("collect", NAME, f"--CourseDirectory.root={course.root}",
              "--CollectApp.check_owner=False",  # all users are root in this test
              cwd=course.root, home=instructor, exchange=exchange)
    stamps = {s: _parse_stamp((course.root / "submitted" / s / NAME / "timestamp.txt").read_text())
              for s in STUDENTS}
    assert stamps["alice"] < stamps["bob"], stamps
    duedate = stamps["alice"] + (stamps["bob"] - stamps["alice"]) / 2
    duedate_text = duedate.strftime("%Y-%m-%d %H:%M:%S.%f UTC")

    code = cli.main(["grade", str(course.root), "--course", str(course.root), "--assignments",
                     NAME, "--duedate", duedate_text, "--late-penalty", "zero", "--no-progress"])
    TIMINGS["exchange: release, 2 fetch/submit, collect, grade"] = time.perf_counter() - start
    assert code == 0

    auto_max = sum(f.points for f in graded_functions(
        read_notebook(SOURCE / NAME / f"{NAME}.ipynb")).values())
    with open(course.root / "report" / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(STUDENTS), f"grades.csv students: {sorted(rows)}"
    for student in STUDENTS:
        row = rows[student]
        assert float(row["raw_score"]) == auto_max, f"{student}: raw {row['raw_score']} != {auto_max}"
        assert row["timestamp"] == stamps[student].strftime("%Y-%m-%d %H:%M:%S.%f"), \
            f"{student}: gradebook timestamp {row['timestamp']} is not the collected one"
    assert float(rows["alice"]["late_submission_penalty"]) == 0.0
    assert float(rows["alice"]["score"]) == auto_max
    assert float(rows["bob"]["late_submission_penalty"]) == auto_max, "bob is late: zero penalty"
    assert float(rows["bob"]["score"]) == 0.0
    report = (course.root / "report" / "report.md").read_text()
    assert "submission_secret" not in report, "nbgrader's exchange files reported as extra files"
    for student in STUDENTS:
        assert (course.root / "feedback" / student / NAME / f"{NAME}.html").exists(), student
