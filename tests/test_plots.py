"""Figures survive grading (issue 15, item 2): in the sandbox, matplotlib is pre-loaded by the
zygote, so the inline backend must be chosen before that import, or graded notebooks and
feedback lose every figure that a written question may be about.

One run of the real grading command (sandbox on) over two identical copies of the perfect
01_neuron submission: each autograded notebook has as many ``image/png`` outputs as
``solutions/``, each feedback page as many embedded PNG images, and both copies get the same
per-test scores (the inline backend keeps grading deterministic).
"""

import re

import nbformat

from autograder import cli
from autograder.course import Course
from autograder.grade.run import read_scores
from autograder.settings import REPO

NAME = "01_neuron"
COPIES = ("perfect_a", "perfect_b")


def _pngs(path):
    nb = nbformat.read(str(path), as_version=4)
    return sum(1 for cell in nb.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []) if "image/png" in output.get("data", {}))


def test_figures_in_autograded_notebooks_and_feedback(tmp_path):
    solution = REPO / "solutions" / NAME / f"{NAME}.ipynb"
    expected = _pngs(solution)
    assert expected > 0, f"solutions/{NAME} should have figures to compare with"
    for student in COPIES:
        folder = tmp_path / "class" / "submitted" / student / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_bytes(solution.read_bytes())
    course = tmp_path / "course"
    code = cli.main(["grade", str(tmp_path / "class"), "--course", str(course),
                     "--assignments", NAME, "--no-progress"])
    assert code == 0
    for student in COPIES:
        graded = _pngs(course / "autograded" / student / NAME / f"{NAME}.ipynb")
        assert graded == expected, (
            f"{student}: the autograded notebook has {graded} image/png outputs, "
            f"solutions/ has {expected}")
        html = (course / "feedback" / student / NAME / f"{NAME}.html").read_text()
        shown = len(re.findall(r'<img [^>]*src="data:image/png', html))
        assert shown == expected, f"{student}: the feedback shows {shown} figures, not {expected}"
    scores = read_scores(Course(course), [NAME])
    assert scores[(COPIES[0], NAME)] == scores[(COPIES[1], NAME)], (
        f"the same submission graded twice must get the same scores: {scores}")
