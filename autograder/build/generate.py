"""Build ``exercises/`` and ``solutions/`` from ``source/``, deterministically.

``exercises/<NN_name>/`` is nbgrader's student release (``generate_assignment`` in a
temporary course directory, with the course header) plus a copy of the ``annlab`` helper
package (students need it beside the notebook); ``solutions/<NN_name>/`` is the source
notebook with hidden tests removed, executed top to bottom with nbclient (outputs and plots
kept, volatile metadata dropped) with ``source/`` on the kernel's ``PYTHONPATH``: instructors
run solutions from the repository, so they get no copy of ``annlab``. Nothing else is copied
by hand: ``source/`` is the one source of truth.

Interface
---------
``discover(source=SOURCE_DIR) -> [names]``          notebooks present in ``source/``
``student_header(nb) -> markdown``                  the first cell of a student notebook
``build(out, notebooks=None, execute=True) -> {name: seconds}``
    writes ``out/exercises`` and ``out/solutions``; returns each solution's execution time.
``execute_solution(name, destination) -> seconds``  one solution notebook, executed
``differences(fresh, committed, notebooks) -> [str]``
    what differs between two build trees: ``exercises/`` byte for byte; ``solutions/`` in
    code, markdown, metadata and the kinds of outputs — but not in output values, which
    move with the CPU's floating-point kernels (see ``solution_signature``).
"""

import filecmp
import json
import pathlib
import re
import shutil
import tempfile
import time

from autograder import course as course_mod
from autograder import settings
from autograder.notebooks import (
    clean_metadata,
    execute,
    is_answer_cell,
    is_test_cell,
    is_written_cell,
    nbgrader_meta,
    read_notebook,
    remove_hidden_tests,
    strip_outputs,
    write_notebook,
)

SOURCE_DIR = settings.SOURCE_DIR
discover = settings.notebook_names


def _replace_tree(source, destination):
    destination = pathlib.Path(destination)
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=settings.copy_ignore())


_LAB_TIME = re.compile(r"\*\*Lab time:\*\*\s*(.+?)(?=\s*\*\*Run time|\n\n|$)", re.S)


def student_header(nb):
    """The first cell a student reads: title, lab time and what is graded, from the notebook.

    Points are summed from the nbgrader metadata (autograded test cells; written answers
    graded by hand), the lab time is the Goals section's ``**Lab time:**`` line."""
    title, lab_time = None, None
    code_points = written_points = 0.0
    exercises = questions = 0
    for cell in nb.cells:
        points = float(nbgrader_meta(cell).get("points", 0))
        if cell.cell_type == "markdown":
            if title is None and cell.source.startswith("# "):
                title = cell.source.splitlines()[0][2:].strip()
            found = _LAB_TIME.search(cell.source)
            if lab_time is None and found:
                lab_time = " ".join(found.group(1).split()).rstrip(".")
        if is_written_cell(cell):
            written_points += points
            questions += 1
        elif is_test_cell(cell):
            code_points += points
        elif is_answer_cell(cell):
            exercises += 1
    lines = [f"> **annlab · {title or 'lab notebook'}**", ">"]
    if lab_time:
        lines.append(f"> - **Time needed:** {lab_time}.")
    lines.append(
        f"> - **Graded:** {code_points:g} points for code in {exercises} exercises (checked by the "
        f"visible tests below each exercise and by hidden tests when you submit) and "
        f"{written_points:g} points for {questions} written answers (graded by hand).")
    lines.append("> - **How:** work from top to bottom, replace every `YOUR CODE HERE`, run each "
                 "test cell, answer the questions, then *Kernel → Restart & Run All* and submit.")
    return "\n".join(lines)


def build_exercise(course, name, destination):
    course.generate_assignment(name)
    _replace_tree(course.root / "release" / name, destination)
    path = pathlib.Path(destination) / f"{name}.ipynb"
    nb = strip_outputs(read_notebook(path))
    header = next((c for c in nb.cells if c.get("id") == "annlab-header"), None)
    if header is not None:
        header.source = student_header(nb)
    nb.metadata["annlab"] = {"generated": course_mod.GENERATED_NOTE.format(name=name)}
    write_notebook(nb, path)


def solution_notebook(name, source=SOURCE_DIR):
    """The source notebook as a solution: header first, hidden tests out, no outputs."""
    nb = read_notebook(pathlib.Path(source) / name / f"{name}.ipynb")
    for cell in filter(is_test_cell, nb.cells):
        cell.source = remove_hidden_tests(cell.source)
    nb.cells.insert(0, course_mod.header_cell("solutions"))
    return strip_outputs(nb)


def execute_solution(name, destination, source=SOURCE_DIR):
    destination = pathlib.Path(destination)
    _replace_tree(pathlib.Path(source) / name, destination)
    nb = solution_notebook(name, source)
    start = time.perf_counter()
    execute(nb, destination, python_path=[source])
    seconds = time.perf_counter() - start
    write_notebook(clean_metadata(nb), destination / f"{name}.ipynb")
    return seconds


def build(out, notebooks=None, execute=True, source=SOURCE_DIR, log=print):
    out = pathlib.Path(out)
    names = list(notebooks or discover(source))
    timings = {}
    with tempfile.TemporaryDirectory(prefix="annlab-build-") as tmp:
        course = course_mod.Course.create(pathlib.Path(tmp) / "course", names, source)
        for name in names:
            build_exercise(course, name, out / "exercises" / name)
            log(f"exercises/{name}: generated")
            if execute:
                timings[name] = execute_solution(name, out / "solutions" / name, source)
                log(f"solutions/{name}: executed in {timings[name]:.1f} s")
    return timings


def solution_signature(path):
    """A solution notebook with output *values* masked: sources, metadata and output kinds."""
    nb = read_notebook(path)
    kinds = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            kinds.append([(o.get("output_type"), o.get("name"), sorted(o.get("data", {})))
                          for o in cell.get("outputs", [])])
    return json.dumps({"notebook": json.loads(json.dumps(strip_outputs(nb))), "outputs": kinds},
                      sort_keys=True)


def _files(root):
    root = pathlib.Path(root)
    if not root.exists():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and not settings.is_ignored(p.relative_to(root))}


def differences(fresh, committed, notebooks):
    fresh, committed = pathlib.Path(fresh), pathlib.Path(committed)
    problems = []
    for kind in ("exercises", "solutions"):
        for name in notebooks:
            a, b = fresh / kind / name, committed / kind / name
            files_a, files_b = _files(a), _files(b)
            for missing in sorted(files_a - files_b):
                problems.append(f"{kind}/{name}/{missing}: missing from the committed tree")
            for extra in sorted(files_b - files_a):
                problems.append(f"{kind}/{name}/{extra}: committed but not generated")
            for rel in sorted(files_a & files_b):
                if kind == "solutions" and rel.endswith(".ipynb"):
                    same = solution_signature(a / rel) == solution_signature(b / rel)
                else:
                    same = filecmp.cmp(a / rel, b / rel, shallow=False)
                if not same:
                    problems.append(f"{kind}/{name}/{rel}: differs from a fresh build")
    return problems
