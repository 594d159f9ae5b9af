"""The grading command end to end, through real nbgrader, on the bundled sample class.

The expected scores are computed independently of the grading pipeline: from the notebook's
points (perfect, blank, partial, late) and from the fast harness' verdicts on the very wrong
answers the ``mistakes`` student carries.
"""

import csv
import itertools
import zipfile

import pytest

from autograder import cli
from autograder.build import release
from autograder.course import Course
from autograder.grade import collect, executors
from autograder.grade.run import GradingRun, read_scores
from autograder.notebooks import graded_functions, read_notebook
from autograder.qa import sample_class
from autograder.qa.harness import Harness
from conftest import ROOT, SOURCE, TIMINGS

NAME = "01_neuron"  # the end-to-end runs use one notebook to keep CI time bounded


def _csv(path):
    with open(path, newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def _expected_raw_scores():
    functions = graded_functions(read_notebook(SOURCE / NAME / f"{NAME}.ipynb"))
    auto_max = sum(f.points for f in functions.values())
    _, solved = sample_class.partial_notebook(NAME)
    _, replaced = sample_class.mistakes_notebook(NAME)
    harness = Harness(SOURCE / NAME / f"{NAME}.ipynb")
    wrong = sample_class.load_variants(NAME).WRONG
    mistakes = sum(harness.submission_points(
        {f: wrong[f][label] for f, label in replaced.items()}).values())
    stubs = {f: f"def {f}(*args, **kwargs):\n    raise NotImplementedError()"
             for f in functions if f not in solved}
    partial = sum(harness.submission_points(stubs).values())
    return {"perfect": auto_max, "blank": 0.0, "partial": partial,
            "mistakes": mistakes, "late": auto_max}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    sample_class.make_sample_class(out, [NAME])
    return out


def _grade(sample, course, *extra):
    import time
    start = time.perf_counter()
    code = cli.main(["grade", str(sample), "--course", str(course), "--assignments", NAME,
                     "--duedate", sample_class.DUEDATE, "--late-penalty", "zero",
                     "--no-progress", *extra])
    return code, time.perf_counter() - start


@pytest.fixture(scope="module")
def sequential(sample, tmp_path_factory):
    course = tmp_path_factory.mktemp("seq") / "course"
    code, seconds = _grade(sample, course, "--jobs", "1")
    TIMINGS["grade sample class (1 notebook, 6 students) --jobs 1"] = seconds
    return code, course


def test_sample_class_grades_exactly(sequential):
    code, course = sequential
    assert code == 0
    rows = _csv(course / "report" / "grades.csv")
    assert set(rows) == set(sample_class.STUDENTS)
    for student, raw in _expected_raw_scores().items():
        row = rows[student]
        assert float(row["raw_score"]) == raw, f"{student}: raw score {row['raw_score']} != {raw}"
        penalty = raw if student == "late" else 0.0
        assert float(row["late_submission_penalty"]) == penalty, student
        assert float(row["score"]) == raw - penalty, student
        assert row["duedate"] == "2026-01-15 23:59:00"
        expected_stamp = sample_class.LATE if student == "late" else sample_class.ON_TIME
        assert row["timestamp"] == expected_stamp.replace(" UTC", "")
    assert rows["broken"]["timestamp"] == "" and float(rows["broken"]["score"]) == 0.0


def test_report_names_the_broken_submission_and_has_pictures(sequential):
    _, course = sequential
    report = (course / "report" / "report.md").read_text()
    assert f"{NAME}/broken" in report and "JSON" in report
    for picture in ("pass_rates.png", "scores.png"):
        assert (course / "report" / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rates = list(csv.DictReader(open(course / "report" / "tests.csv")))
    assert rates and all(0.0 <= float(r["pass_rate"]) <= 1.0 for r in rates)
    assert all(int(r["submissions"]) == 5 for r in rates)  # broken never reached a test
    for student in ("perfect", "blank", "mistakes"):
        assert (course / "feedback" / student / NAME / f"{NAME}.html").exists()


def test_rerun_skips_unchanged_and_force_regrades(sample, sequential):
    _, course = sequential
    before = (course / "report" / "grades.csv").read_text()
    run = GradingRun(course, [NAME], duedate=sample_class.DUEDATE, late_penalty="zero")
    submissions, _ = collect.collect(sample, [NAME])
    summary = run.grade(submissions, progress=False)
    assert summary.graded == [] and len(summary.skipped) == len(sample_class.STUDENTS)
    assert [key for key, _ in summary.failed] == [f"{NAME}/broken"]
    perfect = [s for s in submissions if s.student == "perfect"]
    summary = run.grade(perfect, force=True, progress=False)
    assert summary.graded == [f"{NAME}/perfect"]
    assert _csv(course / "report" / "grades.csv") == _csv_from_text(before)


def _csv_from_text(text):
    return {row["student_id"]: row for row in csv.DictReader(text.splitlines())}


def test_parallel_run_gives_the_same_gradebook(sample, sequential, tmp_path):
    _, course = sequential
    code, seconds = _grade(sample, tmp_path / "course", "--jobs", "2")
    TIMINGS["grade sample class (1 notebook, 6 students) --jobs 2"] = seconds
    assert code == 0
    assert _csv(tmp_path / "course" / "report" / "grades.csv") == _csv(course / "report" / "grades.csv")
    parallel = read_scores(Course(tmp_path / "course"), [NAME])
    assert parallel == read_scores(Course(course), [NAME])


def test_dask_local_cluster_gives_the_same_gradebook(sample, sequential, tmp_path):
    distributed = pytest.importorskip("distributed")
    _, course = sequential
    submissions, _ = collect.collect(sample, [NAME])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        run = GradingRun(tmp_path / "course", [NAME], duedate=sample_class.DUEDATE,
                                 late_penalty="zero")
        summary = run.grade(submissions, scheduler=client, progress=False)
    assert len(summary.graded) == len(sample_class.STUDENTS) - 1
    assert read_scores(run.course, [NAME]) == read_scores(Course(course), [NAME])


def test_interrupt_leaves_a_consistent_gradebook_and_resumes(sample, sequential, tmp_path, monkeypatch):
    _, reference = sequential
    submissions, _ = collect.collect(sample, [NAME])
    run = GradingRun(tmp_path / "course", [NAME], duedate=sample_class.DUEDATE,
                             late_penalty="zero")
    original = executors.Serial.run

    def one_then_interrupt(self, jobs):
        for index, result in original(self, itertools.islice(jobs, 1)):
            yield index, result
        raise KeyboardInterrupt

    monkeypatch.setattr(executors.Serial, "run", one_then_interrupt)
    summary = run.grade(submissions, progress=False)
    assert summary.interrupted and len(summary.graded) == 1
    recorded = read_scores(run.course, [NAME])
    expected = read_scores(Course(reference), [NAME])
    assert recorded == {key: expected[key] for key in recorded}, "a half-recorded submission"
    monkeypatch.setattr(executors.Serial, "run", original)
    summary = GradingRun(tmp_path / "course", [NAME], duedate=sample_class.DUEDATE,
                                 late_penalty="zero").grade(submissions, progress=False)
    assert len(summary.skipped) == 1 and not summary.interrupted
    assert read_scores(run.course, [NAME]) == expected


def test_lms_zip_download_is_collected(tmp_path):
    perfect = (ROOT / "solutions" / NAME / f"{NAME}.ipynb").read_bytes()
    blank = (ROOT / "exercises" / NAME / f"{NAME}.ipynb").read_bytes()
    archive = tmp_path / "download.zip"
    archive.write_bytes(release.zip_bytes({
        f"alice_12345_assignsubmission_file_{NAME}.ipynb": perfect,
        f"bob_2026-01-14-10-00-00_{NAME}.ipynb": blank,
        "notes.txt": b"not a submission",
        "carol_99_unknown.ipynb": blank,
    }))
    submissions, problems = collect.collect(archive, [NAME])
    assert [(s.student, s.assignment) for s in submissions] == [("alice", NAME), ("bob", NAME)]
    assert submissions[1].timestamp == "2026-01-14 10:00:00"
    assert submissions[0].files == {f"{NAME}.ipynb": perfect}
    assert sorted(p[0] for p in problems) == ["carol_99_unknown.ipynb", "notes.txt"]
    with zipfile.ZipFile(archive) as check:
        assert len(check.namelist()) == 4


def test_system_errors_are_reported_by_exit_code(tmp_path, capsys):
    assert cli.main(["grade", str(tmp_path / "missing"), "--course", str(tmp_path / "c")]) == 2
    assert cli.main(["grade", str(tmp_path), "--assignments", "99_nope"]) == 2
    assert "unknown assignment" in capsys.readouterr().err
