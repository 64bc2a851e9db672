"""CSV and JSON records (records.py, render/plain.py): every CSV cell is its JSON value written by
one rule, every JSON value is the model's, and nothing a spreadsheet would run gets through."""

from __future__ import annotations

import csv
import io
import json

import pytest

from spacetime.render import Output
from spacetime.render.plain import neutralise, render_csv


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def expected_cell(value) -> str:
    """The documented CSV spelling of a JSON value: empty for null, true/false, lists joined by
    ';' (a source as title|url), and a leading apostrophe on anything that starts like a formula."""
    if value is None:
        text = ""
    elif value is True:
        text = "true"
    elif value is False:
        text = "false"
    elif isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "piece" in item:  # a launch's payload
                parts.append(f"{item['name']} ({item['piece']})".replace(";", ","))
            elif isinstance(item, dict):  # a source
                parts.append(item["title"].replace(";", ",").replace("|", "/") + "|" + item["url"])
            else:
                parts.append(str(item).replace(";", ","))
        text = ";".join(parts)
    else:
        text = str(value)
    formula = text.lstrip("'")[:1]
    return "'" + text if formula and formula in "=+-@\t\r" else text


@pytest.mark.parametrize("args", [["list"], ["missions"], ["agencies"], ["stats", "--by", "agency"],
                                  ["search", "apollo"], ["anniversaries", "--year", "2025"]], ids=" ".join)
def test_every_csv_cell_is_its_json_value(run, args):
    records = json.loads(run(*args, "-f", "json").stdout)
    table = rows(run(*args, "-f", "csv").stdout)
    assert len(table) == len(records) > 0
    for record, row in zip(records, table, strict=True):
        assert list(row) == list(record)
        assert row == {k: expected_cell(v) for k, v in record.items()}


def test_booleans_are_true_and_false(run):
    table = rows(run("list", "--year", "1961", "-f", "csv").stdout)
    crewed = {r["id"]: r["crewed"] for r in table}
    assert crewed["vostok-1-launch"] == "true"
    assert "false" in crewed.values()
    assert set(crewed.values()) == {"true", "false"}


def _user_csv(run, write_json, event: dict) -> dict[str, str]:
    path = write_json("mine.json", {"events": [event]})
    result = run("--no-bundled", "--data", str(path), "list", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    (row,) = rows(result.stdout)
    return row


def test_commas_quotes_and_newlines_stay_inside_their_cell(run, write_json):
    row = _user_csv(run, write_json, {
        "id": "x", "title": 'A "quoted", comma', "date": "2001-02-03", "summary": "line one\nline two\ttabbed",
        "crew": ["Doe; Jane", "Roe"], "tags": ["a", "b"],
        "sources": [{"title": "Paper; part|two", "url": "https://example.org/a?b=1;c"}]})
    assert row["title"] == 'A "quoted", comma'
    assert row["summary"] == "line one line two tabbed"  # one line: control characters fold to spaces
    assert row["crew"] == "Doe, Jane;Roe"
    assert row["tags"] == "a;b"
    assert row["sources"] == "Paper, part/two|https://example.org/a?b=1;c"
    assert row["mission"] == "" and row["vehicle"] == ""
    assert row["crewed"] == "false"


def test_a_crewed_user_event_is_true(run, write_json):
    row = _user_csv(run, write_json, {"id": "x", "title": "Up", "date": "2001", "crewed": True, "crew": ["A"]})
    assert (row["crewed"], row["precision"], row["date"]) == ("true", "year", "2001")


@pytest.mark.parametrize(("cell", "written"), [
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@cmd", "'@cmd"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("'=1", "''=1"), ("''-1", "'''-1"), ("'a", "'a"), ("a=1", "a=1"), ("1-2", "1-2"), ("", ""), ("'", "'"),
    (" =1", " =1"), ("é=1", "é=1"),
])
def test_neutralise(cell, written):
    assert neutralise(cell) == written


def test_formula_titles_are_written_as_text(run, write_json):
    row = _user_csv(run, write_json, {"id": "x", "title": "=HYPERLINK(\"http://x\")", "date": "2001",
                                      "summary": "-2+3", "tags": ["@home"]})
    assert row["title"] == "'=HYPERLINK(\"http://x\")"
    assert row["summary"] == "'-2+3"
    assert row["tags"] == "'@home"


@pytest.mark.parametrize("years", ["1957", "1961"])
def test_a_launch_csv_is_its_attribution_line_then_the_json_records(run, years):
    doc = json.loads(run("launches", years, "-f", "json").stdout)
    lines = run("launches", years, "-f", "csv").stdout.splitlines(keepends=True)
    assert lines[0] == f"# {doc['source']['attribution']}\n"
    table = rows("".join(lines[1:]))
    assert len(table) == len(doc["launches"]) > 0
    for record, row in zip(doc["launches"], table, strict=True):
        assert list(row) == list(record)
        assert row == {k: expected_cell(v) for k, v in record.items()}
    crewed = {r["tag"]: r["crewed"] for r in table}
    if years == "1961":
        assert crewed["1961 MU"] == "true"  # Vostok 1
    assert "false" in crewed.values()


def test_empty_listing_is_a_header_alone():
    out = io.StringIO()
    render_csv("events", [], Output(stdout=out, stderr=io.StringIO()))
    assert out.getvalue() == ("id,title,date,precision,kind,agencies,mission,crewed,crew,vehicle,site,cospar,"
                              "launch,outcome,summary,tags,aliases,sources\n")
