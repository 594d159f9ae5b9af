"""Why a notebook's kernel died, and whether that was the submission's doing.

The zygote (``autograder/safety/zygote.py``) tells the grader about each kernel: its pid and uid,
then its end (exit code or signal, CPU time, peak memory, processes it had, the limit it most
likely hit), or that it could not start one at all. ``SandboxedExecute`` remembers which cell
was running. Both are collected per job in ``sandbox.KERNEL_EVENTS`` / ``sandbox.RUNNING_CELL``.

Interface
---------
``reset_events()``: forget the previous job's kernel events (call at the start of a job).
``evidence() -> dict``: ``started`` (a kernel was forked), ``exit_code``, ``signal``,
    ``limit``, ``cpu_seconds``, ``max_rss_mb``, ``processes``, ``cell`` (index in the graded
    notebook of the cell running, or else of the last one run; None: none ran), ``running``,
    ``grade_id``, ``zygote_error``, ``reported`` (the zygote sent the exit status).
``describe(evidence) -> str``: one line for the report, e.g. ``"killed by signal SIGKILL;
    limit hit: memory (address space): 3072 MB …; while running cell 17 (relu)"``.
``unattributable(evidence, sandbox_alive) -> str | None``: why this death cannot be the
    submission's own doing (the zygote died or could not fork, the kernel died before any
    of the student's cells ran), or None when it can.
``describe(evidence, cell=True) -> str`` (``cell=False``: without the running cell)
``death_line(sandboxed) -> str``: ``describe(evidence(), cell=False)`` for a sandboxed kernel;
    for a plain one (``--no-sandbox``, no zygote to ask) only "the kernel died".
``note_survived(entry)``, ``survived() -> list[dict]``: the kernel deaths this job's notebook
    survived (``SandboxedExecute`` restarted the kernel and graded the rest), each
    ``{"cell": index, "grade_id": str | None, "what": death_line or the MemoryError line}``.
"""

from autograder.safety import sandbox

_SURVIVED = []


def reset_events():
    sandbox.KERNEL_EVENTS.clear()
    sandbox.RUNNING_CELL.clear()
    _SURVIVED.clear()


def note_survived(entry):
    _SURVIVED.append(dict(entry))


def survived():
    return [dict(entry) for entry in _SURVIVED]


def evidence():
    found = {"started": False, "exit_code": None, "signal": None, "limit": None,
             "cpu_seconds": None, "max_rss_mb": None, "processes": None,
             "cell": sandbox.RUNNING_CELL.get("index"),
             "running": bool(sandbox.RUNNING_CELL.get("running")),
             "grade_id": sandbox.RUNNING_CELL.get("grade_id"), "zygote_error": None,
             "reported": False}
    for message in sandbox.KERNEL_EVENTS:
        if "pid" in message:
            found["started"] = True
        if "error" in message:
            found["zygote_error"] = message["error"]
        if "evidence" in message:
            found.update({k: v for k, v in message["evidence"].items() if k in found})
            found["reported"] = True
    return found


def describe(found, cell=True):
    """One line; without the running cell when ``cell`` is false."""
    parts = []
    if found["zygote_error"]:
        parts.append(f"no kernel: {found['zygote_error']}")
    elif not found["started"]:
        parts.append("the kernel was never started")
    elif not found["reported"]:
        parts.append("the grading sandbox itself died (no exit status from it)")
    elif found["signal"]:
        parts.append(f"killed by signal {found['signal']}")
    else:
        parts.append(f"exit code {found['exit_code']}")
    if found["limit"]:
        parts.append(f"limit hit: {found['limit']}")
    if found["reported"]:
        parts.append(f"{found['cpu_seconds']} s CPU, peak {found['max_rss_mb']} MB resident, "
                     f"{found['processes']} processes")
    name = f" ({found['grade_id']})" if found["grade_id"] else ""
    if not cell:
        pass
    elif found["cell"] is None:
        parts.append("before any cell ran")
    elif found["running"]:
        parts.append(f"while running cell {found['cell']}{name}")
    else:
        parts.append(f"after cell {found['cell']}{name} had finished")
    return "; ".join(parts)


def unattributable(found, sandbox_alive):
    if found["zygote_error"]:
        return found["zygote_error"]
    if not sandbox_alive or (found["started"] and not found["reported"]):
        return "the grading sandbox (the pre-loaded kernel process) died"
    if not found["started"]:
        return "no kernel was started"
    if found["cell"] is None:
        return "the kernel died before any of the submission's cells ran"
    return None


def death_line(sandboxed):
    return describe(evidence(), cell=False) if sandboxed else "the kernel died"
