"""The source notebooks follow the contract (COURSE_SPEC.md) and the course conventions,
and the student release leaks neither solutions nor hidden tests."""

import re

import pytest

from autograder.notebooks import (
    HIDDEN_BEGIN,
    graded_functions,
    nbgrader_meta,
    read_notebook,
    setup_sources,
    split_hidden_tests,
)
from autograder.spec import NOTEBOOKS
from conftest import ROOT, SOURCE, built_notebooks, secret_lines

SECTIONS = ("Goals", "Setup", "Summary", "Written questions")


def _notebook(name):
    return read_notebook(SOURCE / name / f"{name}.ipynb")


def test_at_least_the_foundation_notebooks_exist():
    for name in ("01_neuron", "02_gradient_descent"):
        assert (SOURCE / name / f"{name}.ipynb").exists(), f"source/{name} is missing"


@pytest.mark.parametrize("name", built_notebooks())
def test_graded_functions_match_the_spec(name):
    assert name in NOTEBOOKS, f"{name} is not a notebook of the course spec"
    functions = graded_functions(_notebook(name))
    assert list(functions) == list(NOTEBOOKS[name]), "graded functions differ from the spec"


@pytest.mark.parametrize("name", built_notebooks())
def test_answer_and_test_cells_follow_the_conventions(name):
    for function in graded_functions(_notebook(name)).values():
        source = function.answer.source
        assert re.search(rf"^def {function.name}\(", source, re.M), f"{function.name}: no def"
        assert '"""' in source, f"{function.name}: the answer cell needs a docstring"
        assert "### BEGIN SOLUTION" in source and "### END SOLUTION" in source
        assert function.tests, f"{function.name}: no test cell"
        for grade_id, cell, points in function.tests:
            assert points > 0, f"{grade_id}: no points"
            assert cell.source.lstrip().startswith('"""'), f"{grade_id}: start with a docstring"
            visible, hidden = split_hidden_tests(cell.source)
            assert f"{function.name}" in visible.split('"""', 2)[-1], \
                f"{grade_id}: the visible part must call {function.name}"
            assert hidden.strip(), f"{grade_id}: no hidden tests"


@pytest.mark.parametrize("name", built_notebooks())
def test_notebook_structure(name):
    nb = _notebook(name)
    assert len(setup_sources(nb)) == 1, "exactly one Setup cell (tag 'setup')"
    headings = [line.lstrip("#").strip() for cell in nb.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("#")]
    positions = []
    for section in SECTIONS:
        found = [i for i, h in enumerate(headings) if h.startswith(section)]
        assert found, f"missing section '{section}'"
        positions.append(found[0])
    assert positions == sorted(positions), f"sections out of order: {SECTIONS}"
    manual = [c for c in nb.cells if c.cell_type == "markdown" and nbgrader_meta(c).get("grade")
              and nbgrader_meta(c).get("solution")]
    assert manual, "at least one manually graded written question"
    order = list(NOTEBOOKS)
    if order.index(name) + 1 < len(order):
        following = order[order.index(name) + 1]
        summary = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert following in summary, f"the summary should point to {following}"


@pytest.mark.parametrize("name", built_notebooks())
def test_source_is_clean(name):
    for cell in _notebook(name).cells:
        assert set(cell.metadata) <= {"nbgrader", "tags"}, f"stray metadata {set(cell.metadata)}"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "outputs in source/"


@pytest.mark.parametrize("name", built_notebooks())
def test_release_leaks_no_solution_or_hidden_test(name):
    secrets = secret_lines(_notebook(name))
    assert secrets, "no solution or hidden-test lines found: the check would be vacuous"
    path = ROOT / "exercises" / name / f"{name}.ipynb"
    release = path.read_text(encoding="utf-8")
    lines = {line.strip() for cell in read_notebook(path).cells for line in cell.source.splitlines()}
    leaked = sorted(secrets & lines)
    assert not leaked, f"exercises/{name} reveals: {leaked[:5]}"
    assert HIDDEN_BEGIN not in release and "BEGIN SOLUTION" not in release
