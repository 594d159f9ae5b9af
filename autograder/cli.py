"""``python -m autograder``: the instructor's command line.

Commands
--------
``build [--only NN_name ...] [--no-execute] [--check]``
    regenerate ``exercises/`` and ``solutions/`` from ``source/`` (``--check``: build into a
    temporary folder and report what differs from the committed files, exit 1 if anything).
``env [--check]``
    regenerate ``environment.yml`` from ``requirements.txt``.
``grade SUBMISSIONS [--course DIR] [--jobs N | --scheduler ADDRESS] [--force] ...``
    grade a class (nbgrader layout, flat LMS folder or zip) into an nbgrader gradebook,
    export ``grades.csv``, write per-student HTML feedback and the class report; prints the
    grade table and names every submission that could not be graded. Exit code 0 unless the
    grading system itself failed (2: bad arguments, or another grade command is running on
    the course: one at a time, by a lock file; 1: system error, 130: interrupted). A run that
    was killed (even ``kill -9``) resumes: the same command grades what was not recorded.
    ``--roster students.csv`` (id, first_name, last_name, email) puts real names in the
    gradebook. Writes ``<course>/nbgrader_config.py`` (plain nbgrader and the formgrader there
    get annlab's settings) and an offline MathJax under ``<course>/feedback/_static``.
``report COURSE [--report DIR] [--db URL]``
    regenerate the class report (CSV, plots, tables) from the gradebook, e.g. after grading
    written answers in nbgrader's formgrader.
``sample-class OUT [--only NN_name ...]``
    write the bundled sample class (perfect, blank, partial, mistakes, late, broken).
``stats [--only NN_name ...]``
    per graded function: points, visible and hidden check sites, known-wrong/right answers.
``demo [--jobs N]``
    the main job's second half: make the sample class (with its roster) and grade it
    (report in build/).
``backends --backend jax|torch|tensorflow [--notebooks ...] [--json PATH]``
    run the source notebooks and the known-wrong / known-right verdicts under another Keras
    backend (``autograder.qa.backends``); exit 1 on any failing cell or disagreement.
``contract [--check]``
    regenerate ``docs/COURSE_CONTRACT.md`` from ``autograder/spec.py`` and the notebooks.
``release [--out DIR]``
    one zip per assignment of ``exercises/`` (for Colab and LMS upload), in ``build/release``.
"""

import argparse
import contextlib
import json
import pathlib
import sys
import tempfile

from autograder import console, nbconfig
from autograder.build import contract, envfile, release
from autograder.build import generate as build_mod
from autograder.course import Course, NbGraderError
from autograder.grade import collect, gradebook, report, roster
from autograder.grade import lock as courselock
from autograder.grade.run import STATE_FILE, GradingRun
from autograder.qa import backends, sample_class, stats
from autograder.safety import sandbox
from autograder.settings import REPO


def _build(args):
    names = args.only or build_mod.discover()
    if args.check:
        with tempfile.TemporaryDirectory(prefix="annlab-check-") as tmp:
            build_mod.build(tmp, names, execute=not args.no_execute)
            problems = build_mod.differences(tmp, REPO, names)
            if args.no_execute:
                problems = [p for p in problems if p.startswith("exercises/")]
        for problem in problems:
            print(problem)
        print("up to date" if not problems else f"{len(problems)} generated file(s) out of date")
        return 1 if problems else 0
    timings = build_mod.build(REPO, names, execute=not args.no_execute)
    if timings:
        path = REPO / "build" / "timings.json"
        path.parent.mkdir(exist_ok=True)
        previous = json.loads(path.read_text()) if path.exists() else {}
        previous.update({k: round(v, 2) for k, v in timings.items()})
        path.write_text(json.dumps(previous, indent=1, sort_keys=True) + "\n")
        print("solution execution times (s): "
              + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
    return 0


def _env(args):
    wanted = envfile.render((REPO / "requirements.txt").read_text())
    target = REPO / "environment.yml"
    if args.check:
        same = target.exists() and target.read_text() == wanted
        print("environment.yml is up to date" if same else "environment.yml is out of date")
        return 0 if same else 1
    target.write_text(wanted)
    print(f"wrote {target.relative_to(REPO)}")
    return 0


def _collect(args):
    """``(submissions, problems, assignments)`` or an exit code (bad arguments)."""
    known = build_mod.discover()
    wanted = args.assignments or known
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        print(f"error: unknown assignment(s) {unknown}; source/ has {known}", file=sys.stderr)
        return 2
    try:
        submissions, problems = collect.collect(args.submissions, wanted, args.pattern)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    assignments = [a for a in wanted if any(s.assignment == a for s in submissions)] or wanted
    return submissions, problems, assignments


def _findings(state):
    return {key: entry["findings"] for key, entry in state.items() if entry.get("findings")}


def _survived(state):
    """``[(key, line)]``: each kernel death a graded notebook was graded through."""
    return [(key, f"cell {death['cell']}"
             + (f" ({death['grade_id']})" if death.get("grade_id") else "") + f": {death['what']}")
            for key, entry in sorted(state.items()) if entry.get("status") == "graded"
            for death in entry.get("survived", [])]


def _print_run(args, run, summary, numbers, out):
    print(f"\n{len(summary.graded)} graded, {len(summary.skipped)} unchanged, "
          f"{len(numbers['failures'])} could not be graded, in {summary.seconds:.1f} s "
          f"(jobs={args.jobs if not args.scheduler else 'dask'}; "
          f"{summary.record_seconds:.1f} s of it recording results).")
    for where, why in numbers["failures"]:
        print(f"  could not grade {where}: {why}")
    for where, why in numbers["reruns"]:
        print(f"  graded twice {where}: {why}")
    for where, why in numbers["survived"]:
        print(f"  kernel restarted in {where}, {why}: graded the rest without that cell")
    for where, why in summary.feedback_failed:
        print(f"  graded {where}, but its feedback could not be written: {why}")
    if numbers["findings"]:
        print(f"{len(numbers['findings'])} integrity finding(s) (edited tests, tampering, extra "
              "files): see the report")
    print(f"gradebook: {run.course.db_url}\nreport:    {out / 'report.html'} "
          f"(grades.csv, tests.csv, pass_rates.png, scores.png, mistakes.png)\n"
          f"feedback:  {run.course.root / 'feedback'}")


def _grade(args):
    collected = _collect(args)
    if isinstance(collected, int):
        return collected
    submissions, problems, assignments = collected
    course_dir = pathlib.Path(args.course)
    limits = sandbox.Limits(memory_mb=args.memory_mb, processes=args.max_processes,
                            cpu_seconds=args.cpu_seconds)
    try:  # held until the command returns (``main``'s ExitStack); the OS drops it on a kill
        args.cleanup.enter_context(courselock.hold(course_dir))
    except courselock.CourseBusy as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.no_sandbox:
        print("warning: --no-sandbox: student code runs with your rights, sees your files and "
              "the network. Use it only for submissions you trust.", file=sys.stderr)
    run = GradingRun(course_dir, assignments, db_url=args.db, duedate=args.duedate,
                     late_penalty=args.late_penalty, cell_timeout=args.cell_timeout,
                     sandbox=not args.no_sandbox, limits=limits)
    nbconfig.write_config(run.course)      # plain nbgrader there gets annlab's settings
    nbconfig.install_mathjax(run.course)   # feedback renders formulas offline
    try:
        summary = run.grade(submissions, jobs=args.jobs, scheduler=args.scheduler,
                            force=args.force, progress=not args.no_progress)
    except sandbox.SandboxError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.roster:   # a bad roster row is reported like a failed submission, never fatal
        students, bad_rows = roster.read_roster(args.roster)
        roster.apply_roster(run.course.db_url, students)
        problems = list(problems) + [(where, f"roster: {why}") for where, why in bad_rows]
    out = pathlib.Path(args.report) if args.report else course_dir / "report"
    numbers = report.write_report(run.course, assignments, summary, problems, out,
                                  _findings(run.state), _survived(run.state))
    print(report.grade_table(run.course, assignments))
    _print_run(args, run, summary, numbers, out)
    if summary.interrupted:
        print("interrupted: everything graded so far is recorded; run again to continue.")
        return 130
    return 0


def _report(args):
    course_dir = pathlib.Path(args.course)
    if not (course_dir / "gradebook.db").exists() and not args.db:
        print(f"error: {course_dir} has no gradebook.db (pass --db for another database)",
              file=sys.stderr)
        return 2
    course = Course(course_dir, db_url=args.db)
    known = build_mod.discover()
    assignments = sorted(gradebook.assignment_names(course.db_url),
                         key=lambda a: (known.index(a) if a in known else len(known), a))
    state_path = course.root / STATE_FILE
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    failures = [(key, entry.get("reason", "")) for key, entry in sorted(state.items())
                if entry.get("status") == "failed"]
    out = pathlib.Path(args.report) if args.report else course_dir / "report"
    report.write_report(course, assignments, None, failures, out, _findings(state),
                        _survived(state))
    print(report.grade_table(course, assignments))
    print(f"report:    {out / 'report.html'} (grades.csv, tests.csv, pass_rates.png, scores.png, "
          "mistakes.png)")
    return 0


def _sample_class(args):
    root = sample_class.make_sample_class(args.out, args.only or build_mod.discover())
    print(f"wrote {root}")
    return 0


def _stats(args):
    print(stats.markdown(args.only or build_mod.discover()))
    return 0


def _demo(args):
    out = REPO / "build"
    sample_class.make_sample_class(out / "sample_class", build_mod.discover())
    return main(["grade", str(out / "sample_class"), "--course", str(out / "grading"),
                 "--roster", str(out / "sample_class" / sample_class.ROSTER),
                 "--duedate", sample_class.DUEDATE, "--late-penalty", "zero",
                 "--jobs", str(args.jobs)] + (["--force"] if args.force else []))


def _contract(args):
    text = contract.render()
    if args.check:
        same = contract.PATH.exists() and contract.PATH.read_text() == text
        print(f"{contract.PATH.relative_to(REPO)} is {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    contract.PATH.parent.mkdir(exist_ok=True)
    contract.PATH.write_text(text)
    print(f"wrote {contract.PATH.relative_to(REPO)}")
    return 0


def _release(args):
    for path in release.write_release(args.out, args.only):
        print(f"wrote {path}")
    return 0


def _backends(args):
    return backends.command(args)


def _parser():
    """The argument parser: one sub-command each, every one with ``--verbose``.

    Over 60 lines because it lists every command's options, one line each; split by
    command it would only move the same lines into eleven small functions."""
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--verbose", action="store_true",
                        help="also show the libraries' warnings and log messages")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("build", help="build exercises/ and solutions/ from source/",
                            parents=[common])
    p.add_argument("--only", nargs="+", metavar="NN_name", help="only these notebooks")
    p.add_argument("--no-execute", action="store_true", help="skip executing the solutions")
    p.add_argument("--check", action="store_true", help="compare a fresh build with the repo")
    p.set_defaults(run=_build)
    p = commands.add_parser("env", help="generate environment.yml from requirements.txt",
                            parents=[common])
    p.add_argument("--check", action="store_true", help="only check that it is up to date")
    p.set_defaults(run=_env)
    p = commands.add_parser("grade", help="grade a class with nbgrader", parents=[common])
    p.add_argument("submissions", help="nbgrader course or submitted/ folder, flat folder or zip")
    p.add_argument("--course", default="grading", help="the nbgrader course directory to grade in")
    p.add_argument("--assignments", nargs="+", metavar="NN_name", help="only these assignments")
    p.add_argument("--db", help="gradebook database URL (default: SQLite in the course directory)")
    p.add_argument("--jobs", type=int, default=1, help="parallel grading processes")
    p.add_argument("--scheduler", help="Dask scheduler address: grade on its workers")
    p.add_argument("--force", action="store_true", help="regrade unchanged submissions too")
    p.add_argument("--duedate", help="due date, e.g. '2026-01-15 23:59:00 UTC'")
    p.add_argument("--late-penalty", choices=["none", "zero"], default="none",
                   help="nbgrader's late-submission penalty method")
    p.add_argument("--pattern", default=None,
                   help="regex with groups student_id and file_id for flat folders and zips")
    p.add_argument("--cell-timeout", type=int, default=None, help="seconds per cell")
    p.add_argument("--report", help="where to write the class report (default: <course>/report)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run kernels without the bubblewrap sandbox (trusted submissions only)")
    p.add_argument("--memory-mb", type=int, default=6144, help="address-space limit per kernel")
    p.add_argument("--max-processes", type=int, default=256,
                   help="process/thread limit per kernel uid (fork bombs)")
    p.add_argument("--cpu-seconds", type=int, default=1800, help="CPU-time limit per kernel")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--roster", help="CSV with id, first_name, last_name, email (students' names)")
    p.set_defaults(run=_grade)
    p = commands.add_parser("report", help="regenerate the class report from the gradebook",
                            parents=[common])
    p.add_argument("course", help="the graded nbgrader course directory")
    p.add_argument("--report", help="where to write it (default: <course>/report)")
    p.add_argument("--db", help="gradebook database URL (default: SQLite in the course directory)")
    p.set_defaults(run=_report)
    p = commands.add_parser("sample-class", help="write the bundled sample class", parents=[common])
    p.add_argument("out")
    p.add_argument("--only", nargs="+", metavar="NN_name")
    p.set_defaults(run=_sample_class)
    p = commands.add_parser("stats", help="how strong each function's tests are", parents=[common])
    p.add_argument("--only", nargs="+", metavar="NN_name")
    p.set_defaults(run=_stats)
    p = commands.add_parser("demo", help="grade the bundled sample class", parents=[common])
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--force", action="store_true")
    p.set_defaults(run=_demo)
    p = commands.add_parser("contract", help="generate docs/COURSE_CONTRACT.md from the spec",
                            parents=[common])
    p.add_argument("--check", action="store_true", help="only check that it is up to date")
    p.set_defaults(run=_contract)
    p = commands.add_parser("release", help="zip each assignment of exercises/ for upload",
                            parents=[common])
    p.add_argument("--out", default=str(REPO / "build" / "release"), help="where to write")
    p.add_argument("--only", nargs="+", metavar="NN_name")
    p.set_defaults(run=_release)
    p = commands.add_parser("backends", help="run the course under another Keras backend",
                            parents=[common])
    backends.add_arguments(p)
    p.set_defaults(run=_backends)
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    if getattr(args, "pattern", "unset") is None:
        args.pattern = collect.DEFAULT_PATTERN
    console.set_verbose(args.verbose)
    console.quiet_process(children=True)
    try:
        with contextlib.ExitStack() as args.cleanup:
            return args.run(args)
    except NbGraderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
