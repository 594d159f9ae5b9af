"""Reading, writing and inspecting the course's notebooks.

Interface
---------
``read_notebook(path)`` / ``write_notebook(nb, path)``
    nbformat v4; written with sorted keys, one-space indent and a final newline, so the same
    notebook always gives the same bytes.
``strip_outputs(nb)``
    removes outputs, execution counts and volatile metadata (in place; returns ``nb``).
``nbgrader_meta(cell)``
    the cell's ``nbgrader`` metadata dict, or ``{}``.
``graded_functions(nb)``
    ``{name: GradedFunction}`` in notebook order: the answer cell whose ``grade_id`` is
    ``name`` and the autograded test cells ``test_<name>``, ``test_<name>_2``, …
``setup_sources(nb)``
    the sources of the cells tagged ``setup`` (imports, seeds, helpers the tests rely on).
``split_hidden_tests(source) -> (visible, hidden)``
    a test cell's source outside and inside its ``### BEGIN HIDDEN TESTS`` …
    ``### END HIDDEN TESTS`` regions (delimiter lines dropped).
``remove_hidden_tests(source)``
    the visible part alone.
"""

import dataclasses
import re

import nbformat

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
_KEEP_CELL_METADATA = ("nbgrader", "tags")


def read_notebook(path):
    with open(path, encoding="utf-8") as handle:
        return nbformat.read(handle, as_version=4)


def write_notebook(nb, path):
    text = nbformat.writes(nb, version=4)
    # nbformat already sorts keys and indents by one space; make the ending explicit.
    if not text.endswith("\n"):
        text += "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def clean_metadata(nb):
    """Drop volatile cell metadata (execution timings, collapsed, scrolled, …)."""
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict(
            {k: v for k, v in cell.metadata.items() if k in _KEEP_CELL_METADATA})
    return nb


def strip_outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return clean_metadata(nb)


def nbgrader_meta(cell):
    return cell.metadata.get("nbgrader", {}) or {}


def cell_seconds(cell):
    """How long a cell ran, from nbclient's ``record_timing`` metadata (None if absent)."""
    import datetime

    timing = cell.get("metadata", {}).get("execution", {})
    begin, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not begin or not end:
        return None
    parse = datetime.datetime.fromisoformat
    return (parse(end.replace("Z", "+00:00")) - parse(begin.replace("Z", "+00:00"))).total_seconds()


@dataclasses.dataclass
class GradedFunction:
    name: str
    answer: "nbformat.NotebookNode"
    tests: list  # of (grade_id, cell, points)

    @property
    def points(self):
        return sum(points for _, _, points in self.tests)


_TEST_ID = re.compile(r"^test_(?P<name>.+?)(?:_(?P<part>\d+))?$")


def graded_functions(nb):
    functions = {}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id", "")
        if cell.cell_type != "code" or not grade_id:
            continue
        if meta.get("solution") and not meta.get("grade"):
            functions[grade_id] = GradedFunction(grade_id, cell, [])
        elif meta.get("grade") and not meta.get("solution"):
            match = _TEST_ID.match(grade_id)
            name = match.group("name") if match else None
            if name not in functions and match and match.group("part"):
                name = f"{match.group('name')}_{match.group('part')}"
            if name not in functions:
                raise ValueError(f"test cell {grade_id!r} follows no answer cell of that name")
            functions[name].tests.append((grade_id, cell, float(meta.get("points", 0))))
    return functions


def setup_sources(nb):
    return [cell.source for cell in nb.cells
            if cell.cell_type == "code" and "setup" in cell.metadata.get("tags", [])]


def split_hidden_tests(source):
    visible, hidden, inside = [], [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
        else:
            (hidden if inside else visible).append(line)
    return "\n".join(visible), "\n".join(hidden)


def remove_hidden_tests(source):
    return split_hidden_tests(source)[0]
