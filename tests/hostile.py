"""A class of bad and hostile submissions of one notebook, with what grading must give each.

``make_hostile_class(out, name, spy_targets) -> {student: Expect}`` writes an nbgrader
``submitted/`` layout under ``out``. Every student starts from the solution notebook (full
marks) or from the release, and adds one fault or attack. ``Expect`` says what the grading
command must do with it: the score (computed independently: from the notebook's points, or
with the in-process harness for the answers involved), or that it fails with a reason, and
which findings it must report.
"""

import dataclasses
import json
import pathlib
import textwrap

import nbformat

from autograder.notebooks import graded_functions, read_notebook, write_notebook
from autograder.qa.harness import Harness
from autograder.qa.variants import first_answers, load_variants, paste_answers
from autograder.settings import REPO

STUDENTS = ("tampered_tests", "patch_numpy", "patch_checks", "rebind_checks", "sys_modules",
            "builtins", "swallow_errors", "exec_patch", "lying_objects", "infinite_loops",
            "memory_bomb", "memory_hog", "fork_bomb", "output_flood", "display_flood",
            "sys_exit", "os_exit", "spy", "corrupt_json", "binary_file", "empty_file",
            "future_nbformat", "no_notebook", "two_notebooks", "renamed_plus_extras",
            "perfect")


@dataclasses.dataclass
class Expect:
    score: float = None          # exact auto score, when graded
    failed: str = None           # a fragment of the failure reason, when it must fail
    findings: tuple = ()         # fragments that the findings must mention
    output_has: tuple = ()       # fragments that must appear in the autograded outputs
    output_lacks: tuple = ()     # fragments that must not
    zero: tuple = ()             # test cells that must score 0
    may_fail: str = None         # or it may fail instead, with this in the reason


def _cell(nb, grade_id):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def _index(nb, grade_id):
    return nb.cells.index(_cell(nb, grade_id))


def _code(source):
    cell = nbformat.v4.new_code_cell(textwrap.dedent(source).strip("\n"))
    return cell


def make_hostile_class(out, name, spy_targets):
    repo = pathlib.Path(REPO)
    source_path = repo / "source" / name / f"{name}.ipynb"
    functions = graded_functions(read_notebook(source_path))
    full = sum(spec.points for spec in functions.values())
    variants = load_variants(name)
    harness = Harness(source_path)

    def solution():
        return read_notebook(repo / "solutions" / name / f"{name}.ipynb")

    def with_answers(answers):
        return paste_answers(solution(), answers)

    all_wrong = first_answers(variants.WRONG)

    def expected(answers):
        """Points of a submission with these answers (the rest right), by the harness."""
        return sum(harness.submission_points(answers).values())

    def broken(function):
        # what a function that never returns (timeout) or cannot run (MemoryError) is
        # worth to its tests and to every test of a function that calls it
        return f"def {function}(*args, **kwargs):\n    raise RuntimeError('broken')"

    wrong_score = expected(all_wrong)
    first, second, third = list(functions)[1:4]   # e.g. sigmoid, relu, leaky_relu
    last = list(functions)[-1]
    students = {}
    notebooks = {}

    # -- test cells edited, deleted, re-weighted, forged
    nb = with_answers({f: all_wrong[f] for f in (first, second, third)})
    test_first = f"test_{first}"
    _cell(nb, f"test_{second}").source = "pass  # nothing to see here"
    del nb.cells[_index(nb, test_first)]
    meta = _cell(nb, f"test_{third}").metadata["nbgrader"]
    meta["points"] = 100
    forged = _code("print('bonus!')")
    forged.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                   "grade_id": "bonus", "points": 50, "schema_version": 3}
    nb.cells.insert(_index(nb, last) + 1, forged)
    notebooks["tampered_tests"] = nb
    students["tampered_tests"] = Expect(
        score=expected({f: all_wrong[f] for f in (first, second, third)}),
        zero=(f"test_{first}", f"test_{second}", f"test_{third}"),
        findings=(f"test_{second}", test_first, f"test_{third}", "bonus"))

    # -- monkeypatching the checking machinery: every answer wrong, plus one attack each;
    #    the verdicts must be exactly those of the same wrong answers without the attack
    setup_end = max(i for i, c in enumerate(solution().cells) if "setup" in c.metadata.get("tags", []))
    attacks = {
        "patch_numpy": "np.allclose = lambda *a, **k: True\nnp.testing.assert_allclose = lambda *a, **k: None",
        "patch_checks": "checks.check_array = lambda *a, **k: None\nchecks.check_scalar = lambda *a, **k: None",
        "rebind_checks": "class _Pass:\n    def __getattr__(self, name):\n        return lambda *a, **k: None\nchecks = _Pass()",
        "sys_modules": "import sys\nsys.modules['annlab.checks'].check_array = lambda *a, **k: None",
        "builtins": "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.AssertionError = ZeroDivisionError",
        "swallow_errors": "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)",
        "exec_patch": "exec('checks.check_array = lambda *a, **k: None')",
    }
    for label, attack in attacks.items():
        nb = with_answers(all_wrong)
        nb.cells.insert(setup_end + 1, _code(attack))
        notebooks[label] = nb
        students[label] = Expect(score=wrong_score, findings=("tamper",),
                                 output_has=("this cell was not run",))

    # -- answers that return lying objects (no static rule can see these)
    liar_array = textwrap.dedent(f'''
        class _Liar(np.ndarray):
            def __eq__(self, other):
                return np.ones(np.shape(self), dtype=bool)
            def __sub__(self, other):
                return np.zeros(np.shape(self))
            def __array_ufunc__(self, *args, **kwargs):
                return np.zeros(1)
        {textwrap.indent(functions[first].answer.source.replace(f"def {first}(", f"def _{first}_right("), "        ").strip()}
        def {first}(*args, **kwargs):
            right = _{first}_right(*args, **kwargs)
            return (np.asarray(right) + 1.0).view(_Liar)
        ''').strip("\n")
    nb = with_answers({first: liar_array})
    notebooks["lying_objects"] = nb
    students["lying_objects"] = Expect(score=expected({first: liar_array}),
                                       zero=(f"test_{first}",))

    # -- infinite loops: one in a function body, one at the top of an answer cell
    nb = with_answers({
        second: f"def {second}(*args, **kwargs):\n    while True:\n        pass",
        third: "while True:\n    pass\n" + functions[third].answer.source,
    })
    notebooks["infinite_loops"] = nb
    students["infinite_loops"] = Expect(
        score=expected({second: broken(second), third: broken(third)}),
        zero=(f"test_{second}", f"test_{third}"), output_has=("CellTimeoutError",))

    # -- memory bombs: one huge allocation (MemoryError), one that grows until the address-
    #    space limit (MemoryError, or the kernel dies if another thread hits the limit first);
    #    either way a new kernel grades the rest (tests/test_crash_recovery.py)
    nb = with_answers({
        second: f"def {second}(*args, **kwargs):\n    return np.ones((10**6, 10**6))"})
    notebooks["memory_bomb"] = nb
    students["memory_bomb"] = Expect(score=expected({second: broken(second)}),
                                     zero=(f"test_{second}",), output_has=("MemoryError",))
    nb = with_answers({
        third: (f"def {third}(*args, **kwargs):\n    hoard = []\n    while True:\n"
                "        hoard.append(np.ones(10**7))")})
    notebooks["memory_hog"] = nb
    students["memory_hog"] = Expect(score=expected({third: broken(third)}),
                                    zero=(f"test_{third}",),
                                    output_has=("graded the rest of the notebook",))

    # -- a fork bomb whose children sleep (they must not outlive the kernel)
    nb = solution()
    nb.cells.append(_code('''
        import os, time
        children = 0
        try:
            while True:
                if os.fork() == 0:
                    time.sleep(3600)
                    os._exit(0)
                children += 1
        except OSError as error:
            print("fork stopped after", children, "children:", error)
        '''))
    notebooks["fork_bomb"] = nb
    students["fork_bomb"] = Expect(score=full, output_has=("fork stopped",))

    # -- gigabytes of output
    nb = solution()
    nb.cells.append(_code('print("x" * 50_000_000)\nfor i in range(500_000):\n    print(i)'))
    notebooks["output_flood"] = nb
    students["output_flood"] = Expect(score=full, output_has=("output truncated",))
    nb = solution()   # one giant message, past the kernel's stream cap
    nb.cells.append(_code("display({'text/plain': 'x' * 300_000_000}, raw=True)"))
    notebooks["display_flood"] = nb
    students["display_flood"] = Expect(score=full)

    # -- exits
    nb = solution()
    nb.cells.insert(_index(nb, f"test_{first}"), _code("import sys\nsys.exit(1)"))
    notebooks["sys_exit"] = nb
    students["sys_exit"] = Expect(score=full, output_has=("SystemExit",))
    nb = solution()
    nb.cells.insert(_index(nb, f"test_{first}"), _code("import os\nos._exit(3)"))
    notebooks["os_exit"] = nb
    # the kernel dies in a cell that defines nothing: a new kernel grades the rest, in full
    students["os_exit"] = Expect(score=full, output_has=("KernelDied",))

    # -- reading instructor material, other students' work, the network
    probes = [f"_probe({str(path)!r})" for path in spy_targets]
    nb = solution()
    nb.cells.append(_code(textwrap.dedent('''
        import glob, os, socket
        def _probe(path):
            try:
                found = glob.glob(path) if any(ch in path for ch in "*?[") else [path]
                for item in found:
                    with open(item, "rb") as handle:
                        handle.read(10)
                    print("LEAK read", item)
                    return
                print("BLOCKED read", path, "(not there)")
            except OSError as error:
                print("BLOCKED read", path, type(error).__name__)
        for _host, _port in (("1.1.1.1", 53), ("pypi.org", 443)):
            try:
                socket.create_connection((_host, _port), timeout=2).close()
                print("LEAK network", _host)
            except OSError as error:
                print("BLOCKED network", _host, type(error).__name__)
        ''').strip("\n") + "\n" + "\n".join(probes)))
    notebooks["spy"] = nb
    students["spy"] = Expect(score=full, output_has=("BLOCKED network",),
                             output_lacks=("LEAK",))

    # -- files that are not what they should be
    folder_files = {
        "corrupt_json": {f"{name}.ipynb": b'{"cells": [{"cell_type": "code", "sou'},
        "binary_file": {f"{name}.ipynb": b"\x89PNG\r\n\x1a\n" + bytes(range(256))},
        "empty_file": {f"{name}.ipynb": b""},
        "future_nbformat": {f"{name}.ipynb": json.dumps(
            {"nbformat": 9, "nbformat_minor": 0, "cells": [], "metadata": {}}).encode()},
        "no_notebook": {"notes.txt": b"I could not finish, sorry"},
        "two_notebooks": {"draft.ipynb": nbformat.writes(solution()).encode(),
                          "final.ipynb": nbformat.writes(solution()).encode()},
    }
    for student in folder_files:
        students[student] = Expect(failed={"corrupt_json": "not a valid notebook",
                                           "binary_file": "not a valid notebook",
                                           "empty_file": "not a valid notebook",
                                           "future_nbformat": "nbformat",
                                           "no_notebook": f"no {name}.ipynb",
                                           "two_notebooks": f"no {name}.ipynb"}[student])
    renamed = nbformat.writes(solution()).encode()
    folder_files["renamed_plus_extras"] = {
        f"{name} (1).ipynb": renamed, "numpy.py": b"raise SystemExit('shadowed numpy')",
        "annlab.py": b"check_array = None", "data.csv": b"1,2,3\n"}
    students["renamed_plus_extras"] = Expect(score=full, findings=(f"{name} (1).ipynb", "numpy.py"))

    # -- the control: a plain perfect submission graded in the same batch
    notebooks["perfect"] = solution()
    students["perfect"] = Expect(score=full)

    root = pathlib.Path(out) / "submitted"
    for student, nb in notebooks.items():
        folder = root / student / name
        folder.mkdir(parents=True, exist_ok=True)
        write_notebook(nb, folder / f"{name}.ipynb")
    for student, files in folder_files.items():
        folder = root / student / name
        folder.mkdir(parents=True, exist_ok=True)
        for filename, data in files.items():
            (folder / filename).write_bytes(data)
    return students
