"""The grading worker: one submission, graded by real nbgrader in a private course directory.

``grade_job(job)`` is a function of plain data: the assignment's *template* course (source
notebook with solutions, release, an empty gradebook) as a tar archive and the student's
files as bytes. In a private temporary course directory with its own SQLite gradebook it
checks the files (``safety.submission``), runs ``nbgrader autograde`` (kernels from this
process's sandbox) and ``generate_feedback``, and returns the scores, comments, autograded
notebooks and HTML feedback. It touches nothing shared, so it runs in this process, a local
process pool or on a Dask worker unchanged; only the command's main process writes the class
gradebook (``grade.gradebook``).

Interface
---------
``Job(assignment, student, files, template, cell_timeout=None, sandbox=None)``
    one submission to grade; ``sandbox`` is ``safety.sandbox.Limits`` as a dict (None:
    plain kernels, ``--no-sandbox``).
``Result(assignment, student, status="failed", reason="", grades, comments, autograded,
feedback, findings, seconds, feedback_error="", evidence=None, rerun="", survived)``
    ``status`` is "graded" or "failed" (``reason`` says why, for student and instructor);
    ``evidence`` when its kernel died (exit code or signal, the limit hit, the running cell);
    ``rerun`` when a kernel death that was not the submission's doing (the zygote died or
    could not fork, the kernel died before any cell ran) made it grade the submission a
    second time, on a fresh sandbox; ``survived``: the kernel deaths the notebook was graded
    through (``safety.crash.survived()``: the crashed cell, what happened).
    ``Result.failed(job, reason)`` builds a failure.
``grade_job(job) -> Result``
    safe to call from several threads of one process: jobs in one process run one at a time
    (a job owns the process's sandbox scratch folder, umask, current directory and the
    environment nbgrader sets), see ``grade.isolated`` for concurrency in threaded hosts.
``build_template(name, source_folder) -> bytes``   the template course of one assignment
``start_worker(limits)``                           process-pool initializer
``stop_worker_sandbox()``                          stops this process's sandbox, if any
"""

import atexit
import dataclasses
import functools
import io
import os
import pathlib
import re
import shutil
import tarfile
import tempfile
import threading
import time

from nbgrader.api import Gradebook

from autograder import console, settings
from autograder.course import Course
from autograder.safety import crash, sandbox
from autograder.safety.submission import SubmissionError, prepare_submission


@dataclasses.dataclass
class Job:
    assignment: str
    student: str
    files: dict
    template: bytes
    cell_timeout: "int | None" = None
    sandbox: "dict | None" = None


@dataclasses.dataclass
class Result:
    assignment: str
    student: str
    status: str = "failed"
    reason: str = ""
    grades: list = dataclasses.field(default_factory=list)
    comments: list = dataclasses.field(default_factory=list)
    autograded: dict = dataclasses.field(default_factory=dict)
    feedback: dict = dataclasses.field(default_factory=dict)
    findings: list = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    feedback_error: str = ""
    evidence: "dict | None" = None   # why the kernel died (``safety.crash.evidence``)
    rerun: str = ""                  # why it was graded a second time, on a fresh sandbox
    survived: list = dataclasses.field(default_factory=list)   # ``crash.survived()``
    unattributable: str = ""         # (internal) a kernel death that is not the submission's

    @classmethod
    def failed(cls, job, reason):
        return cls(job.assignment, job.student, reason=reason)


# ---------------------------------------------------------------- templates

def _deterministic_tarinfo(info):
    if settings.is_ignored(info.name):
        return None
    info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
    return info


def _tar_folder(root, members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for member in members:
            archive.add(root / member, arcname=member, filter=_deterministic_tarinfo)
    return buffer.getvalue()


def build_template(name, source_folder):
    """A course with only this assignment and an empty gradebook, as a tar archive.

    Built by a second ``generate_assignment`` rather than copied from the class gradebook,
    which holds other students' grades that workers must never receive."""
    with tempfile.TemporaryDirectory(prefix="annlab-template-") as tmp:
        template = Course(pathlib.Path(tmp) / "course")
        shutil.copytree(source_folder, template.root / "source" / name)
        template.generate_assignment(name)
        # the student release (no solutions, no hidden tests) is the reference for the
        # integrity checks of each submission
        return _tar_folder(template.root, ["source", "gradebook.db", "header.ipynb",
                                           f"release/{name}/{name}.ipynb"])


# ---------------------------------------------------------------- this process's sandbox

_SANDBOX = None
_JOB_LOCK = threading.Lock()


def _worker_sandbox(limits, wait=True):
    """This process's sandbox (one per worker, reused across jobs, restarted if it died)."""
    global _SANDBOX
    if limits is None:
        sandbox.use(None)
        return None
    wanted = sandbox.Limits(**limits)
    if _SANDBOX is not None and _SANDBOX.limits != wanted:
        _SANDBOX.stop()
        _SANDBOX = None
    if _SANDBOX is None:
        _SANDBOX = sandbox.Sandbox(wanted)
        atexit.register(stop_worker_sandbox)
    if wait:
        _SANDBOX.ensure()
    elif not _SANDBOX.alive():
        _SANDBOX.start(wait=False)   # pre-loads while this worker builds templates
    sandbox.use(_SANDBOX)
    return _SANDBOX


def stop_worker_sandbox():
    global _SANDBOX
    if _SANDBOX is not None:
        _SANDBOX.stop()
        _SANDBOX = None
    sandbox.use(None)   # later kernels in this process are plain ones unless a job says so


def start_worker(limits):
    """Pool initializer: the worker's sandbox (and its pre-loaded zygote) starts at once."""
    settings.apply_kernel_env()
    console.quiet_process()   # the kernel environment's PYTHONWARNINGS hides deprecations only
    _worker_sandbox(limits, wait=False)


# ---------------------------------------------------------------- one job

def _failure_reason(error_text):
    """The most telling line of nbgrader's log for a failed autograde."""
    lines = [line.strip() for line in error_text.splitlines() if line.strip()]
    for needle in ("Error:", "Exception:", "error:"):
        found = [line for line in lines if needle in line and not line.startswith("File ")]
        if found:
            return found[-1][:300]
    return (lines[-1] if lines else "nbgrader could not grade this submission")[:300]


def _reason(error_text):
    """What to tell the student and instructor about a failed autograde."""
    if "DeadKernelError" in error_text or "Kernel died" in error_text:
        times = re.search(r"Kernel died (\d+) times", error_text)
        return ("the notebook's kernel died while running it (os._exit, a crash, or a "
                "resource limit: memory, processes, CPU time)"
                + (f", {times.group(1)} times: too many to grade the rest" if times else ""))
    return _failure_reason(error_text)


def _read_grades(course, result):
    with Gradebook(course.db_url, settings.COURSE_ID) as gradebook:
        submission = gradebook.find_submission(result.assignment, result.student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                result.grades.append({
                    "notebook": notebook.name, "name": grade.name,
                    "auto_score": grade.auto_score, "max_score": grade.max_score,
                    "needs_manual_grade": bool(grade.needs_manual_grade)})
            for comment in notebook.comments:
                result.comments.append({"notebook": notebook.name, "name": comment.name,
                                        "auto_comment": comment.auto_comment})


def _read_outputs(root, result):
    for kind, files in (("autograded", result.autograded), ("feedback", result.feedback)):
        base = root / kind / result.student / result.assignment
        if base.exists():
            for path in sorted(base.rglob("*")):
                if path.is_file() and not path.is_symlink() and path.suffix in (".ipynb",
                                                                                ".html"):
                    files[path.relative_to(base).as_posix()] = path.read_bytes()


def _autograde(job, private, root, result, box):
    """Lays out the submission in ``root`` (the folder kernels see), checks it, autogrades
    it; returns the course, or None when it failed (``result.reason`` says why)."""
    root.mkdir()
    folder = root / "submitted" / job.student / job.assignment
    folder.mkdir(parents=True)
    for name, data in job.files.items():
        (folder / pathlib.Path(name).name).write_bytes(data)
    release = private / "release" / job.assignment / f"{job.assignment}.ipynb"
    try:
        result.findings = prepare_submission(folder, job.assignment, release)
    except SubmissionError as error:
        result.reason = str(error)
        return None
    course = Course(root, db_url=f"sqlite:///{private / 'gradebook.db'}",
                    source_dir=private / "source", header=private / "header.ipynb")
    if job.cell_timeout:
        course.cell_timeout = job.cell_timeout
    try:
        course.autograde(job.assignment, job.student)
    except Exception as error:  # noqa: BLE001 - nbgrader's own failure for this submission
        result.reason = _reason(str(error))
        if box is not None and "kernel died" in result.reason:
            result.evidence = crash.evidence()
            result.reason += f" [{crash.describe(result.evidence)}]"
            result.unattributable = crash.unattributable(result.evidence, box.alive()) or ""
        return None
    return course


def _grade(job, result):
    box = _worker_sandbox(job.sandbox)
    with tempfile.TemporaryDirectory(prefix="annlab-job-") as tmp:
        private = pathlib.Path(tmp)
        with tarfile.open(fileobj=io.BytesIO(job.template), mode="r:gz") as archive:
            archive.extractall(private, filter="data")
        if box is not None:
            box.clean_scratch()
            root = box.scratch / "course"
        else:
            root = private / "course"
        # the kernel runs as another uid: what nbgrader writes for it must be writable
        previous_umask = os.umask(0o000) if box is not None else None
        try:
            course = _autograde(job, private, root, result, box)
        finally:
            if previous_umask is not None:
                os.umask(previous_umask)
        if course is None:
            return
        result.survived = crash.survived()
        _read_grades(course, result)
        try:
            course.generate_feedback(job.assignment, job.student)
        except Exception as error:  # noqa: BLE001 - graded; only the feedback is missing
            result.feedback_error = _failure_reason(str(error))
        _read_outputs(root, result)
        result.status = "graded"


def _one_job_per_process(function):
    """Runs ``function`` under this process's job lock.

    A grading job owns process-wide state for its whole run: the worker's sandbox and its
    scratch folder (emptied at the start of each job), the umask (0 while nbgrader writes
    files the kernel's uid must write), the current directory (nbgrader's converters
    ``chdir`` into the course) and environment variables nbgrader sets around execution.
    Two jobs in the threads of one process (a Dask worker's default) would delete each
    other's files, so they take turns; parallelism comes from processes."""
    @functools.wraps(function)
    def locked(job):
        with _JOB_LOCK:
            return function(job)
    return locked


@_one_job_per_process
def grade_job(job):
    """``_grade_once``; when its kernel died for a reason that is not the submission's own
    doing (``crash.unattributable``), once more on a fresh sandbox, and the result says so."""
    result = _grade_once(job)
    if not result.unattributable:
        return result
    stop_worker_sandbox()   # the next attempt starts a new zygote in a new sandbox
    first = result
    result = _grade_once(job)
    result.unattributable = ""
    result.rerun = (f"re-run once on a fresh kernel: the first attempt's kernel died for a "
                    f"reason not attributable to the submission ({first.unattributable}; "
                    f"{first.reason})")
    return result


def _grade_once(job):
    start = time.perf_counter()
    crash.reset_events()
    result = Result(job.assignment, job.student)
    try:
        _grade(job, result)
    except Exception as error:  # noqa: BLE001 - anything else about this one submission
        result.status, result.reason = "failed", f"{type(error).__name__}: {error}"[:300]
    finally:
        if job.sandbox is not None and _SANDBOX is not None and _SANDBOX.scratch is not None:
            shutil.rmtree(_SANDBOX.scratch / "course", ignore_errors=True)
        result.seconds = time.perf_counter() - start
    return result
