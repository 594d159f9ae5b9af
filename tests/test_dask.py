"""Grading on a real Dask cluster of separate processes, two threads per worker, one killed.

``dask scheduler`` and two ``dask worker --nthreads 2 --no-nanny`` processes on 127.0.0.1
(started and stopped here) grade the five-student ``01_neuron`` class of ``test_resume``
through the real command (``--scheduler``, a subprocess). Two threads per worker used to
let two jobs of one process delete each other's files; now each worker thread grades in a
child process of its own. After the first submission is recorded, the worker with jobs in flight is killed
(``kill -9`` of its process group, sandbox included): the scheduler hands its jobs to the
other worker, and the batch must still finish with every submission graded once, with the
same gradebook as ``--jobs 1``.
"""

import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from test_resume import BLANK, BROKEN, NAME, PERFECT, _expected, _state, _totals, make_class

from autograder import cli
from autograder.course import Course
from autograder.grade import executors
from autograder.grade.run import read_scores
from autograder.grade.worker import Job, Result
from conftest import ROOT, TIMINGS, subprocess_env

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

WAIT_S = 900


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]



def _dask(args, log):
    dask = os.path.join(os.path.dirname(sys.executable), "dask")
    return subprocess.Popen([dask, *args], env=subprocess_env(), cwd=ROOT, stdout=log, stderr=log,
                            stdin=subprocess.DEVNULL, start_new_session=True)


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _grades_csv(course):
    import csv
    with open(course / "report" / "grades.csv", newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def test_cluster_with_two_threads_per_worker_survives_a_killed_worker(tmp_path, capsys):
    sample = make_class(tmp_path / "class")
    start = time.perf_counter()
    reference = tmp_path / "reference"
    code = cli.main(["grade", str(sample), "--course", str(reference), "--assignments", NAME,
                     "--jobs", "1", "--no-progress"])
    sequential_s = time.perf_counter() - start
    assert code == 0, capsys.readouterr()
    TIMINGS["dask class (5 submissions) --jobs 1"] = sequential_s

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = open(tmp_path / "cluster.log", "wb")
    client = None
    processes = [_dask(["scheduler", "--host", "127.0.0.1", "--port", str(port),
                        "--no-dashboard"], logs)]
    try:
        client = distributed.Client(address, timeout=120)
        workers = [_dask(["worker", address, "--nthreads", "2", "--nworkers", "1", "--no-nanny",
                          "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{i}"], logs)
                   for i in range(2)]
        processes += workers
        client.wait_for_workers(2, timeout=WAIT_S)
        by_pid = {pid: address for address, pid in client.run(os.getpid).items()}
        assert sorted(by_pid) == sorted(w.pid for w in workers), "worker pids: not our processes"
        assert all(info["nthreads"] == 2 for info in client.scheduler_info()["workers"].values())

        course = tmp_path / "course"
        started = time.perf_counter()
        command = subprocess.Popen(
            [sys.executable, "-m", "autograder", "grade", str(sample), "--course", str(course),
             "--assignments", NAME, "--scheduler", address, "--no-progress"],
            env=subprocess_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + WAIT_S
        victim = in_flight = None
        while victim is None:
            assert command.poll() is None, f"the grade command ended early:\n{command.stdout.read()}"
            assert time.monotonic() < deadline, "no submission recorded in time"
            if _state(course):
                processing = client.processing()
                busy = [w for w in workers if processing.get(by_pid[w.pid])]
                if busy:
                    victim = busy[0]
                    in_flight = list(processing[by_pid[victim.pid]])
            time.sleep(0.2)
        recorded_before = set(_state(course))
        _stop(victim)
        output, _ = command.communicate(timeout=WAIT_S)
        dask_s = time.perf_counter() - started
        TIMINGS["dask class (5 submissions) --scheduler, 2x2 threads, 1 worker killed"] = dask_s
        TIMINGS["dask cluster test (whole)"] = time.perf_counter() - start
        assert command.returncode == 0, output
        assert victim.returncode == -signal.SIGKILL
        assert len(client.scheduler_info()["workers"]) == 1, "the killed worker is still known"
    finally:
        if client is not None:
            client.close()
        for process in processes:
            _stop(process)
        logs.close()

    # every submission graded once, with the scores --jobs 1 gives, none lost with the worker
    gradable = len(PERFECT) + 1
    assert f"\n{gradable} graded, 0 unchanged, 1 could not be graded" in output, output
    assert in_flight and not {k.split("-")[-1] for k in in_flight} <= {
        key.split("/")[1] for key in recorded_before}, "the killed worker had no unrecorded job"
    state = _state(course)
    assert set(state) == {f"{NAME}/{s}" for s in PERFECT + (BLANK, BROKEN)}
    assert state[f"{NAME}/{BROKEN}"]["status"] == "failed"
    assert all(state[f"{NAME}/{s}"]["status"] == "graded" for s in PERFECT + (BLANK,)), state
    assert _totals(course) == {s: _expected(s) for s in PERFECT + (BLANK,)}
    assert read_scores(Course(course), [NAME]) == \
        read_scores(Course(reference), [NAME])
    assert _grades_csv(course) == _grades_csv(reference)
    print(f"--jobs 1: {sequential_s:.1f} s; --scheduler (2 workers x 2 threads, one killed): "
          f"{dask_s:.1f} s")


def test_a_job_that_kills_every_worker_fails_alone():
    """After ``allowed-failures`` worker deaths Dask raises ``KilledWorker`` for that job: it
    becomes that one submission's failure, with the reason, not an error of the batch."""
    class Future:
        def result(self):
            raise distributed.KilledWorker("grade-0-ada", None, 3)

    job = Job(NAME, "ada", {}, b"")
    result = executors._dask_result(Future(), job)
    assert isinstance(result, Result), f"type: {type(result).__name__}"
    assert (result.status, result.student) == ("failed", "ada"), result
    assert "killed the Dask worker" in result.reason, result.reason

    class Lost:
        def result(self):
            raise OSError("the scheduler is gone")

    with pytest.raises(OSError):   # a broken cluster is a system error: the command fails
        executors._dask_result(Lost(), job)


class _KillsItsProcess:
    """Unpickled in the grading child, it ends that process (as the OOM killer would)."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_each_thread_grades_in_its_own_child_process():
    """``isolated.grade_job_isolated``: one child per calling thread (so two Dask threads
    grade at once without sharing a process), results come back through the child, and a
    child that dies mid-job fails only that job."""
    import threading

    from autograder.grade import isolated

    job = Job(NAME, "ada", {}, b"not a tar archive", sandbox=None)
    seen = {}

    def grade(name):
        result = isolated.grade_job_isolated(job)
        seen[name] = (result, isolated._LOCAL.child.pid)

    threads = [threading.Thread(target=grade, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert set(seen) == {"a", "b"}, f"threads finished: {sorted(seen)}"
    for result, pid in seen.values():
        assert isinstance(result, Result), f"type: {type(result).__name__}"
        assert result.status == "failed" and "ReadError" in result.reason, result
        assert pid != os.getpid()
    assert seen["a"][1] != seen["b"][1], "two threads shared one child process"

    result = isolated.grade_job_isolated(dataclasses.replace(job, files={"x": _KillsItsProcess()}))
    assert result.status == "failed" and "died" in result.reason, result
    assert "exit status 3" in result.reason, result.reason
    result = isolated.grade_job_isolated(job)     # a new child takes over
    assert result.status == "failed" and "ReadError" in result.reason, result
