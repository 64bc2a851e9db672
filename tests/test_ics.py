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


# -- the calendar's entries, field by field (library level, with a fixed stamp) --------------------------
from datetime import UTC, timedelta  # noqa: E402
import io  # noqa: E402

from spacetime.anniversaries import in_year  # noqa: E402
from spacetime.dates import PartialDate  # noqa: E402
from spacetime.model import Agency, Event, Source  # noqa: E402
from spacetime.render import Output  # noqa: E402
from spacetime.render.ics import render_dated_ics, render_ics  # noqa: E402

STAMP = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
AGENCIES = {"nasa": Agency("nasa", "NASA", "National Aeronautics and Space Administration")}


def _ev(ident, when, **more):
    return Event(id=ident, title=more.pop("title", ident.upper()), date=PartialDate.parse(when), kind="landing", **more)


def _render(render, items, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    render(items, Output(stdout=out, stderr=err), AGENCIES, stamp=STAMP, **kwargs)
    return out.getvalue(), err.getvalue()


def test_an_entry_lasts_one_whole_day_and_recurs_yearly():
    text, err = _render(render_ics, [_ev("moon", "1969-07-20T20:17Z", agencies=("nasa", "esa"), summary="Eagle lands.",
                                         sources=(Source("NASA", "https://nasa.example/a11"),))])
    assert err == ""
    (vevent,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(vevent["UID"]) == "moon@spacetime.invalid"
    assert vevent.decoded("DTSTART") == date(1969, 7, 20)
    assert vevent.decoded("DTEND") == date(1969, 7, 21)
    assert vevent.decoded("DTSTAMP") == STAMP
    assert str(vevent["SUMMARY"]) == "MOON"
    assert vevent["RRULE"].to_ical() == b"FREQ=YEARLY"
    assert str(vevent["TRANSP"]) == "TRANSPARENT"
    assert str(vevent["URL"]) == "https://nasa.example/a11"
    assert vevent["CATEGORIES"].to_ical() == b"landing"
    assert str(vevent["DESCRIPTION"]).split("\n") == [
        "1969-07-20T20:17Z (UTC): MOON", "Agencies: NASA, esa", "Eagle lands.", "Source: https://nasa.example/a11"]


def test_the_calendar_header_and_line_endings():
    text, _ = _render(render_ics, [_ev("a", "2000-01-01")])
    cal = Calendar.from_ical(text)
    assert str(cal["PRODID"]) == "-//spacetime//Spaceflight anniversaries//EN"
    assert str(cal["VERSION"]) == "2.0" and str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "Spaceflight anniversaries"
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")


def test_an_entry_without_agencies_summary_or_source_has_only_its_date_line():
    text, _ = _render(render_ics, [_ev("bare", "2000-01-31")])
    (vevent,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]) == "2000-01-31 (UTC): BARE"
    assert "URL" not in vevent
    assert vevent.decoded("DTEND") == date(2000, 2, 1)


@pytest.mark.parametrize(("when", "end"), [("1999-12-31", date(2000, 1, 1)), ("2000-02-28", date(2000, 2, 29)),
                                           ("2000-02-29", date(2000, 3, 1)), ("9999-12-30", date(9999, 12, 31))])
def test_dtend_is_the_next_day(when, end):
    text, _ = _render(render_ics, [_ev("x", when)])
    (vevent,) = Calendar.from_ical(text).walk("VEVENT")
    assert vevent.decoded("DTEND") == end
    assert "DURATION" not in vevent


def test_the_last_day_of_the_calendar_lasts_a_day_by_duration():
    text, _ = _render(render_ics, [_ev("end", "9999-12-31")])
    (vevent,) = Calendar.from_ical(text).walk("VEVENT")
    assert "DTEND" not in vevent
    assert vevent.decoded("DURATION") == timedelta(days=1)


def test_only_29_february_recurs_on_the_last_day_of_february():
    text, _ = _render(render_ics, [_ev("leap", "2000-02-29"), _ev("feb28", "2000-02-28"), _ev("mar29", "2000-03-29")])
    rules = {str(v["UID"]).split("@")[0]: dict(v["RRULE"]) for v in Calendar.from_ical(text).walk("VEVENT")}
    assert rules == {"leap": {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}, "feb28": {"FREQ": ["YEARLY"]},
                     "mar29": {"FREQ": ["YEARLY"]}}


@pytest.mark.parametrize(("dates", "note"), [
    (["2000", "2000-01-01"], "spacetime: note: 1 event known only to the month or year is not in the calendar\n"),
    (["2000", "2001-05", "2000-01-01"], "spacetime: note: 2 events known only to the month or year are not in the calendar\n"),
    (["2000-01-01"], ""),
])
def test_events_not_known_to_the_day_are_counted_in_a_note(dates, note):
    text, err = _render(render_ics, [_ev(f"e{i}", d) for i, d in enumerate(dates)])
    assert err == note
    assert len(Calendar.from_ical(text).walk("VEVENT")) == 1


def test_titles_lose_control_characters():
    text, _ = _render(render_ics, [_ev("x", "2000-01-01", title="Bad\x1b[31m red\x07 title")])
    (vevent,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Bad red title"


def test_planning_entries_are_dated_and_titled_with_their_ordinal():
    events = [_ev("moon", "1969-07-20T20:17Z", agencies=("nasa", "zz")), _ev("month", "1969-07"), _ev("year", "1975")]
    text, err = _render(render_dated_ics, in_year(events, 2025))
    (vevent,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(vevent["UID"]) == "moon-2025@spacetime.invalid"
    assert str(vevent["SUMMARY"]) == "56th anniversary: MOON"
    assert vevent.decoded("DTSTART") == date(2025, 7, 20)
    assert vevent.decoded("DTEND") == date(2025, 7, 21)
    assert vevent.decoded("DTSTAMP") == STAMP
    assert "RRULE" not in vevent
    assert str(vevent["DESCRIPTION"]).startswith("1969-07-20T20:17Z (UTC): MOON\nAgencies: NASA, zz")
    assert err == ("spacetime: note: 2 anniversaries of events known only to the month or year are not in the "
                   "calendar (no day is guessed)\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")


def test_one_planning_entry_left_out_is_one_anniversary():
    _, err = _render(render_dated_ics, in_year([_ev("month", "1969-07")], 2025))
    assert err == ("spacetime: note: 1 anniversary of an event known only to the month or year is not in the "
                   "calendar (no day is guessed)\n")
    _, err = _render(render_dated_ics, in_year([_ev("day", "1969-07-01")], 2025))
    assert err == ""


def test_a_planning_entry_on_the_last_day_of_the_year():
    text, _ = _render(render_dated_ics, in_year([_ev("nye", "1999-12-31")], 2025))
    (vevent,) = Calendar.from_ical(text).walk("VEVENT")
    assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == (date(2025, 12, 31), date(2026, 1, 1))


@pytest.mark.parametrize("dated", [False, True])
def test_without_a_stamp_the_entries_are_stamped_now_in_utc(monkeypatch, dated):
    import os
    import time

    # Local time far from UTC: a stamp taken in local time would be off by hours.
    old = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "Asia/Kathmandu")
    time.tzset()
    try:
        out = io.StringIO()
        before = datetime.now(UTC).replace(microsecond=0)
        if dated:
            render_dated_ics(in_year([_ev("a", "2000-01-01")], 2025), Output(stdout=out, stderr=io.StringIO()), AGENCIES)
        else:
            render_ics([_ev("a", "2000-01-01")], Output(stdout=out, stderr=io.StringIO()), AGENCIES)
        after = datetime.now(UTC)
    finally:
        if old is None:
            monkeypatch.delenv("TZ")
        else:
            monkeypatch.setenv("TZ", old)
        time.tzset()
    assert "DTSTAMP:" in out.getvalue() and out.getvalue().split("DTSTAMP:")[1][15] == "Z"
    (vevent,) = Calendar.from_ical(out.getvalue()).walk("VEVENT")
    assert before <= vevent.decoded("DTSTAMP") <= after
