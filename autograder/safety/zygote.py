"""The kernel zygote: imports the course's heavy modules once, then forks one kernel per notebook.

Runs *inside* the grading sandbox (see ``autograder/sandbox.py``), as a standalone script
with no ``autograder`` imports: the sandbox binds only this file, the Python installation and
the scratch folder. It is started as root in its namespaces but with only three capabilities
(SETUID, SETGID, KILL); every kernel it forks drops to an unprivileged uid, so kernels can
neither signal nor trace the zygote, nor exceed their resource limits.

Protocol (one Unix stream connection per kernel, on the listening socket inherited as fd
``ANNLAB_ZYGOTE_FD``; newline-delimited JSON):

* host → zygote: ``{"connection": {...}, "cwd": ..., "env": {...}, "argv": [...]}`` once,
  then any number of ``{"signal": N}``; closing the connection kills the kernel.
* zygote → host: ``{"pid": N, "uid": U}`` after the fork, ``{"exit": status, "evidence":
  {...}}`` when the kernel is gone (``status`` as in ``subprocess``: the exit code, or minus
  the signal number; ``evidence``: see ``_evidence``), or ``{"error": text}``
  when no kernel could be started (the sandbox reset or the fork failed: not the
  submission's fault; the zygote then exits so that the host starts a fresh sandbox).

A kernel is a fresh fork of a process that never ran notebook code: nothing is shared between
submissions. Before each fork the zygote resets the sandbox to its state at ``ready``
(``_reset``): every process left by earlier kernels (fork bombs, escaped daemons) is killed
*and reaped*, and ``/tmp`` holds only what it held then. Kernels take turns among the uids
``ANNLAB_KERNEL_UID`` … ``+ ANNLAB_KERNEL_UIDS - 1``, so a kernel never shares a uid (and
its process budget, ``RLIMIT_NPROC``) with the one before it.

Preloading prints ``ready`` on stdout; the import list is ``ANNLAB_PRELOAD`` (comma-separated).
"""

import json
import os
import resource
import select
import shutil
import signal
import socket
import sys

_REPORT_FD = 2


def _limits():
    return {name: int(os.environ[f"ANNLAB_LIMIT_{name}"])
            for name in ("AS", "NPROC", "FSIZE", "CPU", "NOFILE")
            if os.environ.get(f"ANNLAB_LIMIT_{name}")}


def _preload():
    for name in filter(None, os.environ.get("ANNLAB_PRELOAD", "").split(",")):
        try:
            __import__(name)
        except Exception as error:  # a missing optional module only costs time later
            print(f"zygote: could not preload {name}: {error}", file=sys.stderr, flush=True)


def _cap_output(limit):
    """At most ``limit`` characters per stream (stdout, stderr) and cell reach the notebook;
    then one note. Patched on ipykernel's stream class, whichever stream object is in use."""
    from ipykernel import iostream

    original = iostream.OutStream.write
    left = {}

    def write(self, text):
        parent = getattr(self, "parent_header", None) or {}
        name = (getattr(self, "name", "stdout"), parent.get("msg_id"))   # per stream and cell
        remaining = left.setdefault(name, limit)
        if remaining < 0:          # already truncated: drop silently
            return len(text)
        if len(text) <= remaining:
            left[name] = remaining - len(text)
            return original(self, text)
        left[name] = -1
        original(self, text[:remaining] + "\n[annlab: output truncated: this kernel printed "
                                          "more than the grader keeps]\n")
        return len(text)

    iostream.OutStream.write = write


def _run_kernel(request, uid):
    """In the forked child: drop privileges, apply limits, become an IPython kernel."""
    os.setsid()
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    for name, value in _limits().items():
        limit = getattr(resource, f"RLIMIT_{name}")
        resource.setrlimit(limit, (value, value))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    home = f"/tmp/kernel-{os.getpid()}"
    os.makedirs(home, mode=0o700)
    output_limit = int(os.environ.get("ANNLAB_OUTPUT_LIMIT", "0") or 0)  # before env changes
    env = dict(request.get("env") or {})
    env.update({"HOME": home, "TMPDIR": home, "MPLCONFIGDIR": os.environ.get("MPLCONFIGDIR", home),
                "KERAS_HOME": os.path.join(home, ".keras"), "PATH": os.environ.get("PATH", "")})
    os.environ.clear()
    os.environ.update(env)
    global _REPORT_FD
    _REPORT_FD = os.dup(2)  # the zygote's log, for a kernel that fails to start
    os.set_inheritable(_REPORT_FD, False)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.chdir(request["cwd"])
    sys.path.insert(0, os.getcwd())  # as `python -m ipykernel_launcher` would have it
    connection_file = os.path.join(home, "kernel.json")
    with open(connection_file, "w") as handle:
        json.dump(request["connection"], handle)

    from ipykernel.kernelapp import IPKernelApp

    if output_limit:
        _cap_output(output_limit)
    argv = ["-f", connection_file, "--IPKernelApp.capture_fd_output=False"]
    argv += [arg for arg in request.get("argv", []) if arg.startswith("--")]
    IPKernelApp.launch_instance(argv=argv)


def _processes(keep=()):
    """``{pid: uid}`` of the processes in this PID namespace (zombies included), but ``keep``."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in keep:
            try:
                with open(f"/proc/{entry}/status") as handle:
                    uid = next(int(line.split()[1]) for line in handle if line.startswith("Uid:"))
            except (OSError, StopIteration, ValueError):
                continue
            found[int(entry)] = uid
    return found


def _remove(paths):
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def _remove_as(uid, paths):
    """Removes ``paths`` as ``uid``: the zygote has no CAP_DAC_OVERRIDE or CAP_FOWNER, so it
    cannot delete a kernel's files from the sticky /tmp or its 0700 folders itself."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            _remove(paths)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _reset(keep, tmp_at_ready, uids=(), timeout=20.0):
    """Back to the state at ``ready``: kill every process but ``keep`` and wait until each is
    gone from /proc (reaped, so it no longer counts against any uid's process limit); remove
    everything in /tmp that was not there at ready (as root and as each kernel uid in
    ``uids``). Returns None, or why it could not."""
    import time
    deadline = time.monotonic() + timeout
    while True:
        left = _processes(keep)
        if not left:
            break
        if time.monotonic() > deadline:
            return f"{len(left)} processes of earlier kernels did not go away in {timeout:.0f} s"
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:   # our own children (earlier kernels) are ours to reap; the rest, bwrap's init's
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass
        time.sleep(0.01)
    for _ in range(2):   # twice: a kernel may have made a folder another one could write to
        extra = [os.path.join("/tmp", e) for e in os.listdir("/tmp") if e not in tmp_at_ready]
        if not extra:
            return None
        _remove(extra)
        for uid in uids:
            _remove_as(uid, extra)
    extra = sorted(e for e in os.listdir("/tmp") if e not in tmp_at_ready)
    if extra:
        return f"/tmp could not be emptied of earlier kernels' files: {extra[:5]}"
    return None


_LIMIT_NAMES = {"AS": "memory (address space)", "NPROC": "processes", "CPU": "CPU time",
                "FSIZE": "file size", "NOFILE": "open files"}


def _virtual_mb():
    """This process's address-space size (MB): what a kernel starts with, before any cell."""
    try:
        with open("/proc/self/status") as handle:
            return next(int(line.split()[1]) // 1024 for line in handle
                        if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return 0


_BASELINE_MB = 0


def _evidence(status, usage, processes, uid):
    """What the host reports about a kernel's end: exit code or signal, resource use, and
    the limit it most likely hit (None when nothing points at one)."""
    code = os.waitstatus_to_exitcode(status)
    limits = _limits()
    found = {"exit_code": code if code >= 0 else None,
             "signal": signal.Signals(-code).name if code < 0 else None,
             "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
             "max_rss_mb": round(usage.ru_maxrss / 1024), "processes": processes, "uid": uid,
             "limit": None}
    hit = []
    if code == -signal.SIGXCPU or ("CPU" in limits and found["cpu_seconds"] >= limits["CPU"] - 1):
        hit.append(f"{_LIMIT_NAMES['CPU']}: {limits.get('CPU')} s")
    if code == -signal.SIGXFSZ:
        hit.append(f"{_LIMIT_NAMES['FSIZE']}: {limits.get('FSIZE', 0) // 2 ** 20} MB")
    if "NPROC" in limits and processes >= limits["NPROC"] * 0.9:
        hit.append(f"{_LIMIT_NAMES['NPROC']}: {limits['NPROC']} (it had {processes})")
    # a kernel starts with the zygote's mappings (~2 GB with TensorFlow); what it allocated
    # on top is resident: close to the address-space limit means the limit was hit
    if ("AS" in limits and code != 0
            and _BASELINE_MB + found["max_rss_mb"] >= 0.9 * limits["AS"] / 2 ** 20):
        hit.append(f"{_LIMIT_NAMES['AS']}: {limits['AS'] // 2 ** 20} MB "
                   f"(started with {_BASELINE_MB} MB mapped, peak resident "
                   f"{found['max_rss_mb']} MB)")
    found["limit"] = "; ".join(hit) or None
    return found


def _sweep(keep):
    """Kill every process in this PID namespace but ``keep``; empty /tmp of kernel files."""
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in keep:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except OSError:
                pass
    for entry in os.listdir("/tmp"):
        if entry.startswith("kernel-"):
            shutil.rmtree(os.path.join("/tmp", entry), ignore_errors=True)


def _send(conn, message):
    try:
        conn.sendall((json.dumps(message) + "\n").encode())
    except OSError:
        pass


def _read_request(listener):
    """``(conn, request)`` from the next grader connection, or ``(None, None)``."""
    conn, _ = listener.accept()
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(1 << 16)
        if not chunk:
            break
        data += chunk
    try:
        return conn, json.loads(data)
    except ValueError:
        conn.close()
        return None, None


def _become_kernel(listener, others, conn, request, uid):
    """In the forked child: run the kernel; never returns."""
    code = 1
    try:
        listener.close()
        for other in others:
            other.close()
        conn.close()
        _run_kernel(request, uid)
        code = 0
    except BaseException as error:  # noqa: BLE001 - report, never return
        import traceback
        text = "".join(traceback.format_exception(error))
        try:
            os.write(_REPORT_FD, f"kernel {os.getpid()} failed: {text}".encode())
        except OSError:
            pass
    finally:
        os._exit(code)


class _Zygote:
    """The zygote's state: its grader socket, its live kernels, the uids they take turns on."""

    def __init__(self, listener, first_uid, uids):
        self.listener, self.first_uid, self.uids = listener, first_uid, uids
        self.started = 0    # kernels forked so far: kernel n runs as first_uid + n % uids
        self.keep = {1, os.getpid()}
        self.tmp_at_ready = set(os.listdir("/tmp"))
        self.kernels = {}   # conn -> pid
        self.uid_of = {}    # pid -> uid of live kernels
        self.buffers = {}
        self.dying = set()  # kernels whose host hung up, not yet reaped

    def fork_kernel(self, conn, request):
        problem = None
        if not self.kernels:    # one kernel at a time per worker: everything else is stale
            problem = _reset(self.keep, self.tmp_at_ready,
                             [self.first_uid + i for i in range(self.uids)])
            self.dying.clear()
            self.uid_of.clear()
        uid = self.first_uid + self.started % self.uids
        self.started += 1
        pid = None
        if problem is None:
            try:
                pid = os.fork()
            except OSError as error:
                problem = f"the zygote could not fork a kernel: {error}"
        if problem is not None:   # not this submission's fault: a fresh sandbox
            _send(conn, {"error": problem})
            conn.close()
            print(f"zygote: {problem}", file=sys.stderr, flush=True)
            sys.exit(3)
        if pid == 0:
            _become_kernel(self.listener, self.kernels, conn, request, uid)
        self.kernels[conn] = pid
        self.uid_of[pid] = uid
        self.buffers[conn] = b""
        _send(conn, {"pid": pid, "uid": uid})

    def from_host(self, sock):
        """A message from a kernel's host: a signal to send, or it hung up (kill the kernel)."""
        chunk = b""
        try:
            chunk = sock.recv(4096)
        except OSError:
            pass
        pid = self.kernels[sock]
        if not chunk:  # the host hung up: the kernel goes too
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            sock.close()
            del self.kernels[sock], self.buffers[sock]
            self.dying.add(pid)
            return
        self.buffers[sock] += chunk
        while b"\n" in self.buffers[sock]:
            line, self.buffers[sock] = self.buffers[sock].split(b"\n", 1)
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "signal" in message:
                try:
                    os.killpg(pid, int(message["signal"]))
                except OSError:
                    pass

    def reap(self):
        """Reaps finished kernels (and orphans re-parented to us); reports each kernel's end
        with its evidence to its host."""
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            self.dying.discard(pid)
            for conn, kernel_pid in list(self.kernels.items()):
                if kernel_pid == pid:
                    owner = self.uid_of.pop(pid, None)
                    count = sum(1 for u in _processes(self.keep).values() if u == owner)
                    evidence = _evidence(status, usage, count, owner)
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except OSError:
                        pass
                    _send(conn, {"exit": os.waitstatus_to_exitcode(status),
                                 "evidence": evidence})
                    conn.close()
                    del self.kernels[conn], self.buffers[conn]
            if not self.kernels and not self.dying:
                _sweep(self.keep)

    def serve(self):
        while True:
            readable, _, _ = select.select([self.listener, *self.kernels], [], [], 0.05)
            for sock in readable:
                if sock is self.listener:
                    conn, request = _read_request(self.listener)
                    if conn is not None:
                        self.fork_kernel(conn, request)
                else:
                    self.from_host(sock)
            self.reap()


def main():
    listener = socket.socket(fileno=int(os.environ["ANNLAB_ZYGOTE_FD"]))
    first_uid = int(os.environ["ANNLAB_KERNEL_UID"])
    uids = int(os.environ.get("ANNLAB_KERNEL_UIDS", "1") or 1)
    try:  # no core dumps and no tracing of the zygote by anything that runs as it
        import ctypes
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except Exception:
        pass
    os.makedirs(os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib"), exist_ok=True)
    _preload()
    zygote = _Zygote(listener, first_uid, uids)
    global _BASELINE_MB
    _BASELINE_MB = _virtual_mb()
    print("ready", flush=True)
    zygote.serve()


if __name__ == "__main__":
    main()
