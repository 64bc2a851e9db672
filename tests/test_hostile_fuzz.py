"""Random command lines over random hostile data files (issue 17, "Keep it so").

Whatever the arguments and the file, a run ends with status 0, 1, 2 or 130, in bounded time,
with no traceback and no `internal error`, and writes no control or format character. CI runs a
few seconds of examples; set SPACETIME_HOSTILE_EXAMPLES (say 2000) for a longer search."""

from __future__ import annotations

import json
import os
import time
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("SPACETIME_HOSTILE_EXAMPLES", "100"))
SECONDS = 15  # per run: far above any honest one on this data

HOSTILE_TEXT = ["\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x9b31m", "\u202eexe.txt", "zero\u200bwidth", "\ufeffBOM",
                "\U000e0041tag", "=HYPERLINK(\"https://evil.example\")", "+1", "-1", "@SUM(A1)", "\tTab", "\rCR",
                "[bold]markup[/]", "💥", "a\x00b", "x" * 400, "Apollo 11", "nasa", "", " ", "'", '"', ",", ";", "|"]
DATES = ["1969-07-20", "1969-07-20T20:17Z", "1957", "1957-10", "2024-02-29", "9999-12-31", "0001-01-01",
         "9999-12-31T23:59-23:59", "0001-01-01T00:00+00:01", "2000-01-01T00:00+00:99", "0000-01-01", "2025-02-30",
         "19690720", "1969-07-20T24:00Z", "\u202e1969", "1" * 5000]
URLS = ["https://example.org/x", "https://example.org/\u202eexe.txt", "javascript:alert(1)", "https://a.example/\x1b]8;;",
        "http://", "=cmd|' /C calc'!A0"]

_text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=12))
_date = st.one_of(st.sampled_from(DATES), st.text(max_size=12), st.integers(-10, 10**30))
_event = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.sampled_from(["a-1", "a-2", "apollo-11-landing", "x", "Bad Id"]), _text),
    "title": _text, "date": _date, "summary": _text, "vehicle": _text, "mission": _text,
    "kind": st.sampled_from(["launch", "landing", "nope", ""]), "crewed": st.one_of(st.booleans(), _text),
    "agencies": st.lists(st.one_of(st.sampled_from(["nasa", "USSR", "esa", "nope"]), _text), max_size=3),
    "tags": st.lists(_text, max_size=2), "crew": st.lists(_text, max_size=2),
    "sources": st.lists(st.one_of(st.sampled_from(URLS), st.fixed_dictionaries({"title": _text, "url": st.sampled_from(URLS)})),
                        max_size=2)})
_json_file = st.one_of(
    st.builds(lambda events: json.dumps({"events": events}, ensure_ascii=False), st.lists(_event, max_size=5)),
    st.builds(lambda events: json.dumps(events), st.lists(_event, max_size=3)),
    st.sampled_from(['{"events": [', "[]", "{}", "null", '{"events": {"a": 1}}', '{"a":' * 3000 + "1" + "}" * 3000]))
_csv_cell = st.one_of(st.sampled_from(HOSTILE_TEXT + DATES), st.text(max_size=8))
_csv_file = st.builds(
    lambda header, rows: "\n".join([",".join(header), *(",".join(row) for row in rows)]) + "\n",
    st.lists(st.sampled_from(["title", "date", "id", "agencies", "sources", "crewed", "tags", "title", "extra", ""]),
             min_size=1, max_size=5),
    st.lists(st.lists(_csv_cell, max_size=6), max_size=5))
_data_file = st.one_of(
    st.tuples(st.just(".json"), _json_file.map(lambda text: text.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".csv"), _csv_file.map(lambda text: text.encode("utf-8", "surrogatepass"))),
    st.tuples(st.sampled_from([".json", ".csv"]), st.binary(max_size=64)))

COMMANDS = ["year", "agency", "missions", "show", "anniversaries", "today", "since", "export", "search", "list",
            "agencies", "stats", "validate", "info"]
OPTIONS = ["--format", "-f", "--date", "--within", "--past", "--every", "--year", "--month", "--agency", "--kind",
           "--crewed", "--uncrewed", "--from", "--to", "--country", "--tag", "--mission", "--sort", "--reverse",
           "--limit", "--by", "--lineage", "--by-mission", "--help", "--no-bundled", "--strict"]
VALUES = ["1969", "1969..1972", "1960s", "0000", "9999", "0001..9999", "2025-07-15", "2025-02-30", "9999-12-31",
          "0001-01-01", "9999-12-31T23:59-23:59", "0", "-1", "366", "367", "100000", "2900000", "9" * 30, "9" * 5000,
          "json", "csv", "ics", "timelinejs", "table", "xml", "NASA", "Soviet", "apollo-11", "a-1", "launch", "decade",
          "agency", "year", "kind", "country", "US", "first", "-", "--", "", "/dev/null", "/nonexistent", *HOSTILE_TEXT]


def _snapshot(folder) -> dict:
    """Every file in the folder with its bytes and modification time: spacetime writes nothing."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def _unsafe(text: str) -> list[str]:
    """Control and format characters, but for line ends and the tab that separates the fields
    of piped output (one record per line, tab-separated)."""
    return [f"U+{ord(c):04X}" for c in text
            if (unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\r\t")]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(command=st.sampled_from(COMMANDS), tokens=st.lists(st.sampled_from(OPTIONS + VALUES), max_size=6),
       data=st.one_of(st.none(), _data_file), twice=st.booleans())
def test_random_runs_over_hostile_files(run, tmp_path, command, tokens, data, twice):
    args = [command, *tokens]
    if data is not None:
        suffix, blob = data
        path = tmp_path / f"hostile{suffix}"
        path.write_bytes(blob)
        args = ["--data", str(path), *(["--data", str(path)] if twice else []), *args]
        if command == "validate":
            args.append(str(path))
    before = _snapshot(tmp_path)
    started = time.monotonic()
    result = run(*args, env={"COLUMNS": "80"})
    elapsed = time.monotonic() - started
    assert _snapshot(tmp_path) == before, "a user's folder or file was changed"
    assert result.exit_code in (0, 1, 2, 130), (args, result.exit_code, result.stderr)
    assert elapsed < SECONDS, (args, elapsed)
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream and "internal error" not in stream, (args, stream[-500:])
        assert _unsafe(stream) == [], (args, _unsafe(stream)[:5])
    if result.exit_code != 0 and not (command == "validate" and result.exit_code == 1):
        assert len(result.stderr.splitlines()) >= 1


# -- no network ---------------------------------------------------------------------------------------------------
_NO_NETWORK = """
import contextlib, io, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(event) if event.startswith(("socket.", "urllib.", "http.")) else None)
from spacetime.cli import app
for args in COMMANDS:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            app(args=args, prog_name="spacetime")
        except SystemExit:
            pass
print(sorted(set(opened)))
"""


def test_no_command_opens_a_socket(write_json):
    import subprocess
    import sys

    path = write_json("club.json", {"events": [{"title": "Club", "date": "1969-07-20",
                                                "sources": ["https://example.org/club"]}]})
    commands = [["year", "1969"], ["--data", str(path), "list", "-f", "json"], ["export", "-f", "ics"],
                ["export", "-f", "timelinejs"], ["show", "apollo-11"], ["search", "first spacewalk"],
                ["anniversaries", "--year", "2027"], ["today"], ["since", "apollo-11"], ["stats"], ["agencies"],
                ["agency", "NASA"], ["missions"], ["info"], ["validate", str(path)], ["--help"]]
    code = f"COMMANDS = {commands!r}\n" + _NO_NETWORK
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
