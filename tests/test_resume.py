"""Nothing is lost when the grade command itself dies, and one command runs per course.

* ``kill -9`` of a real grade command (a subprocess) after its first recorded submission:
  the gradebook holds only complete submissions, and the same command run again grades only
  what was not recorded, ending with every score right.
* A second grade command on the same course while the first runs refuses at once, naming the
  course directory, and changes nothing.
* A death between the gradebook write and the state write, either way round, is repaired
  by the next run (in process: the moment is chosen exactly).

The class is five ``01_neuron`` submissions whose scores are known without grading: three
solutions (full points), the untouched release (0) and a truncated file (cannot be graded).
"""

import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from autograder import cli
from autograder.course import Course
from autograder.grade import collect
from autograder.grade import lock as courselock
from autograder.grade.run import STATE_FILE, GradingRun, read_scores
from autograder.notebooks import graded_functions, read_notebook
from autograder.qa import sample_class
from autograder.settings import COURSE_ID
from conftest import ROOT, SOURCE, TIMINGS, subprocess_env

NAME = "01_neuron"
PERFECT = ("ada", "bob", "cy")
BLANK = "dee"
BROKEN = "eve"
WAIT_S = 900


def _auto_max():
    return sum(f.points for f in graded_functions(read_notebook(SOURCE / NAME / f"{NAME}.ipynb")).values())


def make_class(out):
    """``out/submitted/<student>/01_neuron/`` for the five students; returns ``out``."""
    solution = (ROOT / "solutions" / NAME / f"{NAME}.ipynb").read_bytes()
    release = (ROOT / "exercises" / NAME / f"{NAME}.ipynb").read_bytes()
    contents = {**{s: solution for s in PERFECT}, BLANK: release,
                BROKEN: b'{"cells": [{"cell_type": "code", "sou'}
    for student, data in contents.items():
        folder = out / "submitted" / student / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_bytes(data)
        (folder / "timestamp.txt").write_text(sample_class.ON_TIME)
    return out


def _command(sample, course):
    return [sys.executable, "-m", "autograder", "grade", str(sample), "--course", str(course),
            "--assignments", NAME, "--jobs", "1", "--no-progress"]



def _state(course):
    path = course / STATE_FILE
    try:
        return json.loads(path.read_text()) if path.exists() else {}
    except ValueError:  # never: the state is replaced atomically
        pytest.fail(f"{path} is not valid JSON: written non-atomically")


def _totals(course):
    """``{student: total auto score}`` of every submission the gradebook holds."""
    scores = read_scores(Course(course), [NAME])
    return {student: sum(score for score, _ in grades.values())
            for (student, _), grades in scores.items()}


def _expected(student):
    return _auto_max() if student in PERFECT else 0.0


def test_kill_9_then_rerun_resumes_and_a_second_command_is_refused(tmp_path, capsys):
    sample = make_class(tmp_path / "class")
    course = tmp_path / "course"
    start = time.perf_counter()
    first = subprocess.Popen(_command(sample, course), env=subprocess_env(), cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + WAIT_S
        while not any(e.get("status") == "graded" for e in _state(course).values()):
            assert first.poll() is None, f"the grade command ended early ({first.returncode})"
            assert time.monotonic() < deadline, "no submission recorded in time"
            time.sleep(0.2)

        # a second command on the same course, while the first one runs: refused at once
        started = time.perf_counter()
        code = cli.main(["grade", str(sample), "--course", str(course), "--assignments", NAME,
                         "--no-progress"])
        refused_in = time.perf_counter() - started
        err = capsys.readouterr().err
        assert first.poll() is None, "the first command ended before the second was tried"
        assert code == 2, f"second command: exit code {code}, expected 2 (refused)"
        assert "another grade command is running" in err and str(course.resolve()) in err, err
        assert refused_in < 30, f"the refusal took {refused_in:.1f} s"
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    assert first.returncode == -signal.SIGKILL

    # what the killed command left: only complete submissions, each with its right score
    state = _state(course)
    recorded = {key.split("/")[1] for key, e in state.items()}
    totals = _totals(course)
    assert recorded and set(totals) >= {s for s in recorded if s != BROKEN}, (recorded, totals)
    for student, total in totals.items():
        assert total == _expected(student), f"{student}: {total} after the kill"

    # the same command again: resumes, grades only what was not recorded
    result = subprocess.run(_command(sample, course), env=subprocess_env(), cwd=ROOT,
                            capture_output=True, text=True, timeout=WAIT_S)
    assert result.returncode == 0, result.stdout + result.stderr
    gradable_left = len(set(PERFECT + (BLANK,)) - recorded)
    assert f"\n{gradable_left} graded, {len(recorded)} unchanged" in result.stdout, result.stdout
    TIMINGS["resume: killed run + refused second + rerun (5 submissions)"] = time.perf_counter() - start

    state = _state(course)
    assert set(state) == {f"{NAME}/{s}" for s in PERFECT + (BLANK, BROKEN)}
    assert state[f"{NAME}/{BROKEN}"]["status"] == "failed"
    assert _totals(course) == {s: _expected(s) for s in PERFECT + (BLANK,)}
    with open(course / "report" / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(PERFECT + (BLANK, BROKEN))
    for student, row in rows.items():
        assert float(row["raw_score"]) == _expected(student), (student, row["raw_score"])


class _Died(BaseException):
    """Stands for the process dying at that instant (nothing after it runs)."""


def test_death_between_gradebook_and_state_is_repaired(tmp_path, monkeypatch):
    sample = make_class(tmp_path / "class")
    submissions, _ = collect.collect(sample, [NAME])
    ada = [s for s in submissions if s.student == "ada"]
    course = tmp_path / "course"

    def run(**kwargs):
        return GradingRun(course, [NAME]).grade(ada, progress=False, **kwargs)

    # 1. dies after the gradebook commit and the files, before the state write
    original = GradingRun._write_state

    def die(self):
        if any(e.get("status") == "graded" for e in self.state.values()):
            raise _Died
        original(self)

    monkeypatch.setattr(GradingRun, "_write_state", die)
    with pytest.raises(_Died):
        run()
    monkeypatch.setattr(GradingRun, "_write_state", original)
    assert f"{NAME}/ada" not in _state(course) and _totals(course) == {"ada": _auto_max()}
    summary = run()
    assert summary.graded == [f"{NAME}/ada"] and not summary.skipped, summary
    assert _totals(course) == {"ada": _auto_max()}

    # 2. the other way round: the state lists it, the gradebook lost it
    from nbgrader.api import Gradebook
    with Gradebook(Course(course).db_url, COURSE_ID) as gradebook:
        gradebook.remove_submission(NAME, "ada")
    assert _totals(course) == {}
    summary = run()
    assert summary.graded == [f"{NAME}/ada"] and not summary.skipped, summary
    assert _totals(course) == {"ada": _auto_max()}
    assert run().skipped == [f"{NAME}/ada"], "a consistent record is not regraded"


def test_lock_is_exclusive_and_released(tmp_path):
    with courselock.hold(tmp_path / "c") as path:
        assert path.read_text().strip() == str(os.getpid())
        with pytest.raises(courselock.CourseBusy, match="another grade command is running"):
            # another open file description (as another process would have)
            with courselock.hold(tmp_path / "c"):
                pass
    with courselock.hold(tmp_path / "c"):
        pass
