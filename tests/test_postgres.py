"""A real PostgreSQL gradebook: ``grade --db postgresql://…`` against a throwaway server.

The ``postgres`` fixture starts Debian's PostgreSQL (``initdb`` + ``pg_ctl`` from
``/usr/lib/postgresql/*/bin``) in a temporary folder, listening on 127.0.0.1 only, on a free
port, with trust authentication, and stops it afterwards. Without the server installed the
tests are skipped, saying so (``.ci/run`` installs it, so CI runs them).

On that database: a class (01_neuron) graded with ``--jobs 2``; a rerun regrades nothing;
``nbgrader export`` reads the same database and gives the report's ``grades.csv``; nbgrader's
formgrader (a real Jupyter server) lists the assignment and the scores from it.
"""

import csv
import glob
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from autograder import cli
from autograder.grade import collect
from autograder.grade.run import GradingRun, read_scores
from autograder.notebooks import graded_functions, read_notebook
from autograder.qa import sample_class
from autograder.settings import COURSE_ID
from conftest import SOURCE, TIMINGS

NAME = "01_neuron"
STUDENTS = ("perfect", "late", "broken")


def _pg_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return pathlib.Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return pathlib.Path(initdb).parent if initdb else None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """``postgresql://postgres@127.0.0.1:<port>/annlab`` on a server this fixture owns."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server not installed (no initdb; `apt-get install postgresql`, "
                    "which .ci/run does)")
    folder = pathlib.Path(tempfile.mkdtemp(prefix="annlab-pg-"))
    # the server refuses to run as root: as root, run it as the postgres user
    as_user = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    data, log = folder / "data", folder / "server.log"
    port = _free_port()
    subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync"],
                   check=True, capture_output=True, timeout=120)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
    started = subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log),
                              "-w", "-t", "60", "-o", options, "start"],
                             capture_output=True, text=True, timeout=90)
    try:
        assert started.returncode == 0, f"pg_ctl start failed: {started.stderr}\n" + (
            log.read_text() if log.exists() else "")
        import psycopg
        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                             autocommit=True) as connection:
            connection.execute("CREATE DATABASE annlab")
        yield f"postgresql://postgres@127.0.0.1:{port}/annlab"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def graded(postgres, tmp_path_factory):
    """The class graded once into the PostgreSQL gradebook, ``--jobs 2``."""
    sample = tmp_path_factory.mktemp("sample")
    sample_class.make_sample_class(sample, [NAME])
    for student in os.listdir(sample / "submitted"):
        if student not in STUDENTS:
            shutil.rmtree(sample / "submitted" / student)
    course = tmp_path_factory.mktemp("pg") / "course"
    start = time.perf_counter()
    code = cli.main(["grade", str(sample), "--course", str(course), "--assignments", NAME,
                     "--db", postgres, "--jobs", "2", "--duedate", sample_class.DUEDATE,
                     "--late-penalty", "zero", "--no-progress"])
    TIMINGS["grade 3 students into PostgreSQL --jobs 2"] = time.perf_counter() - start
    return code, sample, course


def _csv(path):
    with open(path, newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def _auto_max():
    return sum(f.points for f in graded_functions(read_notebook(SOURCE / NAME / f"{NAME}.ipynb")).values())


def test_class_graded_into_postgres(postgres, graded):
    code, _, course = graded
    assert code == 0
    assert not (course / "gradebook.db").exists(), "a SQLite gradebook beside the PostgreSQL one"
    rows = _csv(course / "report" / "grades.csv")
    assert set(rows) == set(STUDENTS), f"students in grades.csv: {sorted(rows)}"
    full = _auto_max()
    expected = {"perfect": (full, 0.0), "late": (full, full), "broken": (0.0, 0.0)}
    for student, (raw, penalty) in expected.items():
        row = rows[student]
        assert float(row["raw_score"]) == raw, f"{student}: raw {row['raw_score']} != {raw}"
        assert float(row["late_submission_penalty"]) == penalty, f"{student}: penalty"
        assert float(row["score"]) == raw - penalty, f"{student}: score"
    import psycopg
    with psycopg.connect(postgres) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT student.id FROM submitted_assignment JOIN student "
                       "ON submitted_assignment.student_id = student.id ORDER BY student.id")
        submitted = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT id FROM student ORDER BY id")
        students = [r[0] for r in cursor.fetchall()]
    assert submitted == ["late", "perfect"], f"submissions in PostgreSQL: {submitted}"
    assert students == sorted(STUDENTS), f"students in PostgreSQL: {students}"


def test_rerun_regrades_nothing(postgres, graded):
    _, sample, course = graded
    before = (course / "report" / "grades.csv").read_text()
    submissions, _ = collect.collect(sample, [NAME])
    run = GradingRun(course, [NAME], db_url=postgres, duedate=sample_class.DUEDATE,
                             late_penalty="zero")
    summary = run.grade(submissions, jobs=2, progress=False)
    assert summary.graded == [], f"regraded: {summary.graded}"
    assert sorted(summary.skipped) == sorted(f"{NAME}/{s}" for s in STUDENTS)
    assert [key for key, _ in summary.failed] == [f"{NAME}/broken"]
    scores = read_scores(run.course, [NAME])
    assert sorted(scores) == [(s, NAME) for s in ("late", "perfect")]
    assert (course / "report" / "grades.csv").read_text() == before


def test_nbgrader_export_reads_the_same_database(postgres, graded, tmp_path):
    _, _, course = graded
    out = tmp_path / "export.csv"
    done = subprocess.run([sys.executable, "-m", "nbgrader", "export", f"--db={postgres}",
                           f"--CourseDirectory.course_id={COURSE_ID}", f"--to={out}"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _csv(out) == _csv(course / "report" / "grades.csv")


def test_formgrader_lists_the_assignment_from_postgres(postgres, graded, tmp_path):
    _, _, course = graded
    root = course.parent  # formgrader wants the course inside the server's root folder
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.CourseDirectory.db_url = {postgres!r}\n")
    port, token = _free_port(), "annlab-test-token"
    env = dict(os.environ, HOME=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path / ".jupyter"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        def get(path):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                             headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())

        deadline = time.monotonic() + 90
        while True:
            try:
                assignments = get("/formgrader/api/assignments")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "server.log").read_text()
                assert time.monotonic() < deadline, "formgrader did not answer in 90 s"
                time.sleep(0.5)
        names = {a["name"]: a for a in assignments}
        assert NAME in names, f"formgrader lists {sorted(names)}"
        # submissions are counted from submitted/ (the broken one too); the due date comes
        # from the gradebook
        assert names[NAME]["num_submissions"] == len(STUDENTS), names[NAME]
        assert names[NAME]["duedate"] == "2026-01-15T23:59:00", names[NAME]
        submissions = {s["student"]: s for s in get(f"/formgrader/api/submissions/{NAME}")}
        rows = _csv(course / "report" / "grades.csv")
        for student in ("perfect", "late"):
            # formgrader shows the score before the late penalty
            assert float(submissions[student]["score"]) == float(rows[student]["raw_score"]), student
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
