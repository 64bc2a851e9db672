"""User datasets: loading, merging, validation, and every kind of bad file."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import spacetime
from spacetime.errors import DatasetError
from spacetime.loader import Parsed, _parse_event
from spacetime.schema import json_schema


def test_user_json_and_csv_join_the_timeline(run, write_json, tmp_path):
    club = write_json("club.json", {
        "agencies": [{"id": "club", "abbreviation": "RRC", "name": "Riverside Rocketry Club", "country": "GB"}],
        "events": [{"title": "Club rocket 7 reaches 2 km", "date": "1969-08-02", "agencies": ["club"], "kind": "launch"}]})
    csv_path = tmp_path / "more.csv"
    csv_path.write_text("\ufefftitle,date,agencies,tags,sources\n"
                        "Teacher's Moon night,1969-07-21,nasa;Soviet,moon;school,https://example.org/moon\n", encoding="utf-8")
    rows = json.loads(run("--data", str(club), "--data", str(csv_path), "year", "1969", "-f", "json").stdout)
    titles = {r["title"]: r for r in rows}
    assert "Club rocket 7 reaches 2 km" in titles and "Apollo 11 lands on the Moon" in titles
    moon = titles["Teacher's Moon night"]
    assert moon["agencies"] == ["nasa", "soviet"] and moon["tags"] == ["moon", "school"]
    assert moon["kind"] == "event" and moon["id"]
    assert moon["sources"] == [{"title": "https://example.org/moon", "url": "https://example.org/moon"}]
    agency = json.loads(run("--data", str(club), "agency", "RRC", "-f", "json").stdout)
    assert agency["events"] == 1
    found = json.loads(run("--data", str(csv_path), "search", "Moon night", "-f", "json").stdout)
    assert found[0]["title"] == "Teacher's Moon night"
    ann = json.loads(run("--data", str(club), "anniversaries", "--date", "2025-08-01", "--within", "2", "-f", "json").stdout)
    assert any(r["title"] == "Club rocket 7 reaches 2 km" and r["years"] == 56 for r in ann)


def test_environment_variable_and_user_folder(run, write_json, tmp_path, monkeypatch):
    a = write_json("a.json", {"events": [{"title": "From env", "date": "1999-01-01"}]})
    folder = tmp_path / "xdg" / "spacetime"
    folder.mkdir(parents=True)
    (folder / "b.json").write_text(json.dumps({"events": [{"title": "From folder", "date": "1999-02-01"}]}), "utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    rows = json.loads(run("year", "1999", "-f", "json", env={"SPACETIME_DATA": str(a)}).stdout)
    titles = {r["title"] for r in rows}
    assert {"From env", "From folder"} <= titles
    info = json.loads(run("info", "-f", "json", env={"SPACETIME_DATA": str(a)}).stdout)
    assert {f["path"] for f in info["files"] if not f["bundled"]} == {str(folder / "b.json"), str(a)}


def test_user_event_replaces_bundled_event_with_same_id(run, write_json):
    path = write_json("fix.json", {"events": [{"id": "apollo-11-landing", "title": "Apollo 11 lands (corrected)",
                                              "date": "1969-07-20T20:17:40Z", "agencies": ["nasa"], "mission": "apollo-11"}]})
    rows = json.loads(run("--data", str(path), "show", "apollo-11", "-f", "json").stdout)["events"]
    (landing,) = [r for r in rows if r["id"] == "apollo-11-landing"]
    assert landing["title"] == "Apollo 11 lands (corrected)"
    shown = run("--data", str(path), "show", "apollo-11-landing").stdout
    assert f"From: {path}" in shown


def test_no_bundled_uses_only_given_files(run, write_json):
    path = write_json("only.json", [{"title": "Lonely", "date": "2001-01-01"}])
    rows = json.loads(run("--no-bundled", "--data", str(path), "list", "-f", "json").stdout)
    assert [r["title"] for r in rows] == ["Lonely"]


def test_validate_reports_every_problem_in_one_pass(run, write_json):
    path = write_json("club.json", {"events": [
        {"title": "Fine", "date": "2024-05-01"},
        {"id": "club-rocket-7", "title": "Bad date", "date": "2025-02-30"},
        {"title": "Bad agency", "date": "2024-06-01", "agencies": ["NASAA"]},
        {"title": 7, "date": "2024-07-01"},
    ]})
    result = run("validate", str(path))
    assert result.exit_code == 1
    problems = result.stdout.splitlines()[:-1]  # the report is on stdout (issue 16), with line numbers
    assert len(problems) == 3, result.stdout
    assert f"{path}:1: event 2 'club-rocket-7': date: '2025-02-30' is not a valid date" in problems
    assert any("unknown agency 'NASAA'" in p for p in problems)
    assert any("event 4: title: expected text, got a number" in p for p in problems)


def test_validate_ok(run, write_json):
    path = write_json("ok.json", {"events": [{"title": "Fine", "date": "2024-05-01", "agencies": ["nasa"]}]})
    result = run("validate", str(path))
    assert result.exit_code == 0 and result.stdout.startswith("OK: 1 file, 1 event")


BAD_FILES = {
    "missing": None,
    "empty.json": b"",
    "not-utf8.json": b'{"events": [{"title": "\xff\xfe", "date": "2000"}]}',
    "truncated.json": b'{"events": [{"title": "x", "date": "2000"',
    "shape.json": b'"just a string"',
    "nan.json": b'{"events": [{"title": NaN, "date": "2000"}]}',
    "number-title.json": b'{"events": [{"title": 12, "date": "2000"}]}',
    "impossible-date.json": b'{"events": [{"title": "x", "date": "2025-02-30"}]}',
    "unknown-agency.json": b'{"events": [{"title": "x", "date": "2000", "agencies": ["nope"]}]}',
    "duplicate-ids.json": b'{"events": [{"id": "a", "title": "x", "date": "2000"}, {"id": "a", "title": "y", "date": "2001"}]}',
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "events-not-list.json": b'{"events": {"title": "x"}}',
    "bad.csv": b"name,when\nx,2000\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_gets_one_clear_line_and_exit_1(run, tmp_path, name):
    path = tmp_path / name
    if BAD_FILES[name] is not None:
        path.write_bytes(BAD_FILES[name])
    result = run("--data", str(path), "year", "1969")
    assert result.exit_code == 1, (name, result.stdout, result.stderr)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_empty_directory_is_an_error(run, tmp_path):
    result = run("--data", str(tmp_path), "year", "1969")
    assert result.exit_code == 1 and "no .json, .csv or .tsv" in result.stderr


def test_invalid_json_reports_line_and_column(run, tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{\n  "events": [\n    {"title": "x",, "date": "2000"}\n  ]\n}\n', "utf-8")
    result = run("--data", str(path), "year", "2000")
    assert "line 3, column" in result.stderr


def test_files_are_never_modified(run, write_json):
    path = write_json("keep.json", {"events": [{"title": "Keep me", "date": "2000-01-01"}]})
    before = path.read_bytes(), path.stat().st_mtime_ns
    run("--data", str(path), "list")
    run("validate", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_library_api(write_json):
    path = write_json("lib.json", {"events": [{"title": "Library event", "date": "1969-07-21", "agencies": ["NASA"]}]})
    tl = spacetime.load(paths=[path])
    assert tl.get("apollo-11").title == "Apollo 11"
    assert any(e.title == "Library event" for e in tl.in_years(1969, 1969))
    assert all("nasa" in e.agencies for e in tl.by_agency("NASA"))
    assert {e.id for e in tl.by_agency("Roscosmos", lineage=True)} > {e.id for e in tl.by_agency("Roscosmos")}
    from datetime import date

    from spacetime.anniversaries import in_window
    from spacetime.search import search

    rows = in_window(tl.events, date(2025, 7, 20), within=0)
    assert any(r.event.id == "apollo-11-landing" and r.years == 56 for r in rows)
    assert search(tl, "Apolo 11")[0].item.id == "apollo-11"
    with pytest.raises(DatasetError):
        spacetime.load(paths=[path.parent / "missing.json"])


_text = st.one_of(st.none(), st.sampled_from(["", " padded ", "Apollo", "x" * 3, "NASA", "nasa", "LAUNCH"]), st.integers(), st.booleans())
_field_values = {
    "id": st.one_of(_text, st.sampled_from(["apollo-11", "Bad Id", "a--b"])),
    "title": _text,
    "date": st.one_of(_text, st.sampled_from(["1969-07-20", "2025-02-30", "1969-07-20T20:17Z", "1969"])),
    "kind": st.one_of(_text, st.sampled_from(["launch", "event", "lunch"])),
    "agencies": st.one_of(st.none(), st.lists(_text, max_size=3), _text),
    "aliases": st.one_of(st.none(), st.lists(_text, max_size=2)),
    "mission": st.one_of(_text, st.sampled_from(["apollo-11", "Apollo 11"])),
    "crewed": st.one_of(st.booleans(), st.none(), st.integers(0, 1), st.text(max_size=2)),
    "cospar": st.one_of(st.none(), st.sampled_from(["1969-059", "1969-59", ""])),
    "outcome": st.one_of(st.none(), st.sampled_from(["success", "win", ""])),
    "summary": _text,
    "tags": st.one_of(st.none(), st.lists(st.sampled_from(["first", "Moon", " x", ""]), max_size=3)),
    "sources": st.one_of(st.none(), st.lists(st.one_of(
        st.fixed_dictionaries({"title": _text, "url": st.sampled_from(["https://nasa.gov", "ftp://x", ""])}),
        st.sampled_from(["https://example.org", "not a url"])), max_size=2)),
    "extra": _text,
}


_VALID = {"id": "apollo-11-landing", "title": "Apollo 11 lands", "date": "1969-07-20T20:17Z", "kind": "landing",
          "agencies": ["nasa"], "aliases": ["Eagle"], "mission": "apollo-11", "crewed": True, "crew": ["Neil Armstrong"],
          "vehicle": "Eagle", "site": None, "cospar": "1969-059", "outcome": "success", "summary": "Lands.",
          "tags": ["moon"], "sources": [{"title": "NASA", "url": "https://nasa.gov"}]}


@st.composite
def _records(draw):
    """A valid record with a few fields replaced or removed, so both paths get exercised."""
    raw = dict(_VALID)
    for name in draw(st.lists(st.sampled_from(sorted(_field_values)), max_size=3, unique=True)):
        if draw(st.booleans()):
            raw.pop(name, None)
        else:
            raw[name] = draw(_field_values[name])
    return raw


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # slow when traced (mutmut)
@given(_records())
@example({**_VALID, "date": 1969})  # a number: the schema wants text, and so does the strict loader
def test_the_loader_and_the_generated_json_schema_agree_on_strict_events(raw):
    """Both come from schema.py: a strict file's event passes the loader exactly when it passes the
    JSON Schema. (Blank or padded text, which the loader trims, and impossible calendar days, which
    a pattern cannot see, are the loader's alone.)"""
    jsonschema = pytest.importorskip("jsonschema")
    assume(all(text.strip() == text and text for text in _strings(raw)) and raw.get("date") != "2025-02-30")
    parsed = Parsed("f.json", strict=True)
    _parse_event(parsed, raw, "event 1", True, "x")
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors({"events": [raw]}))
    assert (parsed.problems == []) == (errors == []), (parsed.problems, [e.message for e in errors])
