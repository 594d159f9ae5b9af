"""annlab's nbgrader preprocessors, and the preprocessor lists every nbgrader command uses.

``HideHiddenTests``: used in ``GenerateFeedback`` before nbgrader's own preprocessors. After
autograding, nbgrader's notebooks hold the *full* test cells, hidden tests included, and
nbgrader's feedback shows them (jupyter/nbgrader#917). This preprocessor removes the
``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` regions from every test cell and
replaces each error traceback in a test cell (whose frames quote the test code) by the one
line ``ExceptionType: message``, so feedback says *what* failed without revealing *how*
it was tested.

``SandboxedExecute``: nbgrader's ``Execute``, with kernels forked in the grading sandbox
(``autograder.safety.sandbox``, when one is active in this process) and a cap on the output
one cell may keep in the graded notebook (``cell_output_limit_bytes``, a traitlet).

``autograde_preprocessors()``, ``feedback_preprocessors()``: nbgrader's own default lists
(read from its ``Autograde`` and ``GenerateFeedback`` classes, so an nbgrader upgrade that
adds a step keeps it) with ``Execute`` swapped for ``SandboxedExecute`` and
``HideHiddenTests`` put first.
"""

import json

from nbformat import from_dict
from nbgrader import utils
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer

from autograder import console
from autograder.notebooks import nbgrader_meta, remove_hidden_tests
from autograder.safety import sandbox


class HideHiddenTests(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            cell.source = remove_hidden_tests(cell.source)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [
                        f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources


class SandboxedExecute(Execute):
    cell_output_limit_bytes = Integer(
        500_000, help="output one cell may keep in the graded notebook (bytes of JSON)"
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
        self._kept = {}

    def preprocess_cell(self, cell, resources, index):
        """Remembers which cell runs (``sandbox.RUNNING_CELL``): the evidence when the kernel
        dies."""
        sandbox.RUNNING_CELL.update(index=index, grade_id=nbgrader_meta(cell).get("grade_id"),
                                    running=True)
        result = super().preprocess_cell(cell, resources, index)
        sandbox.RUNNING_CELL["running"] = False
        return result

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
