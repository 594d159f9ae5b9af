"""A crash costs only its own cells (issue 16, fault 2).

A class of 01_neuron submissions, graded once through the real grading command (``--jobs 2``,
sandboxed kernels). Each faulty submission is the solution with one fault added:

* ``a_exit_in_answer``: the ``relu`` answer cell starts with ``os._exit(0)``;
* ``b_segfault_in_answer``: the ``sigmoid`` answer cell starts with a real SIGSEGV in C code
  (``faulthandler._sigsegv()``; ``ctypes``, the other usual way, is refused by the integrity
  scan before any cell runs, see ``test_ctypes_is_refused_before_it_can_crash``);
* ``c_memory_in_answer``: the ``elu`` answer cell grows a list of arrays past the kernel's
  address-space limit (``MemoryError`` with the memory still held, or a kernel killed by it);
* ``d_exit_in_test``: ``relu`` is right but calls ``os._exit(1)`` on 3-D input, so the kernel
  dies inside the hidden part of ``test_relu``;
* ``e_too_many``: four answer cells call ``os._exit``: more deaths than a notebook survives.

Each of the first four is compared with an independent reference graded in the same run: the
same notebook with the crashing answer cell emptied (a crash at the top of a cell defines
nothing; the new kernel has none of the cell's effects), or, for the crash inside a test,
with ``os._exit`` replaced by ``raise`` (a crash must cost what an exception costs). The
per-test scores must be identical, the student's feedback must say what happened in that
cell, and the state and the class report must list each death.
"""

import json
import re
import time

import pytest
from crash_class import _cell

from autograder import cli
from autograder.course import Course
from autograder.grade.run import STATE_FILE, read_scores
from autograder.notebooks import read_notebook, write_notebook
from autograder.safety.tamper import scan
from autograder.settings import REPO
from conftest import TIMINGS

NAME = "01_neuron"
MEMORY_MB = 3072
HOG = "import numpy as _np\n_hoard = []\nwhile True:\n    _hoard.append(_np.ones(10**7))\n"
RELU_3D = ("def relu(z):\n    z = np.asarray(z, dtype=float)\n    if z.ndim == 3:\n"
           "        {fault}\n    return np.maximum(z, 0.0)\n")

#: student -> (reference student, grade_id of the crashed cell, what the evidence must say)
CRASHES = {
    "a_exit_in_answer": ("ref_no_relu", "relu", "exit code 0"),
    "b_segfault_in_answer": ("ref_no_sigmoid", "sigmoid", "SIGSEGV"),
    "c_memory_in_answer": ("ref_no_elu", "elu", "memory"),
    "d_exit_in_test": ("ref_relu_raises", "test_relu", "exit code 1"),
}


def _solution():
    return read_notebook(REPO / "solutions" / NAME / f"{NAME}.ipynb")


def _with(edits):
    """The solution with ``{grade_id: new source}`` (a callable gets the old source)."""
    nb = _solution()
    for grade_id, source in edits.items():
        cell = _cell(nb, grade_id)
        cell.source = source(cell.source) if callable(source) else source
    return nb


def _make_class(out, only=None):
    """Writes the class (``only``: these students) under ``out``; returns the names."""
    def first(code):
        return lambda old: code + "\n" + old

    notebooks = {
        "a_exit_in_answer": _with({"relu": first("import os\nos._exit(0)")}),
        "ref_no_relu": _with({"relu": "pass"}),
        "b_segfault_in_answer": _with({"sigmoid": first("import faulthandler\n"
                                                        "faulthandler._sigsegv()")}),
        "ref_no_sigmoid": _with({"sigmoid": "pass"}),
        "c_memory_in_answer": _with({"elu": first(HOG)}),
        "ref_no_elu": _with({"elu": "pass"}),
        "d_exit_in_test": _with({"relu": "import os\n\n" + RELU_3D.format(fault="os._exit(1)")}),
        "ref_relu_raises": _with({"relu": RELU_3D.format(
            fault="raise RuntimeError('3-D input')")}),
        "e_too_many": _with({g: first("import os\nos._exit(0)")
                             for g in ("weighted_sum", "sigmoid", "relu", "leaky_relu")}),
    }
    notebooks = {s: nb for s, nb in notebooks.items() if only is None or s in only}
    for student, nb in notebooks.items():
        folder = out / student / NAME
        folder.mkdir(parents=True)
        write_notebook(nb, folder / f"{NAME}.ipynb")
    return sorted(notebooks)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("crash-recovery")
    students = _make_class(out / "class")
    start = time.perf_counter()
    code = cli.main(["grade", str(out / "class"), "--course", str(out / "course"),
                     "--assignments", NAME, "--memory-mb", str(MEMORY_MB), "--jobs", "2",
                     "--no-progress"])
    TIMINGS[f"crash recovery ({len(students)} x {NAME}, --jobs 2)"] = time.perf_counter() - start
    assert code == 0, f"the grading command failed (exit code {code})"
    course = Course(out / "course")
    scores = read_scores(course, [NAME])
    return {"course": course, "students": students,
            "state": json.loads((course.root / STATE_FILE).read_text()),
            "tests": {student: {g: s for g, s in scores[(student, NAME)].items()
                                if g.startswith("test_")} for (student, _) in scores},
            "report": (course.root / "report" / "report.md").read_text()}


def _entry(graded, student):
    return graded["state"][f"{NAME}/{student}"]


def test_everyone_is_in_the_state(graded):
    assert sorted(k.split("/", 1)[1] for k in graded["state"]) == graded["students"]


@pytest.mark.parametrize("student", sorted(CRASHES))
def test_a_crash_costs_what_losing_its_cell_costs(graded, student):
    reference, _, _ = CRASHES[student]
    entry, ref_entry = _entry(graded, student), _entry(graded, reference)
    assert ref_entry["status"] == "graded", f"the reference {reference} was not graded: {ref_entry}"
    assert entry["status"] == "graded", (
        f"{student}: a crash in one cell must not fail the notebook: {entry.get('reason')}")
    got, expected = graded["tests"][student], graded["tests"][reference]
    assert set(got) == set(expected), f"{student}: tests {sorted(got)} != {sorted(expected)}"
    differing = {test: (got[test], expected[test]) for test in got if got[test] != expected[test]}
    assert not differing, (
        f"{student}: per-test scores (got, reference {reference}) differ: {differing}")
    points = sum(s for s, _ in got.values())
    maximum = sum(m for _, m in got.values())
    assert 0 < points < maximum, (
        f"{student}: the crash must cost some tests and keep the others, got {points} of {maximum}")


@pytest.mark.parametrize("student", sorted(CRASHES))
def test_the_death_is_recorded_with_its_evidence(graded, student):
    _, grade_id, says = CRASHES[student]
    deaths = _entry(graded, student).get("survived")
    assert isinstance(deaths, list) and deaths, f"{student}: no death recorded in the state"
    assert deaths[0]["grade_id"] == grade_id, (
        f"{student}: the crashed cell should be {grade_id}, got {deaths[0]}")
    assert says.lower() in deaths[0]["what"].lower(), (
        f"{student}: the evidence should say {says!r}: {deaths[0]['what']}")
    line = re.escape(f"- `{NAME}/{student}`: cell {deaths[0]['cell']} ({grade_id}): ")
    assert "## Graded after a kernel death" in graded["report"], "report.md lacks the section"
    assert re.search(line, graded["report"]), f"report.md must list {student}'s death"


@pytest.mark.parametrize("student", sorted(CRASHES))
def test_feedback_says_what_happened_in_that_cell(graded, student):
    path = graded["course"].root / "feedback" / student / NAME / f"{NAME}.html"
    text = path.read_text()
    assert "graded the rest of the notebook" in text, (
        f"{student}: the feedback must say the rest was graded after the crash")
    assert re.search(r"Kernel(Died|Restarted)", text), f"{student}: no crash note in the feedback"
    autograded = read_notebook(graded["course"].root / "autograded" / student / NAME
                               / f"{NAME}.ipynb")
    _, grade_id, _ = CRASHES[student]
    notes = [o for o in _cell(autograded, grade_id).outputs
             if o.get("ename") in ("KernelDied", "KernelRestarted")]
    assert len(notes) == 1, f"{student}: the crashed cell {grade_id} must carry one crash note"


def test_perfect_cells_around_the_crash_keep_their_outputs(graded):
    """Cells that ran before the death keep the outputs of their first run."""
    autograded = read_notebook(graded["course"].root / "autograded" / "a_exit_in_answer" / NAME
                               / f"{NAME}.ipynb")
    before = _cell(autograded, "test_sigmoid")
    texts = "".join(o.get("text", "") for o in before.outputs if o.get("output_type") == "stream")
    assert "sigmoid" in texts and "passed" in texts, (
        f"test_sigmoid (run before the crash) lost its output: {before.outputs}")


def test_too_many_deaths_fail_the_notebook_with_the_count(graded):
    entry = _entry(graded, "e_too_many")
    assert entry["status"] == "failed", f"four deaths must fail the notebook: {entry}"
    assert "4 times" in entry["reason"], f"the reason must give the count: {entry['reason']}"
    assert f"`{NAME}/e_too_many`" in graded["report"].split("## Could not be graded")[1]


def test_ctypes_is_refused_before_it_can_crash():
    """Why the segfault case uses ``faulthandler``: a ``ctypes`` import is refused by the
    integrity scan, so that cell never runs."""
    findings = scan("import ctypes\nctypes.string_at(0)")
    assert any("ctypes" in finding.message for finding in findings), findings


def test_plain_kernels_survive_too(tmp_path):
    """With ``--no-sandbox`` (plain local kernels, no zygote to report the exit status) the
    notebook is graded through the death just the same, against the same reference."""
    _make_class(tmp_path / "class", only=("a_exit_in_answer", "ref_no_relu"))
    code = cli.main(["grade", str(tmp_path / "class"), "--course", str(tmp_path / "course"),
                     "--assignments", NAME, "--no-sandbox", "--jobs", "1", "--no-progress"])
    assert code == 0
    course = Course(tmp_path / "course")
    state = json.loads((course.root / STATE_FILE).read_text())
    entry = state[f"{NAME}/a_exit_in_answer"]
    assert entry["status"] == "graded", f"a plain kernel's death must not fail the notebook: {entry}"
    assert entry["survived"][0]["grade_id"] == "relu", entry["survived"]
    scores = read_scores(course, [NAME])
    assert scores[("a_exit_in_answer", NAME)] == scores[("ref_no_relu", NAME)], (
        "with plain kernels the crash must cost what losing the relu cell costs")
