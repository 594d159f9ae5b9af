"""Run the course under another Keras backend: solutions, hidden tests and variant verdicts.

Every notebook except ``05_regression`` (which uses ``tf.data`` and ``tf.GradientTape``
directly, see ``TF_ONLY``) touches deep learning only through the ``keras`` API, so it must
run unchanged with ``KERAS_BACKEND=jax`` or ``torch`` — and grade the same way: each
known-wrong answer of ``tests/variants/`` still loses points and each known-right answer
still gets them all.

Command line (one backend per process: Keras picks its backend once, at import)::

    python -m autograder backends --backend jax [--notebooks 01_neuron,04_xor_backprop]
                                  [--json OUT.json] [--no-execute] [--no-verdicts]

sets ``KERAS_BACKEND`` before anything imports ``keras``, then for each notebook (default:
all of ``source/`` except ``TF_ONLY``; ``--backend tensorflow`` runs all, as a baseline):

(a) executes the *source* notebook (solutions and hidden tests included) top to bottom with
    nbclient, in a kernel whose environment is ``course.kernel_env()`` plus
    ``KERAS_BACKEND``; every cell that raises is reported (``allow_errors``: later cells
    still run), and a probe cell appended at the end checks the kernel really used the
    backend;
(b) runs the reference solution and every WRONG / RIGHT variant through
    ``harness.Harness`` in this process (keras already imported with the backend) and
    compares each verdict with what the suite expects (as ``tests/test_variants.py`` does
    under TensorFlow): WRONG loses points, RIGHT and the reference pass.

It prints one line per notebook and writes ``OUT.json`` (rewritten after every notebook, so
a run cut short still leaves its results)::

    {"backend", "keras_backend", "versions": {keras, jax, jaxlib, torch, tensorflow, numpy,
     python}, "device", "cpu", "total_seconds", "ok",
     "notebooks": {name: {"execute_seconds", "failing_cells": [{"index", "grade_id",
                          "first_line", "error", "traceback_tail"}],
                          "slowest_cells": {"<index> <grade_id>": seconds},
                          "verdict_seconds", "slowest_functions": {function: seconds},
                          "wrong_total", "wrong_caught", "right_total", "right_passed",
                          "disagreements": [{"function", "kind", "label", "expected",
                                             "points", "max_points", "failures"}]}}}

Exit status: 0 when no cell failed and every verdict agreed; 1 otherwise; 2 for a usage
error or a backend whose package is not installed.

Python interface: ``run(backend, notebooks=None, json_path=None, execute=True,
verdicts=True, log=print) -> report`` (raises ``RuntimeError`` when ``keras`` is already
imported with another backend); ``default_notebooks(backend)``; ``backend_missing(backend)``
(the packages a backend needs that are not installed).

Note: Keras' own ``keras.utils.set_random_seed`` imports TensorFlow when it is installed
(to seed it too), whatever the backend; that is Keras' behaviour, not a fallback to it —
the probe and ``keras.backend.backend()`` confirm which backend does the work.
"""

import importlib.metadata
import importlib.util
import json
import os
import pathlib
import platform
import re
import shutil
import sys
import tempfile
import time
import warnings

import nbformat

from autograder import settings
from autograder.notebooks import cell_seconds, execute, nbgrader_meta, read_notebook, strip_outputs
from autograder.qa.harness import Harness
from autograder.qa.variants import load_variants

BACKENDS = ("jax", "torch", "tensorflow")
#: Python packages each backend needs (checked without importing them)
PACKAGES = {"jax": ("jax", "jaxlib"), "torch": ("torch",), "tensorflow": ("tensorflow",)}
#: notebooks that use TensorFlow directly: they run under the TensorFlow backend only
TF_ONLY = ("05_regression",)
SOURCE_DIR = settings.SOURCE_DIR
_PROBE = "ANNLAB_BACKEND_PROBE "
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def backend_missing(backend):
    return [name for name in PACKAGES[backend] if importlib.util.find_spec(name) is None]


present_notebooks = settings.notebook_names


def default_notebooks(backend, source=SOURCE_DIR):
    names = present_notebooks(source)
    return names if backend == "tensorflow" else [n for n in names if n not in TF_ONLY]


def _select_backend(backend):
    """Point Keras at ``backend``; must happen before the first ``import keras``."""
    os.environ["KERAS_BACKEND"] = backend
    os.environ.setdefault("MPLBACKEND", "Agg")
    # two processes (this one and the kernel) share a GPU: no grabbing 75 % of it each
    os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")
    # JAX runs without float64 by default; the tests know (they compare float32 more loosely)
    warnings.filterwarnings("ignore", message="Explicitly requested dtype float64")
    for key, value in settings.KERNEL_ENV.items():
        if key != "PYTHONHASHSEED":  # too late for this process; the kernel gets it
            os.environ.setdefault(key, value)
    if "keras" in sys.modules:
        active = sys.modules["keras"].backend.backend()
        if active != backend:
            raise RuntimeError(f"keras is already imported with the {active!r} backend; "
                               f"run `python -m autograder backends --backend {backend}` "
                               "in a fresh process")
    import keras

    if keras.backend.backend() != backend:
        raise RuntimeError(f"asked for {backend!r}, keras uses {keras.backend.backend()!r}")
    return keras


def _version(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _cpu_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()} ({os.cpu_count()} cores)"
    except OSError:
        pass
    return f"{platform.processor() or platform.machine()} ({os.cpu_count()} cores)"


def _device(backend):
    """The accelerator Keras computes on under ``backend``, or ``"CPU"``."""
    try:
        if backend == "jax":
            import jax

            device = jax.devices()[0]
            return "CPU" if device.platform == "cpu" else f"{device.platform.upper()}: {device.device_kind}"
        if backend == "torch":
            import torch

            return f"GPU: {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else "CPU"
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        if gpus:
            details = tf.config.experimental.get_device_details(gpus[0])
            return f"GPU: {details.get('device_name', gpus[0].name)}"
        return "CPU"
    except Exception as error:  # noqa: BLE001 - the report says so instead of failing
        return f"unknown ({type(error).__name__}: {error})"


# --------------------------------------------------------------------------- (a) execution

def _probe_cell():
    cell = nbformat.v4.new_code_cell(
        "import json as _annlab_json, keras as _annlab_keras\n"
        f"print({_PROBE!r} + _annlab_json.dumps(_annlab_keras.backend.backend()))")
    cell["id"] = "annlab-backend-probe"
    return cell


def _cell_errors(nb):
    failing = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                lines = [line for line in cell.source.splitlines() if line.strip()]
                traceback = [_ANSI.sub("", line) for line in output.get("traceback", [])]
                failing.append({
                    "index": index,
                    "grade_id": nbgrader_meta(cell).get("grade_id"),
                    "first_line": lines[0] if lines else "",
                    "error": f"{output.get('ename')}: {output.get('evalue')}",
                    "traceback_tail": "\n".join(traceback)[-1500:],
                })
    return failing


def _slowest_cells(nb, count=3):
    """``{"<index> <grade_id or first line>": seconds}`` of the slowest cells."""

    timings = []
    for index, cell in enumerate(nb.cells):
        seconds = cell_seconds(cell) if cell.cell_type == "code" else None
        if seconds is not None:
            lines = [line for line in cell.source.splitlines() if line.strip()]
            label = nbgrader_meta(cell).get("grade_id") or (lines[0][:40] if lines else "")
            timings.append((seconds, f"{index} {label}"))
    return {label: round(seconds, 2) for seconds, label in sorted(timings, reverse=True)[:count]}


def _probe_result(cell):
    for output in cell.get("outputs", []):
        text = output.get("text", "")
        if output.get("output_type") == "stream" and _PROBE in text:
            return json.loads(text.split(_PROBE, 1)[1].splitlines()[0])
    return None


def execute_notebook(name, backend, source=SOURCE_DIR, timeout=settings.CELL_TIMEOUT_S):
    """Run ``source/<name>/<name>.ipynb`` under ``backend``:
    ``(seconds, failing_cells, slowest_cells)``."""
    nb = strip_outputs(read_notebook(pathlib.Path(source) / name / f"{name}.ipynb"))
    nb.cells.append(_probe_cell())
    env = {"KERAS_BACKEND": backend,
           "XLA_PYTHON_CLIENT_PREALLOCATE": os.environ.get("XLA_PYTHON_CLIENT_PREALLOCATE",
                                                           "false")}
    with tempfile.TemporaryDirectory(prefix=f"annlab-{backend}-") as tmp:
        folder = pathlib.Path(tmp) / name
        shutil.copytree(pathlib.Path(source) / name, folder, ignore=settings.copy_ignore())
        start = time.perf_counter()
        try:
            execute(nb, folder, python_path=[source], env=env, timeout=timeout,
                    allow_errors=True, interrupt_on_timeout=True, record_timing=True)
        except Exception as error:  # noqa: BLE001 - a dead kernel is a failing run
            seconds = time.perf_counter() - start
            return seconds, _cell_errors(nb) + [{
                "index": None, "grade_id": None, "first_line": "(kernel)",
                "error": f"{type(error).__name__}: {error}", "traceback_tail": ""}], \
                _slowest_cells(nb)
        seconds = time.perf_counter() - start
    failing = _cell_errors(nb)
    used = _probe_result(nb.cells[-1])
    if used != backend:
        failing.append({"index": len(nb.cells) - 1, "grade_id": None,
                        "first_line": "(backend probe)",
                        "error": f"the kernel used keras backend {used!r}, not {backend!r}",
                        "traceback_tail": ""})
    return seconds, failing, _slowest_cells(nb)


# ---------------------------------------------------------------------------- (b) verdicts

def check_verdicts(name, source=SOURCE_DIR, repo=settings.REPO):
    """Reference, WRONG and RIGHT answers of one notebook through the in-process harness."""

    variants = load_variants(name, repo)
    wrong, right = variants.WRONG, variants.RIGHT
    harness = Harness(pathlib.Path(source) / name / f"{name}.ipynb")
    result = {"wrong_total": 0, "wrong_caught": 0, "right_total": 0, "right_passed": 0,
              "disagreements": [], "slowest_functions": {}}
    per_function = {}
    start = time.perf_counter()
    for function in harness.functions:
        cases = [("reference", "reference", None)]
        cases += [("wrong", label, code) for label, code in wrong.get(function, {}).items()]
        cases += [("right", label, code) for label, code in right.get(function, {}).items()]
        function_start = time.perf_counter()
        for kind, label, code in cases:
            verdict = harness.verdict(function, code)
            if kind == "wrong":
                agrees = verdict.points < verdict.max_points
                result["wrong_total"] += 1
                result["wrong_caught"] += agrees
            else:
                agrees = verdict.passed
                if kind == "right":
                    result["right_total"] += 1
                    result["right_passed"] += agrees
            if not agrees:
                result["disagreements"].append({
                    "function": function, "kind": kind, "label": label,
                    "expected": "lose points" if kind == "wrong" else "get full points",
                    "points": verdict.points, "max_points": verdict.max_points,
                    "failures": [f"{grade_id}: {message}"[:500]
                                 for grade_id, message in verdict.failures]})
        per_function[function] = round(time.perf_counter() - function_start, 2)
    result["verdict_seconds"] = round(time.perf_counter() - start, 2)
    slowest = sorted(per_function.items(), key=lambda item: -item[1])[:5]
    result["slowest_functions"] = dict(slowest)
    return result


# ------------------------------------------------------------------------------------ run

def _write(report, json_path):
    if json_path is None:
        return
    json_path = pathlib.Path(json_path)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    partial = json_path.with_name(json_path.name + ".partial")
    partial.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(json_path)


def _problems(report):
    problems = []
    for name, entry in report["notebooks"].items():
        for cell in entry.get("failing_cells", []):
            problems.append(f"{name}: cell {cell['index']} ({cell['grade_id'] or cell['first_line']}): "
                            f"{cell['error']}")
        for d in entry.get("disagreements", []):
            problems.append(f"{name}: {d['kind']} {d['function']} [{d['label']}] should "
                            f"{d['expected']}, got {d['points']}/{d['max_points']}"
                            + (f": {d['failures'][0]}" if d["failures"] else ""))
    return problems


def run(backend, notebooks=None, json_path=None, execute=True, verdicts=True,
        source=SOURCE_DIR, repo=settings.REPO, log=print):
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {BACKENDS}")
    started = time.perf_counter()
    keras = _select_backend(backend)
    names = list(notebooks or default_notebooks(backend, source))
    report = {
        "backend": backend,
        "keras_backend": keras.backend.backend(),
        "versions": {"python": platform.python_version(), "keras": keras.__version__,
                     **{p: _version(p) for p in ("jax", "jaxlib", "torch", "tensorflow",
                                                 "tensorflow-cpu", "numpy")}},
        "device": _device(backend),
        "cpu": _cpu_name(),
        "notebooks": {},
    }
    for name in names:
        if backend != "tensorflow" and name in TF_ONLY:
            log(f"{name}: uses TensorFlow directly; its results under {backend} do not count "
                "against the other notebooks' compatibility")
        entry = {}
        if execute:
            seconds, failing, slowest = execute_notebook(name, backend, source)
            entry.update(execute_seconds=round(seconds, 2), failing_cells=failing,
                         slowest_cells=slowest)
        if verdicts:
            entry.update(check_verdicts(name, source, repo))
        report["notebooks"][name] = entry
        report["total_seconds"] = round(time.perf_counter() - started, 2)
        report["ok"] = not _problems(report)
        _write(report, json_path)
        parts = []
        if execute:
            parts.append(f"executed in {entry['execute_seconds']:.1f} s, "
                         f"{len(entry['failing_cells'])} failing cells")
        if verdicts:
            parts.append(f"verdicts in {entry['verdict_seconds']:.1f} s: wrong caught "
                         f"{entry['wrong_caught']}/{entry['wrong_total']}, right passed "
                         f"{entry['right_passed']}/{entry['right_total']}, "
                         f"{len(entry['disagreements'])} disagreements")
        log(f"[{backend}] {name}: " + "; ".join(parts))
    report["total_seconds"] = round(time.perf_counter() - started, 2)
    report["ok"] = not _problems(report)
    _write(report, json_path)
    return report


def add_arguments(parser):
    """The options of ``python -m autograder backends`` (see ``autograder.cli``)."""
    parser.add_argument("--backend", required=True, choices=BACKENDS)
    parser.add_argument("--notebooks", default="",
                        help="comma- or space-separated names (default: every notebook that "
                             f"runs on all backends, i.e. all but {', '.join(TF_ONLY)})")
    parser.add_argument("--json", dest="json_path", help="write the report here")
    parser.add_argument("--no-execute", dest="execute", action="store_false",
                        help="skip executing the notebooks (verdicts only)")
    parser.add_argument("--no-verdicts", dest="verdicts", action="store_false",
                        help="skip the variant verdicts (execution only)")


def command(args):
    """Run the command parsed by ``add_arguments``; its exit code (2: usage error)."""
    sys.stdout.reconfigure(line_buffering=True)
    missing = backend_missing(args.backend)
    if missing:
        print(f"error: KERAS_BACKEND={args.backend} needs {', '.join(missing)}, which is not "
              "installed: pip install -r requirements-backends.txt", file=sys.stderr)
        return 2
    names = args.notebooks.replace(",", " ").split()
    unknown = sorted(set(names) - set(present_notebooks()))
    if unknown:
        print(f"error: no such notebook in source/: {', '.join(unknown)}", file=sys.stderr)
        return 2
    report = run(args.backend, names or None, args.json_path, args.execute, args.verdicts)
    problems = _problems(report)
    for line in problems:
        print(f"PROBLEM {line}")
    print(f"[{args.backend}] {'ok' if not problems else f'{len(problems)} problems'} in "
          f"{report['total_seconds']:.0f} s on {report['device']} "
          f"(keras {report['versions']['keras']})")
    return 1 if problems else 0
