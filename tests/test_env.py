"""One source for the pins: environment.yml is generated from requirements.txt."""

import re

import tomllib

from autograder.build import envfile
from conftest import ROOT


def test_environment_yml_is_generated_from_requirements():
    wanted = envfile.render((ROOT / "requirements.txt").read_text())
    assert (ROOT / "environment.yml").read_text() == wanted, \
        "environment.yml is out of date: run `python -m autograder env`"


def test_every_requirement_is_pinned_and_explained():
    for requirement, comment in envfile.parse((ROOT / "requirements.txt").read_text()):
        assert re.fullmatch(r"[A-Za-z0-9_.\[\]-]+==[0-9][0-9a-z.]*", requirement), requirement
        assert comment, f"{requirement}: say why it is needed"


def test_pyproject_dependencies_are_all_pinned_in_requirements():
    pinned = {re.split(r"[=<>\[]", r)[0].lower().replace("_", "-")
              for r, _ in envfile.parse((ROOT / "requirements.txt").read_text())}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for dependency in project["dependencies"]:
        name = re.split(r"[=<>\[ ]", dependency)[0].lower().replace("_", "-")
        assert name in pinned, f"{name} is a dependency but has no pin in requirements.txt"
