"""The calendar export, parsed back with icalendar and expanded with dateutil."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar


def _calendar(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return Calendar.from_ical(result.stdout)


def test_export_ics_is_a_yearly_recurring_calendar(run, timeline):
    cal = _calendar(run, "export", "--format", "ics")
    events = cal.walk("VEVENT")
    day_events = [e for e in timeline.events if e.date.precision >= 3]
    assert len(events) == len(day_events)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    landing = next(e for e in events if str(e["UID"]).startswith("apollo-11-landing@"))
    assert landing.decoded("DTSTART") == date(1969, 7, 20)
    assert "1969-07-20T20:17Z" in str(landing["DESCRIPTION"])
    assert "NASA" in str(landing["DESCRIPTION"])
    assert "http" in str(landing["DESCRIPTION"])
    rule = rrulestr(landing["RRULE"].to_ical().decode(), dtstart=datetime(1969, 7, 20))
    assert rule.after(datetime(2025, 1, 1)) == datetime(2025, 7, 20)


def test_uids_are_stable_between_exports(run):
    first = run("export", "--format", "ics").stdout
    second = run("export", "--format", "ics").stdout
    def uids(text):
        return [str(e["UID"]) for e in Calendar.from_ical(text).walk("VEVENT")]

    assert uids(first) == uids(second)


def test_month_precision_events_are_left_out_with_a_note(run, write_json):
    path = write_json("m.json", {"events": [{"title": "Month only", "date": "1990-05"},
                                            {"title": "Day known", "date": "1990-05-06"}]})
    result = run("--no-bundled", "--data", str(path), "export", "--format", "ics")
    cal = Calendar.from_ical(result.stdout)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Day known"]
    assert "1 event known only to the month or year" in result.stderr


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028, 2100])
def test_feb_29_recurs_on_the_last_day_of_february(run, write_json, year):
    path = write_json("leap.json", {"events": [{"id": "leap-day", "title": "Leap day event", "date": "1960-02-29"}]})
    cal = _calendar(run, "--no-bundled", "--data", str(path), "export", "--format", "ics")
    (event,) = cal.walk("VEVENT")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=datetime(1960, 2, 29))
    when = rule.after(datetime(year, 1, 1))
    expected = date(year, 2, 29) if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else date(year, 2, 28)
    assert when.date() == expected


def test_anniversaries_as_ics(run):
    cal = _calendar(run, "anniversaries", "--date", "2025-07-15", "--within", "3", "--format", "ics")
    uids = {str(e["UID"]).split("@")[0] for e in cal.walk("VEVENT")}
    assert "apollo-soyuz-soyuz-19-launch" in uids
