"""The wheel carries the dataset: build it, unpack it away from the source tree, and run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel needs the test extras (hatchling)")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    (path,) = out.glob("spacetime-*.whl")
    return path


def test_wheel_contains_the_dataset(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"spacetime/data/dataset.json", "spacetime/data/agencies.json", "spacetime/data/spacetime.schema.json"}
    assert expected <= names
    events = {n for n in names if n.startswith("spacetime/data/events/") and n.endswith(".json")}
    source = {f"spacetime/data/events/{p.name}" for p in (ROOT / "data" / "events").glob("*.json")}
    assert events == source and events


def test_unpacked_wheel_runs_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import spacetime.cli as c; "
            "assert c.__file__.startswith(sys.argv[1]), c.__file__; sys.argv = ['spacetime', 'year', '1969', '--format', 'json']; c.main()")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-I", "-c", code, str(site)], cwd=elsewhere, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "apollo-11-landing" in {row["id"] for row in json.loads(result.stdout)}


def test_console_script_runs_from_another_directory(tmp_path):
    exe = shutil.which("spacetime", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        pytest.skip("the spacetime console script is not installed in this environment")
    result = subprocess.run([exe, "show", "Progress 92", "--date", "2025-07-04"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "2025-07-03 19:32:40 UTC" in result.stdout


def test_python_dash_m_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "spacetime", "year", "1957", "--format", "csv"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("sputnik-1-launch,")
