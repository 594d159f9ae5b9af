"""What the class got wrong: the failure messages of each test, grouped across students.

The autograded notebooks (``<course>/autograded/<student>/<NN>/<NN>.ipynb``) keep, in each
failing test cell, the error the test raised — with annlab's checks a sentence such as
``CheckFailure: weighted_sum(X, w, b) for a batch of 3 samples: expected shape (3,), got
shape (3, 1).`` Messages that differ only in their numbers are one misconception, so the
first line of each message is grouped with every number replaced by ``n``.

Interface
---------
``failure_message(cell) -> str | None``
    the first line of the first error a test cell shows (``ExceptionType: message``).
``group_failures(course_root, assignments) -> [Group]``
    per assignment and test, the groups of identical (number-blind) messages, largest first;
    ``Group(assignment, test, pattern, students, example)``.
``markdown(groups, top=20) -> [lines]``, ``plot(groups, path, top=15)``
    the largest groups as a Markdown table, and as a horizontal bar chart (PNG). Unanswered
    exercises (``NotImplementedError`` from the untouched stub) are not misconceptions: they
    come after the real mistakes in the table, summed in one line, and stay off the chart.
"""

import collections
import dataclasses
import pathlib
import re

from autograder.notebooks import is_test_cell, nbgrader_meta, read_notebook

_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclasses.dataclass
class Group:
    assignment: str
    test: str
    pattern: str
    students: list
    example: str

    @property
    def unanswered(self):
        return self.pattern.startswith("NotImplementedError")


def failure_message(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            evalue = str(output.get("evalue", "")).strip().split("\n", 1)[0]
            return f"{output.get('ename', 'Error')}: {evalue}".strip()
    return None


def _pattern(message):
    return _NUMBER.sub("n", message)


def group_failures(course_root, assignments):
    root = pathlib.Path(course_root) / "autograded"
    found = collections.defaultdict(lambda: collections.defaultdict(list))
    examples = {}
    for assignment in assignments:
        for path in sorted(root.glob(f"*/{assignment}/{assignment}.ipynb")):
            student = path.parent.parent.name
            try:
                nb = read_notebook(path)
            except Exception:  # noqa: BLE001 - a notebook nbgrader could not finish
                continue
            for cell in filter(is_test_cell, nb.cells):
                message = failure_message(cell)
                if message is None:
                    continue
                key = (assignment, nbgrader_meta(cell).get("grade_id", "?"))
                pattern = _pattern(message)
                found[key][pattern].append(student)
                examples.setdefault((key, pattern), message)
    groups = [Group(a, t, pattern, sorted(students), examples[((a, t), pattern)])
              for (a, t), patterns in found.items() for pattern, students in patterns.items()]
    order = {name: i for i, name in enumerate(assignments)}
    return sorted(groups, key=lambda g: (-len(g.students), order[g.assignment], g.test,
                                         g.pattern))


def _short(text, limit=110):
    return text if len(text) <= limit else text[:limit - 1] + "…"


def markdown(groups, top=20):
    if not groups:
        return ["No test failed."]
    lines = ["| students | assignment | test | what went wrong |", "|---|---|---|---|"]
    mistaken = [g for g in groups if not g.unanswered]
    unanswered = [g for g in groups if g.unanswered]
    for group in mistaken[:top]:
        lines.append(f"| {len(group.students)} | {group.assignment} | `{group.test}` | "
                     f"{_short(group.pattern).replace('|', '/')} |")
    if len(mistaken) > top:
        lines.append(f"| … | | | {len(mistaken) - top} smaller groups in mistakes.csv |")
    if unanswered:
        students = len({s for g in unanswered for s in g.students})
        lines.append(f"| {students} | | {len(unanswered)} tests | not answered "
                     "(NotImplementedError: the exercise stub was left as it was) |")
    return lines


def plot(groups, path, top=15):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = list(reversed([g for g in groups if not g.unanswered][:top]))
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.4 * len(shown) + 1)))
    if shown:
        ax.barh(range(len(shown)), [len(g.students) for g in shown], color="#c0392b")
        ax.set_yticks(range(len(shown)),
                      [f"{g.test}: {_short(g.pattern.split(': ', 1)[-1], 60)}" for g in shown],
                      fontsize=7)
    else:
        ax.text(0.5, 0.5, "no wrong answer (only unanswered exercises, if any)",
                ha="center", va="center")
    ax.set_xlabel("students")
    ax.set_title("Most common mistakes (numbers shown as n)")
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)
