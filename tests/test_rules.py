"""Consistency rules the loader enforces across records: an agency is credited only while it exists."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import spacetime
from spacetime.dates import PartialDate
from spacetime.errors import DatasetErrors
from spacetime.model import Agency
from spacetime.assemble import _outside_lifetime, check_files, load

AGENCIES = [
    {"id": "old-agency", "abbreviation": "OLD", "name": "Old Agency", "country": "SU", "type": "government",
     "founded": "1955-03", "dissolved": "1991-12-26"},
    {"id": "new-agency", "abbreviation": "NEW", "name": "New Agency", "country": "RU", "type": "government", "founded": "1992-02-25"},
]


def _event(ident, date, agencies):
    return {"id": ident, "title": ident.replace("-", " ").capitalize(), "date": date, "kind": "launch",
            "agencies": agencies, "summary": "A test event.", "sources": [{"title": "T", "url": "https://example.org/"}]}


def _strict_problems(write_json, events, name="club.json"):
    """Check a file as `spacetime validate --strict` does: held to the bundled dataset's rules."""
    path = write_json(name, {"agencies": AGENCIES, "events": events})
    _, _, problems = check_files([str(path)], strict=True)
    return path, problems


def test_event_before_its_agency_was_founded_is_reported(write_json):
    path, problems = _strict_problems(write_json, [_event("too-early", "1992-02-24", ["new-agency"])])
    (problem,) = problems
    assert problem.file == str(path) and problem.record == "event 1 'too-early'" and problem.field == "agencies"
    assert "new-agency" in problem.reason and "1992-02-25" in problem.reason


def test_event_after_its_agency_was_dissolved_is_reported(write_json):
    path, problems = _strict_problems(write_json, [
        _event("fine", "1991-12-26T23:59Z", ["old-agency"]),
        _event("too-late", "1991-12-27", ["old-agency"]),
        _event("much-too-late", "2003", ["new-agency", "old-agency"])])
    assert [(p.file, p.record, p.field) for p in problems] == [
        (str(path), "event 2 'too-late'", "agencies"), (str(path), "event 3 'much-too-late'", "agencies")]
    assert all("old-agency" in p.reason and "1991-12-26" in p.reason for p in problems)


def test_boundaries_compare_at_the_coarser_precision(write_json):
    _, problems = _strict_problems(write_json, [
        _event("same-year-as-the-founding-month", "1992", ["new-agency"]),
        _event("founding-day-with-a-time", "1992-02-25T00:00Z", ["new-agency"]),
        _event("founding-month", "1955-03-01", ["old-agency"]),
        _event("dissolution-month", "1991-12", ["old-agency"]),
        _event("dissolution-year", "1991", ["old-agency"]),
    ])
    assert problems == []


def test_cli_validate_strict_names_file_event_and_field(run, write_json):
    path = write_json("club.json", {"agencies": AGENCIES, "events": [_event("too-early", "1950", ["old-agency"])]})
    result = run("validate", "--strict", str(path))
    assert result.exit_code == 1
    # The report is on stdout, each problem at its line (`validate` since issue 16).
    assert f"{path}:1: event 1 'too-early': agencies: agency 'old-agency' did not exist yet on 1950" in result.stdout


def test_a_users_own_files_may_credit_loosely(run, write_json):
    # The lifetime rule is the bundled dataset's (and `validate --strict`'s); a user's club
    # timeline that credits an agency outside its life still loads, as unknown kinds do not.
    path = write_json("club.json", {"agencies": AGENCIES, "events": [_event("too-early", "1950", ["old-agency"])]})
    assert len(spacetime.load(paths=[path], bundled=False).events) == 1
    assert run("validate", str(path)).exit_code == 0


def test_the_bundled_loader_rejects_an_agency_outside_its_life(monkeypatch, tmp_path):
    # The bundled files are strict: a wrong credit in them stops the load, naming file, event and field.
    import shutil

    from spacetime import paths

    data = tmp_path / "data"
    shutil.copytree(paths.bundled_dir(), data)
    doc = json.loads((data / "events" / "space-race.json").read_text(encoding="utf-8"))
    sputnik = next(e for e in doc["events"] if e["id"] == "sputnik-1-launch")
    sputnik["agencies"] = ["roscosmos"]
    (data / "events" / "space-race.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DatasetErrors) as caught:
        load(data_dir=data)
    (problem,) = caught.value.problems
    assert problem.file == "data/events/space-race.json" and problem.field == "agencies"
    assert problem.record.endswith("'sputnik-1-launch'") and "roscosmos" in problem.reason


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



@pytest.mark.parametrize(("change", "field", "reason"), [
    ({"outcome": "sideways"}, "outcome", "'sideways' is not one of success, partial, failure"),
    ({"sources": [{"title": "T", "url": "htp:/example.org"}]}, "sources", "item 1: 'htp:/example.org' is not an http(s) URL"),
    ({"sources": [{"title": "T", "url": "https://example.org/\u202eexe.txt"}]}, "sources", "is not an http(s) URL"),
])
def test_the_loader_names_file_event_and_reason(write_json, change, field, reason):
    path, problems = _strict_problems(write_json, [{**_event("bad-one", "2000-01-01", ["new-agency"]), **change}])
    (problem,) = problems
    assert (problem.file, problem.record, problem.field) == (str(path), "event 1 'bad-one'", field)
    assert reason in problem.reason
