"""The command line's console: progress, results and clear errors; library output only with
``--verbose``.

Interface
---------
``set_verbose(on)``
    records ``--verbose`` for this process and the processes it starts (``ANNLAB_VERBOSE``).
``verbose() -> bool``
    whether ``--verbose`` is on.
``nbgrader_log_level() -> str``
    ``"INFO"`` with ``--verbose`` (nbgrader's own log on the console), else ``"ERROR"``.
``quiet_process(children=False)``
    hides library warnings (nbgrader's SQLAlchemy ``SAWarning`` autoflush notices,
    deprecations, TensorFlow's start-up chatter) in this process unless ``--verbose``; with
    ``children``, also in the processes it starts (through ``PYTHONWARNINGS`` and
    ``TF_CPP_MIN_LOG_LEVEL``). Grading workers call it again because they start from the
    kernel environment, whose ``PYTHONWARNINGS`` only hides deprecations.
``KERNEL_QUIET_ARGS``
    kernel command-line arguments that keep ipykernel's start-up notices (e.g. "Kernel is
    running over TCP without encryption") off the console.
"""

import logging
import os
import warnings

VERBOSE_ENV = "ANNLAB_VERBOSE"
KERNEL_QUIET_ARGS = ["--IPKernelApp.log_level=ERROR"]


def set_verbose(on):
    os.environ[VERBOSE_ENV] = "1" if on else ""


def verbose():
    return os.environ.get(VERBOSE_ENV) == "1"


def nbgrader_log_level():
    return "INFO" if verbose() else "ERROR"


def quiet_process(children=False):
    if verbose():
        return
    warnings.simplefilter("ignore")
    if children:
        os.environ["PYTHONWARNINGS"] = "ignore"
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    for name in ("tensorflow", "absl"):
        logging.getLogger(name).setLevel(logging.ERROR)
