"""Hostile data, malformed files, odd terminals and random command lines: one clear line and a
sensible exit code, never a traceback, never an escape sequence from the data on the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = {
    "markup": "[bold red]x[/] [link=https://evil.example]click[/link]",
    "csi": "Red \x1b[31malert\x1b[0m text",
    "osc": "Title \x1b]0;pwned\x07 with OSC \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "c1": "Eight-bit \x9b31m CSI",
    "bell": "Bell \x07 and backspace \x08 and NUL \x00",
}


@pytest.fixture
def hostile_file(write_json):
    events = [{"id": f"hostile-{k}", "title": v, "date": "1969-07-20", "summary": v, "tags": ["x"],
               "aliases": [v], "crew": [v], "vehicle": v, "sources": [{"title": v, "url": "https://example.org/x"}]}
              for k, v in HOSTILE.items()]
    return write_json("hostile.json", {"events": events})


def _no_controls(text: str) -> None:
    bad = [c for c in text if (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) <= 0x9F]
    assert not bad, repr(bad[:5])


FORMAT_RUNS = [["year", "1969"], ["year", "1969", "-f", "csv"], ["year", "1969", "-f", "json"], ["export", "-f", "ics"],
               ["export", "-f", "timelinejs"], ["show", "hostile-osc"], ["search", "Bell"], ["since", "hostile-csi"],
               ["today", "--date", "2025-07-20"], ["anniversaries", "--date", "2025-07-20", "--within", "0"]]


@pytest.mark.parametrize("args", FORMAT_RUNS, ids=lambda a: " ".join(a))
def test_escape_sequences_never_reach_the_terminal(run, hostile_file, args):
    result = run("--no-bundled", "--data", str(hostile_file), *args, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    _no_controls(result.stdout)
    _no_controls(result.stderr)


def test_markup_is_shown_as_typed(run, hostile_file):
    result = run("--no-bundled", "--data", str(hostile_file), "show", "hostile-markup")
    assert "[bold red]x[/] [link=https://evil.example]click[/link]" in result.stdout


def test_json_keeps_the_data_but_escapes_controls(run, hostile_file):
    result = run("--no-bundled", "--data", str(hostile_file), "list", "-f", "json")
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["hostile-csi"]["title"] == HOSTILE["csi"]
    assert "\\u001b" in result.stdout and "\\u009b" in result.stdout


def test_control_characters_in_a_url_are_refused(run, write_json):
    path = write_json("u.json", {"events": [{"title": "x", "date": "2000", "sources": ["https://a.example/\u001b]8;;"]}]})
    result = run("--data", str(path), "list")
    assert result.exit_code == 1 and "not an http(s) URL" in result.stderr


# -- malformed files -----------------------------------------------------------------------------------
MALFORMED = {
    "duplicate-keys.json": b'{"events": [{"title": "a", "title": "b", "date": "2000"}]}',
    "raw-control-char.json": b'{"events": [{"title": "a\x1b[31m", "date": "2000"}]}',
    "bom-then-garbage.json": b"\xef\xbb\xbf{oops",
    "huge-title.json": json.dumps({"events": [{"title": "x" * 100_000, "date": "2000"}]}).encode(),
    "infinity.json": b'{"events": [{"title": "a", "date": Infinity}]}',
    "list-of-numbers.json": b"[1, 2, 3]",
    "null.json": b"null",
    "deep-objects.json": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "latin1.csv": "title,date\ncaf\xe9,2000\n".encode("latin-1"),
    "csv-no-date.csv": b"title\nx\n",
    "binary.json": bytes(range(256)),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files_get_one_line_and_exit_1(run, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(MALFORMED[name])
    result = run("--data", str(path), "list")
    assert result.exit_code == 1, (name, result.stdout[:200], result.stderr)
    assert len(result.stderr.splitlines()) == 1
    assert str(path) in result.stderr


def test_bom_with_valid_json_is_fine(run, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"events": [{"title": "With BOM", "date": "2001-02-03"}]}).encode())
    result = run("--data", str(path), "year", "2001", "-f", "json")
    assert result.exit_code == 0 and "With BOM" in result.stdout


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
_event_like = st.fixed_dictionaries({}, optional={
    "title": _json_values, "date": st.one_of(_json_values, st.sampled_from(["1969-07-20", "2025-02-30", "1969"])),
    "id": _json_values, "kind": _json_values, "agencies": _json_values, "sources": _json_values, "crewed": _json_values,
    "tags": _json_values, "mission": _json_values})


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(st.one_of(_json_values, st.fixed_dictionaries({"events": st.lists(_event_like, max_size=4)}),
                 st.fixed_dictionaries({}, optional={"events": _json_values, "agencies": _json_values,
                                                     "missions": _json_values, "dataset": _json_values})))
def test_generated_datasets_never_crash(run, tmp_path, doc):
    path = tmp_path / "gen.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run("--data", str(path), "year", "1969", "-f", "json", env={"SPACETIME_DEBUG": "1"})
    assert result.exit_code in (0, 1)
    if result.exit_code == 1:
        assert len(result.stderr.splitlines()) == 1 and str(path) in result.stderr
    else:
        json.loads(result.stdout)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(run, tmp_path, blob):
    path = tmp_path / "blob.json"
    path.write_bytes(blob)
    result = run("--data", str(path), "list", "-f", "json", env={"SPACETIME_DEBUG": "1"})
    assert result.exit_code in (0, 1)


# -- random command lines ------------------------------------------------------------------------------
COMMANDS = ["year", "agency", "missions", "show", "anniversaries", "today", "since", "export", "search", "list",
             "agencies", "stats", "validate", "info"]
OPTIONS = ["--format", "-f", "--date", "--within", "--past", "--every", "--year", "--month", "--agency", "--kind",
           "--crewed", "--uncrewed", "--from", "--to", "--country", "--tag", "--mission", "--sort", "--reverse",
           "--limit", "--by", "--lineage", "--by-mission", "--help", "--data", "--no-bundled", "--strict"]
JUNK = ["", " ", "1969", "1969..1972", "1975..1969", "1960s", "19x9", "2025-02-30", "2025-07-15", "9999999999999999999",
        "-1", "0", "25", "NASA", "nasaa", "Soviet", "json", "csv", "ics", "timelinejs", "xml", "table", "apollo-11",
        "Apollo 11", "ASTP", "decade", "agency", "kind", "nope", "--", "-", "\x1b[31m", "[bold]x", "💥", "/nonexistent",
        "1957-10", "2100-12-31", "0000-01-01", "launch", "lunch", "SU", "first"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(COMMANDS + OPTIONS + JUNK), min_size=0, max_size=6), st.sampled_from(COMMANDS))
def test_random_command_lines_exit_0_1_or_2(run, tokens, command):
    args = [command, *tokens] if tokens[:1] != ["--data"] else tokens
    result = run(*args, env={"SPACETIME_DEBUG": "1", "COLUMNS": "60"})
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr


# -- odd environments, as real processes -------------------------------------------------------------------
def _spacetime(*args: str, env: dict[str, str | None] | None = None, **kwargs):
    full = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    return subprocess.run([sys.executable, "-m", "spacetime", *args], env=full, capture_output=True, **kwargs)


@pytest.mark.parametrize("env", [{"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}, {"TERM": "dumb"},
                                 {"NO_COLOR": "1"}, {"COLUMNS": "20"}, {"COLUMNS": "300"}, {"HOME": None},
                                 {"HOME": "/nonexistent/home", "XDG_DATA_HOME": None}],
                         ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
@pytest.mark.parametrize("args", [["year", "1961"], ["show", "Chang'e 4"], ["agencies"], ["stats"]], ids=" ".join)
def test_odd_environments(env, args):
    result = _spacetime(*args, env=env, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    if env.get("PYTHONIOENCODING") == "ascii":
        result.stdout.decode("ascii")  # non-ASCII degraded, not crashed


def test_piped_into_head_has_no_broken_pipe_error():
    proc = subprocess.Popen([sys.executable, "-m", "spacetime", "list", "-f", "csv"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert proc.returncode in (0, 1)
