"""What leaves the program (issue 17): no invisible or formula-starting text, one line and a
non-zero status when stdout is closed or failing, a quiet 0 when the reader stops early, 130
and no traceback for Ctrl-C at any point, bounded work, and a library that checks its types."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
import unicodedata
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

INVISIBLE = "\u202e\u200b\u2066\ufeff\u00ad\U000e0041"  # bidi override and isolate, zero-width, BOM, soft hyphen, tag


def _format_chars(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cf"]


@pytest.fixture
def invisible_file(write_json):
    text = f"Evil{INVISIBLE}txt.exe"
    events = [{"id": "invisible-1", "title": text, "date": "1969-07-20", "summary": text, "tags": ["x"], "aliases": [text],
               "crew": [text], "vehicle": text, "site": text, "mission": text,
               "sources": [{"title": text, "url": "https://example.org/x"}]}]
    return write_json("invisible.json", {"agencies": [{"id": "inv", "name": text, "abbreviation": f"I{INVISIBLE}V"}],
                                          "events": [{**events[0], "agencies": ["inv"]}]})


FORMATS = [["year", "1969"], ["year", "1969", "-f", "csv"], ["year", "1969", "-f", "json"], ["export", "-f", "ics"],
           ["export", "-f", "timelinejs"], ["show", "invisible-1"], ["show", "invisible-1", "-f", "json"],
           ["search", "Evil"], ["since", "invisible-1"], ["today", "--date", "2025-07-20"], ["agencies"],
           ["agencies", "-f", "csv"], ["agency", "inv"], ["missions", "-f", "csv"], ["info"],
           ["anniversaries", "--date", "2025-07-20", "--within", "0", "-f", "csv"]]


@pytest.mark.parametrize("args", FORMATS, ids=" ".join)
def test_format_characters_never_reach_the_output(run, invisible_file, args):
    result = run("--no-bundled", "--data", str(invisible_file), *args, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    assert "Evil" in result.stdout or args[0] == "info"
    assert _format_chars(result.stdout) == [] and _format_chars(result.stderr) == []


def test_json_keeps_format_characters_as_escapes(run, invisible_file):
    result = run("--no-bundled", "--data", str(invisible_file), "list", "-f", "json")
    assert "\\u202e" in result.stdout and "\\udb40\\udc41" in result.stdout
    assert json.loads(result.stdout)[0]["title"] == f"Evil{INVISIBLE}txt.exe"


def test_the_pattern_covers_every_format_character_of_this_python():
    import re

    from spacetime.chars import FORMAT

    pattern = re.compile(f"[{FORMAT}]")
    missing = [hex(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf" and not pattern.match(chr(c))]
    assert missing == []


@pytest.mark.parametrize("big", [False, True], ids=["careful", "fast path"])
def test_format_characters_in_a_url_are_refused(run, tmp_path, big):
    from spacetime import loader

    filler = [{"id": f"e-{i}", "title": f"Event {i}", "date": "2000-01-01", "sources": [{"title": "S", "url": f"https://e.org/{i}"}]}
              for i in range(4000 if big else 0)]
    bad = {"id": "bad", "title": "Bad", "date": "2000-01-01", "sources": [{"title": "S", "url": "https://example.org/\u202eexe.txt"}]}
    path = tmp_path / "u.json"
    path.write_text(json.dumps({"events": [*filler, bad]}), encoding="utf-8")
    assert (path.stat().st_size >= loader.FAST_PATH_BYTES) == big
    result = run("--data", str(path), "list")
    assert result.exit_code == 1 and "not an http(s) URL" in result.stderr


# -- CSV injection ----------------------------------------------------------------------------------------------
FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "'=already quoted", "''+two quotes"]


@pytest.fixture
def formula_file(write_json):
    events = [{"id": f"f-{i}", "title": text, "date": "1969-07-20", "summary": text, "agencies": [f"f-agency-{i}"],
               "tags": [text], "crew": [text], "vehicle": text, "site": text, "mission": text}
              for i, text in enumerate(FORMULAS)]
    agencies = [{"id": f"f-agency-{i}", "name": text, "abbreviation": text} for i, text in enumerate(FORMULAS)]
    return write_json("formulas.json", {"agencies": agencies, "events": events})


CSV_RUNS = [["list"], ["year", "1969"], ["missions"], ["agencies"], ["search", "SUM"], ["stats", "--by", "agency"],
            ["anniversaries", "--date", "2025-07-20", "--within", "0"], ["export"], ["show", "f-0"]]


@pytest.mark.parametrize("args", CSV_RUNS, ids=" ".join)
def test_no_csv_cell_starts_like_a_formula(run, formula_file, args):
    result = run("--no-bundled", "--data", str(formula_file), *args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (cell, row)


def test_neutralised_csv_reads_back_exactly(run, formula_file, tmp_path):
    exported = run("--no-bundled", "--data", str(formula_file), "export", "-f", "csv")
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    drop = rows[0].index("agencies")  # (the agencies were declared in the JSON file only)
    back = tmp_path / "back.csv"
    with back.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([cell for i, cell in enumerate(row) if i != drop] for row in rows)
    rows = json.loads(run("--no-bundled", "--data", str(back), "list", "-f", "json").stdout)
    assert sorted(r["title"] for r in rows) == sorted(FORMULAS)
    assert sorted(r["summary"] for r in rows) == sorted(FORMULAS)


def test_neutralise():
    from spacetime.render.plain import neutralise

    assert [neutralise(c) for c in ("=1", "+1", "-1", "@a", "\t1", "\r1", "'=1", "a=1", "'a", "")] == [
        "'=1", "'+1", "'-1", "'@a", "'\t1", "'\r1", "''=1", "a=1", "'a", ""]


# -- the user's own text ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("query", ["zzqx\x1b[31mred\x1b]0;title\x07", "zzqx\u202egnp.exe", "apollo \x1b[2J\u200b"])
def test_a_query_is_cleaned_like_data(run, query, fmt):
    result = run("search", query, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream and _format_chars(stream) == []


def test_a_huge_value_in_a_usage_error_stays_one_readable_line(run):
    result = run("list", "--limit", "9" * 5000)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and len(result.stderr) < 400


# -- bounded work -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["anniversaries", "--within", "100000"], ["anniversaries", "--within", "2900000"],
                                  ["anniversaries", "--past", "100000"], ["anniversaries", "--within", "367"],
                                  ["anniversaries", "--every", "100000"], ["anniversaries", "--year", "2027", "--every", "0"],
                                  ["search", "apollo " * 200], ["show", "a" * 100_000], ["since", "x" * 5000],
                                  ["list", "--mission", "m" * 5000], ["agency", "N" * 5000]],
                         ids=lambda a: " ".join(x[:20] for x in a))
def test_options_that_multiply_work_have_limits(run, args):
    started = time.monotonic()
    result = run(*args, "--date", "2025-07-15") if args[0] == "anniversaries" and "--year" not in args else run(*args)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and len(result.stderr) < 400


@pytest.mark.parametrize("args", [["year", "1969..10000"], ["year", "0000..1969"], ["year", "0001..99999"],
                                  ["launches", "1957..10000"], ["list", "--year", "0001..10000"],
                                  ["stats", "--by", "year", "--year", "0..9999"], ["anniversaries", "--year", "10000"],
                                  ["anniversaries", "--month", "10000-01"], ["list", "--to", "10000-01-01"]],
                         ids=" ".join)
def test_year_ranges_stay_within_0001_to_9999(run, args):
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and ("year" in result.stderr.lower() or "date" in result.stderr.lower())


@pytest.mark.parametrize("args", [["year", "0001..9999"], ["launches", "0001..9999"], ["stats", "--by", "year", "--year", "0001..9999"],
                                  ["anniversaries", "--year", "9999", "--every", "1"], ["list", "--from", "0001", "--to", "9999"]],
                         ids=" ".join)
def test_the_widest_year_ranges_take_time_in_proportion_to_the_data(run, args):
    started = time.monotonic()
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started < 10 and len(result.stdout) < 50_000_000


def test_the_largest_allowed_window_is_fine(run):
    result = run("anniversaries", "--date", "2025-07-15", "--within", "366", "--past", "366", "-f", "json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) > 700


def test_window_limits_in_the_library(timeline):
    from spacetime.anniversaries import in_window
    from spacetime.errors import UsageError

    with pytest.raises(UsageError):
        in_window(timeline.events, date(2025, 7, 15), within=367)
    with pytest.raises(UsageError):
        in_window(timeline.events, date(2025, 7, 15), past=10**9)
    assert in_window(timeline.events, date(2025, 7, 20), within=0)


# -- the library API ----------------------------------------------------------------------------------------------
def test_load_takes_a_single_path(write_json):
    import spacetime

    path = write_json("club.json", {"events": [{"id": "club-1", "title": "Club", "date": "2001"}]})
    for given in (str(path), path):
        assert spacetime.load(given, bundled=False).get("club-1").title == "Club"
    assert spacetime.load([path], bundled=False).get("club-1").title == "Club"


@pytest.mark.parametrize("paths, bundled", [(42, True), (b"club.json", True), ([None], True), ([1, 2], True), ((), "yes")])
def test_load_rejects_wrong_types(paths, bundled):
    import spacetime

    with pytest.raises(TypeError) as info:
        spacetime.load(paths, bundled=bundled)
    assert "spacetime.load" in str(info.value)


@pytest.mark.parametrize("call", ["get", "find", "search", "agency", "by_agency"])
@pytest.mark.parametrize("value", [None, 42, ["Apollo 11"]])
def test_lookups_reject_what_is_not_text(timeline, call, value):
    from spacetime.search import search

    with pytest.raises(TypeError) as info:
        search(timeline, value) if call == "search" else getattr(timeline, call)(value)
    assert "must be text" in str(info.value)


def test_other_arguments_of_the_wrong_type(timeline):
    with pytest.raises(TypeError):
        timeline.in_years("1969")
    from spacetime.anniversaries import in_window

    with pytest.raises(TypeError):
        in_window(timeline.events, "2025-07-20")
    with pytest.raises(TypeError):
        in_window(timeline.events, date(2025, 7, 20), within="3")


# -- closed, failing and early-closing outputs, as real processes ------------------------------------------------------
OUTPUTS = [["year", "1969"], ["year", "1969", "-f", "json"], ["year", "1969", "-f", "csv"], ["export", "-f", "ics"],
           ["export", "-f", "timelinejs"], ["today", "--date", "2025-07-20"], ["info"], ["info", "-f", "json"],
           ["show", "apollo-11", "-f", "json"], ["since", "apollo-11"], ["list", "-f", "json"], ["--help"], ["--version"]]


def _spacetime(args, **kwargs):
    env = {k: v for k, v in os.environ.items() if k not in ("SPACETIME_DATA", "SPACETIME_DEBUG")}
    return subprocess.run([sys.executable, "-m", "spacetime", *args], capture_output=kwargs.pop("capture_output", True),
                          env=env, timeout=60, **kwargs)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
@pytest.mark.parametrize("args", OUTPUTS, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_1(args):
    env = {k: v for k, v in os.environ.items() if k not in ("SPACETIME_DATA", "SPACETIME_DEBUG")}
    result = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "spacetime", *args],
                            stderr=subprocess.PIPE, env=env, timeout=60, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr == "spacetime: cannot write the output: Bad file descriptor\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", OUTPUTS[:6], ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(args):
    with open("/dev/full", "w") as full:
        result = _spacetime(args, stdout=full, stderr=subprocess.PIPE, capture_output=False, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr == "spacetime: cannot write the output: No space left on device\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
@pytest.mark.parametrize("args", [*OUTPUTS, ["validate", str(ROOT / "data" / "agencies.json")]], ids=" ".join)
def test_a_reader_that_went_away_means_a_quiet_exit_0(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| true` does before we write a byte: every write fails with EPIPE
    try:
        result = _spacetime(args, stdout=write_end, stderr=subprocess.PIPE, capture_output=False)
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


def test_a_reader_that_stops_after_one_line():
    proc = subprocess.Popen([sys.executable, "-m", "spacetime", "list", "-f", "csv"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and err == b""


# -- Ctrl-C at defined moments, from start-up on -------------------------------------------------------------------------
# The console script (pyproject's entry point) is run with an import hook that sends SIGINT to the
# process when the named module starts being imported: a defined point, not a race with a timer.
_INTERRUPT_AT = textwrap.dedent("""
    import os, signal, sys

    point = sys.argv.pop(1)

    class Interrupt:
        def find_spec(self, name, path=None, target=None):
            if name == point:
                sys.meta_path.remove(self)
                os.kill(os.getpid(), signal.SIGINT)
            return None

    sys.meta_path.insert(0, Interrupt())
    module, _, function = sys.argv.pop(1).partition(":")
    import importlib
    sys.exit(getattr(importlib.import_module(module), function)())
""")


def _entry_point() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["scripts"]["spacetime"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("point", ["typer", "typer.core", "rich", "spacetime.cli.browse", "spacetime.timeline", "spacetime.loader",
                                   "spacetime.render", "spacetime.render.table", "dateutil"])
def test_ctrl_c_at_any_point_exits_130_quietly(point, write_json):
    path = write_json("club.json", {"events": [{"title": "Club", "date": "1969-07-20"}]})
    args = ["--data", str(path), "year", "1969"] if point != "dateutil" else ["since", "apollo-11"]
    if point in ("rich", "spacetime.render.table"):
        args += ["--format", "table"]  # piped output is plain lines (issue 16): only a table imports Rich
    env = {k: v for k, v in os.environ.items() if k not in ("SPACETIME_DATA", "SPACETIME_DEBUG")}
    result = subprocess.run([sys.executable, "-c", _INTERRUPT_AT, point, _entry_point(), *args], capture_output=True,
                            env=env, timeout=60, text=True)
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
    assert result.stderr == ""


def test_the_entry_point_installs_the_handler_first():
    """The module the console script imports installs the SIGINT handler before the CLI's imports."""
    module = _entry_point().partition(":")[0]
    code = (f"import signal, sys; import {module}; "
            "assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler; "
            "assert 'typer' not in sys.modules, 'typer imported before the handler'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_ctrl_c_during_a_long_run(tmp_path):
    events = [{"title": f"Event {i}", "date": "1990-01-01"} for i in range(20_000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"events": events}), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "spacetime", "--data", str(big), "list", "-f", "csv"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout.readline()  # it is writing (and soon blocked on the full pipe): interrupt it now
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err == b""
