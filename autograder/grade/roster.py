"""Students' real names in the gradebook (the formgrader otherwise shows "None, None").

Interface
---------
``read_roster(path) -> (students, problems)``
    reads a CSV in the shape ``nbgrader db student import`` takes: a header row with ``id``
    and any of ``first_name``, ``last_name``, ``email``. ``students`` maps id to
    ``{"first_name", "last_name", "email"}`` (missing values None); ``problems`` lists
    ``(where, why)`` for rows that were skipped (no id, duplicate id), and for a file that
    cannot be read at all (then ``students`` is empty): a bad roster never stops grading.
``apply_roster(db_url, students) -> int``
    creates or updates each student in the gradebook with those names
    (``gradebook.set_names``); returns how many.
``write_roster(path, students)``
    writes such a CSV (used for the bundled sample class).
"""

import csv
import pathlib

from autograder.grade import gradebook

FIELDS = ("id", "first_name", "last_name", "email")


def read_roster(path):
    path = pathlib.Path(path)
    students, problems = {}, []
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "id" not in [f.strip() for f in reader.fieldnames]:
                return {}, [(str(path), "roster has no 'id' column (expected id, first_name, "
                                        "last_name, email)")]
            for number, row in enumerate(reader, start=2):
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
                student = row.get("id", "")
                if not student:
                    problems.append((f"{path.name}:{number}", "roster row without an id"))
                    continue
                if student in students:
                    problems.append((f"{path.name}:{number}", f"duplicate roster id {student!r}"))
                    continue
                students[student] = {field: row.get(field) or None for field in FIELDS[1:]}
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return {}, [(str(path), f"cannot read roster: {error}")]
    return students, problems


def apply_roster(db_url, students):
    gradebook.set_names(db_url, students)
    return len(students)


def write_roster(path, students):
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        for student, names in students.items():
            writer.writerow([student] + [names.get(field) or "" for field in FIELDS[1:]])
    return path
