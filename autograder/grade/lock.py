"""One grade command per course directory at a time.

Two grade commands writing the same gradebook, state file and feedback folders would
interleave their records; the second one must refuse instead. The lock is an advisory
``fcntl.flock`` on ``<course>/annlab.lock``, taken before the command touches the course and
held until it exits. The kernel drops it when the process ends, however it ends (``kill -9``
included), so a dead command never leaves a stale lock behind; the file itself stays.

Interface
---------
``hold(course_dir)``: context manager; creates the course directory if needed, takes the
    lock or raises ``CourseBusy`` at once (never waits), writes this process's id into the
    file (for the message of a refused command) and releases the lock on exit.
``CourseBusy``: a ``RuntimeError`` whose message names the course directory, says that
    another grade command is running on it and, when known, its process id.
"""

import contextlib
import fcntl
import os
import pathlib

LOCK_FILE = "annlab.lock"


class CourseBusy(RuntimeError):
    """Another grade command holds the course's lock."""


@contextlib.contextmanager
def hold(course_dir):
    course_dir = pathlib.Path(course_dir).resolve()
    course_dir.mkdir(parents=True, exist_ok=True)
    path = course_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise CourseBusy(
                f"another grade command is running on the course {course_dir}{who}; wait for "
                f"it to finish (or stop it), then run this one again. Lock: {path}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
