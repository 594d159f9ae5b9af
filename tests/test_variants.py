"""Known-wrong / known-right suite: every graded function's hidden tests judge real answers.

For each notebook ``NN_name`` in ``source/`` there is ``tests/variants/vNN_name.py`` with
``WRONG = {function: {label: source}}`` (plausible student mistakes: each must lose the
function's test points) and ``RIGHT = {function: {label: source}}`` (correct answers written
differently — loops, float32, lists in — each must get full points). Runs in process through
``autograder.qa.harness``; ``tests/test_nbgrader.py`` repeats a sample through real nbgrader.
"""

import importlib

import pytest

from autograder.qa.harness import Harness
from autograder.spec import NOTEBOOKS
from conftest import SOURCE, built_notebooks

MIN_WRONG, MIN_RIGHT = 3, 1


def _variants(notebook):
    return importlib.import_module(f"variants.v{notebook}")


def _cases():
    for notebook in built_notebooks():
        module = _variants(notebook)
        for kind, table in (("wrong", module.WRONG), ("right", module.RIGHT)):
            for function, variants in table.items():
                for label in variants:
                    yield pytest.param(notebook, kind, function, label,
                                       id=f"{notebook}-{function}-{kind}-{label}")


_harnesses = {}


def _harness(notebook):
    if notebook not in _harnesses:
        _harnesses[notebook] = Harness(SOURCE / notebook / f"{notebook}.ipynb")
    return _harnesses[notebook]


@pytest.mark.parametrize("notebook", built_notebooks())
def test_every_function_has_enough_variants(notebook):
    module = _variants(notebook)
    for function in NOTEBOOKS[notebook]:
        assert len(module.WRONG.get(function, {})) >= MIN_WRONG, \
            f"{notebook}: {function} needs at least {MIN_WRONG} known-wrong answers"
        assert len(module.RIGHT.get(function, {})) >= MIN_RIGHT, \
            f"{notebook}: {function} needs at least {MIN_RIGHT} known-right answers"
    unknown = (set(module.WRONG) | set(module.RIGHT)) - set(NOTEBOOKS[notebook])
    assert not unknown, f"variants for functions the notebook does not grade: {unknown}"


@pytest.mark.parametrize("notebook", built_notebooks())
def test_reference_solution_passes(notebook):
    harness = _harness(notebook)
    for function in harness.functions:
        verdict = harness.verdict(function)
        assert verdict.passed, f"reference {function} fails its own tests: {verdict.failures}"


@pytest.mark.parametrize("notebook, kind, function, label", list(_cases()))
def test_variant_verdict(notebook, kind, function, label):
    table = _variants(notebook).WRONG if kind == "wrong" else _variants(notebook).RIGHT
    verdict = _harness(notebook).verdict(function, table[function][label])
    if kind == "wrong":
        assert verdict.points < verdict.max_points, (
            f"known-wrong {function} [{label}] kept {verdict.points}/{verdict.max_points} points")
    else:
        assert verdict.passed, f"known-right {function} [{label}] was rejected: {verdict.failures}"
