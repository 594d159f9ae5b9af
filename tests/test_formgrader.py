"""The instructor's nbgrader tools on a course that ``python -m autograder grade`` wrote.

One small class (01_neuron; the sample students ``perfect`` and ``late``, with the sample
roster) is graded once through the real grade command. Then, each on its own copy:

* plain ``nbgrader generate_feedback`` in the course directory (its ``nbgrader_config.py``)
  hides the hidden tests and loads MathJax from the course's own copy;
* the roster's names are in the gradebook; the grade table names the points awaiting manual
  grading and the late penalty; a bad roster row is reported, not fatal;
* the formgrader in headless Chromium (Selenium, Debian's ``chromium`` and ``chromedriver``):
  assignment list, gradebook with names, a submission's grading page (autograded scores,
  written answers), a manual score saved (checked in the gradebook), feedback generated from
  the UI (no hidden tests), formulas rendered with the network blocked and MathJax from a
  local copy (grading page, feedback, report), and ``python -m autograder report`` including
  the manual score. Screenshots go to ``build/screenshots/``.
"""

import csv
import html
import os
import pathlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from autograder import cli
from autograder.grade import roster
from autograder.notebooks import HIDDEN_BEGIN, HIDDEN_END, read_notebook
from autograder.qa import sample_class
from autograder.settings import COURSE_ID
from conftest import ROOT, SOURCE, TIMINGS

NAME = "01_neuron"
STUDENTS = ("perfect", "late")
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _env():
    """Subprocesses import this checkout's ``autograder`` (the course's config needs it)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _points():
    """(autograded points, written-answer points) of the notebook, from the source."""
    auto = written = 0.0
    for cell in read_notebook(SOURCE / NAME / f"{NAME}.ipynb").cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            if cell.cell_type == "markdown":
                written += meta["points"]
            elif not meta.get("solution"):
                auto += meta["points"]
    return auto, written


def _hidden_lines():
    """Lines that only the hidden tests contain (long enough to be distinctive)."""
    hidden, other = set(), set()
    for cell in read_notebook(SOURCE / NAME / f"{NAME}.ipynb").cells:
        inside = False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith(HIDDEN_BEGIN):
                inside = True
            elif stripped.startswith(HIDDEN_END):
                inside = False
            else:
                (hidden if inside else other).add(stripped)
    return {line for line in hidden - other if len(line) >= 20 and not line.startswith("#")}


def _text(path):
    return html.unescape(re.sub(r"<[^>]+>", "", pathlib.Path(path).read_text(encoding="utf-8")))


def _leaks(path):
    lines = {line.strip() for line in _text(path).splitlines()}
    return sorted(_hidden_lines() & lines)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("tools")
    root = sample_class.make_sample_class(base / "sample", [NAME])
    for student in set(sample_class.STUDENTS) - set(STUDENTS):
        shutil.rmtree(root / student)
    course = base / "course"
    start = time.perf_counter()
    code = cli.main(["grade", str(base / "sample"), "--course", str(course),
                     "--assignments", NAME, "--duedate", sample_class.DUEDATE,
                     "--late-penalty", "zero", "--no-progress", "--jobs", "1",
                     "--roster", str(base / "sample" / sample_class.ROSTER)])
    TIMINGS["grade 01_neuron, 2 students, with roster"] = time.perf_counter() - start
    assert code == 0, f"grade exited with {code}"
    return course


def _copy(course, tmp_path):
    target = tmp_path / "course"
    shutil.copytree(course, target)
    return target


def test_course_config_hides_hidden_tests_from_plain_nbgrader(graded, tmp_path):
    course = _copy(graded, tmp_path)
    assert (course / "nbgrader_config.py").is_file(), "grade wrote no nbgrader_config.py"
    hidden = _hidden_lines()
    assert hidden, "no hidden-test lines in the source: the check would be vacuous"
    # control: the autograded notebook (what nbgrader renders feedback from) has them all
    autograded = read_notebook(course / "autograded" / "perfect" / NAME / f"{NAME}.ipynb")
    lines = {line.strip() for cell in autograded.cells for line in cell.source.splitlines()}
    assert hidden <= lines, "the autograded notebook lacks the hidden tests"
    feedback = course / "feedback" / "perfect" / NAME / f"{NAME}.html"
    feedback.unlink()
    start = time.perf_counter()
    result = subprocess.run(["nbgrader", "generate_feedback", "--force", NAME],
                            cwd=course, env=_env(), capture_output=True, text=True, timeout=300)
    TIMINGS["plain nbgrader generate_feedback (2 students)"] = time.perf_counter() - start
    assert result.returncode == 0, result.stdout + result.stderr
    assert feedback.is_file(), "plain nbgrader wrote no feedback"
    assert not _leaks(feedback), f"plain nbgrader feedback shows hidden tests: {_leaks(feedback)[:3]}"
    page = feedback.read_text(encoding="utf-8")
    loaded = re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"]*)"', page)
    remote = [url for url in loaded if "://" in url or url.startswith("//")]
    assert not remote, f"feedback loads from the network: {remote}"
    assert 'src="../../_static/mathjax/MathJax.js' in page, "feedback does not load local MathJax"
    assert (course / "feedback" / "_static" / "mathjax" / "MathJax.js").is_file()


def test_roster_names_and_table_notes(graded):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}", COURSE_ID) as gradebook:
        names = {s.id: (s.first_name, s.last_name) for s in gradebook.students}
    assert names == sample_class.NAMES, f"gradebook names {names}"
    from autograder.course import Course
    from autograder.grade.report import grade_table
    table = grade_table(Course(graded), [NAME])
    auto, written = _points()
    assert written > 0, "01_neuron has no written answers: the check would be vacuous"
    rows = {line.split()[0]: line for line in table.splitlines() if line.strip()}
    assert re.search(rf"\b0 \(late -{auto:g}\)", rows["late"]), rows["late"]
    assert rows["perfect"].split()[-1] == f"{written:g}", rows["perfect"]
    assert f"awaiting manual: {2 * written:g} points" in table, table


def test_bad_roster_rows_are_reported_not_fatal(tmp_path):
    path = tmp_path / "students.csv"
    path.write_text("id,first_name,last_name,email\nann,Ann,Lee,a@x.org\n,No,Id,\n"
                    "ann,Ann,Again,\nbob,Bob,,\n")
    students, problems = roster.read_roster(path)
    assert list(students) == ["ann", "bob"], students
    assert students["bob"] == {"first_name": "Bob", "last_name": None, "email": None}
    assert [why for _, why in problems] == ["roster row without an id",
                                            "duplicate roster id 'ann'"], problems
    (tmp_path / "bad.csv").write_text("name,email\nx,y\n")
    students, problems = roster.read_roster(tmp_path / "bad.csv")
    assert students == {} and "no 'id' column" in problems[0][1], problems


# ------------------------------------------------------------------ the browser test

def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(graded, tmp_path):
    course = _copy(graded, tmp_path)
    port, token = _free_port(), secrets.token_hex(16)
    env = _env()
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "jupyter_config")  # no personal config
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "jupyter_runtime")
    log = open(tmp_path / "server.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root", "--ip=127.0.0.1",
         f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={course}"],
        cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:  # wait until the server answers (or died, or the deadline passed)
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.close()
                pytest.fail("jupyter server did not start:\n"
                            + (tmp_path / "server.log").read_text()[-3000:])
            time.sleep(0.25)
    yield {"base": base, "token": token, "course": course}
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver must be installed in CI (.ci/run)")
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,1000", "--allow-file-access-from-files",
                 # nothing but 127.0.0.1 resolves: the page cannot reach any network
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    # and no https request at all (the local server speaks http)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": [
        "https://*"]})
    yield driver
    driver.quit()


def _shot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / name))


def _wait_math(driver, wait, local):
    """Formulas typeset by MathJax: its elements exist, no processing error shows, and
    MathJax.js came from ``local`` (a URL prefix: the course's copy or the server itself)."""
    wait.until(lambda d: d.execute_script(
        "return document.querySelectorAll('.MathJax, mjx-container, .MathJax_Display').length"))
    assert not driver.find_elements("css selector", ".MathJax_Error, merror"), "MathJax error"
    assert "Math Processing Error" not in driver.find_element("tag name", "body").text
    sources = driver.execute_script(
        "return Array.from(document.scripts, s => s.src).filter(s => s.includes('MathJax.js'))")
    assert sources and all(src.startswith(local) for src in sources), \
        f"MathJax.js loaded from {sources}, expected under {local}"


def test_formgrader_in_a_real_browser(server, browser):
    from nbgrader.api import Gradebook
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    start = time.perf_counter()
    base, course, driver = server["base"], server["course"], browser
    wait = WebDriverWait(driver, 60)
    db_url = f"sqlite:///{course / 'gradebook.db'}"

    # 1. the assignment list
    driver.get(f"{base}/formgrader/manage_assignments?token={server['token']}")
    row = wait.until(ec.presence_of_element_located(
        (By.XPATH, f"//tr[td[contains(., '{NAME}')]]")))
    wait.until(lambda d: row.find_elements(By.CSS_SELECTOR, ".generate-feedback a"))
    assert "2" in row.find_element(By.CSS_SELECTOR, ".num-submissions").text, row.text
    _shot(driver, "01_assignments.png")

    # 2. the gradebook of the notebook: students by their roster names
    driver.get(f"{base}/formgrader/gradebook/{NAME}/{NAME}")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "a.name-hidden"))
    wait.until(ec.element_to_be_clickable((By.ID, "toggle_names"))).click()  # "Show All Names"
    link = wait.until(ec.element_to_be_clickable(
        (By.XPATH, "//a[contains(@class, 'name-shown') and contains(., 'Lovelace, Ada')]")))
    page = driver.find_element(By.TAG_NAME, "body").text
    assert "Noether, Emmy" in page and "None, None" not in page, page
    _shot(driver, "02_gradebook.png")

    # 3. Ada's (perfect) grading page. nbgrader's formgrade.js fills it from the API: an
    # autograded score is the score input's placeholder (its value is the manual override);
    # a written answer's input is marked needs_manual_grade. Ready when grades, comments and
    # MathJax (from the server's jupyter-server-mathjax, the network is blocked) are loaded.
    link.click()
    wait.until(lambda d: d.execute_script(
        "return window.formgrader !== undefined && formgrader.loaded === true"
        " && formgrader.grades.loaded && formgrader.comments.loaded"
        " && window.MathJax !== undefined && MathJax.loaded === true"))
    with Gradebook(db_url, COURSE_ID) as gradebook:
        notebook = gradebook.find_submission_notebook(NAME, NAME, "perfect")
        grades = {g.name: (g.auto_score, g.max_score, g.cell.cell_type) for g in notebook.grades}
    autograded = {name: auto for name, (auto, _, kind) in grades.items() if kind == "code"}
    written = {name: top for name, (_, top, kind) in grades.items() if kind == "markdown"}
    assert autograded and written, f"grades in the gradebook: {grades}"
    assert all(autograded.values()), f"perfect lost autograded points: {autograded}"
    for grade_id, points in autograded.items():
        field = driver.find_element(By.ID, grade_id)
        shown = field.get_attribute("placeholder")
        assert shown and float(shown) == points, \
            f"{grade_id}: the page shows {shown!r} as autograded score, the gradebook {points}"
        assert field.get_attribute("value") == "", f"{grade_id}: a manual score is shown"
    for grade_id, top in written.items():
        field = driver.find_element(By.ID, grade_id)
        assert "needs_manual_grade" in field.get_attribute("class").split(), \
            f"{grade_id}: not marked as needing a manual grade"
        cell = field.find_element(By.XPATH, "ancestor::div[contains(@class, 'nbgrader_cell')]")
        assert f"/ {top:.1f}" in cell.text, f"{grade_id}: no '/ {top:.1f}' in {cell.text[:200]!r}"
    score = driver.find_element(By.ID, "written_relu_vs_sigmoid")
    answer = score.find_element(By.XPATH, "ancestor::div[contains(@class, 'nbgrader_cell')]")
    assert "Student's answer" in answer.text and "vanishing gradient" in answer.text, \
        f"the written answer is not on the grading page: {answer.text[:300]!r}"
    _wait_math(driver, wait, f"{base}/static/jupyter_server_mathjax/MathJax.js")
    # formgrade.js scrolls to its first input once MathJax is done: let that settle first
    wait.until(lambda d: d.execute_script("return !$('html, body').is(':animated')"))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", score)
    _shot(driver, "03_submission.png")

    # 4. a manual score for that written answer, typed and saved through the page (the input's
    # change event saves it); in the gradebook, and shown again after a reload
    score.click()
    score.clear()
    score.send_keys("1.5", Keys.TAB)
    wait.until(lambda d: _manual_score(db_url, "written_relu_vs_sigmoid") == 1.5)
    _shot(driver, "04_manual_score.png")
    driver.refresh()
    wait.until(lambda d: d.execute_script(
        "return window.formgrader !== undefined && formgrader.grades.loaded === true"))
    shown = driver.find_element(By.ID, "written_relu_vs_sigmoid").get_attribute("value")
    assert shown and float(shown) == 1.5, f"after a reload the page shows {shown!r}"

    # 5. feedback generated from the UI (Manage Assignments → generate feedback)
    driver.get(f"{base}/formgrader/manage_assignments")
    feedback = course / "feedback" / "perfect" / NAME / f"{NAME}.html"
    feedback.unlink()
    button = wait.until(ec.element_to_be_clickable(
        (By.XPATH, f"//tr[td[contains(., '{NAME}')]]//td[contains(@class, 'generate-feedback')]/a")))
    button.click()
    modal = WebDriverWait(driver, 300).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, "#success-modal, #error-modal")))
    _shot(driver, "05_feedback_generated.png")
    assert modal.get_attribute("id") == "success-modal", modal.text
    assert feedback.is_file(), "the formgrader wrote no feedback"
    assert not _leaks(feedback), f"formgrader feedback shows hidden tests: {_leaks(feedback)[:3]}"

    # 6. that feedback, opened from disk with the network blocked: formulas render
    local = (course / "feedback" / "_static" / "mathjax" / "MathJax.js").as_uri()
    driver.get(feedback.as_uri())
    _wait_math(driver, wait, local)
    assert "Written response (Score: 1.5 / 2.0)" in driver.find_element(By.TAG_NAME, "body").text, \
        "the manual score is not in the feedback"
    _shot(driver, "06_feedback_math.png")

    # 7. `python -m autograder report` picks up the manual score; report.html renders math
    assert cli.main(["report", str(course)]) == 0
    with open(course / "report" / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    auto, written = _points()
    assert float(rows["perfect"]["score"]) == auto + 1.5, rows["perfect"]
    text = (course / "report" / "report.md").read_text()
    assert f"awaiting manual grading: {2 * written - 2:g} points" in text, text[:600]
    driver.get((course / "report" / "report.html").as_uri())
    _wait_math(driver, wait, local)
    _shot(driver, "07_report_math.png")
    TIMINGS["formgrader browser test"] = time.perf_counter() - start


def _manual_score(db_url, grade_id):
    from nbgrader.api import Gradebook
    with Gradebook(db_url, COURSE_ID) as gradebook:
        return gradebook.find_grade(grade_id, NAME, NAME, "perfect").manual_score
