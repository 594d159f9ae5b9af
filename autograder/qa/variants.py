"""The known-wrong and known-right answers of ``tests/variants/``, loaded and pasted in one way.

Each ``tests/variants/v<NN_name>.py`` defines ``WRONG`` and ``RIGHT``: ``{function: {label:
source}}``, the source written as a student would type it into the answer cell.

Interface
---------
``load_variants(name, repo=REPO) -> module``       the notebook's variants module
``answer_source(text) -> str``                      a variant as an answer cell's source
``first_answers(table) -> {function: source}``      the first variant of every function
``paste_answers(nb, answers) -> nb``
    puts ``answers`` (``{function: source}``) into the answer cells of those functions, in
    place; a function without an answer cell raises ``KeyError``.
"""

import importlib.util
import pathlib
import textwrap

from autograder.notebooks import is_answer_cell, nbgrader_meta
from autograder.settings import REPO


def load_variants(name, repo=REPO):
    path = pathlib.Path(repo) / "tests" / "variants" / f"v{name}.py"
    spec = importlib.util.spec_from_file_location(f"annlab_variants_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answer_source(text):
    return textwrap.dedent(text).strip("\n")


def first_answers(table):
    return {function: answer_source(next(iter(variants.values())))
            for function, variants in table.items() if variants}


def paste_answers(nb, answers):
    cells = {nbgrader_meta(cell).get("grade_id"): cell for cell in nb.cells if is_answer_cell(cell)}
    for function, source in answers.items():
        cells[function].source = source
    return nb
