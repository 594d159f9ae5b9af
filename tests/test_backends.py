"""The course under KERAS_BACKEND=jax and torch: solutions run, verdicts do not change.

Every notebook but ``05_regression`` uses only the ``keras`` API for deep learning, so each
must execute top to bottom (hidden tests included) under the other backends, and every
known-wrong / known-right answer of ``tests/variants/`` must get the same verdict there as
under TensorFlow (``tests/test_variants.py``). ``python -m autograder backends`` does the
work in a subprocess: Keras picks its backend once per process, and this one's is
TensorFlow. A backend whose packages are not installed is skipped
(``pip install -r requirements-backends.txt`` installs them). ``ANNLAB_NOTEBOOKS`` narrows
the notebooks as for the rest of the suite.
"""

import json
import os
import subprocess
import sys
import time

import pytest

from autograder.qa.backends import TF_ONLY, backend_missing
from conftest import ROOT, TIMINGS, built_notebooks

#: a generous ceiling; a full run of the seven notebooks takes 3-5 minutes on 2 CPU cores
TIMEOUT_S = 40 * 60


def _problems(report):
    problems = []
    for name, entry in report["notebooks"].items():
        for cell in entry["failing_cells"]:
            problems.append(f"{name}: cell {cell['index']} "
                            f"({cell['grade_id'] or cell['first_line']}) raised {cell['error']}\n"
                            f"{cell['traceback_tail']}")
        for d in entry["disagreements"]:
            problems.append(f"{name}: {d['kind']} answer {d['function']} [{d['label']}] should "
                            f"{d['expected']} but got {d['points']}/{d['max_points']}: "
                            f"{'; '.join(d['failures']) or 'no failing test'}")
    return problems


@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_course_under_backend(backend, tmp_path):
    missing = backend_missing(backend)
    if missing:
        pytest.skip(f"KERAS_BACKEND={backend}: {', '.join(missing)} not installed "
                    "(pip install -r requirements-backends.txt)")
    notebooks = [name for name in built_notebooks() if name not in TF_ONLY]
    if not notebooks:
        pytest.skip("ANNLAB_NOTEBOOKS selects no notebook that runs on every backend")
    out = tmp_path / f"{backend}.json"
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "autograder", "backends", "--backend", backend,
         "--notebooks", ",".join(notebooks), "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    TIMINGS[f"backends: {backend}, {len(notebooks)} notebooks"] = time.perf_counter() - start
    log = (proc.stdout + proc.stderr)[-4000:]
    assert out.exists(), f"autograder backends wrote no report (exit {proc.returncode}):\n{log}"
    report = json.loads(out.read_text())
    assert report["keras_backend"] == backend, report["keras_backend"]
    assert sorted(report["notebooks"]) == sorted(notebooks), \
        f"ran {sorted(report['notebooks'])}, not {notebooks}:\n{log}"
    problems = _problems(report)
    assert not problems, (f"under KERAS_BACKEND={backend} ({report['device']}):\n"
                          + "\n".join(problems))
    assert proc.returncode == 0, f"exit {proc.returncode} without a listed problem:\n{log}"
