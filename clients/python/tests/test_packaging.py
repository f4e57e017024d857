"""The package as pip sees it: a standard pyproject.toml, Python 3.10 or later, dependencies
pinned by range, each range holding the exact pin of scripts/requirements.txt."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from harness import ROOT
from packaging.requirements import Requirement

import likeness_client

if sys.version_info >= (3, 11):
    import tomllib
else:
    tomllib = pytest.importorskip("tomli")

PROJECT = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]


def exact_pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "scripts/requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def test_the_distribution() -> None:
    assert PROJECT["name"] == "likeness-client"
    assert PROJECT["requires-python"] == ">=3.10"
    assert PROJECT["scripts"] == {"likeness-gate": "likeness_client.cli:main"}
    assert PROJECT["version"] == likeness_client.__version__


def test_dependencies_are_ranges_holding_the_exact_pins() -> None:
    pins = exact_pins()
    names = set()
    for text in PROJECT["dependencies"]:
        requirement = Requirement(text)
        names.add(requirement.name.lower())
        bounds = {spec.operator for spec in requirement.specifier}
        assert ">=" in bounds and "<" in bounds, f"{text}: a range, bounded both ways"
        assert requirement.specifier.contains(pins[requirement.name.lower()]), f"{text} holds the pin"
    assert names == {"httpx", "c2pa-python", "cryptography"}
