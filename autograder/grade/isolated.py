"""Grading jobs in a child process per calling thread: concurrency for threaded hosts.

A grading job owns process-wide state (the sandbox and its scratch folder, the umask, the
current directory), so ``worker.grade_job`` runs one job at a time per process. A Dask
worker runs tasks in threads (``--nthreads``, by default one per core); to keep those
threads busy, each thread hands its jobs to its own child process, which owns all of that
state (and its own sandbox) for as long as the thread lives. Plain ``subprocess`` children,
not ``multiprocessing``: a Dask nanny's worker is a daemonic process, which may not have
``multiprocessing`` children.

Interface
---------
``grade_job_isolated(job) -> worker.Result``: ``worker.grade_job(job)``, run in this thread's child
    (``python -m autograder.grade.isolated``, started on first use and reused). A child that dies
    during a job (killed, out of memory) fails that job with the reason; the next job starts
    a new child.

Protocol (child's stdin / stdout): each message is an 8-byte big-endian length and a pickle;
the host sends a job, the child answers with its result. The child's own fd 1 is redirected
to stderr, so nothing a library prints can corrupt the stream. It exits at end of input.
"""

import os
import pathlib
import pickle
import subprocess
import sys
import threading

from autograder import settings
from autograder.grade import worker

_LOCAL = threading.local()
_PACKAGE_ROOT = str(pathlib.Path(__file__).resolve().parents[1])


def _write(stream, obj):
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def _read(stream):
    header = stream.read(8)
    if len(header) < 8:
        return None
    size = int.from_bytes(header, "big")
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def _start_child():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
    return subprocess.Popen([sys.executable, "-m", "autograder.grade.isolated"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd="/")


def _stop_child(child):
    for stream in (child.stdin, child.stdout):
        try:
            stream.close()
        except OSError:
            pass
    if child.poll() is None:
        child.kill()
    child.wait()


def grade_job_isolated(job):
    child = getattr(_LOCAL, "child", None)
    if child is None or child.poll() is not None:
        child = _LOCAL.child = _start_child()
    result = None
    try:
        _write(child.stdin, job)
        result = _read(child.stdout)
    except (OSError, EOFError, pickle.UnpicklingError):
        result = None
    if result is None:   # the child died during this job
        _LOCAL.child = None
        _stop_child(child)
        return worker.Result.failed(job, f"the grading process died while grading it (exit "
                                         f"status {child.returncode}: killed, or out of memory)")
    return result


def main():
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)          # anything printed goes to stderr, never into the result stream
    sys.stdout = sys.stderr
    settings.apply_kernel_env()
    source = sys.stdin.buffer
    try:
        while True:
            job = _read(source)
            if job is None:
                break
            _write(out, worker.grade_job(job))
    finally:
        worker.stop_worker_sandbox()


if __name__ == "__main__":
    main()
