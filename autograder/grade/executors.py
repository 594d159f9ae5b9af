"""Where grading jobs run: in this process, in a local process pool, or on a Dask cluster.

All three behind one interface, so the grading run does not care which:

``executor(jobs, scheduler, limits) -> Executor``
    ``Serial`` for ``jobs <= 1`` without a scheduler, ``Pool(jobs)`` for more, ``Dask`` for a
    scheduler address (or a ``distributed.Client``).
``Executor.submit(function, *args) -> future``
    runs a preparation step (``worker.build_template``) where the jobs will run, so it
    overlaps the main process's own set-up; ``future.result()`` waits for it.
``Executor.run(jobs) -> iterator of (index, worker.Result)``
    runs the jobs (any iterable: a job may be submitted while earlier ones run), yielding
    each result as it finishes (completion order; ``index`` is the job's position in
    ``jobs``); an interrupt cancels what has not started.
``Executor.close()``                            stops the workers (also as a context manager)

``Pool`` workers are spawned processes that start their sandbox (and its pre-loaded zygote)
at once (``worker.start_worker``). On Dask, each worker thread hands its jobs to a child
process of its own (``grade.isolated``), and a job that killed every worker it was tried on
(``KilledWorker``) fails alone instead of stopping the batch.
"""

import concurrent.futures
import multiprocessing

from autograder.grade import worker
from autograder.grade.isolated import grade_job_isolated


class _Done:
    """A future of a step run in this process when its result is first asked for."""

    def __init__(self, function, args):
        self._function, self._args = function, args

    def result(self):
        return self._function(*self._args)


class Serial:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def submit(self, function, *args):
        return _Done(function, args)

    def run(self, jobs):
        for index, job in enumerate(jobs):
            yield index, worker.grade_job(job)

    def close(self):
        worker.stop_worker_sandbox()   # the in-process one


class Pool(Serial):
    def __init__(self, jobs, limits):
        # spawned, not forked: workers start clean, without this process's state
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.start_worker, initargs=(limits,))

    def submit(self, function, *args):
        return self._pool.submit(function, *args)

    def run(self, jobs):
        futures = {self._pool.submit(worker.grade_job, job): i for i, job in enumerate(jobs)}
        try:
            for future in concurrent.futures.as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise

    def close(self):
        self._pool.shutdown(wait=True, cancel_futures=True)
        super().close()


class Dask(Serial):
    def __init__(self, scheduler):
        from distributed import Client

        self._own = not isinstance(scheduler, Client)
        self._client = Client(scheduler) if self._own else scheduler

    def run(self, jobs):
        from distributed import as_completed

        submitted, futures = [], {}
        for i, job in enumerate(jobs):
            submitted.append(job)
            futures[self._client.submit(grade_job_isolated, job, pure=False,
                                        key=f"grade-{i}-{job.student}")] = i
        for future in as_completed(futures):
            yield futures[future], _dask_result(future, submitted[futures[future]])

    def close(self):
        if self._own:
            self._client.close()
        super().close()


def _dask_result(future, job):
    """The job's result; a job that killed every worker it ran on (Dask gives up after
    ``distributed.scheduler.allowed-failures`` deaths) fails alone, not the batch. A worker
    lost once is not such a failure: the scheduler reruns its jobs on the others."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return worker.Result.failed(job, "grading it killed the Dask worker process, each "
                                         "time it was tried")


def executor(jobs, scheduler, limits):
    if scheduler is not None:
        return Dask(scheduler)
    if jobs > 1:
        return Pool(jobs, limits)
    return Serial()
