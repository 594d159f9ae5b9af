"""autograder.grade.mistakes: failure messages grouped across the class, number-blind."""

import nbformat

from autograder.grade import mistakes
from autograder.notebooks import write_notebook

NAME = "01_neuron"


def _test_cell(grade_id, error=None):
    cell = nbformat.v4.new_code_cell("checks.check_array(...)")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": grade_id,
                                 "points": 1}
    if error:
        ename, evalue = error
        cell.outputs = [nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                               traceback=[])]
    return cell


def _student(course, student, errors):
    nb = nbformat.v4.new_notebook()
    nb.cells = [_test_cell(test, error) for test, error in errors.items()]
    folder = course / "autograded" / student / NAME
    folder.mkdir(parents=True)
    write_notebook(nb, folder / f"{NAME}.ipynb")


def test_messages_that_differ_only_in_numbers_are_one_group(tmp_path):
    shape = "weighted_sum(X, w, b) for a batch of {} samples: expected shape ({},), got ({}, 1).\n  Hint: …"
    _student(tmp_path, "ann", {"test_weighted_sum": ("CheckFailure", shape.format(3, 3, 3)),
                               "test_sigmoid": None})
    _student(tmp_path, "bob", {"test_weighted_sum": ("CheckFailure", shape.format(5, 5, 5)),
                               "test_sigmoid": ("NameError", "name 'np' is not defined")})
    _student(tmp_path, "cem", {"test_weighted_sum": ("CheckFailure", "expected -1.25, got -1.5"),
                               "test_sigmoid": None})
    groups = mistakes.group_failures(tmp_path, [NAME])
    assert [(g.test, len(g.students)) for g in groups] == [
        ("test_weighted_sum", 2), ("test_sigmoid", 1), ("test_weighted_sum", 1)]
    first = groups[0]
    assert first.students == ["ann", "bob"]
    assert first.pattern == ("CheckFailure: weighted_sum(X, w, b) for a batch of n samples: "
                             "expected shape (n,), got (n, n).")
    assert first.example.startswith("CheckFailure: weighted_sum(X, w, b) for a batch of 3")
    assert "Hint" not in first.pattern, "only the first line of a message is grouped"
    table = "\n".join(mistakes.markdown(groups))
    assert "| 2 | 01_neuron | `test_weighted_sum` |" in table


def test_unanswered_exercises_are_summed_after_the_mistakes(tmp_path):
    stub = ("NotImplementedError", "")
    _student(tmp_path, "ann", {"test_weighted_sum": stub, "test_sigmoid": stub})
    _student(tmp_path, "bob", {"test_weighted_sum": stub, "test_sigmoid": ("CheckFailure", "x")})
    groups = mistakes.group_failures(tmp_path, [NAME])
    assert [g.unanswered for g in groups] == [True, False, True]   # by size, then test, message
    table = mistakes.markdown(groups)
    assert table[2].startswith("| 1 | 01_neuron | `test_sigmoid` | CheckFailure: x"), table
    assert table[3].startswith("| 2 | | 2 tests | not answered"), table


def test_passing_tests_and_missing_notebooks_give_no_groups(tmp_path):
    _student(tmp_path, "ann", {"test_weighted_sum": None})
    assert mistakes.group_failures(tmp_path, [NAME]) == []
    assert mistakes.group_failures(tmp_path / "nothing", [NAME]) == []
    assert mistakes.markdown([]) == ["No test failed."]


def test_plot_is_written(tmp_path):
    _student(tmp_path, "ann", {"test_weighted_sum": ("ValueError", "shapes (3,) and (2,)")})
    mistakes.plot(mistakes.group_failures(tmp_path, [NAME]), tmp_path / "mistakes.png")
    assert (tmp_path / "mistakes.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
