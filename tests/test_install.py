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


def test_an_installed_today_reads_the_snapshot_without_typer_or_pathlib(wheel, tmp_path):
    """The shell start-up line from an installed wheel: the same lines as the CLI, from the
    snapshot (the loader is not imported), with neither Typer nor pathlib imported."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    args = "['spacetime', 'today', '--date', '2025-07-20']"
    quick = ("import sys; sys.path.insert(0, sys.argv[1]); sys.argv = " + args + "; "
             "from spacetime.__main__ import main; main(); "
             "sys.stderr.write(' '.join(m for m in ('typer', 'pathlib', 'spacetime.loader') if m in sys.modules))")
    full = ("import sys; sys.path.insert(0, sys.argv[1]); sys.argv = " + args + "; "
            "from spacetime.cli import main; main()")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SPACETIME_DATA")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    results = [subprocess.run([sys.executable, "-I", "-c", code, str(site)], cwd=tmp_path, capture_output=True, text=True,
                              env=env) for code in (quick, full)]
    assert [r.returncode for r in results] == [0, 0], results[1].stderr
    assert results[0].stdout == results[1].stdout and "Apollo 11 lands on the Moon" in results[0].stdout
    assert results[0].stderr == ""
