"""autograder.grade.collect: every submission layout reports the same problems the same way."""

import pytest

from autograder.build.release import zip_bytes
from autograder.grade import collect

NAME = "01_neuron"
SMALL = b'{"cells": []}'
BIG = b"x" * 2048


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(collect, "MAX_FILE_BYTES", 1024)


def _layouts(tmp_path):
    nbgrader = tmp_path / "course" / "submitted"
    for student, data in (("alice", SMALL), ("bob", BIG)):
        (nbgrader / student / NAME).mkdir(parents=True)
        (nbgrader / student / NAME / f"{NAME}.ipynb").write_bytes(data)
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / f"alice_{NAME}.ipynb").write_bytes(SMALL)
    (flat / f"bob_{NAME}.ipynb").write_bytes(BIG)
    archive = tmp_path / "class.zip"
    archive.write_bytes(zip_bytes({f"alice_{NAME}.ipynb": SMALL, f"bob_{NAME}.ipynb": BIG}))
    return {"nbgrader": tmp_path / "course", "flat folder": flat, "zip": archive}


def test_oversized_files_are_reported_in_every_layout(small_limit, tmp_path):
    for layout, path in _layouts(tmp_path).items():
        submissions, problems = collect.collect(path, [NAME])
        graded = {s.student: s.files for s in submissions}
        assert graded["alice"] == {f"{NAME}.ipynb": SMALL}, layout
        assert not graded.get("bob"), f"{layout}: the oversized file was kept"
        reported = [(where, why) for where, why in problems if "bob" in where]
        assert len(reported) == 1, f"{layout}: oversized file not reported: {problems}"
        assert "too large" in reported[0][1] and "limit" in reported[0][1], layout


def test_files_within_the_limit_are_not_problems(tmp_path):
    for layout, path in _layouts(tmp_path).items():
        submissions, problems = collect.collect(path, [NAME])
        assert not problems, f"{layout}: {problems}"
        assert {s.student for s in submissions} == {"alice", "bob"}
