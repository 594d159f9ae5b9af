"""Writing nbgrader source notebooks from Python, with the course's conventions built in.

For course developers who generate or restructure ``source/`` notebooks with a script
(instructors can equally edit the ``.ipynb`` in Jupyter with nbgrader's toolbar). Interface:

``md(text)``, ``code(src)``             plain markdown / code cells
``setup(src)``                          the Setup code cell (tag ``setup``: the test harness runs it)
``answer(name, src)``                   autograded answer cell, ``grade_id`` = function name
``tests(name, src, points, part=1)``    autograded tests cell, ``grade_id`` = ``test_<name>[_<part>]``
``written(grade_id, text, points)``     manually graded answer (markdown) cell
``notebook(cells)``                     an nbformat v4 notebook with deterministic cell ids
``write(nb, path)``                     writes it the way the build and git want it
"""

import textwrap

import nbformat

SCHEMA_VERSION = 3


def _src(text):
    return textwrap.dedent(text).strip("\n")


def md(text):
    return nbformat.v4.new_markdown_cell(_src(text))


def code(src, tags=()):
    cell = nbformat.v4.new_code_cell(_src(src))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def setup(src):
    return code(src, tags=("setup",))


def _nbgrader(cell, **meta):
    cell.metadata["nbgrader"] = {"schema_version": SCHEMA_VERSION, "task": False, **meta}
    return cell


def answer(name, src):
    return _nbgrader(code(src), grade=False, grade_id=name, locked=False, solution=True)


def tests(name, src, points, part=1):
    grade_id = f"test_{name}" if part == 1 else f"test_{name}_{part}"
    return _nbgrader(code(src), grade=True, grade_id=grade_id, locked=True, points=points,
                     solution=False)


def written(grade_id, text, points):
    return _nbgrader(md(text), grade=True, grade_id=grade_id, locked=False, points=points,
                     solution=True)


def notebook(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell["id"] = grade_id or f"cell-{i:03d}"
    nb.cells = list(cells)
    return nb


def write(nb, path):
    from autograder.notebooks import write_notebook
    write_notebook(nb, path)
