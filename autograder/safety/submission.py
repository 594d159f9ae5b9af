"""File-level checks of one submission, before nbgrader sees it (the grading worker's step 1).

Interface
---------
``SubmissionError``
    the submission cannot be graded; the message says why, for student and instructor.
``prepare_submission(folder, assignment, release_path) -> [finding dicts]``
    checks and repairs the submitted files in ``folder`` in place:

    * only the assignment's notebook is graded: other files are removed (a ``numpy.py`` or
      ``annlab/`` beside the notebook would otherwise shadow real modules in the kernel); a
      single notebook under another name is graded as the assignment's notebook;
    * the notebook must be JSON nbformat 4 (older versions are converted);
    * ``restore.restore`` puts back test cells, the Setup cell and metadata from the
      release, and ``tamper.neutralize`` disables cells that tamper with the grading
      machinery; what they found is listed in a markdown cell at the top (the student sees
      it in the feedback) and returned as dicts (the instructor sees it in the report).
"""

import dataclasses
import json
import shutil

import nbformat

from autograder.safety import restore, tamper
from autograder.safety.findings import STRUCTURE, Finding, notes_cell


class SubmissionError(ValueError):
    pass


def _one_notebook(folder, assignment):
    """Leaves ``<assignment>.ipynb`` alone in ``folder``; the findings of doing so."""
    findings = []
    expected = folder / f"{assignment}.ipynb"
    files = sorted(folder.iterdir())
    if not expected.exists():
        notebooks = [p for p in files if p.suffix == ".ipynb" and p.is_file()]
        if len(notebooks) != 1:
            found = ", ".join(p.name for p in files) or "nothing"
            raise SubmissionError(f"no {assignment}.ipynb in the submission (found: {found})")
        notebooks[0].rename(expected)
        findings.append(Finding(STRUCTURE, notebooks[0].name, None,
                                f"the notebook was named `{notebooks[0].name}`; "
                                f"graded as `{expected.name}`"))
    for path in files:
        if path.exists() and path != expected:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            findings.append(Finding(STRUCTURE, path.name, None,
                                    f"extra file `{path.name}` ignored: only "
                                    f"`{expected.name}` is graded"))
    return expected, findings


def _read_submitted(path):
    raw = path.read_bytes()
    try:
        version = json.loads(raw).get("nbformat")
    except (ValueError, AttributeError, UnicodeDecodeError):
        raise SubmissionError(f"{path.name} is not a valid notebook (not JSON: the file "
                              "may be truncated or not a notebook)") from None
    if version not in (3, 4):
        raise SubmissionError(f"{path.name} has nbformat {version!r}; this course grades "
                              "nbformat 4 notebooks (save it again from Jupyter)")
    try:
        return nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as error:
        raise SubmissionError(f"{path.name} is not a valid notebook "
                              f"({type(error).__name__}: {str(error)[:200]})") from None


def prepare_submission(folder, assignment, release_path):
    expected, findings = _one_notebook(folder, assignment)
    submitted = _read_submitted(expected)
    release = nbformat.read(str(release_path), as_version=4)
    notebook, restored = restore.restore(submitted, release)
    findings += restored
    findings += tamper.neutralize(notebook, release)
    notes = notes_cell(findings)
    if notes is not None:
        notebook.cells.insert(0, notes)
    nbformat.write(notebook, str(expected))
    return [dataclasses.asdict(finding) for finding in findings]
