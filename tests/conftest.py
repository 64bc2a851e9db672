from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacetime.cli import app
from spacetime.assemble import load


@pytest.fixture(scope="session")
def timeline():
    return load()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """No test reads the developer's own ~/.local/share/spacetime or SPACETIME_DATA."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv("SPACETIME_DATA", raising=False)
    monkeypatch.delenv("SPACETIME_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def run():
    """Invoke the CLI as a user would, with stdout and stderr kept apart."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def write_json(tmp_path):
    def write(name: str, doc) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return write


@pytest.fixture
def data_copy(tmp_path):
    """A copy of the bundled data folder, to damage or to give a snapshot."""
    import shutil

    from spacetime.paths import bundled_dir

    target = tmp_path / "data"
    shutil.copytree(bundled_dir(), target)
    return target
