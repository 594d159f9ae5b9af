"""The class report: CSV exports, per-test pass rates, score histogram, failures.

Interface
---------
``write_report(course, assignments, summary, problems, out_dir) -> dict``
    writes into ``out_dir``: ``grades.csv`` (nbgrader's own CSV export), ``tests.csv``
    (pass rate of every autograded test cell), ``pass_rates.png`` (bar chart),
    ``scores.png`` (histogram of each student's total, in % of the maximum),
    ``report.md`` and ``report.html`` (tables, the pictures, and every submission that could
    not be graded, with the reason); returns the numbers it wrote.
``grade_table(course, assignments) -> str``
    a plain-text table: one row per student, one column per assignment, and the total.
"""

import csv
import html
import pathlib

from autograder.course import COURSE_ID


def _class_data(course, assignments):
    from nbgrader.api import Gradebook, MissingEntry
    rows, tests = {}, {}
    with Gradebook(course.db_url, COURSE_ID) as gradebook:
        maxima = {name: gradebook.find_assignment(name).max_score for name in assignments}
        for student in sorted(gradebook.students, key=lambda s: s.id):
            row = {}
            for name in assignments:
                try:
                    submission = gradebook.find_submission(name, student.id)
                except MissingEntry:
                    continue
                penalty = submission.late_submission_penalty or 0.0
                row[name] = max(0.0, submission.score - penalty)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.cell_type == "code" and grade.auto_score is not None:
                            passed = grade.auto_score >= grade.max_score
                            tests.setdefault((name, grade.name), []).append(passed)
            rows[student.id] = row
    return rows, tests, maxima


def grade_table(course, assignments):
    rows, _, maxima = _class_data(course, assignments)
    header = ["student"] + list(assignments) + ["total"]
    lines = [header]
    for student, row in rows.items():
        total = sum(row.values())
        lines.append([student] + [f"{row[a]:g}" if a in row else "-" for a in assignments]
                     + [f"{total:g}"])
    lines.append(["(max)"] + [f"{maxima[a]:g}" for a in assignments]
                 + [f"{sum(maxima.values()):g}"])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
                     for line in lines)


def _export_csv(course, path):
    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin
    plugin = CsvExportPlugin(to=str(path))
    with Gradebook(course.db_url, COURSE_ID) as gradebook:
        plugin.export(gradebook)


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


def write_report(course, assignments, summary, problems, out_dir, findings=None):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _export_csv(course, out_dir / "grades.csv")
    rows, tests, maxima = _class_data(course, assignments)
    rates = {key: sum(v) / len(v) for key, v in sorted(tests.items(), key=lambda kv: (
        assignments.index(kv[0][0]), kv[0][1]))}
    with open(out_dir / "tests.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["assignment", "test", "submissions", "full_points", "pass_rate"])
        for (assignment, test), passed in sorted(tests.items()):
            writer.writerow([assignment, test, len(passed), sum(passed),
                             f"{sum(passed) / len(passed):.3f}"])
    totals = [sum(row.values()) for row in rows.values()]
    maximum = sum(maxima.values())
    _figures(rates, totals, maximum, out_dir)
    failures = list(summary.failed) + [(where, why) for where, why in problems]
    table = grade_table(course, assignments)
    md = ["# Class report", "",
          f"{len(rows)} students, {len(assignments)} assignment(s), maximum {maximum:g} points.",
          f"This run: {len(summary.graded)} graded, {len(summary.skipped)} unchanged "
          f"(skipped), {len(summary.failed)} could not be graded, {summary.seconds:.1f} s.", "",
          "## Grades", "", "```", table, "```", "",
          "## Pass rate per test", "", "![pass rates](pass_rates.png)", "",
          "| assignment | test | pass rate |", "|---|---|---|"]
    md += [f"| {a} | {t} | {100 * r:.0f} % |" for (a, t), r in rates.items()]
    md += ["", "## Score distribution", "", "![scores](scores.png)", "",
           "## Could not be graded", ""]
    md += [f"- `{where}`: {why}" for where, why in failures] or ["- none"]
    # graded a second time because a kernel died for a reason that was not the submission's
    reruns = list(getattr(summary, "reruns", []))
    if reruns:
        md += ["", "## Re-run on a fresh kernel", ""]
        md += [f"- `{where}`: {why}" for where, why in reruns]
    # what the integrity pass found and repaired (edited tests, tampering, extra files)
    noted = [(key, f) for key, items in sorted((findings or {}).items()) for f in items]
    md += ["", "## Integrity findings", ""]
    md += [f"- `{key}` ({f['kind']}, {f['cell']}): {f['message']}" for key, f in noted] or ["- none"]
    (out_dir / "report.md").write_text("\n".join(md) + "\n")
    body = [f"<h1>Class report</h1><p>{html.escape(md[2])}<br>{html.escape(md[3])}</p>",
            f"<h2>Grades</h2><pre>{html.escape(table)}</pre>",
            '<h2>Pass rate per test</h2><img src="pass_rates.png" alt="pass rates">',
            "<table><tr><th>assignment</th><th>test</th><th>pass rate</th></tr>"
            + "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(t)}</td>"
                      f"<td>{100 * r:.0f} %</td></tr>" for (a, t), r in rates.items())
            + "</table>",
            '<h2>Score distribution</h2><img src="scores.png" alt="score histogram">',
            "<h2>Could not be graded</h2><ul>"
            + ("".join(f"<li><code>{html.escape(w)}</code>: {html.escape(y)}</li>"
                       for w, y in failures) or "<li>none</li>") + "</ul>",
            ("<h2>Re-run on a fresh kernel</h2><ul>"
             + "".join(f"<li><code>{html.escape(w)}</code>: {html.escape(y)}</li>"
                       for w, y in reruns) + "</ul>") if reruns else "",
            "<h2>Integrity findings</h2><ul>"
            + ("".join(f"<li><code>{html.escape(k)}</code> ({html.escape(f['kind'])}, "
                       f"{html.escape(str(f['cell']))}): {html.escape(f['message'])}</li>"
                       for k, f in noted) or "<li>none</li>") + "</ul>"]
    (out_dir / "report.html").write_text(
        "<!doctype html><meta charset='utf-8'><title>annlab class report</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
        "td,th{padding:2px 8px;text-align:left}</style>" + "\n".join(body) + "\n")
    return {"rates": rates, "totals": dict(zip(rows, totals)), "maximum": maximum,
            "failures": failures, "findings": noted, "reruns": reruns}
