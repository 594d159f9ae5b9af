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
    grading system itself failed (2: bad arguments, 1: system error, 130: interrupted).
``sample-class OUT [--only NN_name ...]``
    write the bundled sample class (perfect, blank, partial, mistakes, late, broken).
``stats [--only NN_name ...]``
    per graded function: points, visible and hidden check sites, known-wrong/right answers.
``demo [--jobs N]``
    the main job's second half: make the sample class and grade it (report in build/).
"""

import argparse
import json
import os
import pathlib
import sys
import tempfile

from autograder import build as build_mod
from autograder import envfile
from autograder.course import REPO


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


def _grade(args):
    from autograder import collect, grading, report

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
    course_dir = pathlib.Path(args.course)
    from autograder import sandbox
    limits = sandbox.Limits(memory_mb=args.memory_mb, processes=args.max_processes,
                            cpu_seconds=args.cpu_seconds)
    if args.no_sandbox:
        print("warning: --no-sandbox: student code runs with your rights, sees your files and "
              "the network. Use it only for submissions you trust.", file=sys.stderr)
    run = grading.GradingRun(course_dir, assignments, db_url=args.db, duedate=args.duedate,
                             late_penalty=args.late_penalty, cell_timeout=args.cell_timeout,
                             sandbox=not args.no_sandbox, limits=limits)
    try:
        summary = run.grade(submissions, jobs=args.jobs, scheduler=args.scheduler,
                            force=args.force, progress=not args.no_progress)
    except sandbox.SandboxError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out = pathlib.Path(args.report) if args.report else course_dir / "report"
    findings = {key: entry["findings"] for key, entry in run.state.items()
                if entry.get("findings")}
    numbers = report.write_report(run.course, assignments, summary, problems, out, findings)
    print(report.grade_table(run.course, assignments))
    print(f"\n{len(summary.graded)} graded, {len(summary.skipped)} unchanged, "
          f"{len(numbers['failures'])} could not be graded, in {summary.seconds:.1f} s "
          f"(jobs={args.jobs if not args.scheduler else 'dask'}).")
    for where, why in numbers["failures"]:
        print(f"  could not grade {where}: {why}")
    for where, why in numbers["reruns"]:
        print(f"  graded twice {where}: {why}")
    if numbers["findings"]:
        print(f"{len(numbers['findings'])} integrity finding(s) (edited tests, tampering, extra "
              "files): see the report")
    print(f"gradebook: {run.course.db_url}\nreport:    {out / 'report.html'} "
          f"(grades.csv, tests.csv, pass_rates.png, scores.png)\n"
          f"feedback:  {run.course.root / 'feedback'}")
    if summary.interrupted:
        print("interrupted: everything graded so far is recorded; run again to continue.")
        return 130
    return 0


def _sample_class(args):
    from autograder import sample_class
    root = sample_class.make_sample_class(args.out, args.only or build_mod.discover())
    print(f"wrote {root}")
    return 0


def _stats(args):
    from autograder import stats
    print(stats.markdown(args.only or build_mod.discover()))
    return 0


def _demo(args):
    from autograder import sample_class
    out = REPO / "build"
    sample_class.make_sample_class(out / "sample_class", build_mod.discover())
    return main(["grade", str(out / "sample_class"), "--course", str(out / "grading"),
                 "--duedate", sample_class.DUEDATE, "--late-penalty", "zero",
                 "--jobs", str(args.jobs)] + (["--force"] if args.force else []))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--verbose", action="store_true",
                        help="also show the libraries' warnings and log messages")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("build", help="build exercises/ and solutions/ from source/", parents=[common])
    p.add_argument("--only", nargs="+", metavar="NN_name", help="only these notebooks")
    p.add_argument("--no-execute", action="store_true", help="skip executing the solutions")
    p.add_argument("--check", action="store_true", help="compare a fresh build with the repo")
    p.set_defaults(run=_build)
    p = commands.add_parser("env", help="generate environment.yml from requirements.txt", parents=[common])
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
    p.set_defaults(run=_grade)
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
    args = parser.parse_args(argv)
    if getattr(args, "pattern", "unset") is None:
        from autograder.collect import DEFAULT_PATTERN
        args.pattern = DEFAULT_PATTERN
    if not args.verbose:
        _quiet()
    from autograder.course import NbGraderError
    try:
        return args.run(args)
    except NbGraderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _quiet():
    """Progress, results and clear errors only: library warnings (SQLAlchemy's autoflush
    notices from nbgrader, TensorFlow's start-up chatter) are hidden unless ``--verbose``;
    worker processes inherit the setting through the environment."""
    import logging
    import warnings
    warnings.simplefilter("ignore")
    os.environ["PYTHONWARNINGS"] = "ignore"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    for name in ("tensorflow", "absl"):
        logging.getLogger(name).setLevel(logging.ERROR)


if __name__ == "__main__":
    sys.exit(main())
