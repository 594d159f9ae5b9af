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
* zygote → host: ``{"pid": N}`` after the fork, ``{"exit": status}`` when the kernel is gone
  (``status`` as in ``subprocess``: the exit code, or minus the signal number).

A kernel is a fresh fork of a process that never ran notebook code: nothing is shared between
submissions. After each kernel the zygote kills whatever it left running (fork bombs
included) and empties ``/tmp``.

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


def main():
    listener = socket.socket(fileno=int(os.environ["ANNLAB_ZYGOTE_FD"]))
    uid = int(os.environ["ANNLAB_KERNEL_UID"])
    keep = {1, os.getpid()}
    try:  # no core dumps and no tracing of the zygote by anything that runs as it
        import ctypes
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except Exception:
        pass
    os.makedirs(os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib"), exist_ok=True)
    _preload()
    print("ready", flush=True)
    kernels = {}   # conn -> pid
    buffers = {}
    dying = set()  # kernels whose host hung up, not yet reaped
    while True:
        readable, _, _ = select.select([listener, *kernels], [], [], 0.05)
        for sock in readable:
            if sock is listener:
                conn, _ = listener.accept()
                data = b""
                while not data.endswith(b"\n"):
                    chunk = conn.recv(1 << 16)
                    if not chunk:
                        break
                    data += chunk
                try:
                    request = json.loads(data)
                except ValueError:
                    conn.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    code = 1
                    try:
                        listener.close()
                        for other in kernels:
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
                kernels[conn] = pid
                buffers[conn] = b""
                _send(conn, {"pid": pid})
                continue
            chunk = b""
            try:
                chunk = sock.recv(4096)
            except OSError:
                pass
            pid = kernels[sock]
            if not chunk:  # the host hung up: the kernel goes too
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
                sock.close()
                del kernels[sock], buffers[sock]
                dying.add(pid)
                continue
            buffers[sock] += chunk
            while b"\n" in buffers[sock]:
                line, buffers[sock] = buffers[sock].split(b"\n", 1)
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if "signal" in message:
                    try:
                        os.killpg(pid, int(message["signal"]))
                    except OSError:
                        pass
        while True:  # reap finished kernels (and orphans re-parented to us)
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            dying.discard(pid)
            for conn, kernel_pid in list(kernels.items()):
                if kernel_pid == pid:
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except OSError:
                        pass
                    _send(conn, {"exit": os.waitstatus_to_exitcode(status)})
                    conn.close()
                    del kernels[conn], buffers[conn]
            if not kernels and not dying:
                _sweep(keep)


if __name__ == "__main__":
    main()
