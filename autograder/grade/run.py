"""Grade a whole class with real nbgrader: parallel workers, one gradebook writer.

nbgrader grades one submission at a time against one gradebook, and its gradebook (SQLite by
default) does not survive concurrent writers. So grading is split in two:

* **Workers execute** (``grade.worker``, run by ``grade.executors``): each submission in a
  private course directory, returning plain data.
* **One writer records** (this module, through ``grade.gradebook``): per submission, one
  transaction sets nbgrader's own rows, with Ctrl-C held back until it is committed; then
  the autograded notebook and feedback files and the state file are written (atomically).
  An interrupt therefore never leaves a half-recorded submission, and a killed run (even
  ``kill -9``) is repaired by the next: a submission the state does not list is graded
  again, and a state entry the gradebook does not back is forgotten.

Re-running grades only submissions whose files (or whose assignment's source) changed since
they were last recorded, unless ``force``; the state lives in ``<course>/annlab_state.json``.

Interface
---------
``GradingRun(course_dir, assignments, db_url=None, duedate=None, late_penalty="none",
cell_timeout=None, source=None, sandbox=True, limits=None)``
    ``.grade(submissions, jobs=1, scheduler=None, force=False, progress=True) -> Summary``
    ``.forget_unrecorded() -> [key]``: state entries the gradebook lacks are dropped (so
    regraded); ``grade`` calls it first.
    ``.course`` (the class ``Course``), ``.state`` (``{key: entry}``).
``Summary``: ``graded``, ``skipped``, ``failed`` (``[(key, reason)]``), ``feedback_failed``
    (``[(key, reason)]``: graded, but nbgrader could not write the feedback), ``seconds``,
    ``record_seconds`` (time spent writing the gradebook: the part that does not scale out),
    ``interrupted``, ``reruns`` (``[(key, note)]``: graded twice, the first kernel having
    died for a reason that was not the submission's).
``read_scores(course, assignments)``: ``gradebook.read_scores`` of a ``Course``.
``STATE_FILE``: the state file's name in the course directory.
"""

import dataclasses
import hashlib
import json
import os
import pathlib
import shutil
import signal
import threading
import time

from tqdm import tqdm

from autograder import settings
from autograder.course import Course
from autograder.grade import executors, gradebook
from autograder.grade.worker import Job, build_template
from autograder.safety import sandbox

STATE_FILE = "annlab_state.json"


@dataclasses.dataclass
class Summary:
    graded: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)
    failed: list = dataclasses.field(default_factory=list)
    feedback_failed: list = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    record_seconds: float = 0.0
    interrupted: bool = False
    reruns: list = dataclasses.field(default_factory=list)   # [(key, note)]


class _HoldInterrupts:
    """Defers Ctrl-C until the block ends (only in the main thread)."""

    def __enter__(self):
        self.received = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handler)
        else:
            self.previous = None
        return self

    def _handler(self, signum, frame):
        self.received = (signum, frame)

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
            if self.received:
                raise KeyboardInterrupt
        return False


def _digest(submission, source_digest):
    hasher = hashlib.sha256(source_digest.encode())
    hasher.update((submission.timestamp or "").encode())
    for name in sorted(submission.files):
        hasher.update(name.encode() + b"\0" + hashlib.sha256(submission.files[name]).digest())
    return hasher.hexdigest()


def _folder_digest(folder):
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not settings.is_ignored(path.relative_to(folder)):
            hasher.update(path.relative_to(folder).as_posix().encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _progress(total, enabled):
    return tqdm(total=total, unit="submission", desc="grading", dynamic_ncols=True,
                disable=not enabled or total == 0)


def read_scores(course, assignments):
    return gradebook.read_scores(course.db_url, assignments)


class GradingRun:
    def __init__(self, course_dir, assignments, db_url=None, duedate=None, late_penalty="none",
                 cell_timeout=None, source=None, log=print, sandbox=True, limits=None):
        kwargs = {"repo_source": source} if source else {}
        self.course = Course.create(course_dir, assignments, db_url=db_url, **kwargs)
        self.assignments = list(assignments)
        self.duedate = duedate
        self.late_penalty = late_penalty
        self.cell_timeout = cell_timeout
        self.log = log
        self.sandbox = sandbox
        self.limits = limits
        self.state_path = self.course.root / STATE_FILE
        self.state = json.loads(self.state_path.read_text()) if self.state_path.exists() else {}
        self._templates = {}
        self._source_digests = {}

    # -- preparation
    def _start_templates(self, runner):
        """One template per assignment, built where the jobs run (``runner``, an executor),
        while this process sets up the class gradebook; ``{name: future}``."""
        return {name: runner.submit(build_template, name, str(self.course.root / "source" / name))
                for name in self.assignments}

    def _prepare_class(self):
        for name in self.assignments:
            self.course.generate_assignment(name)
            if self.duedate:
                gradebook.set_duedate(self.course.db_url, name, self.duedate)
            self._source_digests[name] = _folder_digest(self.course.root / "source" / name)

    def _expected_seconds(self):
        """A job's expected duration per assignment, for longest-first ordering: the mean of
        this course's earlier jobs, else the solution's run time from the last build
        (``build/timings.json``), else 0."""
        earlier = {}
        for key, entry in self.state.items():
            if entry.get("seconds"):
                earlier.setdefault(key.partition("/")[0], []).append(entry["seconds"])
        timings = settings.REPO / "build" / "timings.json"
        built = json.loads(timings.read_text()) if timings.exists() else {}
        return {name: (sum(earlier[name]) / len(earlier[name]) if name in earlier
                       else float(built.get(name, 0.0))) for name in self.assignments}

    # -- recording (the only writer)
    def forget_unrecorded(self):
        """``record`` writes the gradebook, then the files, then the state; a grade command
        killed in between leaves a submission the state does not list, which the next run
        grades again (its gradebook rows are overwritten). This covers the other order too:
        a state entry whose gradebook rows are gone (a killed run of an older version, a
        gradebook restored or replaced with ``--db``) would otherwise be skipped for ever.
        Returns the keys forgotten."""
        forgotten = gradebook.unbacked(self.course.db_url, self.state)
        for key in forgotten:
            del self.state[key]
        if forgotten:
            self._write_state()
        return forgotten

    def _write_state(self):
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=1, sort_keys=True))
        os.replace(tmp, self.state_path)

    def _copy_submitted(self, submission):
        folder = self.course.root / "submitted" / submission.student / submission.assignment
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for name, data in submission.files.items():
            (folder / pathlib.Path(name).name).write_bytes(data)
        if submission.timestamp:
            (folder / "timestamp.txt").write_text(submission.timestamp)

    def _write_files(self, result):
        for kind in ("autograded", "feedback"):
            base = self.course.root / kind / result.student / result.assignment
            if base.exists():
                shutil.rmtree(base)
            for name, data in getattr(result, kind).items():
                target = base / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)

    def record(self, submission, result, digest):
        with _HoldInterrupts():
            entry = {"digest": digest, "status": result.status, "findings": result.findings}
            if result.evidence:
                entry["evidence"] = result.evidence
            if result.rerun:
                entry["rerun"] = result.rerun
            if result.survived:
                entry["survived"] = result.survived
            if result.status != "graded":
                gradebook.record_failed(self.course.db_url, submission.student)
                entry["reason"] = result.reason
            else:
                gradebook.record_graded(self.course.db_url, result, submission.timestamp,
                                        self.late_penalty)
                self._write_files(result)
                entry["seconds"] = round(result.seconds, 2)
                if result.feedback_error:
                    entry["feedback_error"] = result.feedback_error
            self.state[submission.key] = entry
            self._write_state()

    # -- the run
    def _sandbox_limits(self, jobs):
        """The limits every worker's sandbox gets (None: no sandbox, plain kernels)."""
        if not self.sandbox:
            return None
        reason = sandbox.check_available()
        if reason:
            raise sandbox.SandboxError(
                f"refusing to grade: the grading sandbox cannot start ({reason}). Student code "
                "would run with your rights, see your files and reach the network. Fix that, or "
                "pass --no-sandbox to grade anyway (only for trusted submissions).")
        limits = self.limits or sandbox.Limits()
        if not limits.threads and jobs > 1:
            # one kernel per core: TensorFlow's and BLAS's thread pools would otherwise fight
            limits = dataclasses.replace(limits, threads=max(1, (os.cpu_count() or 1) // jobs))
        return dataclasses.asdict(limits)

    def _todo(self, submissions, force, summary):
        """The submissions to grade (new or changed, or all with ``force``)."""
        todo = []
        for submission in submissions:
            digest = _digest(submission, self._source_digests[submission.assignment])
            previous = self.state.get(submission.key, {})
            if not force and previous.get("digest") == digest:
                summary.skipped.append(submission.key)
                if previous.get("status") == "failed":
                    summary.failed.append((submission.key, previous.get("reason", "")))
                continue
            self._copy_submitted(submission)
            todo.append((submission, digest))
        return todo

    def grade(self, submissions, jobs=1, scheduler=None, force=False, progress=True):
        """Longest jobs first (the last job of a batch no longer runs alone), and each
        assignment's jobs start as soon as its template exists."""
        settings.apply_kernel_env()
        limits = self._sandbox_limits(jobs)
        summary = Summary()
        start = time.perf_counter()
        # pool workers start (and pre-load their kernels) while the class gradebook is set up
        with executors.executor(jobs, scheduler, limits) as runner:
            pending = self._start_templates(runner)
            self._prepare_class()
            self.forget_unrecorded()
            expected = self._expected_seconds()
            todo = sorted(self._todo(submissions, force, summary),
                          key=lambda item: -expected[item[0].assignment])

            def work():
                for submission, _ in todo:
                    name = submission.assignment
                    if name not in self._templates:
                        self._templates[name] = pending[name].result()
                    yield Job(name, submission.student, submission.files, self._templates[name],
                              self.cell_timeout, limits)

            self._run(runner, work(), todo, summary, progress)
        summary.seconds = time.perf_counter() - start
        return summary

    def _run(self, runner, work, todo, summary, progress):
        bar = _progress(len(todo), progress)
        try:
            for index, result in runner.run(work):
                submission, digest = todo[index]
                started = time.perf_counter()
                self.record(submission, result, digest)
                summary.record_seconds += time.perf_counter() - started
                if result.rerun:
                    summary.reruns.append((submission.key, result.rerun))
                if result.status == "graded":
                    summary.graded.append(submission.key)
                    if result.feedback_error:
                        summary.feedback_failed.append((submission.key, result.feedback_error))
                else:
                    summary.failed.append((submission.key, result.reason))
                bar.update(1)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            bar.close()
