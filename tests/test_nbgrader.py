"""Every autograded test cell, proven through real nbgrader (generate_assignment → autograde →
generate_feedback) in a temporary course directory:

(a) the solution gets full points on every autograded cell;
(b) the generated exercise stub gets 0 on every autograded cell;
(c) feedback never shows hidden tests or solution code (nbgrader #917);
and the slow path agrees with the fast harness: a submission carrying one known-wrong answer
per function loses points on every function, one carrying a known-right alternative per
function gets full points. Two notebooks are graded at a time, each in its own process and
course directory.
"""

import concurrent.futures
import html
import importlib
import multiprocessing
import pathlib
import re
import time

import pytest

from autograder.course import Course
from autograder.notebooks import graded_functions, nbgrader_meta, read_notebook, write_notebook
from autograder.qa.harness import Harness
from autograder.qa.variants import first_answers, paste_answers
from conftest import SOURCE, TIMINGS, built_notebooks, secret_lines

STUDENTS = ("solution", "stub", "wrong", "right")


def _with_variants(source_path, table, out_path):
    """The source notebook with the first variant of each function pasted into its answer cell."""
    write_notebook(paste_answers(read_notebook(source_path), first_answers(table)), out_path)
    return out_path


def _autograded_cells(course, name, student):
    return {grade_id: score for grade_id, score in course.scores(name, student).items()
            if grade_id.startswith("test_")}


def _own_lines(path):
    """Lines of a submission outside its test cells: the student's own code and text."""
    lines = set()
    for cell in read_notebook(path).cells:
        meta = nbgrader_meta(cell)
        if not (meta.get("grade") and not meta.get("solution") and cell.cell_type == "code"):
            lines |= {line.strip() for line in cell.source.splitlines()}
    return lines


SUBMITTED = {}


def _grade_notebook(name, root):
    """One notebook's four submissions through nbgrader, in a course directory of its own.

    Runs in a worker process (two notebooks at a time: the machine's two cores); returns
    ``({student: submitted path}, {timing label: seconds})``."""
    course = Course.create(pathlib.Path(root) / name, [name])
    course.generate_assignment(name)
    source = SOURCE / name / f"{name}.ipynb"
    variants = importlib.import_module(f"variants.v{name}")
    submissions = {
        "solution": source,
        "stub": course.release_path(name),
        "wrong": _with_variants(source, variants.WRONG, pathlib.Path(root) / f"{name}-wrong.ipynb"),
        "right": _with_variants(source, variants.RIGHT, pathlib.Path(root) / f"{name}-right.ipynb"),
    }
    timings = {}
    for student in STUDENTS:
        course.submit(name, student, submissions[student])
        start = time.perf_counter()
        course.autograde(name, student)
        timings[f"nbgrader autograde {name} ({student})"] = time.perf_counter() - start
        course.generate_feedback(name, student)
    return {student: str(path) for student, path in submissions.items()}, timings


class _Graded:
    """The graded notebooks: one nbgrader course directory per notebook under ``root``."""

    def __init__(self, root):
        self.root = pathlib.Path(root)

    def scores(self, name, student):
        return Course(self.root / name).scores(name, student)

    def feedback_path(self, name, student):
        return Course(self.root / name).feedback_path(name, student)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    names = built_notebooks()
    context = multiprocessing.get_context("spawn")   # a clean process: no TensorFlow threads
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        futures = {name: pool.submit(_grade_notebook, name, str(root)) for name in names}
        for name, future in futures.items():
            submitted, timings = future.result()
            SUBMITTED.update({(name, student): pathlib.Path(path)
                              for student, path in submitted.items()})
            TIMINGS.update(timings)
    return _Graded(root)


@pytest.mark.parametrize("name", built_notebooks())
def test_solution_gets_full_points(graded, name):
    cells = _autograded_cells(graded, name, "solution")
    assert cells, "no autograded cells in the gradebook"
    lost = {g: s for g, s in cells.items() if s[0] != s[1]}
    assert not lost, f"solution lost points on {lost}"


@pytest.mark.parametrize("name", built_notebooks())
def test_exercise_stub_gets_zero(graded, name):
    cells = _autograded_cells(graded, name, "stub")
    earned = {g: s for g, s in cells.items() if s[0] != 0}
    assert not earned, f"the unimplemented stub earned points on {earned}"


@pytest.mark.parametrize("name", built_notebooks())
def test_known_wrong_submission_loses_points_on_every_function(graded, name):
    cells = _autograded_cells(graded, name, "wrong")
    for function in graded_functions(read_notebook(SOURCE / name / f"{name}.ipynb")).values():
        earned = sum(cells[g][0] for g, _, _ in function.tests)
        assert earned < function.points, f"known-wrong {function.name} kept all its points"


@pytest.mark.parametrize("name", built_notebooks())
def test_known_right_submission_gets_full_points(graded, name):
    cells = _autograded_cells(graded, name, "right")
    lost = {g: s for g, s in cells.items() if s[0] != s[1]}
    assert not lost, f"known-right alternatives lost points on {lost}"


@pytest.mark.parametrize("name", built_notebooks())
def test_fast_harness_agrees_with_nbgrader(graded, name):
    harness = Harness(SOURCE / name / f"{name}.ipynb")
    variants = importlib.import_module(f"variants.v{name}")
    for student, table in (("wrong", variants.WRONG), ("right", variants.RIGHT)):
        cells = _autograded_cells(graded, name, student)
        submission = {f: next(iter(by_label.values())) for f, by_label in table.items()}
        fast = harness.submission_points(submission)
        for function_name, function in harness.functions.items():
            slow = sum(cells[g][0] for g, _, _ in function.tests)
            assert slow == fast[function_name], (
                f"{student} {function_name}: nbgrader gave {slow}, harness {fast[function_name]}")


def _html_text(path):
    """The visible text of an HTML page (syntax highlighting splits code into many tags)."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", built_notebooks())
@pytest.mark.parametrize("student", ["stub", "wrong", "solution"])
def test_feedback_reveals_no_hidden_test_or_solution(graded, name, student):
    text = _html_text(graded.feedback_path(name, student))
    source = read_notebook(SOURCE / name / f"{name}.ipynb")
    # what a student wrote may show in their feedback (even if it equals the solution);
    # hidden tests and the model solution they did not write never do
    secrets = secret_lines(source) - _own_lines(SUBMITTED[(name, student)])
    assert secrets, "nothing to look for: the check would be vacuous"
    lines = {line.strip() for line in text.splitlines()}
    leaked = sorted(secrets & lines)
    assert not leaked, f"feedback for {student} reveals: {leaked[:5]}"
    # positive control: the visible tests and the score do show
    first_test = next(iter(graded_functions(source).values())).tests[0][1].source
    visible_line = next(line.strip() for line in first_test.splitlines()[1:]
                        if len(line.strip()) > 20)
    assert visible_line in lines, "feedback should show the visible tests"
    assert "Score" in text
