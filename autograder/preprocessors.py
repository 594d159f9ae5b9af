"""nbgrader preprocessors of our own.

``HideHiddenTests``: used in ``GenerateFeedback`` before nbgrader's own preprocessors. After
autograding, nbgrader's notebooks hold the *full* test cells, hidden tests included, and
nbgrader's feedback shows them (jupyter/nbgrader#917). This preprocessor removes the
``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` regions from every test cell and
replaces each error traceback in a test cell (whose frames quote the test code) by the one
line ``ExceptionType: message``, so feedback says *what* failed without revealing *how*
it was tested.
"""

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder.notebooks import remove_hidden_tests


class HideHiddenTests(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            cell.source = remove_hidden_tests(cell.source)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
