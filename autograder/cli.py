"""``python -m autograder``: the instructor's command line.

Commands
--------
``build [--only NN_name ...] [--no-execute] [--check]``
    regenerate ``exercises/`` and ``solutions/`` from ``source/`` (``--check``: build into a
    temporary folder and report what differs from the committed files, exit 1 if anything).
``env [--check]``
    regenerate ``environment.yml`` from ``requirements.txt``.
"""

import argparse
import json
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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("build", help="build exercises/ and solutions/ from source/")
    p.add_argument("--only", nargs="+", metavar="NN_name", help="only these notebooks")
    p.add_argument("--no-execute", action="store_true", help="skip executing the solutions")
    p.add_argument("--check", action="store_true", help="compare a fresh build with the repo")
    p.set_defaults(run=_build)
    p = commands.add_parser("env", help="generate environment.yml from requirements.txt")
    p.add_argument("--check", action="store_true", help="only check that it is up to date")
    p.set_defaults(run=_env)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
