"""The class report: CSV exports, per-test pass rates, score histogram, failures.

Interface
---------
``write_report(course, assignments, summary, problems, out_dir, findings=None, survived=None)
-> dict``
    writes into ``out_dir``: ``grades.csv`` (nbgrader's own CSV export), ``tests.csv``
    (pass rate of every autograded test cell), ``pass_rates.png`` (bar chart),
    ``scores.png`` (histogram of each student's total, in % of the maximum),
    ``mistakes.csv`` and ``mistakes.png`` (the failure messages of each test grouped across
    the class: ``grade.mistakes``), ``report.md`` and ``report.html`` (tables, the pictures,
    and every submission that could not be graded, with the reason; ``findings``
    ``{key: [finding]}``: what the integrity pass found; ``survived`` ``[(key, line)]``: the
    kernel deaths graded notebooks were graded through); returns the numbers it wrote.
``grade_table(course, assignments) -> str``
    a plain-text table: one row per student, one column per assignment, the total, and the
    points of written answers still awaiting manual grading; a score zeroed by the late
    penalty reads ``0 (late -N)``; a legend explains both.
``manual_and_late(course, assignments) -> {student: {assignment: (pending, penalty)}}``
    per submission: points awaiting manual grading (nbgrader's ``needs_manual_grade``) and
    the late penalty that was subtracted.

``write_report(..., summary=None)`` (the ``report`` command) regenerates everything from the
gradebook alone, manual scores entered in the formgrader included.
"""

import csv
import html
import pathlib

from autograder.grade import gradebook, mistakes
from autograder.nbconfig import MATHJAX_DIR, mathjax_script


def _class_data(course, assignments):
    return gradebook.class_data(course.db_url, assignments)


def manual_and_late(course, assignments):
    return gradebook.manual_and_late(course.db_url, assignments)


def grade_table(course, assignments):
    rows, _, maxima = _class_data(course, assignments)
    extra = manual_and_late(course, assignments)
    header = ["student"] + list(assignments) + ["total", "awaiting manual"]
    lines = [header]
    late_seen = False
    for student, row in rows.items():
        total = sum(row.values())
        cells = []
        for a in assignments:
            if a not in row:
                cells.append("-")
                continue
            penalty = extra.get(student, {}).get(a, (0.0, 0.0))[1]
            late_seen = late_seen or penalty > 0
            cells.append(f"{row[a]:g}" + (f" (late -{penalty:g})" if penalty > 0 else ""))
        pending = sum(p for p, _ in extra.get(student, {}).values())
        lines.append([student] + cells + [f"{total:g}", f"{pending:g}" if pending else "-"])
    lines.append(["(max)"] + [f"{maxima[a]:g}" for a in assignments]
                 + [f"{sum(maxima.values()):g}", ""])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
                     for line in lines)
    waiting = sum(p for per in extra.values() for p, _ in per.values())
    notes = []
    if waiting:
        notes.append(f"awaiting manual: {waiting:g} points of written answers are not graded "
                     "yet (grade them in nbgrader's formgrader, then run `python -m autograder "
                     "report COURSE`); totals count them once graded.")
    if late_seen:
        notes.append("(late -N): submitted after the due date; the late penalty subtracted N "
                     "points from the raw score.")
    return text + ("\n\n" + "\n".join(notes) if notes else "")


def _export_csv(course, path):
    gradebook.export_csv(course.db_url, path)


def _figures(rates, totals, maximum, out_dir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{a} · {t}" for (a, t) in rates]
    values = [100 * r for r in rates.values()]
    height = max(3.0, 0.28 * len(labels) + 1.0)
    fig, ax = plt.subplots(figsize=(8, height))
    colors = ["#c0392b" if v < 50 else "#e67e22" if v < 80 else "#27ae60" for v in values]
    ax.barh(range(len(labels)), values, color=colors)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color="#27ae60", label="≥ 80 %"), Patch(color="#e67e22", label="50–80 %"),
                       Patch(color="#c0392b", label="< 50 %")], loc="lower right", fontsize=8)
    ax.set_xlabel("graded students with full points on the test (%)")
    ax.set_title("Pass rate of every autograded test cell")
    fig.tight_layout()
    fig.savefig(out_dir / "pass_rates.png", dpi=100, metadata={"Software": None})
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 3.5))
    percents = [100 * t / maximum for t in totals] if maximum else []
    ax.hist(percents, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001], color="#2980b9",
            edgecolor="white")
    ax.set_xlabel("total score (% of maximum; written answers count once graded by hand)")
    ax.set_ylabel("students")
    from matplotlib.ticker import MaxNLocator
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Scores of {len(totals)} students")
    fig.tight_layout()
    fig.savefig(out_dir / "scores.png", dpi=100, metadata={"Software": None})
    plt.close(fig)


def _mathjax(out_dir, course):
    """MathJax from the course's offline copy (``autograder.nbconfig``), when it is there."""
    if not (course.root / MATHJAX_DIR / "MathJax.js").exists():
        return ""
    return mathjax_script(out_dir, course)


def _tests_csv(tests, path):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["assignment", "test", "submissions", "full_points", "pass_rate"])
        for (assignment, test), passed in sorted(tests.items()):
            writer.writerow([assignment, test, len(passed), sum(passed),
                             f"{sum(passed) / len(passed):.3f}"])


def _mistakes_csv(groups, path):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["assignment", "test", "students", "message", "example", "who"])
        for group in groups:
            writer.writerow([group.assignment, group.test, len(group.students), group.pattern,
                             group.example, " ".join(group.students)])


def _markdown(facts):
    f = facts
    md = ["# Class report", "",
          f"{len(f['rows'])} students, {len(f['assignments'])} assignment(s), maximum "
          f"{f['maximum']:g} points.",
          f["run_line"] + f" Written answers awaiting manual grading: {f['waiting']:g} points.",
          "",
          r"A student's score per assignment is $s = \max\left(0,\ \sum_i a_i + \sum_j m_j "
          r"- p\right)$: autograded points $a_i$, manual points $m_j$, late penalty $p$.", "",
          "## Grades", "", "```", f["table"], "```", "",
          "## Pass rate per test", "", "![pass rates](pass_rates.png)", "",
          "| assignment | test | pass rate |", "|---|---|---|"]
    md += [f"| {a} | {t} | {100 * r:.0f} % |" for (a, t), r in f["rates"].items()]
    md += ["", "## What the class got wrong", "",
           "The failure messages of each test, grouped across students (numbers shown as "
           "`n`); all groups in `mistakes.csv`.", "", "![mistakes](mistakes.png)", ""]
    md += mistakes.markdown(f["mistakes"])
    md += ["", "## Score distribution", "", "![scores](scores.png)", "",
           "## Could not be graded", ""]
    md += [f"- `{where}`: {why}" for where, why in f["failures"]] or ["- none"]
    if f["survived"]:  # a cell killed the kernel; the rest of the notebook was graded
        md += ["", "## Graded after a kernel death", "",
               "The crashed cell lost its effects (and the tests that need them their "
               "points); the kernel was restarted and the rest of the notebook graded.", ""]
        md += [f"- `{where}`: {what}" for where, what in f["survived"]]
    if f["reruns"]:  # graded twice: a kernel died for a reason that was not the submission's
        md += ["", "## Re-run on a fresh kernel", ""]
        md += [f"- `{where}`: {why}" for where, why in f["reruns"]]
    # what the integrity pass found and repaired (edited tests, tampering, extra files)
    md += ["", "## Integrity findings", ""]
    md += [f"- `{key}` ({x['kind']}, {x['cell']}): {x['message']}"
           for key, x in f["noted"]] or ["- none"]
    return md


def _html(facts, md, mathjax):
    f, e = facts, html.escape
    body = [f"<h1>Class report</h1><p>{e(md[2])}<br>{e(md[3])}</p>", f"<p>{e(md[5])}</p>",
            f"<h2>Grades</h2><pre>{e(f['table'])}</pre>",
            '<h2>Pass rate per test</h2><img src="pass_rates.png" alt="pass rates">',
            "<table><tr><th>assignment</th><th>test</th><th>pass rate</th></tr>"
            + "".join(f"<tr><td>{e(a)}</td><td>{e(t)}</td><td>{100 * r:.0f} %</td></tr>"
                      for (a, t), r in f["rates"].items()) + "</table>",
            '<h2>What the class got wrong</h2><img src="mistakes.png" alt="common failures">',
            "<table><tr><th>students</th><th>assignment</th><th>test</th>"
            "<th>what went wrong</th></tr>"
            + "".join(f"<tr><td>{len(g.students)}</td><td>{e(g.assignment)}</td>"
                      f"<td><code>{e(g.test)}</code></td><td>{e(g.pattern)}</td></tr>"
                      for g in f["mistakes"][:20]) + "</table>",
            '<h2>Score distribution</h2><img src="scores.png" alt="score histogram">',
            "<h2>Could not be graded</h2><ul>"
            + ("".join(f"<li><code>{e(w)}</code>: {e(y)}</li>" for w, y in f["failures"])
               or "<li>none</li>") + "</ul>",
            ("<h2>Graded after a kernel death</h2><ul>"
             + "".join(f"<li><code>{e(w)}</code>: {e(y)}</li>" for w, y in f["survived"])
             + "</ul>") if f["survived"] else "",
            ("<h2>Re-run on a fresh kernel</h2><ul>"
             + "".join(f"<li><code>{e(w)}</code>: {e(y)}</li>" for w, y in f["reruns"])
             + "</ul>") if f["reruns"] else "",
            "<h2>Integrity findings</h2><ul>"
            + ("".join(f"<li><code>{e(k)}</code> ({e(x['kind'])}, {e(str(x['cell']))}): "
                       f"{e(x['message'])}</li>" for k, x in f["noted"]) or "<li>none</li>")
            + "</ul>"]
    return ("<!doctype html><meta charset='utf-8'><title>annlab class report</title>" + mathjax
            + "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
            "td,th{padding:2px 8px;text-align:left}</style>" + "\n".join(body) + "\n")


def write_report(course, assignments, summary, problems, out_dir, findings=None, survived=None):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _export_csv(course, out_dir / "grades.csv")
    rows, tests, maxima = _class_data(course, assignments)
    rates = {key: sum(v) / len(v) for key, v in sorted(tests.items(), key=lambda kv: (
        assignments.index(kv[0][0]), kv[0][1]))}
    _tests_csv(tests, out_dir / "tests.csv")
    totals = [sum(row.values()) for row in rows.values()]
    maximum = sum(maxima.values())
    _figures(rates, totals, maximum, out_dir)
    groups = mistakes.group_failures(course.root, assignments)
    _mistakes_csv(groups, out_dir / "mistakes.csv")
    mistakes.plot(groups, out_dir / "mistakes.png")
    failures = (list(summary.failed) if summary else []) + [(where, why) for where, why in problems]
    facts = {
        "rows": rows, "assignments": assignments, "maximum": maximum, "rates": rates,
        "table": grade_table(course, assignments), "failures": failures, "mistakes": groups,
        "reruns": list(summary.reruns) if summary else [],
        "survived": list(survived or []),
        "noted": [(key, f) for key, items in sorted((findings or {}).items()) for f in items],
        "waiting": sum(p for per in manual_and_late(course, assignments).values()
                       for p, _ in per.values()),
        "run_line": (f"This run: {len(summary.graded)} graded, {len(summary.skipped)} unchanged "
                     f"(skipped), {len(summary.failed)} could not be graded, "
                     f"{summary.seconds:.1f} s." if summary else
                     "Regenerated from the gradebook (manual grades included) by "
                     "`python -m autograder report`."),
    }
    md = _markdown(facts)
    (out_dir / "report.md").write_text("\n".join(md) + "\n")
    (out_dir / "report.html").write_text(_html(facts, md, _mathjax(out_dir, course)))
    return {"rates": rates, "totals": dict(zip(rows, totals)), "maximum": maximum,
            "failures": failures, "findings": facts["noted"], "mistakes": groups,
            "reruns": facts["reruns"], "survived": facts["survived"]}
