"""The README stays true: its command reference is the commands' own --help."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("readme_help", ROOT / "scripts" / "readme_help.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_command_reference_matches_help():
    module = _module()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.updated(readme) == readme, "run: python scripts/readme_help.py"


def test_readme_mentions_every_command_with_an_example():
    module = _module()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = readme.split(module.START)[0]
    for name in module.command_names():
        assert f"spacetime {name}" in guide, name


def test_readme_documents_the_json_fields():
    from spacetime import records

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for field in (*records.EVENT_FIELDS, "anniversary", "years"):
        assert f"`{field}`" in readme, field


def test_readme_library_example_runs(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The library", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # our own documentation
    out = capsys.readouterr().out
    assert "1969-07-20T20:17Z Apollo 11 lands on the Moon" in out
    assert "56 Apollo 11 lands on the Moon" in out
