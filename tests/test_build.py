"""The committed exercises/ and solutions/ are what a fresh build of source/ gives; the build
is deterministic; every solution notebook runs within its time budget on this machine."""

import filecmp
import json
import re

import pytest

from autograder.build import generate as build_mod
from autograder.notebooks import read_notebook
from conftest import ROOT, TIMINGS, built_notebooks

BUDGET_S = 60.0       # a lab notebook runs top to bottom in about a minute on a laptop CPU
FAIL_FACTOR = 2.0     # CI fails only past twice the budget (machines vary)


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("fresh")
    timings = build_mod.build(out, built_notebooks(), execute=True, log=lambda *_: None)
    TIMINGS.update({f"solution {k}": v for k, v in timings.items()})
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "timings.json").write_text(json.dumps(timings, indent=1, sort_keys=True))
    return out, timings


@pytest.mark.kernels
def test_committed_build_matches_a_fresh_build(fresh_build):
    out, _ = fresh_build
    problems = build_mod.differences(out, ROOT, built_notebooks())
    assert not problems, ("generated files are out of date; run `python -m autograder build` "
                          "and commit:\n" + "\n".join(problems))


@pytest.mark.kernels
@pytest.mark.parametrize("name", built_notebooks())
def test_solution_runs_within_budget(fresh_build, name):
    _, timings = fresh_build
    assert timings[name] <= FAIL_FACTOR * BUDGET_S, (
        f"{name} took {timings[name]:.1f} s; budget {BUDGET_S:.0f} s (CI fails past "
        f"{FAIL_FACTOR * BUDGET_S:.0f} s)")


@pytest.mark.kernels
def test_exercise_build_is_byte_identical_twice(tmp_path):
    names = built_notebooks()
    build_mod.build(tmp_path / "a", names, execute=False, log=lambda *_: None)
    build_mod.build(tmp_path / "b", names, execute=False, log=lambda *_: None)
    for name in names:
        comparison = filecmp.dircmp(tmp_path / "a" / "exercises" / name,
                                    tmp_path / "b" / "exercises" / name)
        assert not comparison.diff_files and not comparison.left_only and not comparison.right_only


@pytest.mark.kernels
def test_solution_execution_is_byte_identical_twice(fresh_build, tmp_path):
    out, timings = fresh_build
    name = min(timings, key=timings.get)  # the cheapest notebook proves the machinery
    build_mod.execute_solution(name, tmp_path / name)
    assert (tmp_path / name / f"{name}.ipynb").read_bytes() == \
        (out / "solutions" / name / f"{name}.ipynb").read_bytes()


def test_generated_notebooks_say_they_are_generated():
    for name in built_notebooks():
        solution = read_notebook(ROOT / "solutions" / name / f"{name}.ipynb")
        assert "generated" in solution.cells[0].source and "source/" in solution.cells[0].source
        release = read_notebook(ROOT / "exercises" / name / f"{name}.ipynb")
        note = release.metadata.get("annlab", {}).get("generated", "")
        assert "generated" in note and f"source/{name}/" in note, "no generated note in metadata"


@pytest.mark.parametrize("name", built_notebooks())
def test_student_release_opens_with_a_student_header(name):
    """Students read title, time and points first, and nothing about the course's build."""
    release = read_notebook(ROOT / "exercises" / name / f"{name}.ipynb")
    first = release.cells[0].source
    assert "Time needed" in first and "points for code" in first and "written answers" in first
    total = sum(float(c.metadata["nbgrader"].get("points", 0)) for c in release.cells
                if c.metadata.get("nbgrader", {}).get("grade"))
    stated = [float(x) for x in re.findall(r"\*\*Graded:\*\* ([0-9.]+) points for code .*? and "
                                           r"([0-9.]+) points", first)[0]]
    assert sum(stated) == total, f"header states {stated}, the notebook's cells give {total}"
    for cell in release.cells:
        for word in ("source/", "solutions/", "instructor"):
            assert word not in cell.source, f"the student release mentions {word!r}: {cell.source[:80]}"


@pytest.mark.parametrize("name", built_notebooks())
def test_solutions_have_outputs_and_plots(name):
    nb = read_notebook(ROOT / "solutions" / name / f"{name}.ipynb")
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"], "a solution cell raised"
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot in the solution"


def test_course_contract_document_is_generated_from_the_spec():
    from autograder import spec
    from autograder.build import contract

    text = contract.render()
    assert contract.PATH.read_text() == text, \
        "docs/COURSE_CONTRACT.md is out of date: run `python -m autograder contract`"
    for name, functions in spec.NOTEBOOKS.items():
        assert f"## `{name}`" in text
        for function in functions:
            assert f"| `{function}(" in text, f"{function} is missing from the contract"


def test_helper_copies_are_generated_and_only_in_the_student_release():
    source = ROOT / "source" / "annlab"
    for name in built_notebooks():
        assert not (ROOT / "solutions" / name / "annlab").exists(), \
            "solutions/ run with source/ on the path: no copy of annlab there"
        copy = ROOT / "exercises" / name / "annlab"
        files = sorted(p.name for p in copy.glob("*.py"))
        assert files == sorted(p.name for p in source.glob("*.py"))
        for file in files:
            first, rest = (copy / file).read_text().split("\n", 1)
            assert first.startswith("# GENERATED") and f"source/annlab/{file}" in first
            assert rest == (source / file).read_text(), f"exercises/{name}/annlab/{file} is stale"


def test_release_zips_hold_exactly_the_student_release(tmp_path):
    import zipfile

    from autograder.build import release

    names = built_notebooks()[:2]
    paths = release.write_release(tmp_path, names)
    again = release.write_release(tmp_path / "again", names)
    for name, path, second in zip(names, paths, again):
        assert path.read_bytes() == second.read_bytes(), "release zips are not deterministic"
        with zipfile.ZipFile(path) as archive:
            members = sorted(archive.namelist())
            expected = sorted(f"{name}/{p.relative_to(ROOT / 'exercises' / name).as_posix()}"
                              for p in (ROOT / "exercises" / name).rglob("*")
                              if p.is_file() and "__pycache__" not in p.parts)
            assert members == expected
            assert archive.read(f"{name}/{name}.ipynb") == \
                (ROOT / "exercises" / name / f"{name}.ipynb").read_bytes()
