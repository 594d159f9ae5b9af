"""annlab's nbgrader preprocessors, and the preprocessor lists every nbgrader command uses.

``HideHiddenTests``: used in ``GenerateFeedback`` before nbgrader's own preprocessors. After
autograding, nbgrader's notebooks hold the *full* test cells, hidden tests included, and
nbgrader's feedback shows them (jupyter/nbgrader#917). This preprocessor removes the
``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` regions from every test cell and
replaces each error traceback in a test cell (whose frames quote the test code) by the one
line ``ExceptionType: message``, so feedback says *what* failed without revealing *how*
it was tested.

``SandboxedExecute``: nbgrader's ``Execute``, with kernels forked in the grading sandbox
(``autograder.safety.sandbox``, when one is active in this process), a cap on the output
one cell may keep in the graded notebook (``cell_output_limit_bytes``, a traitlet), and a
notebook that survives its kernel's death: when a cell kills the kernel (``os._exit``, a
segfault, a resource limit), that cell gets a ``KernelDied`` error output, a new kernel runs
the cells that had run before it again (their recorded outputs are kept) and grading goes on
with the next cell, so only the tests that need what the crashed cell would have defined lose
points. Each survived death is recorded (``safety.crash.survived()``). A death that is not the
submission's doing (the sandbox itself died, ``crash.unattributable``) or more than
``max_kernel_restarts`` deaths (a traitlet) still raise ``DeadKernelError``.

``autograde_preprocessors()``, ``feedback_preprocessors()``: nbgrader's own default lists
(read from its ``Autograde`` and ``GenerateFeedback`` classes, so an nbgrader upgrade that
adds a step keeps it) with ``Execute`` swapped for ``SandboxedExecute`` and
``HideHiddenTests`` put first.
"""

import copy
import json

from nbclient.exceptions import DeadKernelError
from nbformat import from_dict
from nbgrader import utils
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer

from autograder import console
from autograder.notebooks import nbgrader_meta, remove_hidden_tests
from autograder.safety import crash, sandbox


class HideHiddenTests(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            cell.source = remove_hidden_tests(cell.source)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [
                        f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources


def _ended_in(cell, ename):
    return any(output.get("output_type") == "error" and output.get("ename") == ename
               for output in cell.get("outputs", []))


class _DiedAgain(Exception):
    """A cell that had run before killed the new kernel while it was being run again."""

    def __init__(self, index):
        super().__init__(index)
        self.index = index


class SandboxedExecute(Execute):
    cell_output_limit_bytes = Integer(
        500_000, help="output one cell may keep in the graded notebook (bytes of JSON)"
    ).tag(config=True)
    max_kernel_restarts = Integer(
        3, help="kernel deaths one notebook survives (the kernel restarts and grading goes on "
                "without the crashed cell); one more fails the notebook"
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        if sandbox.active() is not None:
            kwargs.setdefault("kernel_manager_class", sandbox.SandboxKernelManager)
        elif not console.verbose():   # a plain kernel over TCP: no start-up notices
            kwargs.setdefault("extra_arguments", list(console.KERNEL_QUIET_ARGS))
        # late output (a busy or starved kernel) costs that output, never the notebook
        kwargs.setdefault("raise_on_iopub_timeout", False)
        kwargs.setdefault("iopub_timeout", 10)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._kept, self._ran, self._deaths = {}, [], 0
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        """Runs one cell, remembering which (``sandbox.RUNNING_CELL``: the evidence when the
        kernel dies). A cell that kills the kernel, or ends in ``MemoryError`` (what it
        allocated may still fill the kernel), costs only its own effects (``_survive``)."""
        self._running(cell, index)
        try:
            super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._survive(index)
        else:
            if cell.cell_type != "code":
                pass
            elif _ended_in(cell, "MemoryError") and self._deaths < self.max_kernel_restarts:
                self._survive(index, memory=True)
            else:
                self._ran.append(index)
        sandbox.RUNNING_CELL["running"] = False
        return cell, self.resources

    @staticmethod
    def _running(cell, index):
        sandbox.RUNNING_CELL.update(index=index, grade_id=nbgrader_meta(cell).get("grade_id"),
                                    running=True)

    @staticmethod
    def _memory_line():
        box = sandbox.active()
        limit = f" ({box.limits.memory_mb} MB of address space)" if box is not None else ""
        return f"MemoryError: the cell reached the kernel's memory limit{limit}"

    @staticmethod
    def _death_line():
        """What killed the kernel; raises ``DeadKernelError`` when it is not the
        submission's doing (the sandbox died: the job is graded again on a fresh one)."""
        box = sandbox.active()
        found = crash.evidence()
        if box is not None and crash.unattributable(found, box.alive()):
            raise DeadKernelError(f"Kernel died: {crash.describe(found)}")
        return crash.death_line(box is not None)

    def _survive(self, index, memory=False):
        """Cell ``index`` killed the kernel (or, with ``memory``, filled it): mark it, start
        a new kernel and run again the cells that ran before it. One that kills the new
        kernel too is marked and left out in turn."""
        while True:
            what = self._memory_line() if memory else self._death_line()
            self._deaths += 1
            if self._deaths > self.max_kernel_restarts:
                raise DeadKernelError(f"Kernel died {self._deaths} times; the last time: {what}")
            cell = self.nb.cells[index]
            ename = "KernelRestarted" if memory else "KernelDied"
            happened = what if memory else f"the kernel died while running this cell ({what})"
            evalue = (f"{happened}. The autograder started a new kernel, ran the cells before "
                      "this one again and graded the rest of the notebook: what this cell would "
                      "have defined is missing.")
            cell.outputs.append(from_dict({"output_type": "error", "ename": ename,
                                           "evalue": evalue,
                                           "traceback": [f"{ename}: {evalue}"]}))
            crash.note_survived({"cell": index, "grade_id": nbgrader_meta(cell).get("grade_id"),
                                 "what": what})
            self._restart_kernel()
            try:
                self._replay()
                return
            except _DiedAgain as again:
                index, memory = again.index, False

    def _restart_kernel(self):
        graceful, self.shutdown_kernel = self.shutdown_kernel, "immediate"
        try:
            self._cleanup_kernel()   # the old kernel (dead, or full) and its client
        finally:
            self.shutdown_kernel = graceful
        self.km = self.create_kernel_manager()
        self.start_new_kernel()
        self.start_new_kernel_client()
        self.wait_for_reply(self.kc.kernel_info())

    def _replay(self):
        """Runs a copy of every cell that ran before, in order; their recorded outputs stay."""
        for index in list(self._ran):
            original = self.nb.cells[index]
            self._running(original, index)
            try:
                self.execute_cell(copy.deepcopy(original), index, store_history=False)
            except DeadKernelError:
                self._ran.remove(index)
                raise _DiedAgain(index) from None

    def output(self, outs, msg, display_id, cell_index):
        limit = self.cell_output_limit_bytes
        size = len(json.dumps(msg.get("content", {}), default=str))
        kept = self._kept.get(cell_index, 0)
        if kept + size > limit:
            if kept <= limit:
                self._kept[cell_index] = limit + 1
                outs.append(from_dict({
                    "output_type": "stream", "name": "stderr",
                    "text": "[annlab: output truncated: this cell printed more than "
                            f"{limit // 1000} kB]\n"}))
            return None
        self._kept[cell_index] = kept + size
        return super().output(outs, msg, display_id, cell_index)


def autograde_preprocessors():
    defaults = Autograde.class_traits()["autograde_preprocessors"].default()
    return [SandboxedExecute if step is Execute else step for step in defaults]


def feedback_preprocessors():
    return [HideHiddenTests] + GenerateFeedback.class_traits()["preprocessors"].default()
