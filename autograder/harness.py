"""Run a notebook's test cells against any implementation of a graded function, in process.

This is the fast path of the known-wrong / known-right suite: instead of one nbgrader run per
variant, the Setup cells and the reference answer cells of a *source* notebook are executed
once into a namespace; each verdict then copies that namespace, defines the candidate
implementation in it and executes the function's test cells (visible *and* hidden tests).
The slow path, real ``nbgrader autograde`` on notebooks with the variants pasted into the
answer cells, lives in ``tests/test_nbgrader.py`` and must agree with this one.

Interface
---------
``Harness(source_notebook_path)``
    ``.functions``: ``{name: notebooks.GradedFunction}`` of the notebook.
    ``.verdict(name, implementation=None) -> Verdict``: runs ``test_<name>*`` cells with
    ``implementation`` (Python source defining ``name`` and any ``_private`` helpers) or,
    when None, with the reference solution.
``Verdict``: ``passed`` (all test cells of the function passed), ``failures`` (list of
    ``(grade_id, "ExceptionType: message")``), ``points`` and ``max_points``.

Variants are plain source strings, written the way a student would type them into the
answer cell; the namespace they run in has the Setup imports (``np``, ``keras``, …).
"""

import contextlib
import dataclasses
import io
import os
import sys
import textwrap

from autograder.notebooks import graded_functions, read_notebook, setup_sources


@dataclasses.dataclass
class Verdict:
    name: str
    passed: bool
    points: float
    max_points: float
    failures: list


def _without_magics(source):
    return "\n".join(line for line in source.split("\n")
                     if not line.lstrip().startswith(("%", "!")))


class Harness:
    def __init__(self, source_notebook_path):
        self.path = os.path.abspath(source_notebook_path)
        self.folder = os.path.dirname(self.path)
        self.notebook = read_notebook(self.path)
        self.functions = graded_functions(self.notebook)
        self._base = None

    def _base_namespace(self):
        if self._base is None:
            os.environ.setdefault("MPLBACKEND", "Agg")
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
            # the notebook imports ``annlab`` from its own folder, or from source/ here
            for folder in (self.folder, os.path.dirname(self.folder)):
                if folder not in sys.path:
                    sys.path.insert(0, folder)
            namespace = {"__name__": "__main__"}
            with contextlib.redirect_stdout(io.StringIO()):
                for source in setup_sources(self.notebook):
                    exec(compile(_without_magics(source), f"<{self.path}: setup>", "exec"), namespace)
                for function in self.functions.values():
                    exec(compile(function.answer.source, f"<solution {function.name}>", "exec"),
                         namespace)
            self._base = namespace
        return self._base

    def verdict(self, name, implementation=None):
        function = self.functions[name]
        namespace = dict(self._base_namespace())
        failures = []
        earned = 0.0
        with contextlib.redirect_stdout(io.StringIO()):
            if implementation is not None:
                try:
                    exec(compile(textwrap.dedent(implementation), f"<variant {name}>", "exec"),
                         namespace)
                except Exception as error:  # a variant that does not even define itself
                    return Verdict(name, False, 0.0, function.points,
                                   [("definition", f"{type(error).__name__}: {error}")])
            for grade_id, cell, points in function.tests:
                try:
                    exec(compile(cell.source, f"<{grade_id}>", "exec"), namespace)
                except Exception as error:  # noqa: BLE001 - every failure is a verdict
                    failures.append((grade_id, f"{type(error).__name__}: {error}"))
                else:
                    earned += points
        return Verdict(name, not failures, earned, function.points, failures)
