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


# -- the limits on what multiplies work, and what they say -----------------------------------------------
@pytest.mark.parametrize(("kwargs", "message", "cli"), [
    ({"within": 367}, "Invalid within 367: at most 366 days", "Invalid --within 367: at most 366 days (for a whole year use --year)"),
    ({"past": 367}, "Invalid past 367: at most 366 days", "Invalid --past 367: at most 366 days"),
    ({"within": -1}, "Invalid within -1: it must be 0 or more days", "Invalid --within -1: it must be 0 or more days"),
    ({"past": -2}, "Invalid past -2: it must be 0 or more days", "Invalid --past -2: it must be 0 or more days"),
    ({"every": 0}, "Invalid every 0: it must be a whole number of years, 1 to 9999", "Invalid --every 0: it must be a whole number of years, 1 to 9999"),
    ({"every": 10000}, "Invalid every 10000", "Invalid --every 10000"),
])
def test_window_limits_say_what_is_allowed(kwargs, message, cli, run):
    """The library names its arguments; the command line names its options."""
    import re

    with pytest.raises(UsageError, match=re.escape(message)):
        in_window([], date(2025, 1, 1), **kwargs)
    ((name, value),) = kwargs.items()
    result = run("anniversaries", "--date", "2025-01-01", f"--{name}", str(value))
    assert result.exit_code == 2 and result.stderr.startswith(f"spacetime: {cli}")


def test_the_largest_allowed_window_and_every():
    event = ev("a", "1975-07-15")
    assert [r.years for r in in_window([event], date(2025, 7, 15), within=366, past=366)] == [49, 50, 51]
    assert in_window([event], date(2025, 7, 15), within=0, every=9999) == []
    assert [r.years for r in in_window([event], date(2025, 7, 15), within=0, every=1)] == [50]


@pytest.mark.parametrize("kwargs", [{"within": True}, {"past": False}, {"within": 1.5}, {"past": "3"}])
def test_window_sizes_must_be_whole_numbers(kwargs):
    (name, value), = kwargs.items()
    with pytest.raises(TypeError, match=f"^{name} must be a whole number of days, got {type(value).__name__}$"):
        in_window([], date(2025, 1, 1), **kwargs)


def test_today_must_be_a_date():
    with pytest.raises(TypeError, match=r"today must be a datetime\.date, got str"):
        in_window([], "2025-01-01")


@pytest.mark.parametrize(("today", "kwargs"), [(date.max, {"within": 1}), (date.min, {"past": 1})])
def test_a_window_past_the_calendar_is_a_usage_error(today, kwargs):
    with pytest.raises(UsageError, match=r"^That window runs past the calendar's range$"):
        in_window([ev("a", "1975-07-15")], today, **{"within": 0, **kwargs})


def test_the_window_edges_are_inclusive():
    events = [ev("before", "1975-07-09"), ev("first", "1975-07-10"), ev("last", "1975-07-20"), ev("after", "1975-07-21")]
    rows = in_window(events, date(2025, 7, 15), within=5, past=5)
    assert [(r.event.id, r.anniversary.iso()) for r in rows] == [("first", "2025-07-10"), ("last", "2025-07-20")]


def test_a_window_spanning_years_lists_each_year_once():
    rows = in_window([ev("a", "2020-01-01")], date(2024, 12, 31), within=366)  # to 2026-01-01
    assert [(r.anniversary.iso(), r.years) for r in rows] == [("2025-01-01", 5), ("2026-01-01", 6)]
    rows = in_window([ev("a", "2020-01-01")], date(2024, 12, 31), within=365)
    assert [(r.anniversary.iso(), r.years) for r in rows] == [("2025-01-01", 5)]
    rows = in_window([ev("a", "2020-12-31")], date(2024, 12, 31), within=366)
    assert [(r.anniversary.iso(), r.years) for r in rows] == [("2024-12-31", 4), ("2025-12-31", 5)]


def test_every_in_a_window():
    events = [ev("fifty", "1975-07-15"), ev("forty", "1985-07-15"), ev("sixty", "1965-07-15")]
    rows = in_window(events, date(2025, 7, 15), within=0, every=20)
    assert [(r.event.id, r.years) for r in rows] == [("forty", 40), ("sixty", 60)]  # one day: input order


def test_month_listing_every_and_leap_days():
    events = [ev("leap", "1960-02-29"), ev("feb", "1975-02"), ev("mar", "1975-03-01"), ev("new", "2025-02-10"),
              ev("year", "1975")]
    rows = in_month(events, 2025, 2)
    assert [(r.event.id, r.anniversary.iso(), r.years) for r in rows] == [("feb", "2025-02", 50), ("leap", "2025-02-28", 65)]
    assert [r.event.id for r in in_month(events, 2025, 2, every=25)] == ["feb"]
    assert [r.event.id for r in in_month(events, 2025, 2, every=5)] == ["feb", "leap"]
    assert [r.anniversary.iso() for r in in_month(events, 2028, 2)] == ["2028-02", "2028-02-10", "2028-02-29"]
    with pytest.raises(UsageError):
        in_month(events, 2025, 2, every=0)


def test_year_listing_every_and_leap_days():
    events = [ev("leap", "1960-02-29"), ev("month", "1960-05"), ev("year", "1960")]
    rows = in_year(events, 2025)
    assert [(r.event.id, r.anniversary.iso(), r.years) for r in rows] == [
        ("year", "2025", 65), ("leap", "2025-02-28", 65), ("month", "2025-05", 65)]
    assert in_year(events, 2025, every=10) == []
    assert len(in_year(events, 2010, every=10)) == 3
    assert in_year(events, 1960) == []
    with pytest.raises(UsageError):
        in_year(events, 2025, every=10000)


def test_round_and_ordinal_of_a_row():
    (row,) = in_year([ev("a", "1975-07-15")], 2025)
    assert (row.years, row.ordinal, row.round) == (50, "50th", True)
    (row,) = in_year([ev("a", "1974-07-15")], 2025)
    assert (row.years, row.ordinal, row.round) == (51, "51st", False)


def test_one_days_rows_keep_each_mission_together_in_timeline_order():
    from spacetime.anniversaries import order

    a1, b, a2 = ev("a1", "1975-07-15", "A"), ev("b", "1980-07-15", "B"), ev("a2", "1990-07-15", "A")
    c = ev("c", "1975-07-14")

    def row(event, when):
        return in_year([event], int(when[:4]))[0]._replace(anniversary=PartialDate.parse(when))

    ranked = [(0, row(c, "2025-07-14")), (1, row(a1, "2025-07-15")), (2, row(b, "2025-07-15")), (3, row(a2, "2025-07-15"))]
    assert [r.event.id for r in order(ranked)] == ["c", "a1", "a2", "b"]
    # The input order is the timeline's rank, whatever order the rows come in.
    assert [r.event.id for r in order(ranked[::-1])] == ["c", "a1", "a2", "b"]
    ranked = [(5, row(a2, "2025-07-15")), (1, row(b, "2025-07-15")), (3, row(a1, "2025-07-15"))]
    assert [r.event.id for r in order(ranked)] == ["b", "a1", "a2"]


def test_group_by_mission_keeps_the_order_of_first_dates():
    from spacetime.anniversaries import group_by_mission

    rows = in_year([ev("a1", "1975-03-01", "A"), ev("b1", "1975-04-01", "B"), ev("a2", "1975-05-01", "A"),
                    ev("solo", "1975-06-01"), ev("b2", "1975-07-01", "B")], 2025)
    assert [r.event.id for r in group_by_mission(rows)] == ["a1", "a2", "b1", "b2", "solo"]
    assert [r.event.id for r in group_by_mission(rows[::-1])] == ["b1", "b2", "solo", "a1", "a2"]


def test_the_first_anniversary_counts():
    rows = in_window([ev("a", "2024-07-15")], date(2025, 7, 15), within=0)
    assert [(r.years, r.ordinal) for r in rows] == [(1, "1st")]
    assert [r.years for r in in_year([ev("a", "2024-07-15")], 2025)] == [1]
    assert [r.years for r in in_month([ev("a", "2024-07")], 2025, 7)] == [1]


def test_the_default_window_is_a_week():
    events = [ev("seven", "2000-07-22"), ev("eight", "2000-07-23")]
    assert [r.event.id for r in in_window(events, date(2025, 7, 15))] == ["seven"]


def test_a_window_at_the_end_of_the_calendar():
    rows = in_window([ev("a", "2000-12-25")], date(9999, 12, 20), within=11)
    assert [(r.anniversary.iso(), r.years) for r in rows] == [("9999-12-25", 7999)]
