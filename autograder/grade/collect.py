"""Turning what an instructor downloaded into submissions: nbgrader layout, flat folder or zip.

Interface
---------
``Submission(student, assignment, files, timestamp)``
    one student's submission of one assignment: ``files`` maps file names to their bytes.
``collect(path, assignments, pattern=DEFAULT_PATTERN) -> (submissions, problems)``
    ``path`` is one of
    - an nbgrader course folder or its ``submitted/`` folder:
      ``submitted/<student>/<assignment>/*.ipynb`` (+ an optional ``timestamp.txt``; the
      exchange's ``submission_secret.txt`` is ignored), e.g. after ``nbgrader collect``;
    - a flat folder of files named by an LMS, or a ``.zip`` of one: each file name must
      match ``pattern``, a regular expression with the named groups ``student_id`` and
      ``file_id`` (the notebook's file name) and optionally ``timestamp`` — nbgrader's
      ``ZipCollectApp``/``FileNameCollector`` convention. The default accepts
      ``<student>_<NN_name>.ipynb`` with anything the LMS puts in between.
    ``problems`` lists ``(where, why)`` for every file that could not be assigned to a
    submission (an unknown assignment, a name that does not match, a file over
    ``MAX_FILE_BYTES``, in every layout); it never raises for a student's file.
"""

import dataclasses
import pathlib
import re
import zipfile

DEFAULT_PATTERN = (r"^(?P<student_id>[A-Za-z0-9.-]+?)_(?:.*?_)??"
                   r"(?:(?P<timestamp>\d{4}-\d\d-\d\d[ T-]\d\d[:-]\d\d[:-]\d\d)_)?"
                   r"(?P<file_id>\d\d_[a-z0-9_]+\.ipynb)$")
MAX_FILE_BYTES = 50 * 1024 * 1024
#: what nbgrader itself puts beside a submission (``nbgrader submit`` / ``collect``): not the
#: student's files
NBGRADER_FILES = ("timestamp.txt", "submission_secret.txt")


@dataclasses.dataclass
class Submission:
    student: str
    assignment: str
    files: dict
    timestamp: str = None

    @property
    def key(self):
        return f"{self.assignment}/{self.student}"


def _too_large(size):
    return (f"file too large ({size / 2**20:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // 2**20} MB): not graded") if size > MAX_FILE_BYTES else None


def _read(path, problems):
    """The file's bytes, or None (and a problem) when it is over the size limit."""
    why = _too_large(path.stat().st_size)
    if why:
        problems.append((str(path), why))
        return None
    return path.read_bytes()


def _valid_id(text):
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text))


def _from_nbgrader_layout(root, assignments, problems):
    submissions = []
    for student_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if not _valid_id(student_dir.name):
            problems.append((str(student_dir), "not a valid student id"))
            continue
        for assignment_dir in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            if assignment_dir.name not in assignments:
                problems.append((str(assignment_dir), "unknown assignment"))
                continue
            files = {p.name: _read(p, problems) for p in sorted(assignment_dir.iterdir())
                     if p.is_file() and p.name not in NBGRADER_FILES}
            files = {name: data for name, data in files.items() if data is not None}
            stamp = assignment_dir / "timestamp.txt"
            timestamp = stamp.read_text().strip() if stamp.exists() else None
            submissions.append(Submission(student_dir.name, assignment_dir.name, files, timestamp))
    return submissions


def _from_flat_files(named_files, assignments, pattern, problems):
    regex = re.compile(pattern)
    grouped = {}
    for name, data in named_files:
        base = name.rsplit("/", 1)[-1]
        if not base or base.startswith(".") or base == "timestamp.txt":
            continue
        match = regex.match(base)
        if not match:
            problems.append((name, f"file name does not match the pattern {pattern!r}"))
            continue
        student, file_id = match.group("student_id"), match.group("file_id")
        assignment = file_id[:-len(".ipynb")] if file_id.endswith(".ipynb") else file_id
        if assignment not in assignments:
            problems.append((name, f"unknown assignment {assignment!r}"))
            continue
        if not _valid_id(student):
            problems.append((name, f"not a valid student id: {student!r}"))
            continue
        timestamp = match.groupdict().get("timestamp")
        if timestamp:
            timestamp = f"{timestamp[:10]} {timestamp[11:].replace('-', ':')}"
        submission = grouped.setdefault((student, assignment),
                                        Submission(student, assignment, {}, timestamp))
        submission.files[f"{assignment}.ipynb"] = data
        if timestamp and (submission.timestamp is None or timestamp > submission.timestamp):
            submission.timestamp = timestamp
    return [grouped[key] for key in sorted(grouped)]


def collect(path, assignments, pattern=DEFAULT_PATTERN):
    path = pathlib.Path(path)
    problems = []
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            named = []
            for info in archive.infolist():
                if info.is_dir():
                    continue
                if _too_large(info.file_size):
                    problems.append((info.filename, _too_large(info.file_size)))
                    continue
                named.append((info.filename, archive.read(info)))
        return _from_flat_files(named, assignments, pattern, problems), problems
    if not path.is_dir():
        raise FileNotFoundError(f"no such folder or zip file: {path}")
    root = path / "submitted" if (path / "submitted").is_dir() else path
    if any(p.is_dir() for p in root.iterdir()):
        return _from_nbgrader_layout(root, assignments, problems), problems
    named = [(p.name, _read(p, problems)) for p in sorted(root.iterdir()) if p.is_file()]
    named = [(name, data) for name, data in named if data is not None]
    return _from_flat_files(named, assignments, pattern, problems), problems

