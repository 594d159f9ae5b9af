"""autograder.safety (restore, tamper, findings): restoring submitted notebooks and the static tamper scan.

Fast unit tests (no kernel, no TensorFlow): every committed solution restores cleanly against
its release, each kind of tampering gives the right finding and the right restored cell, a
table of hostile snippets is flagged, and no answer of the course (solutions and every
known-wrong / known-right variant in ``tests/variants``) is.
"""

import copy
import functools
import importlib

import nbformat
import pytest

from autograder.notebooks import nbgrader_meta, read_notebook
from autograder.safety.findings import Finding, notes_cell
from autograder.safety.restore import restore
from autograder.safety.tamper import neutralize, protected_names, scan
from autograder.settings import notebook_names
from conftest import ROOT

NOTEBOOKS = notebook_names(ROOT / "exercises")
NB = "01_neuron"


@functools.cache
def _read(kind, name):
    return read_notebook(ROOT / kind / name / f"{name}.ipynb")


def release(name=NB):
    return copy.deepcopy(_read("exercises", name))


def solution(name=NB):
    return copy.deepcopy(_read("solutions", name))


def cell(nb, key):
    """The cell whose grade_id (or else id) is ``key``."""
    for c in nb.cells:
        if nbgrader_meta(c).get("grade_id") == key or c.get("id") == key:
            return c
    raise KeyError(key)


def position(nb, key):
    return next(i for i, c in enumerate(nb.cells)
                if nbgrader_meta(c).get("grade_id") == key or c.get("id") == key)


def checked(submitted, rel=None):
    """restore(), plus the invariants every result must keep."""
    rel = release() if rel is None else rel
    snapshots = copy.deepcopy((rel, submitted))
    nb, findings = restore(submitted, rel)
    assert (rel, submitted) == snapshots, "restore must change neither of its arguments"
    nbformat.validate(nb)
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids)), f"duplicate cell ids in the restored notebook: {ids}"
    assert nb.metadata == rel.metadata, "the release's notebook metadata must be kept"
    assert all(isinstance(f, Finding) and f.kind in ("tamper", "structure") for f in findings)
    release_keys = [nbgrader_meta(c).get("grade_id") or c.id for c in rel.cells]
    kept = [k for k in (nbgrader_meta(c).get("grade_id") or c.id for c in nb.cells)
            if k in release_keys]
    assert kept == release_keys, "every release cell must be there, in the release's order"
    return nb, findings


def only(findings, kind, cell_name, *words):
    """The one finding, asserting its kind, cell and words."""
    assert len(findings) == 1, f"expected one finding, got {findings}"
    finding = findings[0]
    assert (finding.kind, finding.cell) == (kind, cell_name), f"wrong finding: {finding}"
    for word in words:
        assert word in finding.message, f"{word!r} missing from {finding.message!r}"
    return finding


# ----------------------------------------------------------------------------------------------
# restore: clean submissions
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NOTEBOOKS)
def test_solution_restores_without_findings(name):
    rel, sol = release(name), solution(name)
    nb, findings = checked(sol, rel)
    assert findings == [], f"{name}: a clean solution gave findings {findings}"
    assert len(nb.cells) == len(rel.cells), f"{name}: cells were added or lost"
    for c in rel.cells:
        meta = nbgrader_meta(c)
        if not meta:
            continue
        restored = cell(nb, meta["grade_id"])
        if meta.get("solution"):
            assert restored.source == cell(sol, meta["grade_id"]).source, \
                f"{name}: the answer in {meta['grade_id']} was not preserved"
            assert restored.metadata == c.metadata, \
                f"{name}: answer cell {meta['grade_id']} must carry the release's metadata"
        else:
            assert (restored.source, restored.metadata) == (c.source, c.metadata), \
                f"{name}: test cell {meta['grade_id']} differs from the release"


def test_release_restores_to_itself():
    rel = release()
    nb, findings = checked(release(), rel)
    assert findings == [], f"the untouched release gave findings {findings}"
    assert [(c.id, c.source) for c in nb.cells] == [(c.id, c.source) for c in rel.cells], \
        "the untouched release must come back unchanged"


def test_release_without_header_keeps_the_students_header():
    rel = release()
    rel.cells = [c for c in rel.cells if c.id != "annlab-header"]
    nb, findings = checked(solution(), rel)
    assert findings == [], f"a missing header in the reference gave findings {findings}"
    assert nb.cells[0].id == "annlab-header", "the student's header cell is kept first"


def test_submission_saved_without_cell_ids_is_matched_by_content_and_position():
    sub = solution()
    cell(sub, "cell-045").source += "\nprint('my experiment')"
    for c in sub.cells:
        del c["id"]
    nb, findings = checked(sub)
    assert findings == [], f"a submission without ids (Colab) gave findings {findings}"
    assert len(nb.cells) == len(release().cells), "no cell may be duplicated or lost"
    assert cell(nb, "cell-045").source.endswith("print('my experiment')"), \
        "the edited experiment cell keeps the student's edit"


# ----------------------------------------------------------------------------------------------
# restore: tampering and accidents
# ----------------------------------------------------------------------------------------------

def test_edited_test_cell_is_restored():
    sub = solution()
    cell(sub, "test_sigmoid").source = "pass  # trust me"
    nb, findings = checked(sub)
    only(findings, "tamper", "test_sigmoid", "test cell `test_sigmoid` was edited", "restored")
    assert cell(nb, "test_sigmoid").source == cell(release(), "test_sigmoid").source, \
        "the edited test cell must be the release's again"


def test_deleted_test_cell_is_restored_in_place():
    sub = solution()
    sub.cells.pop(position(sub, "test_sigmoid"))
    nb, findings = checked(sub)
    only(findings, "structure", "test_sigmoid", "was deleted", "restored")
    assert position(nb, "test_sigmoid") == position(nb, "sigmoid") + 1, \
        "the restored test cell must follow its answer cell"


def test_changed_points_are_restored():
    sub = solution()
    cell(sub, "test_sigmoid").metadata["nbgrader"]["points"] = 100
    nb, findings = checked(sub)
    only(findings, "tamper", "test_sigmoid", "points 2 → 100")
    assert nbgrader_meta(cell(nb, "test_sigmoid"))["points"] == 2, "points must be the release's"


def test_changed_grade_id_is_restored():
    sub = solution()
    cell(sub, "test_sigmoid").metadata["nbgrader"]["grade_id"] = "test_sigmoid_easy"
    nb, findings = checked(sub)
    only(findings, "tamper", "test_sigmoid", "grade_id `test_sigmoid` → `test_sigmoid_easy`")
    assert "test_sigmoid_easy" not in {nbgrader_meta(c).get("grade_id") for c in nb.cells}, \
        "the changed grade_id must not survive"


def test_test_cell_turned_into_markdown_is_restored():
    sub = solution()
    index = position(sub, "test_sigmoid")
    old = sub.cells[index]
    sub.cells[index] = nbformat.v4.new_markdown_cell(old.source, id=old.id, metadata=old.metadata)
    nb, findings = checked(sub)
    only(findings, "tamper", "test_sigmoid", "cell type code → markdown")
    assert cell(nb, "test_sigmoid").cell_type == "code", "the test cell must be code again"


def test_unlocked_test_cell_is_reported():
    sub = solution()
    meta = cell(sub, "test_relu").metadata["nbgrader"]
    meta["locked"], meta["grade"] = False, False
    nb, findings = checked(sub)
    only(findings, "tamper", "test_relu", "grade true → false", "locked true → false")
    assert nbgrader_meta(cell(nb, "test_relu"))["locked"] is True, "the test cell must be locked"


def test_deleted_answer_cell_is_graded_as_unanswered():
    sub = solution()
    sub.cells.pop(position(sub, "elu"))
    nb, findings = checked(sub)
    only(findings, "structure", "elu", "answer cell for `elu` is missing",
         "graded as unanswered")
    assert cell(nb, "elu").source == cell(release(), "elu").source, \
        "a missing answer comes back as the release's stub"


def test_answer_cell_turned_into_markdown_is_graded_as_unanswered():
    sub = solution()
    cell(sub, "elu").cell_type = "markdown"
    del cell(sub, "elu")["outputs"], cell(sub, "elu")["execution_count"]
    nb, findings = checked(sub)
    only(findings, "structure", "elu", "turned into a markdown cell", "graded as unanswered")
    assert cell(nb, "elu").cell_type == "code", "the answer cell must be code"


def test_answer_metadata_comes_from_the_release_and_the_answer_is_kept():
    sub = solution()
    meta = cell(sub, "elu").metadata["nbgrader"]
    meta["grade"], meta["points"] = True, 50
    cell(sub, "elu").metadata["tags"] = ["mine"]
    nb, findings = checked(sub)
    only(findings, "tamper", "elu", "grade false → true", "points 0 → 50", "answer itself was kept")
    restored = cell(nb, "elu")
    assert restored.metadata == cell(release(), "elu").metadata, "metadata must be the release's"
    assert restored.source == cell(solution(), "elu").source, "the answer must be kept"


def test_forged_graded_cell_is_dropped():
    sub = solution()
    forged = nbformat.v4.new_code_cell("assert True", id="bonus", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "test_bonus",
        "points": 100, "schema_version": 3}})
    sub.cells.insert(position(sub, "test_sigmoid") + 1, forged)
    nb, findings = checked(sub)
    only(findings, "tamper", "test_bonus", "extra graded cell", "100 points", "removed")
    assert "bonus" not in {c.id for c in nb.cells}, "the forged cell must be gone"
    points = sum(float(nbgrader_meta(c).get("points", 0)) for c in nb.cells)
    expected = sum(float(nbgrader_meta(c).get("points", 0)) for c in release().cells)
    assert points == expected, "the notebook's total points must be the release's"


def test_duplicated_answer_cell_keeps_one_copy():
    sub = solution()
    index = position(sub, "sigmoid")
    copy_of = copy.deepcopy(sub.cells[index])
    copy_of.id, copy_of.source = "pasted-copy", "def sigmoid(z):\n    return 0.5"
    sub.cells.insert(index + 1, copy_of)
    nb, findings = checked(sub)
    only(findings, "structure", "sigmoid", "second copy", "`sigmoid`")
    answers = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "sigmoid"]
    assert len(answers) == 1, "exactly one answer cell per grade_id"
    assert answers[0].source == cell(solution(), "sigmoid").source, \
        "the copy that kept the release's cell id is the one graded"


def test_duplicated_test_cell_keeps_one_copy():
    sub = solution()
    index = position(sub, "test_relu")
    duplicate = copy.deepcopy(sub.cells[index])
    duplicate.id = "pasted"
    sub.cells.insert(index, duplicate)
    nb, findings = checked(sub)
    only(findings, "structure", "test_relu", "second copy")
    assert sum(nbgrader_meta(c).get("grade_id") == "test_relu" for c in nb.cells) == 1


def test_scratch_cells_stay_where_the_student_put_them():
    sub = solution()
    scratch = nbformat.v4.new_code_cell("print(sigmoid(0.0))", id="my-scratch")
    note = nbformat.v4.new_markdown_cell("my notes", id="my-notes")
    sub.cells.insert(position(sub, "sigmoid") + 1, scratch)
    sub.cells.insert(0, note)
    nb, findings = checked(sub)
    assert findings == [], f"scratch cells are allowed, got {findings}"
    assert position(nb, "my-scratch") == position(nb, "sigmoid") + 1, \
        "a scratch cell stays right after the cell that preceded it"
    assert position(nb, "test_sigmoid") == position(nb, "my-scratch") + 1
    assert nb.cells[0].id == "my-notes", "a cell added at the top stays at the top"


def test_edited_experiment_cell_keeps_the_students_version():
    sub = solution()
    cell(sub, "cell-045").source = "print('my own plot')"
    nb, findings = checked(sub)
    assert findings == [], f"editing an experiment cell is allowed, got {findings}"
    assert cell(nb, "cell-045").source == "print('my own plot')"


def test_edited_setup_cell_is_restored():
    sub = solution()
    cell(sub, "cell-003").source = "checks = None\nimport numpy as np"
    nb, findings = checked(sub)
    assert [(f.kind, f.message) for f in findings] == [
        ("structure", "the Setup cell was edited — restored from the course release")], findings
    assert cell(nb, "cell-003").source == cell(release(), "cell-003").source


def test_deleted_plain_cells():
    sub = solution()
    sub.cells = [c for c in sub.cells if c.id not in ("cell-045", "cell-046", "cell-003")]
    nb, findings = checked(sub)
    messages = sorted(f.message for f in findings)
    assert [f.kind for f in findings] == ["structure", "structure"], findings
    assert messages == ["code cell `cell-045` was deleted — restored from the course release",
                        "the Setup cell was deleted — restored from the course release"], \
        f"deleted code cells are reported, deleted markdown is not: {messages}"
    for key in ("cell-045", "cell-046", "cell-003"):
        assert cell(nb, key).source == cell(release(), key).source


def test_grading_metadata_added_to_a_plain_cell_is_removed():
    sub = solution()
    cell(sub, "cell-045").metadata["nbgrader"] = {"grade": True, "grade_id": "free",
                                                  "points": 10, "solution": False}
    nb, findings = checked(sub)
    only(findings, "tamper", "cell-045", "grading metadata was added")
    assert "nbgrader" not in cell(nb, "cell-045").metadata


def test_junk_cells_are_tolerated():
    sub = solution()
    sub.cells[position(sub, "elu")] = {
        "cell_type": "code", "id": "elu", "source": ["def elu(z, alpha=1.0):\n", "    return z\n"],
        "metadata": {"nbgrader": {"grade_id": "elu", "solution": True}}}  # keys missing
    sub.cells.insert(3, {"cell_type": "code", "source": ["x = 1\n", "y = 2"]})  # no id, metadata
    sub.cells.insert(3, {"cell_type": "markdown", "source": "note", "id": "cell-000",
                         "metadata": None})                              # a release id, again
    sub.cells.insert(3, {"cell_type": "widget", "source": "?", "metadata": {}})
    sub.cells.insert(3, "not a cell")
    sub.cells.insert(3, {"cell_type": "code", "source": 42, "metadata": {"nbgrader": "x"},
                         "id": "bad id!"})
    nb, findings = checked(sub)
    kinds = sorted((f.kind, f.message) for f in findings)
    assert [k for k, _ in kinds] == ["structure", "structure"], kinds
    assert any("unknown cell type" in m for _, m in kinds), kinds
    assert any("not a notebook cell" in m for _, m in kinds), kinds
    assert cell(nb, "elu").source == "def elu(z, alpha=1.0):\n    return z\n", \
        "a list source is joined and the answer kept"
    sources = [c.source for c in nb.cells]
    assert "x = 1\ny = 2" in sources and "note" in sources and "" in sources, \
        "junk scratch cells are kept with valid ids"


def test_junk_notebook_without_cells():
    nb, findings = checked({"metadata": {}, "nbformat": 4})
    assert len(nb.cells) == len(release().cells)
    assert any("answer cell for `sigmoid` is missing" in f.message for f in findings)


# ----------------------------------------------------------------------------------------------
# scan
# ----------------------------------------------------------------------------------------------

HOSTILE = [
    ("np.allclose = lambda *a, **k: True", 1, "`np.allclose`"),
    ("import numpy.testing as t\nt.assert_allclose = print", 2, "`t.assert_allclose`"),
    ("from annlab import checks as c\nc.check_array = None", 1, "imports `annlab`"),
    ("checks = object()", 1, "rebinds `checks`"),
    ("import builtins\nbuiltins.abs = lambda x: 0", 1, "imports `builtins`"),
    ("__builtins__['len'] = lambda x: 0", 1, "`__builtins__`"),
    ("import sys\nsys.modules['annlab.checks'] = None", 2, "sys.modules"),
    ("get_ipython().set_custom_exc((Exception,), print)", 1, "`get_ipython`"),
    ("exec('np.allclose = 1')", 1, "`exec`"),
    ("eval('1')", 1, "`eval`"),
    ("setattr(np, 'allclose', f)", 1, "`setattr`"),
    ("np.__dict__['allclose'] = f", 1, "np.__dict__"),
    ("f.__code__ = g.__code__", 1, "`.__code__`"),
    ("[np][0].allclose = f", 1, "computed object"),
    ("f().x = 1", 1, "computed object"),
    ("def checks():\n    return None", 1, "redefines `checks`"),
    ("class np:\n    pass", 1, "redefines `np`"),
    ("def f():\n    global np\n    np = None\nf()", 3, "global np"),
    ("import inspect", 1, "imports `inspect`"),
    ("from unittest import mock", 1, "imports `unittest`"),
    ("import importlib\nimportlib.reload(np)", 1, "imports `importlib`"),
    ("import sys\nsys.settrace(f)", 2, "sys.settrace"),
    ("import sys\nsys.stdout = open('out.txt', 'w')", 2, "replaces `sys.stdout`"),
    ("import os\nos.sys.modules.clear()", 2, "sys.modules"),
    ("from sys import modules", 1, "sys.modules"),
    ("import sys as s\ns.meta_path.insert(0, None)", 2, "sys.meta_path"),
    ("x = object.__subclasses__()", 1, "`.__subclasses__`"),
    ("obj.__class__ = Fake", 1, "`.__class__`"),
    ("m = np.testing\nm.assert_allclose = print", 2, "where `m` refers to an imported"),
    ("t = getattr(np, 'testing')\nt.assert_allclose = print", 2, "`t.assert_allclose`"),
    ("def patch(m):\n    m.allclose = print\npatch(np)", 2, "passes in"),
    ("def patch(m=np):\n    m.allclose = print", 2, "`m.allclose`"),
    ("del np.allclose", 1, "deletes `np.allclose`"),
    ("del checks", 1, "deletes `checks`"),
    ("np.e += 1", 1, "`np.e`"),
    ("import numpy.testing as np", 1, "rebinds `np`"),
    ("for np in range(3):\n    pass", 1, "rebinds `np`"),
    ("with open('f') as checks:\n    pass", 1, "rebinds `checks`"),
    ("(rng := 1)", 1, "rebinds `rng`"),
    ("rng = np.random.default_rng(42)", 1, "rebinds `rng`"),
    ("for np.allclose in [print]:\n    pass", 1, "`np.allclose`"),
    ("import sys\nfr = sys.exc_info()[2].tb_frame", 2, "`.tb_frame`"),
    ("getattr(np, '__di' + 'ct__')", 1, "dunder"),
    ("globals()['np'] = None", 1, "`globals`"),
    ("import pickle", 1, "imports `pickle`"),
    ("from __future__ import barry_as_FLUFL", 1, "barry_as_FLUFL"),
    # read the way IPython reads it
    ("    np.allclose = print", 1, "`np.allclose`"),
    (">>> np.allclose = print", 1, "`np.allclose`"),
    ("/setattr np 'allclose' print", 1, "`setattr`"),
    ("\n\n%time np.allclose = print", 3, "`np.allclose`"),
    ("%%time\nx = 1\nnp.allclose = print", 3, "`np.allclose`"),
    ("%timeit -n1 -r1 np.allclose = print", 1, "`np.allclose`"),
    ("time np.allclose = print", 1, "`np.allclose`"),
    ("await something()\nnp.allclose = print", 2, "`np.allclose`"),
    ("%autocall 2", 1, "%autocall"),
    ("%run other.py", 1, "%run"),
    ("%config InteractiveShell.autocall = 2", 1, "%config"),
]

HARMLESS = [
    "import numpy as np\nimport matplotlib.pyplot as plt\nfrom annlab import checks, data, plots",
    "import os, sys, math, random, time, itertools, functools, collections",
    "import keras\nimport tensorflow as tf\nfrom sklearn.datasets import load_digits\nimport scipy",
    "%matplotlib inline\n!pip list\nfiles = !ls\nx = 1",
    "%config InlineBackend.figure_format = 'retina'",
    "print(sys.version, file=sys.stderr)\nsys.stdout.flush()",
    "import sys\nsys.exit(0)",
    "import os\nos._exit(1)",
    "with open('notes.txt', 'w') as handle:\n    handle.write('hi')",
    "while True:\n    pass",
    "big = [0] * 10**9",
    "model.trainable = False\nhistory.extra = 1",
    ("class Layer(keras.layers.Layer):\n    def __init__(self):\n        super().__init__()\n"
     "        self.w = None\n    def __call__(self, x):\n        return x"),
    "def f(data):\n    data[0] = 1\n    return data",
    "def f(X, rng=None):\n    rng = rng or np.random.default_rng(0)\n    return rng.permutation(3)",
    "x = np.zeros(3)\nx[0] = 1\nx.shape = (3, 1)",
    "table = {'tanh': np.tanh}\ntable['relu'] = lambda z: np.maximum(z, 0)",
    "print(np.__version__, sigmoid.__name__, sigmoid.__doc__)",
    "np.random.seed(0)\nkeras.utils.set_random_seed(1)",
    "for layer in model.layers:\n    layer.trainable = False",
    "import numpy as np",
    "def broken(:\n    np.allclose = print",  # not Python: the kernel reports it
]


@pytest.fixture(scope="module")
def protected():
    return protected_names(release("02_gradient_descent"))


@pytest.mark.parametrize("source, line, words", HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_scan_flags_tampering(source, line, words, protected):
    findings = scan(source, protected)
    assert findings, f"not flagged: {source!r}"
    assert all(f.kind == "tamper" for f in findings)
    assert any(f.line == line and words in f.message for f in findings), \
        f"expected a finding on line {line} mentioning {words!r}, got {findings}"


@pytest.mark.parametrize("source", HARMLESS, ids=[h[:40] for h in HARMLESS])
def test_scan_allows_ordinary_code(source, protected):
    assert scan(source, protected) == [], f"false positive on {source!r}"


def test_scan_with_a_set_of_names_flags_every_rebinding():
    assert scan("import numpy as np", {"np"}), "with a plain set, re-imports count as rebinding"
    assert scan("import numpy as np", {"np": "numpy"}) == [], "with a mapping they do not"
    assert scan("np.allclose = print") == [], "without protected names np is a local variable"


def test_protected_names_of_the_setup_cell():
    assert protected_names(release("01_neuron")) == {
        "os": "os", "plt": "matplotlib.pyplot", "np": "numpy", "keras": "keras",
        "checks": "annlab.checks", "data": "annlab.data", "plots": "annlab.plots",
        "rng": "value"}
    names = protected_names(release("04_xor_backprop"))
    assert names["ACTIVATIONS"] == names["mlp_loss"] == "value"
    assert protected_names(release("05_regression"))["make_friedman1"] == \
        "sklearn.datasets.make_friedman1"


def _course_answers():
    for name in NOTEBOOKS:
        for c in _read("solutions", name).cells:
            meta = nbgrader_meta(c)
            if c.cell_type == "code" and meta.get("solution"):
                yield name, f"solution {meta['grade_id']}", c.source
        variants = importlib.import_module(f"variants.v{name}")
        for kind, table in (("WRONG", variants.WRONG), ("RIGHT", variants.RIGHT)):
            for function, sources in table.items():
                for label, source in sources.items():
                    yield name, f"{kind} {function}/{label}", source


def test_no_false_positives_on_the_course_answers():
    protected = {name: protected_names(_read("exercises", name)) for name in NOTEBOOKS}
    flagged, count = [], 0
    for name, label, source in _course_answers():
        count += 1
        findings = scan(source, protected[name])
        if findings:
            flagged.append((name, label, [(f.line, f.message) for f in findings]))
    assert count > 600, f"only {count} answers scanned: variants or solutions missing?"
    assert flagged == [], f"answers of the course flagged as tampering: {flagged}"


def test_no_false_positives_on_the_experiment_cells():
    for name in NOTEBOOKS:
        rel = _read("exercises", name)
        protected = protected_names(rel)
        for c in rel.cells:
            setup = "setup" in c.metadata.get("tags", [])
            if c.cell_type == "code" and not nbgrader_meta(c) and not setup:
                assert scan(c.source, protected) == [], f"{name} {c.id} flagged"


# ----------------------------------------------------------------------------------------------
# neutralize and the notes cell
# ----------------------------------------------------------------------------------------------

def test_neutralize_disarms_a_hostile_answer_and_leaves_release_cells_alone():
    sub = solution()
    cell(sub, "sigmoid").source = ("def sigmoid(z):\n    return z\n\n"
                                   "np.allclose = lambda *a, **k: True\n")
    scratch = nbformat.v4.new_code_cell("from annlab import checks, data, plots\n"
                                        "rng = np.random.default_rng(0)\nprint(rng.random())",
                                        id="scratch")
    sub.cells.insert(position(sub, "relu"), scratch)
    nb, _ = restore(sub, release())
    before = {c.id: c.source for c in nb.cells}
    findings = neutralize(nb, release())
    assert [(f.kind, f.cell, f.line) for f in findings] == [("tamper", "sigmoid", 4)], findings
    source = cell(nb, "sigmoid").source
    assert source.startswith("raise RuntimeError(") and "\n" not in source, source
    with pytest.raises(RuntimeError, match=r"annlab: this cell was not run because it modifies "
                                           r"`np.allclose`.*\(line 4\)"):
        exec(compile(source, "<neutralized>", "exec"), {})  # noqa: S102 - our own line
    changed = {c.id for c in nb.cells if c.source != before[c.id]}
    assert changed == {"sigmoid"}, f"only the hostile cell may change, got {changed}"
    assert cell(nb, "cell-003").source == cell(release(), "cell-003").source, \
        "the Setup cell (identical to the release's) must never be touched"


def test_neutralize_clean_solution_changes_nothing():
    for name in NOTEBOOKS:
        nb, _ = restore(solution(name), release(name))
        before = [c.source for c in nb.cells]
        assert neutralize(nb, release(name)) == [], f"{name}: clean solution neutralized"
        assert [c.source for c in nb.cells] == before


def test_notes_cell():
    assert notes_cell([]) is None, "no findings, no notes"
    findings = [Finding("tamper", "test_sigmoid", None,
                        "test cell `test_sigmoid` was edited — restored from the course release"),
                Finding("tamper", "sigmoid", 4, "imports `inspect`, which can reach into the "
                                                "grading machinery")]
    notes = notes_cell(findings)
    assert notes.cell_type == "markdown" and notes.id == "annlab-grading-notes"
    assert "Test cell `test_sigmoid` was edited" in notes.source
    assert "Cell `sigmoid`, line 4: the cell was not run because it imports `inspect`" \
        in notes.source
    nb = nbformat.v4.new_notebook(cells=[notes])
    nbformat.validate(nb)
