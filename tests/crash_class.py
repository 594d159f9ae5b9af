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

from autograder.notebooks import read_notebook, write_notebook
from autograder.settings import REPO

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


PROBE = '''
import json as _json, os as _os
_own = f"kernel-{_os.getpid()}"
print("ANNLAB-PROBE", _json.dumps({
    "tmp": sorted(e for e in _os.listdir("/tmp") if e != _own),
    "other_processes": sorted(int(p) for p in _os.listdir("/proc")
                              if p.isdigit() and int(p) != _os.getpid()),
    "cwd_files": sorted(_os.listdir(".")),
}))
'''

LEAVER = '''
import os, time
with open("/tmp/leftover.txt", "w") as handle:
    handle.write("state from an earlier submission")
os.makedirs("/tmp/.cache-leftover", exist_ok=True)
if os.fork() == 0:          # a daemon in a session of its own: not in the kernel's group
    os.setsid()
    for _ in range(20):
        if os.fork() == 0:
            time.sleep(3600)
            os._exit(0)
    time.sleep(3600)
    os._exit(0)
time.sleep(1)
os._exit(0)
'''


def make_probe_class(out):
    """``p1_probe`` (the solution plus a cell printing what the kernel sees: /tmp, other
    processes, its folder), ``p2_leaver`` (leaves files in /tmp and a daemon with 20 children
    in a session of its own, then dies), ``p3_probe`` (the same as p1). Graded in one
    process, p1 sees a fresh sandbox and p3 the one p2 left: what they print must be equal."""
    import nbformat
    root = pathlib.Path(out) / "submitted"
    for student, code in (("p1_probe", PROBE), ("p2_leaver", LEAVER), ("p3_probe", PROBE)):
        nb = read_notebook(REPO / "solutions" / NAME / f"{NAME}.ipynb")
        nb.cells.append(nbformat.v4.new_code_cell(code.strip("\n")))
        folder = root / student / NAME
        folder.mkdir(parents=True, exist_ok=True)
        write_notebook(nb, folder / f"{NAME}.ipynb")
