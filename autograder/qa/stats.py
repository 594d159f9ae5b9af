"""How strong are a notebook's tests? A table per graded function.

``function_stats(name) -> [dict]``: per graded function of ``source/<name>``: points, the
number of check call sites (``checks.…(`` calls and ``assert`` statements) in the visible and
in the hidden part of its test cells, and how many known-wrong and known-right answers
``tests/variants/v<name>.py`` holds for it. ``markdown(names) -> str`` renders the tables
(``python -m autograder stats``).
"""

import re

from autograder.notebooks import graded_functions, read_notebook, split_hidden_tests
from autograder.qa.variants import load_variants
from autograder.settings import REPO

_CHECK = re.compile(r"\bchecks\.(check_\w+|call|stable)\(|^\s*assert\b", re.M)


def function_stats(name, repo=REPO):
    functions = graded_functions(read_notebook(repo / "source" / name / f"{name}.ipynb"))
    try:
        variants = load_variants(name, repo)
        wrong, right = variants.WRONG, variants.RIGHT
    except FileNotFoundError:
        wrong, right = {}, {}
    rows = []
    for function in functions.values():
        visible = hidden = 0
        for _, cell, _ in function.tests:
            v, h = split_hidden_tests(cell.source)
            visible += len(_CHECK.findall(v))
            hidden += len(_CHECK.findall(h))
        rows.append({"function": function.name, "points": function.points,
                     "test_cells": len(function.tests), "visible_checks": visible,
                     "hidden_checks": hidden, "known_wrong": len(wrong.get(function.name, {})),
                     "known_right": len(right.get(function.name, {}))})
    return rows


def markdown(names, repo=REPO):
    out = []
    for name in names:
        rows = function_stats(name, repo)
        out += [f"### {name}", "",
                "| function | points | test cells | visible check sites | hidden check sites "
                "| known-wrong | known-right |", "|---|---|---|---|---|---|---|"]
        out += [f"| `{r['function']}` | {r['points']:g} | {r['test_cells']} | {r['visible_checks']} "
                f"| {r['hidden_checks']} | {r['known_wrong']} | {r['known_right']} |" for r in rows]
        total = {k: sum(r[k] for r in rows) for k in rows[0] if k != "function"}
        out += [f"| **total** | {total['points']:g} | {total['test_cells']} | {total['visible_checks']} "
                f"| {total['hidden_checks']} | {total['known_wrong']} | {total['known_right']} |", ""]
    return "\n".join(out)
