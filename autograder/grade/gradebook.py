"""Every read and write of the class gradebook (nbgrader's database: SQLite or PostgreSQL).

Only the grading command's main process writes it, one transaction per submission, so a
parallel run gives the same gradebook as a sequential one and SQLite is never written
concurrently. Readers: the report, the tests, resuming after a killed run.

Interface
---------
``assignment_names(db_url) -> [name]``          the assignments the gradebook holds
``set_duedate(db_url, assignment, duedate)``
``set_names(db_url, {student: {"first_name", "last_name", "email"}})``
    creates or updates students with their names (a roster).
``record_failed(db_url, student)``
    the student shows in the gradebook (and the CSV, with 0) but gets no submission row:
    nothing half-graded is recorded.
``record_graded(db_url, result, timestamp, late_penalty)``
    a worker's ``Result``: nbgrader's own rows (student, submission, grades, comments) and
    the late penalty through nbgrader's ``LateSubmissionPlugin``.
``unbacked(db_url, state) -> [key]``
    the entries of the grading state (``{"<assignment>/<student>": {"status": …}}``) that the
    gradebook does not back: graded without a submission row, failed without a student.
``read_scores(db_url, assignments) -> {(student, assignment): {grade_id: (score, max)}}``
``class_data(db_url, assignments) -> (rows, tests, maxima)``
    per student ``{assignment: score after the late penalty}`` (absent: no submission); per
    (assignment, test cell) the list of full-points booleans; per assignment its maximum.
``manual_and_late(db_url, assignments) -> {student: {assignment: (pending, penalty)}}``
    per submission: points awaiting manual grading (nbgrader's ``needs_manual_grade``) and
    the late penalty that was subtracted.
``export_csv(db_url, path)``                   nbgrader's own CSV export
"""

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import CsvExportPlugin, LateSubmissionPlugin

from autograder.settings import COURSE_ID


def _open(db_url):
    return Gradebook(db_url, COURSE_ID)


def assignment_names(db_url):
    with _open(db_url) as gradebook:
        return [assignment.name for assignment in gradebook.assignments]


def set_duedate(db_url, assignment, duedate):
    with _open(db_url) as gradebook:
        gradebook.update_or_create_assignment(assignment, duedate=duedate)


def set_names(db_url, students):
    with _open(db_url) as gradebook:
        for student, names in students.items():
            gradebook.update_or_create_student(student, **names)


def record_failed(db_url, student):
    with _open(db_url) as gradebook:
        gradebook.update_or_create_student(student)


def _late_penalties(gradebook, record, student, late_penalty):
    plugin = LateSubmissionPlugin(penalty_method=late_penalty)
    for notebook in record.notebooks:
        notebook.late_submission_penalty = None
        if record.total_seconds_late > 0:
            penalty = plugin.late_submission_penalty(student, notebook.score,
                                                     record.total_seconds_late)
            if penalty is not None:
                notebook.late_submission_penalty = min(max(penalty, 0), notebook.score)


def record_graded(db_url, result, timestamp, late_penalty):
    with _open(db_url) as gradebook:
        gradebook.update_or_create_student(result.student)
        extra = {"timestamp": timestamp} if timestamp else {}
        record = gradebook.update_or_create_submission(result.assignment, result.student,
                                                       **extra)
        for grade in result.grades:
            row = gradebook.find_grade(grade["name"], grade["notebook"], result.assignment,
                                       result.student)
            row.auto_score = grade["auto_score"]
            row.needs_manual_grade = grade["needs_manual_grade"]
        for comment in result.comments:
            row = gradebook.find_comment(comment["name"], comment["notebook"],
                                         result.assignment, result.student)
            row.auto_comment = comment["auto_comment"]
        gradebook.db.commit()
        gradebook.db.expire_all()
        _late_penalties(gradebook, record, result.student, late_penalty)
        gradebook.db.commit()


def unbacked(db_url, state):
    missing = []
    with _open(db_url) as gradebook:
        students = {student.id for student in gradebook.students}
        for key, entry in sorted(state.items()):
            assignment, _, student = key.partition("/")
            if entry.get("status") == "graded":
                try:
                    gradebook.find_submission(assignment, student)
                    continue
                except MissingEntry:
                    pass
            elif student in students:
                continue
            missing.append(key)
    return missing


def _submissions(gradebook, assignments):
    """``(student id, assignment, submission)`` for every submission of ``assignments``."""
    for student in gradebook.students:
        for name in assignments:
            try:
                yield student.id, name, gradebook.find_submission(name, student.id)
            except MissingEntry:
                continue


def read_scores(db_url, assignments):
    with _open(db_url) as gradebook:
        return {(student, name): {grade.name: (grade.score, grade.max_score)
                                  for notebook in submission.notebooks
                                  for grade in notebook.grades}
                for student, name, submission in _submissions(gradebook, assignments)}


def export_csv(db_url, path):
    plugin = CsvExportPlugin(to=str(path))
    with _open(db_url) as gradebook:
        plugin.export(gradebook)


def class_data(db_url, assignments):
    rows, tests = {}, {}
    with _open(db_url) as gradebook:
        maxima = {name: gradebook.find_assignment(name).max_score for name in assignments}
        for student in sorted(gradebook.students, key=lambda s: s.id):
            row = {}
            for name in assignments:
                try:
                    submission = gradebook.find_submission(name, student.id)
                except MissingEntry:
                    continue
                penalty = submission.late_submission_penalty or 0.0
                row[name] = max(0.0, submission.score - penalty)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.cell_type == "code" and grade.auto_score is not None:
                            passed = grade.auto_score >= grade.max_score
                            tests.setdefault((name, grade.name), []).append(passed)
            rows[student.id] = row
    return rows, tests, maxima


def manual_and_late(db_url, assignments):
    found = {}
    with _open(db_url) as gradebook:
        for student, name, submission in _submissions(gradebook, assignments):
            pending = sum(grade.max_score for notebook in submission.notebooks
                          for grade in notebook.grades if grade.needs_manual_grade)
            found.setdefault(student, {})[name] = (pending,
                                                   submission.late_submission_penalty or 0.0)
    return found
