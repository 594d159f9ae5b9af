"""The grading sandbox: notebook kernels forked from a pre-loaded zygote inside bubblewrap.

Why
---
A submission is untrusted code that nbgrader would run with the instructor's rights, and every
plain kernel pays ``import tensorflow`` (~5 s, ~700 MB) again. Here one *zygote* per grading
worker (``autograder/safety/zygote.py``) starts once inside a ``bwrap`` sandbox, imports the heavy
modules, and forks a fresh kernel per notebook: the import is paid once per worker, and no
kernel ever sees another's state (each is a new fork of a process that never ran notebook
code).

What a kernel can see and do
----------------------------
* Read-only: ``/usr``, ``/etc``, the Python installation (``sys.prefix``/``sys.base_prefix``);
  read-write: the job's scratch folder (the submission being graded, nothing else) and a
  private ``/tmp``. Not the repository, ``source/``, ``solutions/``, any gradebook or any
  other student's files: they are simply not in its file system.
* No network (own network namespace), own PID/IPC/UTS namespaces, an unprivileged uid, no
  capabilities, and rlimits: address space (memory bombs get ``MemoryError``), processes
  (fork bombs stop), file size, CPU seconds, open files. Output is capped in the kernel and
  again in the grader (``autograder.preprocessors.SandboxedExecute``).

Interface
---------
``Sandbox(limits=Limits(), preload=PRELOAD)``: ``.start()``, ``.stop()``, ``.alive()``,
    ``.scratch`` (the folder kernels may use); one per worker process, reused across jobs
    and restarted when it died.
``check_available() -> str | None``: why the sandbox cannot start here (None when it can).
``use(sandbox)``: make ``SandboxedExecute`` start kernels in ``sandbox`` (per process);
    ``use(None)`` runs plain local kernels (only with ``--no-sandbox``).
``SandboxKernelManager``: a jupyter_client kernel manager whose kernels the active sandbox's
    zygote forks (``autograder.preprocessors.SandboxedExecute`` uses it).
``KERNEL_EVENTS``, ``RUNNING_CELL``: what the zygote reported about this process's kernels
    and which cell is running (``SandboxedExecute`` records it; read through
    ``autograder.safety.crash``).
"""

import asyncio
import dataclasses
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import uuid

import zmq
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning.local_provisioner import LocalProvisioner

from autograder.settings import KERNEL_ENV

ZYGOTE_SCRIPT = pathlib.Path(__file__).with_name("zygote.py")
SANDBOX_PATH = "/annlab"
PRELOAD = ("numpy", "matplotlib", "matplotlib.font_manager", "keras", "tensorflow", "scipy",
           "sklearn", "ipykernel.kernelapp", "IPython")
OUTPUT_LIMIT_CHARS = 200_000   # per kernel stream, in the kernel
MESSAGE_LIMIT_BYTES = 32 * 2 ** 20   # per kernel message, in the grader's sockets


@dataclasses.dataclass
class Limits:
    memory_mb: int = 6144        # RLIMIT_AS of a kernel (TensorFlow maps ~2 GB at start)
    processes: int = 256         # RLIMIT_NPROC for the kernel's uid (threads count too)
    file_mb: int = 64            # RLIMIT_FSIZE
    cpu_seconds: int = 1800      # RLIMIT_CPU: a backstop; cells have wall-clock timeouts
    open_files: int = 1024       # RLIMIT_NOFILE
    threads: int = 0             # BLAS/TensorFlow threads per kernel (0: library default)


_ACTIVE = None


def use(sandbox):
    global _ACTIVE
    _ACTIVE = sandbox


def active():
    return _ACTIVE


def check_available():
    """None when a sandbox can be started here, else the reason."""
    bwrap = os.environ.get("ANNLAB_BWRAP", "bwrap")
    if shutil.which(bwrap) is None:
        return (f"bubblewrap ({bwrap}) is not installed: install it (Debian/Ubuntu: "
                "apt-get install bubblewrap)")
    if os.geteuid() != 0:
        return ("the sandbox needs root to drop kernels to a separate uid with resource "
                "limits (run the grader as root, e.g. in its container)")
    probe = subprocess.run(
        [bwrap, *_namespace_args(), "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
         "--", "/bin/true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"bubblewrap cannot create namespaces here: {probe.stderr.strip()[:300]}"
    return None


def _namespace_args():
    return ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
            "--cap-add", "CAP_KILL"]


def _ancestors(path):
    path = pathlib.PurePosixPath(path)
    return [str(p) for p in reversed(path.parents) if str(p) != "/"]


class Sandbox:
    def __init__(self, limits=None, preload=PRELOAD):
        self.limits = limits or Limits()
        self.preload = preload
        self.process = None
        self.private = None
        self.scratch = None
        self.control_path = None
        # kernels alternate between two uids of their own: a kernel never shares its uid (and
        # the uid's process budget) with the one before it, even while that one is reaped
        self.uid = 61000 + (os.getpid() % 2000) * 2
        self.uid_count = 2
        self._lock = threading.Lock()
        self._ready = False

    # -- life cycle
    def alive(self):
        return self.process is not None and self.process.poll() is None

    def start(self, wait=True):
        """Starts the zygote; with ``wait=False`` its pre-loading goes on in the background
        (``ensure`` waits for it)."""
        reason = check_available()
        if reason:
            raise SandboxError(f"cannot start the grading sandbox: {reason}")
        self.private = pathlib.Path(tempfile.mkdtemp(prefix="annlab-sandbox-"))
        os.chmod(self.private, 0o700)
        self.scratch = self.private / "scratch"
        self.scratch.mkdir()
        os.chmod(self.scratch, 0o777)
        self.control_path = str(self.private / "zygote.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.control_path)
        listener.listen(8)
        try:
            self.process = subprocess.Popen(
                self._command(), pass_fds=(listener.fileno(),), env=self._env(listener.fileno()),
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=open(self.private / "zygote.log", "wb"), cwd="/")
        finally:
            listener.close()
        self._ready = False
        if wait:
            self._wait_ready()
        return self

    def _wait_ready(self):
        """Blocks until the zygote has pre-loaded its modules (it prints ``ready``)."""
        if self._ready:
            return
        line = self.process.stdout.readline()
        if line.strip() != b"ready":
            log = (self.private / "zygote.log").read_text(errors="replace")[-2000:]
            self.stop()
            raise SandboxError(f"the grading sandbox did not start:\n{log}")
        self._ready = True

    def stop(self):
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            if self.process.stdout:
                self.process.stdout.close()
            self.process = None
        if self.private is not None:
            shutil.rmtree(self.private, ignore_errors=True)
            self.private = None

    def ensure(self):
        """Start (or restart, after a crash) the zygote; returns self."""
        with self._lock:
            if not self.alive():
                self.stop()
                self.start()
            self._wait_ready()
        return self

    def clean_scratch(self):
        for entry in self.scratch.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    # -- the bwrap command
    def _python_roots(self):
        roots = []
        for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                       os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}:
            prefix = os.path.realpath(prefix)
            if not any(prefix == r or prefix.startswith(r + os.sep) for r in roots):
                roots = [r for r in roots if not r.startswith(prefix + os.sep)] + [prefix]
        return sorted(roots)

    def _command(self):
        bwrap = os.environ.get("ANNLAB_BWRAP", "bwrap")
        args = [bwrap, *_namespace_args(), "--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--tmpfs", "/tmp",
                "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
        for name in ("bin", "sbin", "lib", "lib64", "lib32", "libx32"):
            path = f"/{name}"
            if os.path.islink(path):
                args += ["--symlink", os.readlink(path), path]
            elif os.path.isdir(path):
                args += ["--ro-bind", path, path]
        made = set()
        binds = [(root, root, "--ro-bind") for root in self._python_roots()]
        binds.append((str(self.scratch), str(self.scratch), "--bind"))
        binds.append((str(ZYGOTE_SCRIPT), f"{SANDBOX_PATH}/zygote.py", "--ro-bind"))
        for source, target, kind in binds:
            for parent in _ancestors(target):
                if parent not in made and parent not in ("/tmp", "/usr", "/etc"):
                    args += ["--perms", "0755", "--dir", parent]
                    made.add(parent)
            args += [kind, source, target]
        # -I: no user site, no PYTHON* variables, no script folder on sys.path
        # the venv's interpreter by its real folder (only the Python roots' real paths are
        # bound: a venv reached through a symlinked folder would not be found otherwise)
        python = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(sys.executable))),
                              os.path.basename(sys.executable))
        args += ["--chdir", "/tmp", "--", python, "-I", f"{SANDBOX_PATH}/zygote.py"]
        return args

    def _env(self, fd):
        limits = self.limits
        env = {
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": "/tmp",
            "MPLCONFIGDIR": "/tmp/matplotlib",
            # matplotlib is pre-loaded here and reads its backend once, at import: the inline
            # one, as in any Jupyter kernel, or graded notebooks and feedback lose every figure
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "ANNLAB_ZYGOTE_FD": str(fd),
            "ANNLAB_KERNEL_UID": str(self.uid),
            "ANNLAB_KERNEL_UIDS": str(self.uid_count),
            "ANNLAB_PRELOAD": ",".join(self.preload),
            "ANNLAB_OUTPUT_LIMIT": str(OUTPUT_LIMIT_CHARS),
            "ANNLAB_LIMIT_AS": str(limits.memory_mb * 2 ** 20),
            "ANNLAB_LIMIT_NPROC": str(limits.processes),
            "ANNLAB_LIMIT_FSIZE": str(limits.file_mb * 2 ** 20),
            "ANNLAB_LIMIT_CPU": str(limits.cpu_seconds),
            "ANNLAB_LIMIT_NOFILE": str(limits.open_files),
        }
        env.update(KERNEL_ENV)
        if limits.threads:
            for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                         "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
                env[name] = str(limits.threads)
        for name in ("KERAS_BACKEND",):
            if name in os.environ:
                env[name] = os.environ[name]
        return env

    # -- kernels
    def connect(self, request):
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(self.control_path)
        conn.sendall((json.dumps(request) + "\n").encode())
        return conn


#: what the zygote said about this process's kernels (``{"pid"…}``, ``{"exit"…, "evidence"…}``,
#: ``{"error"…}``), and the cell being executed; ``crash.reset_events()`` empties both per job
KERNEL_EVENTS = []
RUNNING_CELL = {}


class SandboxError(RuntimeError):
    """The sandbox could not start (or is not available on this machine)."""


# ---------------------------------------------------------------- jupyter_client side

class ZygoteProvisioner(LocalProvisioner):
    """Launches the kernel by asking the worker's zygote to fork one; the 'process' is the
    connection to the zygote (its ``{"exit": …}`` line is the kernel's exit status)."""

    conn = None
    exit_code = None
    kernel_pid = None
    _buffer = b""

    @property
    def has_process(self):
        return self.conn is not None

    async def launch_kernel(self, cmd, **kwargs):
        sandbox = active().ensure()
        env = dict(kwargs.get("env") or {})
        cwd = str(kwargs.get("cwd") or os.getcwd())
        info = dict(self.connection_info)
        info["key"] = info["key"].decode() if isinstance(info["key"], bytes) else info["key"]
        info = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in info.items()}
        self.conn = sandbox.connect({"connection": info, "cwd": cwd, "env": env, "argv": cmd})
        self.conn.setblocking(False)
        self.exit_code = None
        self._buffer = b""
        self.cwd = cwd
        for _ in range(200):
            await self._read()
            if self.kernel_pid is not None or self.exit_code is not None:
                break
            await asyncio.sleep(0.01)
        self.pid = self.kernel_pid
        return self.connection_info

    async def _read(self):
        if self.conn is None:
            return
        try:
            while True:
                chunk = self.conn.recv(4096)
                if not chunk:
                    if self.exit_code is None:
                        self.exit_code = -signal.SIGKILL
                    break
                self._buffer += chunk
        except BlockingIOError:
            pass
        except OSError:
            if self.exit_code is None:
                self.exit_code = -signal.SIGKILL
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            message = json.loads(line)
            KERNEL_EVENTS.append(message)
            if "pid" in message:
                self.kernel_pid = message["pid"]
            if "exit" in message:
                self.exit_code = message["exit"]
            if "error" in message and self.exit_code is None:
                self.exit_code = -signal.SIGKILL   # no kernel: the zygote could not start one

    async def poll(self):
        if self.conn is None:
            return 0
        await self._read()
        return self.exit_code

    async def wait(self):
        while self.conn is not None and await self.poll() is None:
            await asyncio.sleep(0.05)
        code = self.exit_code
        self._close()
        return code

    def _close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    async def send_signal(self, signum):
        if self.conn is not None and self.exit_code is None:
            try:
                self.conn.sendall((json.dumps({"signal": int(signum)}) + "\n").encode())
            except OSError:
                pass

    async def kill(self, restart=False):
        await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart=False):
        await self.send_signal(signal.SIGTERM)

    async def cleanup(self, restart=False):
        self._close()
        await super().cleanup(restart)


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels are forked by the sandbox's zygote, over IPC sockets
    in the scratch folder (TCP cannot cross into the sandbox's empty network namespace)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        sandbox = active().ensure()
        folder = sandbox.scratch / ".ipc"
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o777)
        self.transport = "ipc"
        self.ip = str(folder / uuid.uuid4().hex[:8])
        self.cache_ports = False

    def client(self, **kwargs):
        """The client refuses any single message over ``MESSAGE_LIMIT_BYTES`` (a kernel that
        sends one, e.g. a gigabyte ``display``, loses that output, not the grader's memory)."""
        client = super().client(**kwargs)
        client.context.setsockopt(zmq.MAXMSGSIZE, MESSAGE_LIMIT_BYTES)
        return client

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ZygoteProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)
