"""The loader's field rules (schema.py applied by loader._Checker), one behaviour at a time, with
the exact words a user reads. Written against mutation testing (docs/mutation-loader.md): each
test fails when one rule or message in loader.py or schema.py is changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from spacetime.dates import PartialDate
from spacetime.errors import DatasetError
from spacetime import loader
from spacetime.loader import Parsed, _parse_event, decode_csv, parse_document


def _event_problems(raw: dict, strict: bool) -> list[str]:
    parsed = Parsed("f.json", strict=strict)
    _parse_event(parsed, raw, "event 1", strict, "f.json")
    return [str(p) for p in parsed.problems]


def test_a_bare_year_as_a_number_is_a_user_s_date_but_not_a_strict_one():
    assert _event_problems({"title": "A", "date": 1969}, strict=False) == []
    strict = {"id": "a", "title": "A", "date": 1969, "kind": "event", "agencies": ["nasa"], "summary": "S.",
              "sources": [{"title": "T", "url": "https://example.org"}]}
    assert _event_problems(strict, strict=True) == ["f.json: event 1 'a': date: expected a date string, got a number"]


def test_a_null_or_blank_id_is_made_from_title_and_date_like_a_missing_one(run, write_json):
    path = write_json("ids.json", {"events": [{"id": None, "title": "Club rocket", "date": "2000-01-01"},
                                              {"id": " ", "title": "Club rocket", "date": "2000-01-02"},
                                              {"title": "Club rocket", "date": "2000-01-03"}]})
    assert run("validate", str(path)).stdout == "OK: 1 file, 3 events, no problems.\n"
    rows = json.loads(run("--no-bundled", "--data", str(path), "list", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["club-rocket-20000101", "club-rocket-20000102", "club-rocket-20000103"]
    shown = run("--no-bundled", "--data", str(path), "show", "club-rocket-20000101")
    assert shown.exit_code == 0 and "Club rocket" in shown.stdout


# -- helpers --------------------------------------------------------------------------------------
def _problems(doc, strict: bool = False) -> list[str]:
    return [str(p) for p in parse_document(doc, "f.json", strict, "f.json").problems]


def _one(raw: dict, strict: bool = False) -> list[str]:
    """The problems of one user event (or, strict, one event otherwise fit for the bundled files)."""
    if strict:
        raw = {**_STRICT, **raw}
    return [p.removeprefix("f.json: ") for p in _problems({"events": [raw]}, strict)]


_STRICT = {"id": "a", "title": "A", "date": "1969", "kind": "event", "agencies": ["nasa"], "summary": "S.",
           "sources": [{"title": "T", "url": "https://example.org"}]}


def _event(raw: dict, strict: bool = False):
    parsed = parse_document({"events": [raw]}, "f.json", strict, "f.json")
    assert parsed.problems == [], [str(p) for p in parsed.problems]
    (event,) = parsed.events
    return event


# -- text fields ----------------------------------------------------------------------------------
def test_text_is_trimmed_and_blank_text_is_absent():
    event = _event({"title": "  A  ", "date": " 1969 ", "vehicle": "  Saturn V ", "site": "   ", "summary": " S. "})
    assert (event.title, event.vehicle, event.site, event.summary) == ("A", "Saturn V", None, "S.")
    assert event.date == PartialDate.parse("1969")


def test_a_required_text_may_not_be_blank_an_optional_one_may():
    assert _one({"title": "  ", "date": "1969"}) == ["event 1: title: is empty"]
    assert _one({"title": None, "date": "1969"}) == ["event 1: title: is required"]
    assert _one({"date": "1969"}) == ["event 1: title: is required"]
    assert _one({"summary": " "}, strict=True) == ["event 1 'a': summary: is empty"]
    assert _one({"title": "A", "date": "1969", "summary": " ", "vehicle": ""}) == []


def test_text_of_another_type_is_named():
    assert _one({"title": 7, "date": "1969"}) == ["event 1: title: expected text, got a number"]
    assert _one({"title": 7.5, "date": "1969"}) == ["event 1: title: expected text, got a number"]
    assert _one({"title": True, "date": "1969"}) == ["event 1: title: expected text, got a boolean"]
    assert _one({"title": ["A"], "date": "1969"}) == ["event 1: title: expected text, got a list"]
    assert _one({"title": {"a": 1}, "date": "1969"}) == ["event 1: title: expected text, got an object"]


def test_text_length_limits_hold_at_the_boundary():
    assert _one({"title": "x" * 300, "date": "1969"}) == []
    assert _one({"title": "x" * 301, "date": "1969"}) == ["event 1: title: is 301 characters long (at most 300)"]
    assert _one({"title": "A", "date": "1969", "vehicle": "v" * 1000}) == []
    assert _one({"title": "A", "date": "1969", "vehicle": "v" * 1001}) == [
        "event 1: vehicle: is 1001 characters long (at most 1000)"]
    assert _one({"title": "A", "date": "1969", "summary": "s" * 4001}) == [
        "event 1: summary: is 4001 characters long (at most 4000)"]
    assert _one({"title": "A", "date": "1969", "id": "a" * 200}) == []
    # (The record is named by its id, clipped to 40 characters.)
    assert _one({"title": "A", "date": "1969", "id": "a" * 201}) == [
        f"event 1 '{'a' * 39}…': id: is 201 characters long (at most 200)"]
    # The length is that of the trimmed text.
    assert _one({"title": " " + "x" * 300 + " ", "date": "1969"}) == []


def test_patterns_hold_in_full_and_loose_ones_only_in_strict_files():
    assert _one({"title": "A", "date": "1969", "id": "Bad Id"}) == [
        "event 1 'Bad Id': id: 'Bad Id' is not in the expected form"]
    assert _one({"title": "A", "date": "1969", "id": "ok-1x"}) == []
    assert _one({"title": "A", "date": "1969", "cospar": "1969-059A"}) == []
    assert _one({"title": "A", "date": "1969", "cospar": "1969-059A "}) == []  # trimmed first
    assert _one({"title": "A", "date": "1969", "cospar": "x1969-059A"}) == [
        "event 1: cospar: 'x1969-059A' is not in the expected form"]
    assert _one({"title": "A", "date": "1969", "cospar": "1969-059Ax"}) == [
        "event 1: cospar: '1969-059Ax' is not in the expected form"]
    for tag in ("1957 ALP", "1961 A ALP", "1963-001", "1958-F01", "1969-U01"):
        assert _one({"title": "A", "date": "1969", "launch": tag}) == [], tag
    assert _one({"title": "A", "date": "1969", "launch": "1969-F1"}) == ["event 1: launch: '1969-F1' is not in the expected form"]
    # A user may name a mission by its title; a strict file names it by id.
    assert _one({"title": "A", "date": "1969", "mission": "Apollo 11"}) == []
    assert _one({"mission": "Apollo 11"}, strict=True) == ["event 1 'a': mission: 'Apollo 11' is not in the expected form"]


def test_choices_are_listed_when_a_value_is_not_one_of_them():
    assert _one({"title": "A", "date": "1969", "kind": "lunch"}) == [
        "event 1: kind: 'lunch' is not one of launch, landing, splashdown, docking, undocking, berthing, eva, flyby, "
        "orbit-insertion, impact, sample-return, deployment, loss, reentry, founding, milestone, event, other"]
    assert _one({"title": "A", "date": "1969", "outcome": "win"}) == [
        "event 1: outcome: 'win' is not one of success, partial, failure"]
    assert _event({"title": "A", "date": "1969", "kind": " landing ", "outcome": "partial"})[3:4] == ("landing",)
    assert _event({"title": "A", "date": "1969"}).kind == "event"  # the default
    assert _event({"title": "A", "date": "1969", "kind": ""}).kind == "event"
    assert _one({"kind": None}, strict=True) == ["event 1 'a': kind: is required"]
    assert _one({"kind": 3}, strict=True) == ["event 1 'a': kind: expected text, got a number"]


# -- true or false, dates --------------------------------------------------------------------------
def test_crewed_is_true_or_false_only():
    assert _event({"title": "A", "date": "1969", "crewed": True}).crewed is True
    assert _event({"title": "A", "date": "1969", "crewed": None}).crewed is False
    assert _event({"title": "A", "date": "1969"}).crewed is False
    assert _one({"title": "A", "date": "1969", "crewed": 1}) == ["event 1: crewed: expected true or false, got a number"]
    assert _one({"title": "A", "date": "1969", "crewed": "yes"}) == ["event 1: crewed: expected true or false, got text"]


def test_dates_name_what_is_wrong_with_them():
    assert _one({"title": "A", "date": "1969-13"}) == ["event 1: date: '1969-13' is not a valid date"]
    assert _one({"title": "A", "date": True}) == ["event 1: date: expected a date string, got a boolean"]
    assert _one({"title": "A", "date": 19.5}) == ["event 1: date: expected a date string, got a number"]
    assert _one({"title": "A", "date": ["1969"]}) == ["event 1: date: expected a date string, got a list"]
    assert _one({"title": "A"}) == ["event 1: date: is required"]
    assert _event({"title": "A", "date": "1969-07-20T20:17Z"}).date == PartialDate.parse("1969-07-20T20:17Z")


# -- lists of text ---------------------------------------------------------------------------------
def test_lists_of_text_are_trimmed_and_blank_items_dropped():
    event = _event({"title": "A", "date": "1969", "crew": [" Neil ", "", "  ", "Buzz"], "aliases": ["PS-1"]})
    assert event.crew == ("Neil", "Buzz") and event.aliases == ("PS-1",)
    assert _event({"title": "A", "date": "1969", "tags": ["Moon", " FIRST "]}).tags == ("moon", "first")
    assert _event({"title": "A", "date": "1969", "crew": ["Neil"]}).crew == ("Neil",)  # no folding but for tags
    assert _event({"title": "A", "date": "1969", "crew": ["NEIL"]}).crew == ("NEIL",)


def test_a_user_may_give_one_item_as_text_a_strict_file_may_not():
    assert _event({"title": "A", "date": "1969", "tags": "Moon"}).tags == ("moon",)
    assert _one({"tags": "moon"}, strict=True) == ["event 1 'a': tags: expected a list of text, got text"]
    assert _one({"title": "A", "date": "1969", "tags": 3}) == ["event 1: tags: expected a list of text, got a number"]
    assert _one({"title": "A", "date": "1969", "tags": {"a": "b"}}) == [
        "event 1: tags: expected a list of text, got an object"]


def test_each_item_of_a_list_is_checked_and_numbered():
    assert _one({"title": "A", "date": "1969", "crew": ["Neil", 7, None]}) == [
        "event 1: crew: item 2: expected text, got a number", "event 1: crew: item 3: expected text, got null"]
    assert _one({"title": "A", "date": "1969", "crew": ["x" * 1000]}) == []
    assert _one({"title": "A", "date": "1969", "crew": ["Neil", "x" * 1001]}) == [
        "event 1: crew: item 2: is 1001 characters long (at most 1000)"]
    assert _one({"agencies": ["nasa", "NASA"]}, strict=True) == [
        "event 1 'a': agencies: item 2: 'NASA' is not in the expected form"]
    assert _one({"agencies": [" nasa "]}, strict=True) == []
    assert _one({"agencies": ["nasa"]}, strict=True) == []


def test_a_required_list_needs_an_item():
    assert _one({"agencies": []}, strict=True) == ["event 1 'a': agencies: at least one agency is required"]
    assert _one({"agencies": None}, strict=True) == ["event 1 'a': agencies: at least one agency is required"]
    del_agencies = {k: v for k, v in _STRICT.items() if k != "agencies"}
    assert [p.removeprefix("f.json: ") for p in _problems({"events": [del_agencies]}, True)] == [
        "event 1 'a': agencies: at least one agency is required"]
    assert _one({"title": "A", "date": "1969", "agencies": []}) == []  # not in a user's file


# -- sources ---------------------------------------------------------------------------------------
def test_sources_need_a_url_and_a_title():
    event = _event({"title": "A", "date": "1969", "sources": [
        {"title": " NASA ", "url": " https://nasa.gov/a "}, "http://example.org/b"]})
    assert [tuple(s) for s in event.sources] == [("NASA", "https://nasa.gov/a"), ("http://example.org/b", "http://example.org/b")]
    assert _one({"title": "A", "date": "1969", "sources": [{"title": "T", "url": "ftp://x"}]}) == [
        "event 1: sources: item 1: 'ftp://x' is not an http(s) URL"]
    assert _one({"title": "A", "date": "1969", "sources": [{"title": "T"}]}) == [
        "event 1: sources: item 1: 'None' is not an http(s) URL"]
    assert _one({"title": "A", "date": "1969", "sources": [{"title": "T", "url": 7}]}) == [
        "event 1: sources: item 1: '7' is not an http(s) URL"]
    assert _one({"title": "A", "date": "1969", "sources": [{"title": "T", "url": "https://a b"}]}) == [
        "event 1: sources: item 1: 'https://a b' is not an http(s) URL"]
    for title in (None, " ", 7, "t" * 1001):
        assert _one({"title": "A", "date": "1969", "sources": ["https://ok.org", {"title": title, "url": "https://x.org"}]}) == [
            "event 1: sources: item 2: a source needs a title of at most 1000 characters"], title
    long_url = "https://example.org/" + "x" * 980
    assert _event({"title": "A", "date": "1969", "sources": [{"title": "t" * 1000, "url": long_url}]}).sources[0].url == long_url
    assert _one({"title": "A", "date": "1969", "sources": [{"title": "T", "url": long_url + "x"}]}) == [
        f"event 1: sources: item 1: '{long_url[:39]}…' is not an http(s) URL"]


def test_sources_are_a_list_of_urls_or_title_and_url():
    assert _one({"title": "A", "date": "1969", "sources": "https://nasa.gov"}) == [
        "event 1: sources: expected a list, got text"]
    assert _one({"title": "A", "date": "1969", "sources": {"title": "T", "url": "https://nasa.gov"}}) == [
        "event 1: sources: expected a list, got an object"]
    assert _one({"title": "A", "date": "1969", "sources": [7]}) == [
        "event 1: sources: item 1: expected a URL or {title, url}, got a number"]
    assert _one({"sources": ["https://nasa.gov"]}, strict=True) == [
        "event 1 'a': sources: item 1: expected {title, url}, got text"]
    assert _one({"title": "A", "date": "1969", "sources": []}) == []
    for empty in ([], None, ""):
        assert _one({"sources": empty}, strict=True) == ["event 1 'a': sources: at least one source is required"]


# -- records and files -----------------------------------------------------------------------------
def test_unknown_fields_are_reported_in_strict_files_only():
    assert _one({"colour": "red"}, strict=True) == ["event 1 'a': colour: unknown field"]
    assert _one({"title": "A", "date": "1969", "colour": "red"}) == []


def test_a_file_is_an_object_of_lists_or_a_list_of_events():
    assert _problems(5) == ["f.json: expected an object with 'events' (or a list of events), got a number"]
    assert _problems(None) == ["f.json: expected an object with 'events' (or a list of events), got null"]
    assert _problems("x") == ["f.json: expected an object with 'events' (or a list of events), got text"]
    assert _problems({"events": 3}) == ["f.json: events: expected a list, got a number"]
    assert _problems({"agencies": "x", "missions": {}}) == [
        "f.json: agencies: expected a list, got text", "f.json: missions: expected a list, got an object"]
    assert _problems({"foo": 1, "bar": 2, "events": []}) == [
        "f.json: unknown top-level key 'foo' (expected dataset, agencies, missions, events)"]
    assert _problems({"$schema": "x", "events": [], "agencies": None}) == []
    parsed = parse_document([{"title": "A", "date": "1969"}, {"title": "B", "date": "1970"}], "f.json", False, "f.json")
    assert [e.title for e in parsed.events] == ["A", "B"] and parsed.count == 2


def test_records_are_numbered_from_one_and_named_by_their_id():
    assert _problems({"events": [{"title": "A", "date": "1969"}, 7, {"id": "b", "date": "1969"}, {"id": 5, "title": "D", "date": "1969"},
                                 {"id": "", "title": "C"}]}) == [
        "f.json: event 2: expected an object, got a number",
        "f.json: event 3 'b': title: is required",
        "f.json: event 4: id: expected text, got a number",
        "f.json: event 5: date: is required"]
    assert _problems({"missions": [7, {"title": "x"}]}, True) == [
        "f.json: mission 1: expected an object, got a number", "f.json: mission 2: id: is required"]
    # What a file says is quoted with its control characters made visible.
    assert _problems({"events": [{"id": "a\x1bb", "title": 1, "date": "1969"}]}) == [
        "f.json: event 1 'a?b': id: 'a?b' is not in the expected form", "f.json: event 1 'a?b': title: expected text, got a number"]
    assert _problems({"events": [{"id": "x" * 40, "title": 1, "date": "1969"}]}) == [
        f"f.json: event 1 '{'x' * 40}': title: expected text, got a number"]


def test_a_file_s_dataset_section_gives_its_name_version_and_date():
    parsed = parse_document({"dataset": {"version": " 1.2 ", "as_of": "2024-01-01"}}, "f.json", True, "f.json")
    assert parsed.problems == []
    assert tuple(parsed.info) == ("dataset", "1.2", PartialDate.parse("2024-01-01"), "")
    assert _problems({"dataset": {"version": "1", "as_of": "2024-13-01"}}, True) == [
        "f.json: dataset: as_of: '2024-13-01' is not a valid date"]
    assert _problems({"dataset": {"name": "x"}}, True) == ["f.json: dataset: version: is required"]
    assert _problems({"dataset": [1]}) == ["f.json: dataset: expected an object, got a list"]
    for bad in ({"name": "x"}, [1], {"version": "1", "as_of": 5.5}):
        assert parse_document({"dataset": bad}, "f.json", False, "f.json").info is None
    # Read the way a user's file is, even in a strict pass: its as_of may be left out, other keys pass.
    lenient = parse_document({"dataset": {"version": "1", "note": "x"}}, "f.json", True, "f.json")
    assert lenient.problems == [] and lenient.info.version == "1"


def test_agencies_missions_and_events_are_built_from_their_fields():
    parsed = parse_document({
        "agencies": [{"id": "club", "name": "Riverside Club", "country": "GB", "founded": "2000-05", "dissolved": "2000-05-01"},
                     {"id": "two", "name": "Two", "abbreviation": "TW", "type": "academic", "aliases": ["Deux"]}],
        "missions": [{"id": "m-1", "title": " M ", "aliases": ["Em"]}],
        "events": [{"title": "E", "date": "2000", "mission": "m-1"}]}, "f.json", False, "origin")
    assert parsed.problems == []
    club, two = parsed.agencies
    assert (club.id, club.abbreviation, club.name, club.country, club.type, club.origin) == (
        "club", "Riverside Club", "Riverside Club", "GB", "government", "origin")
    assert (two.abbreviation, two.type, two.aliases) == ("TW", "academic", ("Deux",))
    assert [tuple(m) for m in parsed.missions] == [("m-1", "M", ("Em",), "", "f.json")]
    (event,) = parsed.events
    assert (event.id, event.origin, event.mission) == ("e-2000", "origin", "m-1")
    assert parsed.label(0) == "event 1"


def test_an_agency_cannot_end_before_it_began():
    assert _problems({"agencies": [{"id": "club", "name": "C", "founded": "2000-05-02", "dissolved": "2000-05-01"}]}) == [
        "f.json: agency 1 'club': dissolved: 2000-05-01 is before the founding date 2000-05-02"]
    same_day = parse_document({"agencies": [{"id": "club", "name": "C", "founded": "2000-05-01", "dissolved": "2000-05-01"}]},
                              "f.json", False, "f.json")
    assert same_day.problems == [] and len(same_day.agencies) == 1
    strict = {"id": "club", "name": "C", "abbreviation": "C", "country": "gb", "type": "club"}
    assert _problems({"agencies": [strict]}, True) == [
        "f.json: agency 1 'club': country: 'gb' is not in the expected form",
        "f.json: agency 1 'club': type: 'club' is not one of government, commercial, multinational, academic"]


def test_ids_repeated_in_one_file_are_reported_once_each():
    assert _problems({"agencies": [{"id": "club", "name": "C"}, {"id": "club", "name": "D"}],
                      "missions": [{"id": "m", "title": "M"}, {"id": "m", "title": "N"}, {"id": "n", "title": "N"}],
                      "events": [{"id": "e", "title": "E", "date": "2000"}, {"id": "e", "title": "F", "date": "2000"}]}) == [
        "f.json: event 'e': id: duplicate event id 'e' in this file",
        "f.json: mission 'm': id: duplicate mission id 'm' in this file",
        "f.json: agency 'club': id: duplicate agency id 'club' in this file"]


# -- CSV -------------------------------------------------------------------------------------------
def _csv(text: str) -> tuple[list[dict], list[str]]:
    problems: list = []
    events = decode_csv(text, "f.csv", problems)["events"]
    return events, [str(p) for p in problems]


def _csv_raises(text: str) -> str:
    with pytest.raises(DatasetError) as caught:
        decode_csv(text, "f.csv")
    return str(caught.value)


@pytest.mark.parametrize(("text", "message"), [
    ("", "f.csv: CSV has no header row"),
    ("\n", "f.csv: CSV has no header row"),
    (" , \n", "f.csv: CSV has no header row"),
    ("name,when\nx,1\n", "f.csv: CSV header lacks the columns title, date"),
    ("title\nx\n", "f.csv: CSV header lacks the column date"),
    ("date,when\nx,1\n", "f.csv: CSV header lacks the column title"),
    ('"title,date\n', "f.csv: line 1: invalid CSV: a quoted value is never closed"),
    ('x,"a"b\n', "f.csv: line 1: invalid CSV: text follows a closing quote (write a quote inside a quoted value as two)"),
])
def test_a_csv_header_that_cannot_be_used(text, message):
    assert _csv_raises(text) == message


def test_csv_shape_problems_are_collected_by_line_or_the_first_raised():
    text = 'title,date\n"a\nb",2000\n\nc,2001,x\nd,2002,y,z\n"e,2003\n'
    events, problems = _csv(text)
    assert [e["title"] for e in events] == ["a\nb", "c", "d"]
    assert problems == ["f.csv: line 5: 3 values, but the header names 2 columns",
                        "f.csv: line 6: 4 values, but the header names 2 columns",
                        "f.csv: line 7: invalid CSV: a quoted value is never closed"]
    assert _csv_raises(text) == "f.csv: line 5: 3 values, but the header names 2 columns"
    assert _csv_raises('title,date\na,2000\n"b"c,2001\n') == (
        "f.csv: line 3: invalid CSV: text follows a closing quote (write a quote inside a quoted value as two)")
    assert _csv("title,date\na,2000,,  \n") == ([{"title": "a", "date": "2000"}], [])  # empty surplus values are fine
    assert _csv("title,date\na\n") == ([{"title": "a"}], [])


def test_other_csv_errors_keep_the_csv_module_s_words():
    assert _csv("title,date\n" + '"' + "x" * 200_000 + '",2000\n')[1] == [
        "f.csv: line 2: invalid CSV: field larger than field limit (131072)"]


def test_a_column_named_twice_is_refused():
    assert _csv("title,date,title,kind,kind\nx,1,y,a,b\n") == (
        [], ["f.csv: line 1: the header names the columns title, kind more than once"])
    assert _csv("title,date,title\nx,1,y\n") == ([], ["f.csv: line 1: the header names the column title more than once"])
    assert _csv_raises("title,date,date\nx,1,y\n") == "f.csv: line 1: the header names the column date more than once"
    assert _csv("title,date,,\nx,1,y,z\n") == ([{"title": "x", "date": "1"}], [])  # unnamed columns are passed over


def test_csv_values_become_the_fields_of_an_event():
    events, problems = _csv(" title , date ,crewed,tags,sources,agencies,notes\n"
                            " A , 2000 ,YES,a; b ;;c,T|x|https://a.org ; https://b.org, nasa ,fine\n"
                            "B,2001,,,,,\n")
    assert problems == []
    assert events == [{"title": "A", "date": "2000", "crewed": True, "tags": ["a", "b", "c"],
                       "sources": [{"title": "T|x", "url": "https://a.org"}, "https://b.org"], "agencies": ["nasa"],
                       "notes": "fine"},
                      {"title": "B", "date": "2001"}]


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("YES", True), ("y", True), ("1", True),
    ("False", False), ("no", False), ("N", False), ("0", False), ("maybe", "maybe"),
])
def test_csv_true_and_false(text, value):
    assert _csv(f"title,date,crewed\nA,2000,{text}\n")[0][0]["crewed"] == value


def test_a_csv_export_s_protective_quote_is_taken_off_again():
    events, _ = _csv("title,date,vehicle,site\n'=cmd,2000,'+1,'hello\n''-x,2000,'@x,'\t\n")
    assert [(e["title"], e["vehicle"], e["site"]) for e in events] == [("=cmd", "+1", "'hello"), ("'-x", "@x", "'")]


def test_a_csv_row_with_a_bad_value_names_its_column(run, tmp_path):
    path = tmp_path / "club.csv"
    path.write_text("title,date,crewed\nA,2000,maybe\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.stdout == f"{path}:2: event 1: crewed: expected true or false, got text\n1 problem in 1 file.\n"
    assert result.exit_code == 1


def test_a_required_list_is_named_in_the_singular():
    from spacetime.loader import _singular

    assert [_singular(n) for n in ("agencies", "sources", "tags", "crew")] == ["agency", "source", "tag", "crew"]


# -- reading and decoding files ----------------------------------------------------------------------
def _raises(call, *args) -> str:
    with pytest.raises(DatasetError) as caught:
        call(*args)
    return str(caught.value)


def test_bytes_that_are_not_a_file_s_text(tmp_path):
    (tmp_path / "blank.json").write_bytes(b" \n\t ")
    assert _raises(loader.read_text, tmp_path / "blank.json", "L") == "L: file is empty"
    assert _raises(loader.read_text, tmp_path / "missing.json", "L") == "L: no such file or directory"
    assert _raises(loader.read_text, tmp_path, "L") == "L: is a directory, not a file to read"
    assert _raises(loader.decode_text, b'{"a": "\xff"}', "L") == "L: not UTF-8 text (bad byte 0xff at offset 7)"
    assert loader.decode_text(b"\xef\xbb\xbf\xef\xbb\xbf{}", "L") == "{}"
    assert loader.decode_text(b"\xef\xbb\xbfXtra,title,date", "L") == "Xtra,title,date"
    (tmp_path / "ok.json").write_bytes(b"\xef\xbb\xbf[]")
    assert loader.read_text(tmp_path / "ok.json", "L") == "[]"


def test_a_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("SPACETIME_MAX_FILE_MB", "0.5")
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1024 * 1024 + b"[]")
    assert _raises(loader.read_bytes, path, "L") == (
        "L: file is too large (1.0 MB; the limit is 0.5 MB, set SPACETIME_MAX_FILE_MB to raise it)")


@pytest.mark.parametrize(("error", "message"), [
    (FileNotFoundError(2, "No such file or directory"), "L: no such file or directory"),
    (PermissionError(13, "Permission denied"), "L: permission denied"),
    (OSError(5, "Input/output error"), "L: cannot read: Input/output error"),
    (ValueError("embedded null byte"), "L: cannot read: embedded null byte"),
])
def test_a_file_that_cannot_be_read(tmp_path, monkeypatch, error, message):
    from spacetime import files

    def fail(path, *args, **kwargs):
        raise error

    monkeypatch.setattr(files, "read_regular", fail)
    assert _raises(loader.read_bytes, tmp_path / "x.json", "L") == message


@pytest.mark.parametrize(("text", "message"), [
    ('{"a": 1, "a": 2}', "L: invalid JSON: duplicate key 'a' in an object"),
    ('{"a": 1, "b": {"c": 1, "d": 2, "d": 3}}', "L: invalid JSON: duplicate key 'd' in an object"),
    ("[" + "1" * 101 + "]", "L: invalid JSON: a number has 101 digits (at most 100)"),
    ("[NaN]", "L: invalid JSON: NaN is not allowed in JSON"),
    ("[-Infinity]", "L: invalid JSON: -Infinity is not allowed in JSON"),
    ('{\n "a": 1,,}', "L: invalid JSON at line 2, column 9: Expecting property name enclosed in double quotes"),
    ("[" * 100_000 + "]" * 100_000, "L: invalid JSON: nested too deeply"),
])
def test_json_that_cannot_be_used(text, message):
    assert _raises(loader.decode_json, text, "L") == message


def test_json_that_can():
    assert loader.decode_json('{"a": [1, 2.5, "x", null, true], "b": {"a": 1}}', "L") == {
        "a": [1, 2.5, "x", None, True], "b": {"a": 1}}
    assert loader.decode_json("[" + "1" * 100 + "]", "L") == [int("1" * 100)]


# -- finding files ---------------------------------------------------------------------------------
def test_a_folder_gives_its_regular_json_and_csv_files_in_order(tmp_path):
    for name in ("b.csv", "A.JSON", "c.json", "d.tsv", "e.txt", "UPPER.TSV"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.json").mkdir()
    other = tmp_path.parent / f"{tmp_path.name}-x.json"
    other.write_text("x", encoding="utf-8")
    named = [other, tmp_path / "c.json", tmp_path, tmp_path / "d.tsv", tmp_path / "UPPER.TSV"]
    assert loader.expand_paths(named) == [other, tmp_path / "c.json", tmp_path / "A.JSON", tmp_path / "b.csv"]


def test_a_file_reached_twice_is_listed_once(tmp_path):
    (tmp_path / "a.json").write_text("x", encoding="utf-8")
    os.link(tmp_path / "a.json", tmp_path / "hard.json")
    assert loader.expand_paths([tmp_path / "a.json", tmp_path, str(tmp_path / "a.json")]) == [tmp_path / "a.json"]


def test_folders_without_event_files(tmp_path):
    gcat = tmp_path / "gcat"
    gcat.mkdir()
    (gcat / "launchlog.tsv").write_text("x", encoding="utf-8")
    assert loader.expand_paths([gcat]) == []  # the launch record reads it
    (gcat / "dir.json").mkdir()
    assert loader.expand_paths([gcat]) == []
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "b.json").mkdir()
    (odd / "c.csv").mkdir()
    assert _raises(loader.expand_paths, [odd]) == (
        f"{odd}: directory has no regular .json or .csv files to read (b.json is a directory)")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("x", encoding="utf-8")
    assert _raises(loader.expand_paths, [empty]) == f"{empty}: directory has no .json, .csv or .tsv files to read"
    assert _raises(loader.expand_paths, [tmp_path / "none.json"]) == f"{tmp_path / 'none.json'}: no such file or directory"
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    assert _raises(loader.expand_paths, [tmp_path / "dangling.json"]) == f"{tmp_path / 'dangling.json'}: no such file or directory"


def test_a_folder_that_cannot_be_listed_or_entered(tmp_path, monkeypatch):
    folder = tmp_path / "f"
    folder.mkdir()

    def no_list(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", no_list)
    assert _raises(loader.expand_paths, [folder]) == f"{folder}: cannot list the directory: Permission denied"

    def broken(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "is_dir", broken)
    assert _raises(loader.expand_paths, [folder]) == f"{folder}: cannot read: Input/output error"

    def locked(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "is_dir", locked)
    assert _raises(loader.expand_paths, [folder]) == f"{folder}: permission denied"


def test_the_files_to_load_bundled_first_and_labelled(tmp_path, write_json):
    base = tmp_path / "data"
    (base / "events").mkdir(parents=True)
    for name in ("dataset.json", "agencies.json", "events/b.json", "events/a.json"):
        (base / name).write_text("{}", encoding="utf-8")
    user = write_json("mine.json", [])
    assert list(loader.iter_sources([user], True, base)) == [
        (base / "dataset.json", "data/dataset.json", True), (base / "agencies.json", "data/agencies.json", True),
        (base / "events/a.json", "data/events/a.json", True), (base / "events/b.json", "data/events/b.json", True),
        (user, str(user), False)]
    assert list(loader.iter_sources([user], False, base)) == [(user, str(user), False)]
    assert [label for _, label, _ in loader.iter_sources([], True)][:2] == ["data/dataset.json", "data/agencies.json"]


# -- the fast path for large files --------------------------------------------------------------------
def _sized(path: Path, size: int, events: list[dict]) -> Path:
    text = json.dumps({"events": events})
    path.write_text(text[:-1] + " " * (size - len(text)) + "}", encoding="utf-8")
    assert path.stat().st_size == size
    return path


def test_user_json_files_from_256_kib_take_the_fast_path(tmp_path):
    events = [{"id": f"e-{i}", "title": f"E {i}", "date": "1990-01-01"} for i in range(50)]
    at = _sized(tmp_path / "at.json", loader.FAST_PATH_BYTES, events)
    below = _sized(tmp_path / "below.json", loader.FAST_PATH_BYTES - 1, events)
    fast = loader.parse_path(at, "at.json", False, "at.json")
    assert fast.pending is not None and fast.events == [] and fast.count == 50 and fast.labels is None
    careful = loader.parse_path(below, "below.json", False, "below.json")
    assert careful.pending is None and careful.count == 50 and careful.labels[0] == "event 1 'e-0'"
    assert loader.parse_path(at, "at.json", True, "bundled").pending is None  # strict files are read with care
    assert loader.FAST_PATH_BYTES == 256 * 1024


def test_a_large_file_the_fast_path_doubts_is_read_with_care(tmp_path):
    events = [{"id": f"e-{i}", "title": f"E {i}", "date": "1990-01-01"} for i in range(50)]
    events[7]["title"] = " "
    path = _sized(tmp_path / "big.json", loader.FAST_PATH_BYTES, events)
    parsed = loader.parse_path(path, "big.json", False, "big.json")
    assert parsed.pending is None and [str(p) for p in parsed.problems] == ["big.json: event 8 'e-7': title: is empty"]


def test_csv_files_are_never_offered_to_the_fast_path(tmp_path):
    path = tmp_path / "big.CSV"
    path.write_text("title,date\n" + "".join(f"Event {i},1990-01-01\n" for i in range(20_000)), encoding="utf-8")
    assert path.stat().st_size > loader.FAST_PATH_BYTES
    parsed = loader.parse_path(path, "big.CSV", False, "big.CSV")
    assert parsed.pending is None and parsed.count == 20_000 and parsed.problems == []
    bad = tmp_path / "bad.csv"
    bad.write_text("title,date\na,2000,x\nb,2001\n", encoding="utf-8")
    parsed = loader.parse_path(bad, "bad.csv", False, "bad.csv")
    assert [str(p) for p in parsed.problems] == ["bad.csv: line 2: 3 values, but the header names 2 columns"]
    assert [e.title for e in parsed.events] == ["a", "b"]


def test_large_files_keep_their_numbering_in_messages(tmp_path):
    """A large file's events are built on demand; a problem still names the event by its place."""
    from spacetime.errors import DatasetErrors
    from spacetime.assemble import load_years

    events = [{"id": f"e-{i}", "title": f"Event {i} of a large file", "date": f"{1990 + i // 2000}-01-01"} for i in range(4000)]
    events[2500] = {"title": "No id", "date": "1991-02-01", "agencies": ["nope"]}
    events[2600] = {"id": "named", "title": "Named", "date": "1991-02-02", "agencies": ["nope"]}
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    assert path.stat().st_size >= loader.FAST_PATH_BYTES
    with pytest.raises(DatasetErrors) as caught:
        load_years([path], True, (1991, 1991))
    assert [(p.record, p.reason) for p in caught.value.problems] == [
        ("event 2501", "unknown agency 'nope'"), ("event 2601 'named'", "unknown agency 'nope'")]


def test_labels_of_events_merged_from_a_built_timeline():
    parsed = Parsed("bundled", True)
    parsed.events = [_event({"id": "x" * 45, "title": "A", "date": "1969"})]
    parsed.labels, parsed.numbered = None, False
    assert parsed.label(0) == f"event '{'x' * 39}…'"
    parsed.numbered = True
    assert parsed.label(0) == f"event 1 '{'x' * 39}…'"


def test_csv_values_keep_their_line_breaks_and_empty_cells_skip_one_column():
    events, problems = _csv('title,,date,vehicle,notes\r\n"a\r\nb",x,2000,,"c\rd"\r\nB,,2001,Saturn,\r\n')
    assert problems == []
    assert events == [{"title": "a\r\nb", "date": "2000", "notes": "c\rd"}, {"title": "B", "date": "2001", "vehicle": "Saturn"}]


def test_a_header_broken_on_its_second_line_is_located_there():
    assert _csv_raises('x,"a\nb"c\n') == (
        "f.csv: line 2: invalid CSV: text follows a closing quote (write a quote inside a quoted value as two)")


def test_a_library_caller_s_python_values_are_named_by_their_type():
    assert _problems((1, 2)) == ["f.json: expected an object with 'events' (or a list of events), got tuple"]
    assert _problems({"events": [{"title": (1,), "date": "2000"}]}) == ["f.json: event 1: title: expected text, got tuple"]


def test_only_csv_sources_are_split_into_title_and_url():
    events, _ = _csv("title,date,crew,sources\nA,2000,Neil|Buzz,T|https://a.org\n")
    assert events[0]["crew"] == ["Neil|Buzz"] and events[0]["sources"] == [{"title": "T", "url": "https://a.org"}]


def test_strict_agencies_and_missions_are_held_to_every_rule():
    assert _problems({"agencies": [{"id": "club", "name": "C", "country": "GB", "type": "academic", "colour": "red"}],
                      "missions": [{"id": "m", "title": "M", "colour": "red"}]}, True) == [
        "f.json: agency 1 'club': colour: unknown field", "f.json: agency 1 'club': abbreviation: is required",
        "f.json: mission 1 'm': colour: unknown field"]


def test_a_large_file_s_dataset_section_and_origin(tmp_path):
    events = [{"id": f"e-{i}", "title": f"E {i}", "date": "1990-01-01"} for i in range(50)]
    text = json.dumps({"dataset": {"name": "Club", "version": "2"}, "events": events})
    path = tmp_path / "big.json"
    path.write_text(text + " " * (loader.FAST_PATH_BYTES - len(text)), encoding="utf-8")
    parsed = loader.parse_path(path, "big.json", False, "the origin")
    assert parsed.pending is not None and parsed.problems == []
    assert (parsed.info.name, parsed.info.version) == ("Club", "2")
    assert {e.origin for e in parsed.pending.build()} == {"the origin"}


def test_csv_is_never_offered_to_the_fast_path_and_a_failing_stat_is_no_problem(tmp_path, monkeypatch):
    from spacetime import bulk

    def offered(path, origin):
        raise AssertionError(f"{path} offered to the fast path")

    monkeypatch.setattr(bulk, "read", offered)
    path = tmp_path / "big.CSV"
    path.write_text("title,date\n" + "".join(f"Event {i},1990-01-01\n" for i in range(20_000)), encoding="utf-8")
    assert loader.parse_path(path, "big.CSV", False, "big.CSV").count == 20_000
    real_stat = Path.stat

    def no_stat(self, *args, **kwargs):
        if self.name == "small.json":
            raise PermissionError(13, "Permission denied")
        return real_stat(self, *args, **kwargs)

    small = tmp_path / "small.json"
    small.write_text('[{"title": "A", "date": "2000"}]', encoding="utf-8")
    monkeypatch.setattr(Path, "stat", no_stat)
    assert [e.title for e in loader.parse_path(small, "small.json", False, "small.json").events] == ["A"]


def test_a_folder_of_gcat_files_is_passed_over_and_the_next_path_read(tmp_path):
    gcat = tmp_path / "gcat"
    gcat.mkdir()
    (gcat / "launchlog.tsv").write_text("x", encoding="utf-8")
    (tmp_path / "mine.json").write_text("[]", encoding="utf-8")
    assert loader.expand_paths([gcat, tmp_path / "mine.json"]) == [tmp_path / "mine.json"]


def test_a_file_whose_details_cannot_be_read_is_still_listed_to_be_reported(tmp_path, monkeypatch):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.json").write_text("[]", encoding="utf-8")
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "b.json").mkdir()
    real_stat = Path.stat

    def no_stat(self, *args, **kwargs):
        if self.name in ("a.json", "b.json"):
            raise PermissionError(13, "Permission denied")
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", no_stat)
    assert loader.expand_paths([folder]) == [folder / "a.json"]
    assert _raises(loader.expand_paths, [odd]) == f"{odd}: directory has no regular .json or .csv files to read (b.json is unreadable)"


def test_a_list_in_the_wrong_shape_is_located_by_its_key(run, write_json):
    path = write_json("e.json", {"events": 3})
    rows = json.loads(run("validate", str(path), "-f", "json").stdout)
    assert [(r["record"], r["field"], r["problem"]) for r in rows] == [(None, "events", "expected a list, got a number")]


def test_a_large_file_s_agencies_and_missions_are_read(tmp_path):
    events = [{"id": f"e-{i}", "title": f"E {i}", "date": "1990-01-01", "agencies": ["club"], "mission": "m"}
              for i in range(50)]
    text = json.dumps({"agencies": [{"id": "club", "name": "Club"}], "missions": [{"id": "m", "title": "M"}], "events": events})
    path = tmp_path / "big.json"
    path.write_text(text + " " * (loader.FAST_PATH_BYTES - len(text)), encoding="utf-8")
    parsed = loader.parse_path(path, "big.json", False, "the origin")
    assert parsed.pending is not None and parsed.problems == []
    assert [(a.id, a.origin) for a in parsed.agencies] == [("club", "the origin")]
    assert [(m.id, m.file) for m in parsed.missions] == [("m", "big.json")]


def test_a_csv_file_is_read_strictly_when_asked_and_keeps_its_origin(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("title,date\nA,2000\n", encoding="utf-8")
    strict = loader.parse_path(path, "s.csv", True, "bundled")
    assert [str(p) for p in strict.problems] == [
        "s.csv: event 1: id: is required", "s.csv: event 1: kind: is required",
        "s.csv: event 1: agencies: at least one agency is required", "s.csv: event 1: summary: is required",
        "s.csv: event 1: sources: at least one source is required"]
    assert [e.origin for e in loader.parse_path(path, "s.csv", False, "mine").events] == ["mine"]


def test_csv_rows_may_end_in_a_lone_carriage_return():
    assert _csv("title,date\rA,2000\rB,2001\r") == ([{"title": "A", "date": "2000"}, {"title": "B", "date": "2001"}], [])


def test_every_bad_source_is_reported_not_only_the_first():
    assert _one({"title": "A", "date": "1969", "sources": [
        7, {"title": "T", "url": "ftp://x"}, {"url": "https://x.org"}, {"title": "T", "url": "nope"}, "https://ok.org"]}) == [
        "event 1: sources: item 1: expected a URL or {title, url}, got a number",
        "event 1: sources: item 2: 'ftp://x' is not an http(s) URL",
        "event 1: sources: item 3: a source needs a title of at most 1000 characters",
        "event 1: sources: item 4: 'nope' is not an http(s) URL"]
