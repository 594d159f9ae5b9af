"""The bundled sample class: six students generated from the committed course files.

``make_sample_class(out, notebooks) -> pathlib.Path`` writes an nbgrader ``submitted/``
layout under ``out`` (and returns it) with, for every notebook:

============  =============================================================================
``perfect``   the solution notebook, on time
``blank``     the student release, untouched (every exercise unimplemented)
``partial``   the release with the first half of the exercises solved
``mistakes``  the solution with a typical wrong answer (``tests/variants``) in every other
              exercise
``late``      the solution, submitted after the due date
``broken``    a file that is not a notebook (truncated JSON)
============  =============================================================================

Timestamps are fixed (``DUEDATE``), so grading the class always gives the same gradebook.
``out/students.csv`` (``ROSTER``) gives the six students names (``grade --roster``).
"""

import pathlib

from autograder.grade.roster import write_roster
from autograder.notebooks import graded_functions, read_notebook, write_notebook
from autograder.qa.variants import answer_source, load_variants, paste_answers
from autograder.settings import REPO

DUEDATE = "2026-01-15 23:59:00 UTC"
ON_TIME = "2026-01-14 10:00:00 UTC"
LATE = "2026-01-17 09:30:00 UTC"
STUDENTS = ("perfect", "blank", "partial", "mistakes", "late", "broken")
ROSTER = "students.csv"
#: made-up names for the sample students (the formgrader lists "last, first")
NAMES = {
    "perfect": ("Ada", "Lovelace"), "blank": ("Blaise", "Pascal"),
    "partial": ("Carl", "Gauss"), "mistakes": ("Dorothy", "Vaughan"),
    "late": ("Emmy", "Noether"), "broken": ("Frank", "Rosenblatt"),
}


def partial_notebook(name, repo=REPO):
    """The release with the first half of its graded functions taken from the solution."""
    release = read_notebook(pathlib.Path(repo) / "exercises" / name / f"{name}.ipynb")
    solution = graded_functions(read_notebook(pathlib.Path(repo) / "source" / name / f"{name}.ipynb"))
    solved = list(solution)[: len(solution) // 2]
    paste_answers(release, {name: solution[name].answer.source for name in solved})
    return release, solved


def mistakes_notebook(name, repo=REPO):
    """The solution with the first known-wrong answer in every other graded function."""
    notebook = read_notebook(pathlib.Path(repo) / "solutions" / name / f"{name}.ipynb")
    wrong = load_variants(name, repo).WRONG
    functions = list(graded_functions(read_notebook(pathlib.Path(repo) / "source" / name / f"{name}.ipynb")))
    replaced, answers = {}, {}
    for function in functions[::2]:
        label, source = next(iter(wrong[function].items()))
        replaced[function], answers[function] = label, answer_source(source)
    return paste_answers(notebook, answers), replaced


def make_sample_class(out, notebooks, repo=REPO):
    root = pathlib.Path(out) / "submitted"
    repo = pathlib.Path(repo)
    for name in notebooks:
        solution = read_notebook(repo / "solutions" / name / f"{name}.ipynb")
        release = read_notebook(repo / "exercises" / name / f"{name}.ipynb")
        contents = {
            "perfect": (solution, ON_TIME),
            "blank": (release, ON_TIME),
            "partial": (partial_notebook(name, repo)[0], ON_TIME),
            "mistakes": (mistakes_notebook(name, repo)[0], ON_TIME),
            "late": (solution, LATE),
        }
        for student in STUDENTS:
            folder = root / student / name
            folder.mkdir(parents=True, exist_ok=True)
            if student == "broken":
                (folder / f"{name}.ipynb").write_text('{"cells": [{"cell_type": "code", "sou')
                (folder / "timestamp.txt").write_text(ON_TIME)
                continue
            notebook, timestamp = contents[student]
            write_notebook(notebook, folder / f"{name}.ipynb")
            (folder / "timestamp.txt").write_text(timestamp)
    write_sample_roster(pathlib.Path(out) / ROSTER)
    return root


def write_sample_roster(path):
    return write_roster(path, {student: {"first_name": first, "last_name": last,
                                         "email": f"{student}@example.org"}
                               for student, (first, last) in NAMES.items()})
