"""A crashing submission never costs an innocent one its grade (issue 18).

``tests/crash_class.py`` builds a 01_neuron class: four faulty submissions (``os._exit``, a
memory hog, an endless fork, an endless loop) graded first, then four whose code is correct
(one with test-cell metadata edited: points raised to 100, a grade_id renamed). The correct
ones are graded three times through the real grading command: without the faulty
neighbours, in the mixed batch with ``--jobs 2``, and in the mixed batch with ``--jobs 1``
(one process, every job in sequence in the same sandbox). Each correct submission must get
exactly the per-test scores it gets without neighbours, and each failed one must be reported
with the evidence for "kernel died" (exit code or signal, the cell that was running).
"""

import json
import time

import pytest

from autograder import cli, grading
from autograder.course import Course
from autograder.notebooks import graded_functions, read_notebook
from conftest import SOURCE, TIMINGS
from crash_class import CORRECT, NAME, STUDENTS, make_crash_class

CELL_TIMEOUT = 8      # the endless loop costs one cell timeout
MEMORY_MB = 3072
MAX_PROCESSES = 64    # the endless fork stops here


def _grade(tmp_path_factory, label, students, jobs):
    out = tmp_path_factory.mktemp(label)
    make_crash_class(out / "class", students)
    start = time.perf_counter()
    code = cli.main(["grade", str(out / "class"), "--course", str(out / "course"),
                     "--assignments", NAME, "--jobs", str(jobs), "--cell-timeout",
                     str(CELL_TIMEOUT), "--memory-mb", str(MEMORY_MB), "--max-processes",
                     str(MAX_PROCESSES), "--no-progress"])
    TIMINGS[f"crash isolation: {label} ({len(students)} x {NAME}, --jobs {jobs})"] = (
        time.perf_counter() - start)
    assert code == 0, f"{label}: the grading command failed (exit code {code})"
    scores = grading.read_scores(Course(out / "course"), [NAME])
    tests = {student: {g: s for g, s in scores[(student, NAME)].items() if g.startswith("test_")}
             for (student, _) in scores}
    state = json.loads((out / "course" / grading.STATE_FILE).read_text())
    report = (out / "course" / "report" / "report.md").read_text()
    return {"tests": tests, "state": state, "report": report}


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    return _grade(tmp_path_factory, "alone", CORRECT, jobs=1)


@pytest.fixture(scope="module", params=[2, 1], ids=["jobs2", "jobs1"])
def mixed(request, tmp_path_factory):
    return _grade(tmp_path_factory, f"mixed-jobs{request.param}", STUDENTS, jobs=request.param)


def test_correct_alone_get_full_points(alone):
    functions = graded_functions(read_notebook(SOURCE / NAME / f"{NAME}.ipynb"))
    maximum = sum(f.points for f in functions.values())
    for student in CORRECT:
        scores = alone["tests"].get(student)
        assert isinstance(scores, dict), f"{student} was not graded alone: {alone['state']}"
        assert sum(m for _, m in scores.values()) == maximum, (
            f"{student}: maxima must come from the source ({maximum}), got {scores}")
        assert sum(s for s, _ in scores.values()) == maximum, (
            f"{student}: correct code must get {maximum} alone, got {scores}")


@pytest.mark.parametrize("student", CORRECT)
def test_correct_gets_same_scores_beside_crashes(alone, mixed, student):
    entry = mixed["state"][f"{NAME}/{student}"]
    assert entry["status"] == "graded", (
        f"{student} was not graded beside crashing neighbours: {entry.get('reason')}")
    assert mixed["tests"][student] == alone["tests"][student], (
        f"{student}: per-test scores beside crashing neighbours {mixed['tests'][student]} "
        f"differ from alone {alone['tests'][student]}")


def test_faulty_ones_do_not_get_full_points(mixed, alone):
    full = sum(s for s, _ in alone["tests"]["f_perfect"].values())
    for student in set(STUDENTS) - set(CORRECT):
        entry = mixed["state"][f"{NAME}/{student}"]
        if entry["status"] == "graded":
            got = sum(s for s, _ in mixed["tests"][student].values())
            assert got < full, f"{student}: a broken relu cannot get {got} of {full}"


def test_kernel_death_evidence_is_reported(mixed):
    entry = mixed["state"][f"{NAME}/a_os_exit"]
    assert entry["status"] == "failed", f"os._exit must fail the notebook: {entry}"
    reason = entry["reason"]
    assert "kernel died" in reason, reason
    assert "exit code 0" in reason, f"the reason must give the exit code: {reason}"
    assert "while running cell" in reason and "(relu)" in reason, (
        f"the reason must name the running cell: {reason}")
    assert entry["evidence"]["exit_code"] == 0 and entry["evidence"]["grade_id"] == "relu"
    assert "rerun" not in entry, f"a death caused by the submission is not re-run: {entry}"
    for student in set(STUDENTS) - set(CORRECT):
        entry = mixed["state"][f"{NAME}/{student}"]
        if entry["status"] == "failed":
            assert f"`{NAME}/{student}`: {entry['reason']}" in mixed["report"], (
                f"report.md must list {student} with its evidence")
            assert "signal" in entry["reason"] or "exit code" in entry["reason"], entry["reason"]
