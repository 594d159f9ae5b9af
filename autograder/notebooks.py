"""Reading, writing and inspecting the course's notebooks.

Interface
---------
``read_notebook(path)`` / ``write_notebook(nb, path)``
    nbformat v4; written with sorted keys, one-space indent and a final newline, so the same
    notebook always gives the same bytes.
``strip_outputs(nb)``
    removes outputs, execution counts and volatile metadata (in place; returns ``nb``).
``nbgrader_meta(cell)``
    the cell's ``nbgrader`` metadata dict, or ``{}`` (also for junk: a cell without metadata,
    metadata that is not a dict).
``source_text(source)``
    a cell source as one string (nbformat allows a list of lines; junk gives ``""``).
``is_answer_cell(cell)``, ``is_test_cell(cell)``, ``is_written_cell(cell)``
    the three kinds of graded cell: code the student writes (nbgrader ``solution``, not
    ``grade``), autograded tests (code, ``grade``, not ``solution``), written answers graded
    by hand (markdown, ``solution`` and ``grade``).
``graded_functions(nb)``
    ``{name: GradedFunction}`` in notebook order: the answer cell whose ``grade_id`` is
    ``name`` and the autograded test cells ``test_<name>``, ``test_<name>_2``, …
``setup_sources(nb)``
    the sources of the cells tagged ``setup`` (imports, seeds, helpers the tests rely on).
``execute(nb, cwd, python_path=(), env=None, timeout=CELL_TIMEOUT_S, **options)``
    runs ``nb`` top to bottom in a fresh ``python3`` kernel (in place), in folder ``cwd``, with
    the kernel environment of ``settings.kernel_env()`` (plus ``env``) and ``python_path``
    first on ``PYTHONPATH``; ``options`` go to ``nbclient.NotebookClient`` (``allow_errors``,
    ``record_timing``, ``interrupt_on_timeout``); returns ``nb``. The kernel's start-up
    notices stay off the console.
``split_hidden_tests(source) -> (visible, hidden)``
    a test cell's source outside and inside its ``### BEGIN HIDDEN TESTS`` …
    ``### END HIDDEN TESTS`` regions (delimiter lines dropped).
``remove_hidden_tests(source)``
    the visible part alone.
"""

import dataclasses
import datetime
import os
import re

import nbformat
from nbclient import NotebookClient

from autograder import settings

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
    metadata = cell.get("metadata")
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else {}


def source_text(source):
    if isinstance(source, str):
        return source
    if isinstance(source, (list, tuple)):
        return "".join(part for part in source if isinstance(part, str))
    return ""


def is_answer_cell(cell):
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("solution")) and not meta.get("grade")


def is_test_cell(cell):
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_written_cell(cell):
    meta = nbgrader_meta(cell)
    return (cell.get("cell_type") == "markdown" and bool(meta.get("solution"))
            and bool(meta.get("grade")))


def cell_seconds(cell):
    """How long a cell ran, from nbclient's ``record_timing`` metadata (None if absent)."""
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
        if is_answer_cell(cell):
            functions[grade_id] = GradedFunction(grade_id, cell, [])
        elif is_test_cell(cell):
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


def execute(nb, cwd, python_path=(), env=None, timeout=settings.CELL_TIMEOUT_S, **options):
    kernel_env = settings.kernel_env()
    kernel_env.update(env or {})
    paths = [str(path) for path in python_path]
    if kernel_env.get("PYTHONPATH"):
        paths.append(kernel_env["PYTHONPATH"])
    if paths:
        kernel_env["PYTHONPATH"] = os.pathsep.join(paths)
    options.setdefault("record_timing", False)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", coalesce_streams=True,
                            # no start-up notices (e.g. "running over TCP") on the console
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(cwd)}}, **options)
    client.execute(env=kernel_env)
    return nb


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
