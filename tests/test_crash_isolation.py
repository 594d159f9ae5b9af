"""A crashing submission never costs an innocent one its grade (issue 18).

``tests/crash_class.py`` builds a 01_neuron class: four faulty submissions (``os._exit``, a
memory hog, an endless fork, an endless loop) graded first, then four whose code is correct
(one with test-cell metadata edited: points raised to 100, a grade_id renamed). The correct
ones are graded through the real grading command without the faulty neighbours (the edited
one and one untouched one: the three untouched ones are the same file), in the mixed batch
with ``--jobs 2``, in the mixed batch with ``--jobs 1`` (one process, every job in
sequence in the same sandbox), and in the mixed batch on a Dask cluster of two worker
processes with two threads each (``--scheduler``). Each correct submission must get
exactly the per-test scores that the same file gets without neighbours, and each failed one
must be reported with the evidence for "kernel died" (exit code or signal, the cell that was running).
"""

import json
import time

import pytest
from crash_class import CORRECT, NAME, STUDENTS, make_crash_class

from autograder import cli
from autograder.course import Course
from autograder.grade.run import STATE_FILE, read_scores
from autograder.notebooks import graded_functions, read_notebook
from conftest import SOURCE, TIMINGS

CELL_TIMEOUT = 8      # the endless loop costs one cell timeout
MEMORY_MB = 3072
MAX_PROCESSES = 64    # the endless fork stops here


def _grade(tmp_path_factory, label, students, jobs):
    """Grade ``students`` with ``--jobs jobs``, or on a local Dask cluster when ``jobs`` is
    ``"dask"`` (two worker processes, two threads each, on 127.0.0.1)."""
    out = tmp_path_factory.mktemp(label)
    make_crash_class(out / "class", students)
    start = time.perf_counter()
    command = ["grade", str(out / "class"), "--course", str(out / "course"), "--assignments",
               NAME, "--cell-timeout", str(CELL_TIMEOUT), "--memory-mb", str(MEMORY_MB),
               "--max-processes", str(MAX_PROCESSES), "--no-progress"]
    if jobs == "dask":
        distributed = pytest.importorskip("distributed", reason="dask.distributed is missing")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=2, processes=True,
                                      host="127.0.0.1", dashboard_address=None) as cluster:
            code = cli.main(command + ["--scheduler", cluster.scheduler_address])
    else:
        code = cli.main(command + ["--jobs", str(jobs)])
    TIMINGS[f"crash isolation: {label} ({len(students)} x {NAME}, --jobs {jobs})"] = (
        time.perf_counter() - start)
    assert code == 0, f"{label}: the grading command failed (exit code {code})"
    scores = read_scores(Course(out / "course"), [NAME])
    tests = {student: {g: s for g, s in scores[(student, NAME)].items() if g.startswith("test_")}
             for (student, _) in scores}
    state = json.loads((out / "course" / STATE_FILE).read_text())
    report = (out / "course" / "report" / "report.md").read_text()
    return {"tests": tests, "state": state, "report": report}


ALONE = ("e_tampered", "f_perfect")
SAME_FILE = {"e_tampered": "e_tampered", "f_perfect": "f_perfect", "g_perfect": "f_perfect",
             "h_perfect": "f_perfect"}


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    return _grade(tmp_path_factory, "alone", ALONE, jobs=1)


@pytest.fixture(scope="module", params=[2, 1, "dask"], ids=["jobs2", "jobs1", "dask"])
def mixed(request, tmp_path_factory):
    return _grade(tmp_path_factory, f"mixed-jobs{request.param}", STUDENTS, jobs=request.param)


def test_correct_alone_get_full_points(alone):
    functions = graded_functions(read_notebook(SOURCE / NAME / f"{NAME}.ipynb"))
    maximum = sum(f.points for f in functions.values())
    for student in ALONE:
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
    reference = alone["tests"][SAME_FILE[student]]
    assert mixed["tests"][student] == reference, (
        f"{student}: per-test scores beside crashing neighbours {mixed['tests'][student]} "
        f"differ from alone {reference}")


def test_faulty_ones_do_not_get_full_points(mixed, alone):
    full = sum(s for s, _ in alone["tests"]["f_perfect"].values())
    for student in set(STUDENTS) - set(CORRECT):
        entry = mixed["state"][f"{NAME}/{student}"]
        if entry["status"] == "graded":
            got = sum(s for s, _ in mixed["tests"][student].values())
            assert got < full, f"{student}: a broken relu cannot get {got} of {full}"


def test_kernel_death_evidence_is_reported(mixed):
    """``os._exit`` in the relu cell costs that cell (``tests/test_crash_recovery.py``): the
    notebook is graded, and the state and the report give the evidence of the death."""
    entry = mixed["state"][f"{NAME}/a_os_exit"]
    assert entry["status"] == "graded", f"os._exit costs its cell, not the notebook: {entry}"
    death = entry["survived"][0]
    assert death["grade_id"] == "relu", f"the death must name the relu cell: {death}"
    assert "exit code 0" in death["what"], f"the evidence must give the exit code: {death}"
    assert "rerun" not in entry, f"a death caused by the submission is not re-run: {entry}"
    assert f"`{NAME}/a_os_exit`: cell {death['cell']} (relu): exit code 0" in mixed["report"]
    for student in set(STUDENTS) - set(CORRECT):
        entry = mixed["state"][f"{NAME}/{student}"]
        if entry["status"] == "failed":
            assert f"`{NAME}/{student}`: {entry['reason']}" in mixed["report"], (
                f"report.md must list {student} with its evidence")
            assert "signal" in entry["reason"] or "exit code" in entry["reason"], entry["reason"]


def test_unattributable_death_is_rerun_once(tmp_path, monkeypatch):
    """The pre-loaded kernel process (the zygote) dies while starting a correct
    submission's kernel: that is not the submission's doing, so it is graded once more on a
    fresh sandbox, gets its full points, and the state and report say it was re-run."""
    from autograder.safety import sandbox

    connect = sandbox.Sandbox.connect
    calls = []

    def connect_then_kill_the_sandbox(self, request):
        conn = connect(self, request)
        if not calls:
            self.process.kill()   # bwrap, and with it the zygote (--die-with-parent)
            self.process.wait()
        calls.append(request["cwd"])
        return conn

    monkeypatch.setattr(sandbox.Sandbox, "connect", connect_then_kill_the_sandbox)
    make_crash_class(tmp_path / "class", ["f_perfect"])
    code = cli.main(["grade", str(tmp_path / "class"), "--course", str(tmp_path / "course"),
                     "--assignments", NAME, "--no-progress"])
    assert code == 0
    assert len(calls) == 2, f"expected one first attempt and one re-run, got {len(calls)} kernels"
    entry = json.loads((tmp_path / "course" / STATE_FILE).read_text())[f"{NAME}/f_perfect"]
    assert entry["status"] == "graded", f"the re-run should grade it: {entry}"
    assert "not attributable" in entry.get("rerun", ""), f"the state must say it was re-run: {entry}"
    scores = read_scores(Course(tmp_path / "course"), [NAME])[("f_perfect", NAME)]
    tests = [v for g, v in scores.items() if g.startswith("test_")]
    assert tests and all(s == m for s, m in tests), f"full points after the re-run: {scores}"
    report = (tmp_path / "course" / "report" / "report.md").read_text()
    assert "## Re-run on a fresh kernel" in report and f"`{NAME}/f_perfect`" in report, report


def test_next_kernel_sees_a_fresh_sandbox(tmp_path):
    """A submission leaves files in /tmp and a daemon (with children) in a session of its
    own, then kills its kernel; the next kernel in the same process must see exactly what
    the first kernel of a fresh sandbox saw: the same /tmp, no other process."""
    from crash_class import make_probe_class
    make_probe_class(tmp_path / "class")
    code = cli.main(["grade", str(tmp_path / "class"), "--course", str(tmp_path / "course"),
                     "--assignments", NAME, "--jobs", "1", "--no-progress"])
    assert code == 0
    seen = {}
    for student in ("p1_probe", "p3_probe"):
        nb = read_notebook(tmp_path / "course" / "autograded" / student / NAME / f"{NAME}.ipynb")
        lines = [line for cell in nb.cells for output in cell.get("outputs", [])
                 for line in str(output.get("text", "")).splitlines()
                 if line.startswith("ANNLAB-PROBE ")]
        assert len(lines) == 1, f"{student}: expected one probe line, got {lines}"
        seen[student] = json.loads(lines[0].split(" ", 1)[1])
    assert seen["p3_probe"] == seen["p1_probe"], (
        f"after p2_leaver the kernel sees {seen['p3_probe']}, a fresh one {seen['p1_probe']}")
