"""Consistency rules the loader enforces across records: an agency is credited only while it exists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import spacetime
from spacetime.dates import PartialDate
from spacetime.errors import DatasetErrors
from spacetime.model import Agency
from spacetime.timeline import _outside_lifetime

AGENCIES = [
    {"id": "old-agency", "abbreviation": "OLD", "name": "Old Agency", "country": "SU",
     "founded": "1955-03", "dissolved": "1991-12-26"},
    {"id": "new-agency", "abbreviation": "NEW", "name": "New Agency", "country": "RU", "founded": "1992-02-25"},
]


def _problems(write_json, events, name="club.json"):
    path = write_json(name, {"agencies": AGENCIES, "events": events})
    with pytest.raises(DatasetErrors) as caught:
        spacetime.load(paths=[path], bundled=False)
    return path, caught.value.problems


def test_event_before_its_agency_was_founded_is_reported(write_json):
    path, problems = _problems(write_json, [
        {"id": "too-early", "title": "Too early", "date": "1992-02-24", "agencies": ["new-agency"]}])
    (problem,) = problems
    assert problem.file == str(path) and problem.record == "event 1 'too-early'" and problem.field == "agencies"
    assert "new-agency" in problem.reason and "1992-02-25" in problem.reason


def test_event_after_its_agency_was_dissolved_is_reported(write_json):
    path, problems = _problems(write_json, [
        {"id": "fine", "title": "Fine", "date": "1991-12-26T23:59Z", "agencies": ["old-agency"]},
        {"id": "too-late", "title": "Too late", "date": "1991-12-27", "agencies": ["old-agency"]},
        {"id": "much-too-late", "title": "Much too late", "date": "2003", "agencies": ["new-agency", "old-agency"]}])
    assert [(p.file, p.record, p.field) for p in problems] == [
        (str(path), "event 2 'too-late'", "agencies"), (str(path), "event 3 'much-too-late'", "agencies")]
    assert all("old-agency" in p.reason and "1991-12-26" in p.reason for p in problems)


def test_boundaries_compare_at_the_coarser_precision(write_json):
    path = write_json("ok.json", {"agencies": AGENCIES, "events": [
        {"title": "Same year as the founding month", "date": "1992", "agencies": ["new-agency"]},
        {"title": "Founding day, with a time", "date": "1992-02-25T00:00Z", "agencies": ["new-agency"]},
        {"title": "Month of a founding known to the month", "date": "1955-03-01", "agencies": ["old-agency"]},
        {"title": "Dissolution month", "date": "1991-12", "agencies": ["old-agency"]},
        {"title": "Dissolution year", "date": "1991", "agencies": ["old-agency"]},
    ]})
    timeline = spacetime.load(paths=[path], bundled=False)
    assert len(timeline.events) == 5


def test_cli_validate_names_file_event_and_field(run, write_json):
    path = write_json("club.json", {"agencies": AGENCIES, "events": [
        {"id": "too-early", "title": "Too early", "date": "1950", "agencies": ["old-agency"]}]})
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}: event 1 'too-early': agencies: agency 'old-agency'" in result.stderr


def test_large_files_read_by_the_fast_path_are_checked_too(write_json):
    filler = [{"id": f"e{i}", "title": f"Filler event number {i} " + "x" * 200, "date": "2000-01-01",
               "agencies": ["new-agency"]} for i in range(1500)]
    events = [*filler, {"id": "too-late", "title": "Too late", "date": "1999-01", "agencies": ["old-agency"]}]
    path = write_json("big.json", {"agencies": AGENCIES, "events": events})
    assert path.stat().st_size > 256 * 1024
    with pytest.raises(DatasetErrors) as caught:
        spacetime.load(paths=[path], bundled=False)
    assert [(p.record, p.field) for p in caught.value.problems] == [("event 1501 'too-late'", "agencies")]


def test_bundled_agencies_carry_their_lifetimes(timeline):
    # The rule only means something if the bundled agencies that ended say so.
    for ident in ("naca", "soviet", "esro", "eldo", "nasda", "isas", "nal"):
        assert timeline.agencies[ident].dissolved is not None, ident
    for event in timeline.events:
        for ident in event.agencies:
            assert _outside_lifetime(timeline.agencies[ident], event.date) is None, (event.id, ident)


def _dates():
    def build(y, m, d, hm):
        if m is None:
            return PartialDate(y)
        if d is None:
            return PartialDate(y, m)
        if hm is None:
            return PartialDate(y, m, d)
        return PartialDate(y, m, d, *hm)
    return st.builds(build, st.integers(1988, 1995), st.one_of(st.none(), st.integers(1, 12)),
                     st.one_of(st.none(), st.integers(1, 28)),
                     st.one_of(st.none(), st.tuples(st.integers(0, 23), st.integers(0, 59))))


def _truncate(value: PartialDate, precision: int) -> tuple:
    return tuple(value[:precision])


def _precision(value: PartialDate) -> int:
    return 1 + (value.month is not None) + (value.day is not None)


@given(_dates(), st.one_of(st.none(), _dates()), st.one_of(st.none(), _dates()))
def test_rule_matches_comparison_at_the_coarser_precision(when, founded, dissolved):
    if founded and dissolved and dissolved.last_day() < founded.first_day():
        return
    agency = Agency("a", "A", "A", founded=founded, dissolved=dissolved)
    expected_early = founded is not None and (
        _truncate(when, p := min(_precision(when), _precision(founded))) < _truncate(founded, p))
    expected_late = dissolved is not None and (
        _truncate(when, p := min(_precision(when), _precision(dissolved))) > _truncate(dissolved, p))
    reason = _outside_lifetime(agency, when)
    assert (reason is not None) == (expected_early or expected_late)
    if reason:
        assert ("did not exist yet" in reason) == expected_early

