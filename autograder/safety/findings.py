"""What the integrity checks found in a submission, and how a student's feedback shows it.

Interface
---------
``Finding(kind, cell, line, message)``
    ``kind`` is ``"tamper"`` or ``"structure"``; ``cell`` the grade_id, the cell id or
    ``"cell N"`` (1-based position in the submission); ``line`` the line of the cell for
    findings of ``scan`` (None for those of ``restore``). ``restore``'s messages are whole
    sentences; ``scan``'s read after "this cell …" ("imports `inspect`, …").
    ``TAMPER`` and ``STRUCTURE`` name the two kinds.
``notes_cell(findings) -> markdown cell | None``
    the findings as a markdown cell (id ``annlab-grading-notes``) for the student's feedback.
"""

import dataclasses
import re

import nbformat

TAMPER, STRUCTURE = "tamper", "structure"
NOTES_ID = "annlab-grading-notes"
_LABEL = re.compile(r"[A-Za-z0-9_.-]{1,64}")


@dataclasses.dataclass(frozen=True)
class Finding:
    kind: str
    cell: "str | None"
    line: "int | None"
    message: str


def display_label(value):
    """A grade_id or cell id safe to show in markdown feedback, else None."""
    return value if isinstance(value, str) and _LABEL.fullmatch(value) else None


def notes_cell(findings):
    """A markdown cell listing ``findings`` for the student's feedback; None when empty."""
    if not findings:
        return None
    lines = ["### Grading notes", "",
             ("Before grading, the autograder compared this notebook with the course release "
              "and checked its code:"), ""]
    for finding in findings:
        if finding.line is not None:
            lines.append(f"- Cell `{finding.cell}`, line {finding.line}: the cell was not run "
                         f"because it {finding.message}.")
        else:
            message = finding.message[:1].upper() + finding.message[1:]
            lines.append(f"- {message}.")
    return nbformat.v4.new_markdown_cell("\n".join(lines), id=NOTES_ID)
