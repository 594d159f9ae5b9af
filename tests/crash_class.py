"""A class of one notebook with crashing, looping and tampering neighbours of correct work.

``make_crash_class(out, students=None) -> {student: kind}`` writes an nbgrader
``submitted/`` layout under ``out`` (``students``: a subset of ``STUDENTS``, in that order).
The names sort in grading order: the four faulty submissions come first, so that the correct
ones are graded after them in the same worker.

* ``a_os_exit``: an answer cell calls ``os._exit(0)`` (the kernel dies);
* ``b_memory_hog``: an answer cell allocates memory until the kernel's address-space limit;
* ``c_fork_bomb``: an answer cell forks without end (every child forks too);
* ``d_endless_loop``: an answer cell loops forever (a cell timeout interrupts it);
* ``e_tampered``: correct code, but one test cell's points raised to 100 and another test's
  ``grade_id`` renamed (the integrity pass restores both);
* ``f_perfect``, ``g_perfect``, ``h_perfect``: the solution, untouched.

The correct ones (``CORRECT``) must get the same per-test scores as when graded alone.
"""

import pathlib

from autograder.course import REPO
from autograder.notebooks import read_notebook, write_notebook

NAME = "01_neuron"
STUDENTS = ("a_os_exit", "b_memory_hog", "c_fork_bomb", "d_endless_loop", "e_tampered",
            "f_perfect", "g_perfect", "h_perfect")
CORRECT = ("e_tampered", "f_perfect", "g_perfect", "h_perfect")


def _cell(nb, grade_id):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def _prepend(nb, grade_id, code):
    cell = _cell(nb, grade_id)
    cell.source = code + "\n" + cell.source


def make_crash_class(out, students=None):
    def solution():
        return read_notebook(REPO / "solutions" / NAME / f"{NAME}.ipynb")

    notebooks = {}
    nb = solution()
    _prepend(nb, "relu", "import os\nos._exit(0)")
    notebooks["a_os_exit"] = nb
    nb = solution()
    _prepend(nb, "relu", "import numpy as _np\n_hoard = []\nwhile True:\n"
                         "    _hoard.append(_np.ones(10**7))")
    notebooks["b_memory_hog"] = nb
    nb = solution()
    _prepend(nb, "relu", "import os\nwhile True:\n    os.fork()")
    notebooks["c_fork_bomb"] = nb
    nb = solution()
    _prepend(nb, "relu", "while True:\n    pass")
    notebooks["d_endless_loop"] = nb
    nb = solution()
    _cell(nb, "test_sigmoid").metadata["nbgrader"]["points"] = 100
    _cell(nb, "test_relu").metadata["nbgrader"]["grade_id"] = "test_relu_renamed"
    notebooks["e_tampered"] = nb
    for student in ("f_perfect", "g_perfect", "h_perfect"):
        notebooks[student] = solution()
    chosen = list(students or STUDENTS)
    root = pathlib.Path(out) / "submitted"
    for student in chosen:
        folder = root / student / NAME
        folder.mkdir(parents=True, exist_ok=True)
        write_notebook(notebooks[student], folder / f"{NAME}.ipynb")
    return chosen
