from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacetime.anniversaries import in_month, in_window, in_year
from spacetime.dates import PartialDate
from spacetime.errors import UsageError
from spacetime.model import Event


def ev(ident: str, when: str, mission: str | None = None) -> Event:
    return Event(id=ident, title=ident, date=PartialDate.parse(when), kind="launch", agencies=("nasa",), mission=mission)


def test_window_includes_today_and_the_next_days():
    events = [ev("a", "1975-07-15"), ev("b", "1975-07-17"), ev("c", "1975-07-19"), ev("d", "1975-07-14")]
    rows = in_window(events, date(2025, 7, 15), within=3)
    assert [r.event.id for r in rows] == ["a", "b"]
    assert {r.years for r in rows} == {50}


def test_past_looks_back():
    rows = in_window([ev("d", "1975-07-14")], date(2025, 7, 15), within=0, past=1)
    assert [(r.event.id, r.anniversary.iso()) for r in rows] == [("d", "2025-07-14")]


def test_window_crossing_a_year_boundary():
    events = [ev("dec", "1968-12-31"), ev("jan", "1959-01-02"), ev("late", "1959-01-06")]
    rows = in_window(events, date(2025, 12, 29), within=7)
    assert [(r.event.id, r.anniversary.iso(), r.years) for r in rows] == [
        ("dec", "2025-12-31", 57), ("jan", "2026-01-02", 67)]


def test_only_day_precision_events_get_day_reminders():
    rows = in_window([ev("m", "1975-07"), ev("y", "1975"), ev("d", "1975-07-15")], date(2025, 7, 15), within=0)
    assert [r.event.id for r in rows] == ["d"]


def test_month_listing_marks_month_precision_events():
    rows = in_month([ev("m", "1975-07"), ev("y", "1975"), ev("d", "1975-07-15")], 2025, 7)
    assert [(r.event.id, r.anniversary.iso()) for r in rows] == [("m", "2025-07"), ("d", "2025-07-15")]


def test_year_listing_includes_every_precision():
    rows = in_year([ev("m", "1975-07"), ev("y", "1975"), ev("d", "1975-07-15"), ev("z", "2026-01-01")], 2025)
    assert [(r.event.id, r.anniversary.iso()) for r in rows] == [("y", "2025"), ("m", "2025-07"), ("d", "2025-07-15")]


def test_no_zeroth_anniversary():
    assert in_window([ev("new", "2025-07-15")], date(2025, 7, 15), within=0) == []


def test_user_feb_29_event_shows_on_feb_28_as_its_65th():
    rows = in_window([ev("leap", "1960-02-29")], date(2025, 2, 28), within=0)
    assert [(r.anniversary.iso(), r.years, r.ordinal) for r in rows] == [("2025-02-28", 65, "65th")]
    # ... and on the 29th in a leap year.
    rows = in_window([ev("leap", "1960-02-29")], date(2028, 2, 29), within=0)
    assert [(r.anniversary.iso(), r.years) for r in rows] == [("2028-02-29", 68)]


@given(st.dates(date(1957, 1, 1), date(2100, 12, 31)), st.integers(1958, 2100), st.sampled_from([None, 1, 5, 10, 25, 50]))
def test_anniversary_arithmetic_over_every_date(event_day, year, every):
    """For any event day and target year, the year listing puts it on the right day, with the
    right count, and --every keeps exactly the multiples."""
    event = ev("e", event_day.isoformat())
    rows = in_year([event], year, every)
    years = year - event_day.year
    expected = years >= 1 and (every is None or years % every == 0)
    assert len(rows) == (1 if expected else 0)
    if rows:
        when = rows[0].anniversary.to_date()
        if (event_day.month, event_day.day) == (2, 29) and not calendar.isleap(year):
            assert when == date(year, 2, 28)
        else:
            assert (when.month, when.day) == (event_day.month, event_day.day)
        assert rows[0].years == years
        # The day window around that date finds the same anniversary.
        window = in_window([event], when - timedelta(days=1), within=2, every=every)
        assert [(r.anniversary.to_date(), r.years) for r in window] == [(when, years)]


def test_every_keeps_round_numbers():
    events = [ev("a", "1975-07-15"), ev("b", "1965-07-15"), ev("c", "1970-07-15")]
    rows = in_year(events, 2025, every=25)
    assert [(r.event.id, r.years, r.round) for r in rows] == [("a", 50, True)]


@pytest.mark.parametrize("kwargs", [{"within": -1}, {"past": -1}, {"every": 0}, {"every": -5}])
def test_bad_window_arguments(kwargs):
    with pytest.raises(UsageError):
        in_window([], date(2025, 1, 1), **kwargs)


def test_related_events_of_one_mission_stay_together_on_a_day():
    from spacetime.assemble import chronological

    events = chronological([ev("x-late", "1975-07-15T20:00Z", "x"), ev("y", "1980-07-15T15:00Z", "y"),
                            ev("x-early", "1975-07-15T12:00Z", "x")])
    rows = in_window(events, date(2025, 7, 15), within=0)
    assert [r.event.id for r in rows] == ["x-early", "x-late", "y"]


def test_a_day_only_landing_follows_its_launch_on_this_day(timeline):
    rows = in_window(timeline.events, date(2025, 4, 12), within=0)
    ids = [r.event.id for r in rows]
    assert ids.index("vostok-1-launch") < ids.index("vostok-1-landing")


@given(st.dates(date(1957, 1, 1), date(2030, 12, 31)), st.dates(date(1990, 1, 1), date(2100, 12, 31)),
       st.integers(0, 366), st.integers(0, 366))
def test_the_window_holds_exactly_the_events_whose_observed_day_falls_in_it(event_day, today, within, past):
    """in_window passes over events by month and day before any date arithmetic: nothing that
    belongs in the window may be passed over (29 February included)."""
    events = [ev("x", event_day.isoformat()), ev("leap", f"{event_day.year - event_day.year % 4}-02-29")]
    start, end = today - timedelta(days=past), today + timedelta(days=within)
    expected = set()
    for e in events:
        d = e.date
        for year in range(max(start.year, d.year + 1), end.year + 1):
            day = date(year, 2, 28) if (d.month, d.day) == (2, 29) and not calendar.isleap(year) else date(year, d.month, d.day)
            if start <= day <= end:
                expected.add((e.id, day.isoformat(), year - d.year))
    rows = in_window(events, today, within=within, past=past)
    assert {(r.event.id, r.anniversary.iso(), r.years) for r in rows} == expected
    assert len(rows) == len(expected)
