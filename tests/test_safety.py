"""Bad and hostile submissions, graded through the real grading command in one batch.

``tests/hostile.py`` builds the class (one fault or attack per student, plus a perfect
control) and says what each must get. One ``annlab grade`` run (``--jobs 2``, the sandbox,
short cell timeout, a 3 GB memory limit) grades them all; every test below reads what that
run left: the gradebook, the state file (failures and findings), the autograded notebooks,
the feedback and the report.
"""

import json
import os
import subprocess
import sys

import pytest

from autograder import cli
from autograder.course import Course
from autograder.grade.run import STATE_FILE, read_scores
from autograder.notebooks import graded_functions, read_notebook
from autograder.qa import sample_class
from autograder.settings import REPO
from conftest import SOURCE, TIMINGS
from hostile import STUDENTS, make_hostile_class

NAME = "01_neuron"
CELL_TIMEOUT = 8
MEMORY_MB = 3072
MAX_PROCESSES = 128   # a fork bomb reaches it within the cell timeout (each fork copies ~1 GB of mappings)


def _auto_scores(course, student):
    scores = read_scores(Course(course), [NAME]).get((student, NAME))
    if scores is None:
        return None
    return {g: s for g, s in scores.items() if g.startswith("test_")}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    import time
    out = tmp_path_factory.mktemp("hostile")
    course = out / "course"
    spy_targets = [
        REPO / "source" / NAME / f"{NAME}.ipynb",
        REPO / "solutions" / NAME / f"{NAME}.ipynb",
        REPO / ".git" / "config",
        course / "gradebook.db",
        course / "submitted" / "perfect" / NAME / f"{NAME}.ipynb",
        "../../../submitted/perfect/*/*.ipynb",
        "/tmp/annlab-job-*/source/*/*.ipynb",
        "/tmp/annlab-job-*/gradebook.db",
        "/etc/shadow",
        "/root/.ssh/*",
    ]
    students = make_hostile_class(out / "class", NAME, spy_targets)
    start = time.perf_counter()
    code = cli.main(["grade", str(out / "class"), "--course", str(course), "--assignments", NAME,
                     "--jobs", "2", "--cell-timeout", str(CELL_TIMEOUT), "--memory-mb",
                     str(MEMORY_MB), "--max-processes", str(MAX_PROCESSES), "--no-progress"])
    TIMINGS[f"grade hostile class ({len(students)} submissions of {NAME}, --jobs 2)"] = (
        time.perf_counter() - start)
    state = json.loads((course / STATE_FILE).read_text())
    return {"code": code, "course": course, "students": students, "state": state}


def _entry(graded, student):
    return graded["state"][f"{NAME}/{student}"]


def _outputs(graded, student):
    path = graded["course"] / "autograded" / student / NAME / f"{NAME}.ipynb"
    nb = read_notebook(path)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") if isinstance(output.get("text", ""), str) else "")
            texts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}")
            texts.extend(output.get("traceback", []))
    return "\n".join(texts), path.stat().st_size


def test_batch_finishes_with_success_exit_code(graded):
    assert graded["code"] == 0, "a bad submission must never make the grading command fail"


def test_every_case_is_checked(graded):
    assert sorted(graded["students"]) == sorted(STUDENTS)


@pytest.mark.parametrize("student", STUDENTS)
def test_outcome(graded, student):
    expect = graded["students"][student]
    entry = _entry(graded, student)
    if expect.failed:
        assert entry["status"] == "failed", f"{student}: should have failed, got {entry}"
        assert expect.failed in entry["reason"], (
            f"{student}: the reason should say {expect.failed!r}, it says {entry['reason']!r}")
        return
    if expect.may_fail and entry["status"] == "failed":
        assert expect.may_fail in entry["reason"], f"{student}: {entry['reason']}"
        return
    assert entry["status"] == "graded", f"{student}: not graded: {entry.get('reason')}"
    scores = _auto_scores(graded["course"], student)
    functions = graded_functions(read_notebook(SOURCE / NAME / f"{NAME}.ipynb"))
    maximum = sum(f.points for f in functions.values())
    assert sum(m for _, m in scores.values()) == maximum, (
        f"{student}: points must come from the course source, got maxima {scores}")
    got = sum(s for s, _ in scores.values())
    assert got == expect.score, f"{student}: expected {expect.score} points, got {got}: {scores}"
    for test in expect.zero:
        assert scores[test][0] == 0, f"{student}: {test} must score 0, got {scores[test]}"
    messages = " | ".join(f"{f['kind']} {f['cell']}: {f['message']}"
                          for f in entry.get("findings", []))
    for fragment in expect.findings:
        assert fragment in messages, f"{student}: findings should mention {fragment!r}: {messages}"
    if expect.output_has or expect.output_lacks:
        text, _ = _outputs(graded, student)
        for fragment in expect.output_has:
            assert fragment in text, f"{student}: outputs should show {fragment!r}"
        for fragment in expect.output_lacks:
            lines = [line for line in text.splitlines() if fragment in line]
            assert not lines, f"{student}: outputs must not show {fragment!r}: {lines[:5]}"


@pytest.mark.parametrize("student", ["output_flood", "display_flood"])
def test_output_flood_is_truncated(graded, student):
    _, size = _outputs(graded, student)
    assert size < 3_000_000, f"the autograded notebook of {student} is {size} bytes"


def test_spy_saw_nothing(graded):
    text, _ = _outputs(graded, "spy")
    blocked = [line for line in text.splitlines() if line.startswith("BLOCKED")]
    assert len(blocked) >= 12, f"every probe should report BLOCKED: {text[:2000]}"


def test_other_submissions_untouched(graded):
    perfect = _auto_scores(graded["course"], "perfect")
    assert all(s == m for s, m in perfect.values()), f"the control student lost points: {perfect}"


def test_feedback_tells_the_student(graded):
    html = (graded["course"] / "feedback" / "tampered_tests" / NAME / f"{NAME}.html").read_text()
    assert "restored" in html, "the feedback should say which test cells were restored"
    html = (graded["course"] / "feedback" / "patch_checks" / NAME / f"{NAME}.html").read_text()
    assert "not run" in html, "the feedback should say which cell was not run and why"


def test_report_lists_failures_and_findings(graded):
    report = (graded["course"] / "report" / "report.md").read_text()
    for student, expect in graded["students"].items():
        if expect.failed or expect.findings:
            assert f"{NAME}/{student}" in report, f"the report should name {student}"


def test_gradebook_lists_everyone_and_rerun_changes_nothing(graded):
    before = read_scores(Course(graded["course"]), [NAME])
    csv_text = (graded["course"] / "report" / "grades.csv").read_text()
    for student in graded["students"]:
        assert student in csv_text, f"{student} missing from grades.csv"
    code = cli.main(["grade", str(graded["course"].parent / "class"), "--course",
                     str(graded["course"]), "--assignments", NAME, "--no-progress"])
    assert code == 0
    assert read_scores(Course(graded["course"]), [NAME]) == before


def test_no_kernel_outlives_the_run(graded):
    uids = subprocess.run(["ps", "-eo", "uid="], capture_output=True, text=True).stdout.split()
    left = [u for u in uids if 61000 <= int(u) < 65000]
    assert not left, f"{len(left)} sandboxed processes are still running after grading"


def test_refuses_without_sandbox_unless_told(tmp_path):
    sample_class.make_sample_class(tmp_path / "class", [NAME])
    env = dict(os.environ, ANNLAB_BWRAP="/nonexistent/bwrap")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"),
                          "--course", str(tmp_path / "course"), "--assignments", NAME,
                          "--no-progress"], env=env, capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "--no-sandbox" in run.stderr and "bubblewrap" in run.stderr, run.stderr
    assert not (tmp_path / "course" / "gradebook.db").exists(), "nothing may be graded"


def test_no_sandbox_flag_grades_anyway(tmp_path):
    folder = tmp_path / "class" / "submitted" / "perfect" / NAME
    folder.mkdir(parents=True)
    (folder / f"{NAME}.ipynb").write_bytes((REPO / "solutions" / NAME / f"{NAME}.ipynb").read_bytes())
    env = dict(os.environ, ANNLAB_BWRAP="/nonexistent/bwrap")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"),
                          "--course", str(tmp_path / "course"), "--assignments", NAME,
                          "--no-progress", "--no-sandbox"], env=env, capture_output=True,
                         text=True, cwd=REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning: --no-sandbox" in run.stderr
    scores = _auto_scores(tmp_path / "course", "perfect")
    assert all(s == m for s, m in scores.values()), scores


def test_same_submission_ten_times_same_grades(tmp_path):
    """Determinism: ten students hand in the very same notebook (with mistakes, so that
    some tests fail), graded in parallel: every per-test score is identical."""
    import time
    notebook, _ = sample_class.mistakes_notebook(NAME)
    from autograder.notebooks import write_notebook
    for i in range(10):
        folder = tmp_path / "class" / "submitted" / f"copy{i:02d}" / NAME
        folder.mkdir(parents=True)
        write_notebook(notebook, folder / f"{NAME}.ipynb")
    start = time.perf_counter()
    code = cli.main(["grade", str(tmp_path / "class"), "--course", str(tmp_path / "course"),
                     "--assignments", NAME, "--jobs", "2", "--no-progress"])
    TIMINGS[f"grade one submission of {NAME} 10 times (--jobs 2)"] = time.perf_counter() - start
    assert code == 0
    scores = [_auto_scores(tmp_path / "course", f"copy{i:02d}") for i in range(10)]
    assert all(s == scores[0] for s in scores), f"grades differ between copies: {scores}"
    assert 0 < sum(s for s, _ in scores[0].values()) < sum(m for _, m in scores[0].values())
