"""The wheel ships the bundled starter list and the console script, so a plain ``pip install .`` works."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", ".hypothesis", ".pytest_cache",
                                ".ruff_cache", "__pycache__", ".venv", "benchmarks")


def _pip(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "-q"],
                          cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the source tree (so the build leaves nothing in the repository)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    out = work / "dist"
    proc = _pip("wheel", ".", "--no-deps", "-w", str(out), cwd=src)
    if proc.returncode != 0:  # e.g. no index to fetch the build backend from: use the installed one
        proc = _pip("wheel", ".", "--no-deps", "--no-build-isolation", "-w", str(out), cwd=src)
    assert proc.returncode == 0, proc.stderr
    wheels = list(out.glob("screening-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_the_bundled_lists(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "screening/lists/starter.csv" in names
    assert "screening/lists/registry.toml" in names
    assert "screening/__init__.py" in names
    for pkg in ("sources", "normalize", "index", "scoring", "interfaces"):
        assert f"screening/{pkg}/__init__.py" in names


def test_wheel_bundled_starter_is_the_repository_copy(wheel):
    with zipfile.ZipFile(wheel) as z:
        assert z.read("screening/lists/starter.csv") == (ROOT / "lists" / "starter.csv").read_bytes()
        assert z.read("screening/lists/registry.toml") == (ROOT / "lists" / "registry.toml").read_bytes()


def test_wheel_declares_the_console_script(wheel):
    with zipfile.ZipFile(wheel) as z:
        entry = [n for n in z.namelist() if n.endswith(".dist-info/entry_points.txt")]
        assert len(entry) == 1
        parser = configparser.ConfigParser()
        parser.read_string(z.read(entry[0]).decode())
    assert parser["console_scripts"]["screening"].strip() == "screening.interfaces.cli:main"


def test_installed_wheel_finds_the_bundled_list(wheel, tmp_path):
    target = tmp_path / "site"
    proc = _pip("install", "--no-deps", "--no-index", "--target", str(target), str(wheel), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    code = (
        "import screening, sys\n"
        "from screening import Screener\n"
        f"assert screening.__file__.startswith({str(target)!r}), screening.__file__\n"
        "hits = Screener().match('Megvii Tech Ltd')\n"
        "print(hits[0].entity_id)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ofac-cons:33091"
