"""Grade a whole class with real nbgrader: parallel workers, one gradebook writer.

Design
------
nbgrader grades one submission at a time against one gradebook, and its gradebook (SQLite by
default) does not survive concurrent writers. So grading is split in two:

* **Workers execute.** ``grade_job(job)`` is a pure function of plain data (the assignment's
  template course as a tar archive, the student's files as bytes): in a private temporary
  course directory with its own SQLite gradebook it runs real ``nbgrader autograde`` and
  ``generate_feedback`` (with ``HideHiddenTests``) and returns the scores, comments, the
  autograded notebooks and the HTML feedback. It touches nothing shared, so it runs in a
  local process pool (``jobs``) or on any Dask worker (``scheduler``) unchanged.
* **One writer records.** Only the main process writes the class gradebook: per submission,
  one transaction sets nbgrader's own rows (student, submission, grades, comments, late
  penalty through nbgrader's ``LateSubmissionPlugin``), with Ctrl-C held back until it is
  committed, then the autograded notebook and feedback files and the state file are written
  (atomically). An interrupt therefore never leaves a half-recorded submission.

Re-running grades only submissions whose files (or whose assignment's source) changed since
they were last recorded, unless ``force``; the state lives in ``<course>/annlab_state.json``.

Interface
---------
``GradingRun(course_dir, assignments, db_url=None, duedate=None, late_penalty="none")``
    ``.grade(submissions, jobs=1, scheduler=None, force=False, progress=True) -> Summary``
``Summary``: ``graded``, ``skipped``, ``failed`` (``[(key, reason)]``), ``seconds``.
``grade_job(job) -> dict``: the worker (``status`` "graded" or "failed" with ``reason``;
    ``evidence`` when its kernel died; ``rerun`` when a kernel death that was not the
    submission's doing made it grade the submission a second time, on a fresh sandbox).
"""

import atexit
import concurrent.futures
import dataclasses
import hashlib
import io
import json
import os
import pathlib
import shutil
import signal
import tarfile
import tempfile
import threading
import time

from autograder.course import COURSE_ID, Course, apply_kernel_env

STATE_FILE = "annlab_state.json"


# ---------------------------------------------------------------- worker side

def _tar_folder(root, members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for member in members:
            archive.add(root / member, arcname=member, filter=_deterministic_tarinfo)
    return buffer.getvalue()


def _deterministic_tarinfo(info):
    if "__pycache__" in info.name:
        return None
    info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
    return info


def _failure_reason(error_text):
    """The most telling line of nbgrader's log for a failed autograde."""
    lines = [line.strip() for line in error_text.splitlines() if line.strip()]
    for needle in ("Error:", "Exception:", "error:"):
        found = [line for line in lines if needle in line and not line.startswith("File ")]
        if found:
            return found[-1][:300]
    return (lines[-1] if lines else "nbgrader could not grade this submission")[:300]


_SANDBOX = None


def _worker_sandbox(limits, wait=True):
    """This process's sandbox (one per worker, reused across jobs, restarted if it died)."""
    global _SANDBOX
    from autograder import sandbox
    if limits is None:
        sandbox.use(None)
        return None
    wanted = sandbox.Limits(**limits)
    if _SANDBOX is not None and _SANDBOX.limits != wanted:
        _SANDBOX.stop()
        _SANDBOX = None
    if _SANDBOX is None:
        _SANDBOX = sandbox.Sandbox(wanted)
        atexit.register(_stop_worker_sandbox)
    if wait:
        _SANDBOX.ensure()
    elif not _SANDBOX.alive():
        _SANDBOX.start(wait=False)   # pre-loads while this worker builds templates
    sandbox.use(_SANDBOX)
    return _SANDBOX


def _stop_worker_sandbox():
    global _SANDBOX
    from autograder import sandbox
    if _SANDBOX is not None:
        _SANDBOX.stop()
        _SANDBOX = None
    sandbox.use(None)   # later kernels in this process are plain ones unless a job says so


def _reason(error_text):
    """What to tell the student and instructor about a failed autograde."""
    if "DeadKernelError" in error_text or "Kernel died" in error_text:
        return ("the notebook's kernel died while running it (os._exit, a crash, or a "
                "resource limit: memory, processes, CPU time)")
    return _failure_reason(error_text)


def grade_job(job):
    """``_grade_job_once``; when its kernel died for a reason that is not the submission's
    own doing (``crash.unattributable``: the zygote died or could not fork, the kernel died
    before any cell ran), once more on a fresh sandbox, and the result says so (``rerun``)."""
    result = _grade_job_once(job)
    why = result.pop("unattributable", None)
    if why is None:
        return result
    _stop_worker_sandbox()   # the next attempt starts a new zygote in a new sandbox
    first = result
    result = _grade_job_once(job)
    result.pop("unattributable", None)
    result["rerun"] = (f"re-run once on a fresh kernel: the first attempt's kernel died for a "
                       f"reason not attributable to the submission ({why}; {first['reason']})")
    return result


def _grade_job_once(job):
    """Autograde one submission in a private course directory; returns plain data.

    With ``job["sandbox"]`` (a ``sandbox.Limits`` as a dict) the notebook's kernel is forked
    by this worker's sandboxed zygote and sees only the job's scratch folder: the template
    (source notebooks with solutions, the gradebook) stays in a private folder outside it."""
    start = time.perf_counter()
    assignment, student = job["assignment"], job["student"]
    result = {"assignment": assignment, "student": student, "status": "failed", "reason": "",
              "grades": [], "comments": [], "autograded": {}, "feedback": {}, "findings": [],
              "seconds": 0.0}
    scratch_course = None
    from autograder import crash
    crash.reset_events()
    try:
        sandbox = _worker_sandbox(job.get("sandbox"))
        with tempfile.TemporaryDirectory(prefix="annlab-job-") as tmp:
            private = pathlib.Path(tmp)
            with tarfile.open(fileobj=io.BytesIO(job["template"]), mode="r:gz") as archive:
                archive.extractall(private, filter="data")
            if sandbox is not None:
                sandbox.clean_scratch()
                root = scratch_course = sandbox.scratch / "course"
            else:
                root = private / "course"
            # the kernel runs as another uid: what nbgrader writes for it must be writable
            previous_umask = os.umask(0o000) if sandbox is not None else None
            try:
                root.mkdir()
                folder = root / "submitted" / student / assignment
                folder.mkdir(parents=True)
                for name, data in job["files"].items():
                    (folder / pathlib.Path(name).name).write_bytes(data)
                release = private / "release" / assignment / f"{assignment}.ipynb"
                try:
                    result["findings"] = _prepare_submission(folder, assignment, release)
                except SubmissionError as error:
                    result["reason"] = str(error)
                    return result
                course = Course(root, db_url=f"sqlite:///{private / 'gradebook.db'}",
                                source_dir=private / "source", header=private / "header.ipynb")
                if job.get("cell_timeout"):
                    course.cell_timeout = job["cell_timeout"]
                try:
                    course.autograde(assignment, student)
                except Exception as error:  # nbgrader's own failure for this submission
                    result["reason"] = _reason(str(error))
                    if sandbox is not None and "kernel died" in result["reason"]:
                        found = crash.evidence()
                        result["evidence"] = found
                        result["reason"] += f" [{crash.describe(found)}]"
                        why = crash.unattributable(found, sandbox.alive())
                        if why:
                            result["unattributable"] = why
                    return result
            finally:
                if previous_umask is not None:
                    os.umask(previous_umask)
            from nbgrader.api import Gradebook
            with Gradebook(course.db_url, COURSE_ID) as gradebook:
                submission = gradebook.find_submission(assignment, student)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        result["grades"].append({
                            "notebook": notebook.name, "name": grade.name,
                            "auto_score": grade.auto_score, "max_score": grade.max_score,
                            "needs_manual_grade": bool(grade.needs_manual_grade)})
                    for comment in notebook.comments:
                        result["comments"].append({
                            "notebook": notebook.name, "name": comment.name,
                            "auto_comment": comment.auto_comment})
            try:
                course.generate_feedback(assignment, student)
            except Exception as error:
                result["feedback_error"] = _failure_reason(str(error))
            for kind, files in (("autograded", result["autograded"]),
                                ("feedback", result["feedback"])):
                base = root / kind / student / assignment
                if base.exists():
                    for path in sorted(base.rglob("*")):
                        if path.is_file() and not path.is_symlink() and path.suffix in (".ipynb", ".html"):
                            files[path.relative_to(base).as_posix()] = path.read_bytes()
            result["status"] = "graded"
            return result
    except Exception as error:  # anything else about this one submission
        result["reason"] = f"{type(error).__name__}: {error}"[:300]
        return result
    finally:
        if scratch_course is not None:
            shutil.rmtree(scratch_course, ignore_errors=True)
        result["seconds"] = time.perf_counter() - start


class SubmissionError(ValueError):
    """The submission cannot be graded; the message says why, for student and instructor."""


def _prepare_submission(folder, assignment, release_path):
    """Checks and repairs the submitted files before nbgrader sees them; returns findings.

    * Only the assignment's notebook is graded: other files are removed (a ``numpy.py`` or
      ``annlab/`` beside the notebook would otherwise shadow real modules in the kernel). A
      single notebook under another name is graded as the assignment's notebook.
    * The notebook must be JSON nbformat 4 (older versions are converted).
    * ``integrity.restore`` puts back test cells, the Setup cell and metadata from the
      release, and
      ``integrity.neutralize`` disables cells that tamper with the grading machinery; what
      they found is listed in a markdown cell at the top (the student sees it in the
      feedback) and returned (the instructor sees it in the report).
    """
    import nbformat

    from autograder import integrity

    findings = []
    expected = folder / f"{assignment}.ipynb"
    files = sorted(p for p in folder.iterdir())
    if not expected.exists():
        notebooks = [p for p in files if p.suffix == ".ipynb" and p.is_file()]
        if len(notebooks) != 1:
            found = ", ".join(p.name for p in files) or "nothing"
            raise SubmissionError(f"no {assignment}.ipynb in the submission (found: {found})")
        notebooks[0].rename(expected)
        findings.append(integrity.Finding("structure", notebooks[0].name, None,
                                          f"the notebook was named `{notebooks[0].name}`; "
                                          f"graded as `{expected.name}`"))
    for path in files:
        if path.exists() and path != expected:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            findings.append(integrity.Finding("structure", path.name, None,
                                              f"extra file `{path.name}` ignored: only "
                                              f"`{expected.name}` is graded"))
    raw = expected.read_bytes()
    try:
        version = json.loads(raw).get("nbformat")
    except (ValueError, AttributeError, UnicodeDecodeError):
        raise SubmissionError(f"{expected.name} is not a valid notebook (not JSON: the file "
                              "may be truncated or not a notebook)") from None
    if version not in (3, 4):
        raise SubmissionError(f"{expected.name} has nbformat {version!r}; this course grades "
                              "nbformat 4 notebooks (save it again from Jupyter)")
    try:
        submitted = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as error:
        raise SubmissionError(f"{expected.name} is not a valid notebook "
                              f"({type(error).__name__}: {str(error)[:200]})") from None
    release = nbformat.read(str(release_path), as_version=4)
    notebook, restored = integrity.restore(submitted, release)
    findings += restored
    findings += integrity.neutralize(notebook, release)
    notes = integrity.notes_cell(findings)
    if notes is not None:
        notebook.cells.insert(0, notes)
    nbformat.write(notebook, str(expected))
    return [dataclasses.asdict(finding) for finding in findings]


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


def _start_worker(limits):
    """Pool initializer: the worker's sandbox (and its pre-loaded zygote) starts at once."""
    apply_kernel_env()
    _worker_sandbox(limits, wait=False)


# ---------------------------------------------------------------- writer side

@dataclasses.dataclass
class Summary:
    graded: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)
    failed: list = dataclasses.field(default_factory=list)
    seconds: float = 0.0
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
    def prepare(self, pool=None):
        """Class gradebook entries and one template per assignment. With a worker ``pool``
        the templates are built there, while this process writes the class gradebook."""
        from nbgrader.api import Gradebook
        sources = {name: self.course.root / "source" / name for name in self.assignments}
        pending = {name: pool.submit(build_template, name, str(sources[name]))
                   for name in self.assignments} if pool is not None else {}
        for name in self.assignments:
            self.course.generate_assignment(name)
            if self.duedate:
                with Gradebook(self.course.db_url, COURSE_ID) as gradebook:
                    gradebook.update_or_create_assignment(name, duedate=self.duedate)
            hasher = hashlib.sha256()
            for path in sorted(sources[name].rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    hasher.update(path.relative_to(sources[name]).as_posix().encode())
                    hasher.update(path.read_bytes())
            self._source_digests[name] = hasher.hexdigest()
        for name in self.assignments:
            self._templates[name] = (pending[name].result() if name in pending
                                     else build_template(name, str(sources[name])))

    # -- recording (the only writer)
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

    def record(self, submission, result, digest):
        from nbgrader.api import Gradebook
        from nbgrader.plugins import LateSubmissionPlugin

        with _HoldInterrupts():
            key = submission.key
            if result["status"] != "graded":
                # the student shows in the gradebook (and the CSV, with 0) but gets no
                # submission row: nothing half-graded is recorded
                with Gradebook(self.course.db_url, COURSE_ID) as gradebook:
                    gradebook.update_or_create_student(submission.student)
                self.state[key] = {"digest": digest, "status": "failed", "reason": result["reason"],
                                   "findings": result.get("findings", [])}
                self.state[key].update({k: result[k] for k in ("evidence", "rerun") if k in result})
                self._write_state()
                return
            with Gradebook(self.course.db_url, COURSE_ID) as gradebook:
                gradebook.update_or_create_student(submission.student)
                extra = {"timestamp": submission.timestamp} if submission.timestamp else {}
                record = gradebook.update_or_create_submission(
                    submission.assignment, submission.student, **extra)
                for grade in result["grades"]:
                    row = gradebook.find_grade(grade["name"], grade["notebook"],
                                               submission.assignment, submission.student)
                    row.auto_score = grade["auto_score"]
                    row.needs_manual_grade = grade["needs_manual_grade"]
                for comment in result["comments"]:
                    row = gradebook.find_comment(comment["name"], comment["notebook"],
                                                 submission.assignment, submission.student)
                    row.auto_comment = comment["auto_comment"]
                gradebook.db.commit()
                gradebook.db.expire_all()
                plugin = LateSubmissionPlugin(penalty_method=self.late_penalty)
                for notebook in record.notebooks:
                    notebook.late_submission_penalty = None
                    if record.total_seconds_late > 0:
                        penalty = plugin.late_submission_penalty(
                            submission.student, notebook.score, record.total_seconds_late)
                        if penalty is not None:
                            notebook.late_submission_penalty = min(max(penalty, 0), notebook.score)
                gradebook.db.commit()
            for kind in ("autograded", "feedback"):
                base = self.course.root / kind / submission.student / submission.assignment
                if base.exists():
                    shutil.rmtree(base)
                for name, data in result[kind].items():
                    target = base / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            self.state[key] = {"digest": digest, "status": "graded",
                               "seconds": round(result["seconds"], 2),
                               "findings": result.get("findings", [])}
            if "rerun" in result:
                self.state[key]["rerun"] = result["rerun"]
            self._write_state()

    # -- the run
    def _sandbox_limits(self, jobs):
        """The limits every worker's sandbox gets (None: no sandbox, plain kernels)."""
        if not self.sandbox:
            return None
        from autograder import sandbox
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

    def grade(self, submissions, jobs=1, scheduler=None, force=False, progress=True):
        apply_kernel_env()
        limits = self._sandbox_limits(jobs)
        summary = Summary()
        start = time.perf_counter()
        pool = None
        if jobs > 1 and scheduler is None:
            # workers start (and pre-load their kernels) while the class gradebook is set up
            import multiprocessing
            pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(limits,))
        try:
            return self._grade(submissions, jobs, scheduler, force, progress, limits, pool,
                               summary, start)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _grade(self, submissions, jobs, scheduler, force, progress, limits, pool, summary,
               start):
        self.prepare(pool)
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
        jobs_data = [{"assignment": s.assignment, "student": s.student, "files": s.files,
                      "template": self._templates[s.assignment],
                      "cell_timeout": self.cell_timeout, "sandbox": limits} for s, _ in todo]
        bar = _progress(len(todo), progress)
        try:
            for index, result in self._execute(jobs_data, jobs, scheduler, pool):
                submission, digest = todo[index]
                self.record(submission, result, digest)
                if "rerun" in result:
                    summary.reruns.append((submission.key, result["rerun"]))
                if result["status"] == "graded":
                    summary.graded.append(submission.key)
                else:
                    summary.failed.append((submission.key, result["reason"]))
                bar.update(1)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            bar.close()
            _stop_worker_sandbox()  # the in-process one, when jobs == 1
        summary.seconds = time.perf_counter() - start
        return summary

    def _execute(self, jobs_data, jobs, scheduler, pool=None):
        """Yields ``(index, result)`` as jobs finish, in completion order."""
        if not jobs_data:
            return
        if scheduler is not None:
            from distributed import Client, as_completed
            client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
            try:
                futures = {client.submit(grade_job, job, pure=False, key=f"grade-{i}-{job['student']}"): i
                           for i, job in enumerate(jobs_data)}
                for future in as_completed(futures):
                    yield futures[future], future.result()
            finally:
                if client is not scheduler:
                    client.close()
            return
        if jobs <= 1:
            for index, job in enumerate(jobs_data):
                yield index, grade_job(job)
            return
        futures = {pool.submit(grade_job, job): i for i, job in enumerate(jobs_data)}
        try:
            for future in concurrent.futures.as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress(total, enabled):
    if not enabled or total == 0:
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _NoBar()
    return tqdm(total=total, unit="submission", desc="grading", dynamic_ncols=True)


def read_scores(course, assignments):
    """``{(student, assignment): {grade_id: (score, max_score)}}`` from the class gradebook."""
    from nbgrader.api import Gradebook, MissingEntry
    scores = {}
    with Gradebook(course.db_url, COURSE_ID) as gradebook:
        for student in gradebook.students:
            for name in assignments:
                try:
                    submission = gradebook.find_submission(name, student.id)
                except MissingEntry:
                    continue
                scores[(student.id, name)] = {
                    grade.name: (grade.score, grade.max_score)
                    for notebook in submission.notebooks for grade in notebook.grades}
    return scores

