"""Run a notebook's test cells against any implementation of a graded function, in process.

This is the fast path of the known-wrong / known-right suite: instead of one nbgrader run per
variant, the Setup cells of a *source* notebook are executed once into a namespace; each
verdict copies that namespace, defines every answer afresh in it
(the candidate implementation in place of the reference) and executes the function's test
cells (visible *and* hidden tests).
The slow path, real ``nbgrader autograde`` on notebooks with the variants pasted into the
answer cells, lives in ``tests/test_nbgrader.py`` and must agree with this one.

Interface
---------
``Harness(source_notebook_path)``
    ``.functions``: ``{name: notebooks.GradedFunction}`` of the notebook.
    ``.verdict(name, implementation=None) -> Verdict``: runs ``test_<name>*`` cells with
    ``implementation`` (Python source defining ``name`` and any ``_private`` helpers) or,
    when None, with the reference solution.
    ``.submission_points({name: source, ...}) -> {name: points}``: a whole submission at
    once: every given implementation is defined in one namespace (functions the submission
    does not replace keep the reference), then every test cell runs — so a wrong helper
    costs the functions that call it, exactly as in the student's notebook.
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


def _raises_not_implemented(*args, **kwargs):
    raise NotImplementedError()


class Harness:
    def __init__(self, source_notebook_path):
        self.path = os.path.abspath(source_notebook_path)
        self.folder = os.path.dirname(self.path)
        self.notebook = read_notebook(self.path)
        self.functions = graded_functions(self.notebook)
        self._base = None

    def _setup_namespace(self):
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
            self._base = namespace
        return self._base

    def _namespace(self, implementations):
        """Setup, then every answer cell — the reference unless ``implementations`` replaces
        it — defined afresh, so functions call each other as in the student's notebook."""
        namespace = dict(self._setup_namespace())
        for name, function in self.functions.items():
            source = implementations.get(name, function.answer.source)
            origin = "submission" if name in implementations else "solution"
            try:
                exec(compile(textwrap.dedent(source), f"<{origin} {name}>", "exec"), namespace)
            except Exception:  # a definition that fails leaves the stub's behaviour
                namespace[name] = _raises_not_implemented
        return namespace

    def submission_points(self, implementations):
        points = {}
        with contextlib.redirect_stdout(io.StringIO()):
            namespace = self._namespace(implementations)
            for name, function in self.functions.items():
                points[name] = 0.0
                for grade_id, cell, cell_points in function.tests:
                    try:
                        exec(compile(cell.source, f"<{grade_id}>", "exec"), namespace)
                    except Exception:  # noqa: BLE001
                        continue
                    points[name] += cell_points
        return points

    def verdict(self, name, implementation=None):
        function = self.functions[name]
        failures = []
        earned = 0.0
        with contextlib.redirect_stdout(io.StringIO()):
            if implementation is not None:
                try:
                    compile(textwrap.dedent(implementation), f"<variant {name}>", "exec")
                except SyntaxError as error:  # a variant that does not even define itself
                    return Verdict(name, False, 0.0, function.points,
                                   [("definition", f"{type(error).__name__}: {error}")])
            namespace = self._namespace({} if implementation is None else {name: implementation})
            for grade_id, cell, points in function.tests:
                try:
                    exec(compile(cell.source, f"<{grade_id}>", "exec"), namespace)
                except Exception as error:  # noqa: BLE001 - every failure is a verdict
                    failures.append((grade_id, f"{type(error).__name__}: {error}"))
                else:
                    earned += points
        return Verdict(name, not failures, earned, function.points, failures)
