from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacetime.dates import PartialDate, Precision, describe_elapsed, observed_day, ordinal, parse_day, parse_span
from spacetime.errors import UsageError


@st.composite
def partial_dates(draw):
    year = draw(st.integers(1000, 9999))
    precision = draw(st.sampled_from(list(Precision)))
    if precision == Precision.YEAR:
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == Precision.MONTH:
        return PartialDate(year, month)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    if precision == Precision.DAY:
        return PartialDate(year, month, day)
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    if precision == Precision.MINUTE:
        return PartialDate(year, month, day, hour, minute)
    return PartialDate(year, month, day, hour, minute, draw(st.integers(0, 59)))


@given(partial_dates())
def test_parse_format_round_trip_at_every_precision(value):
    text = value.iso()
    parsed = PartialDate.parse(text)
    assert parsed == value
    assert parsed.precision == value.precision
    assert parsed.iso() == text


@given(partial_dates(), partial_dates())
def test_ordering_is_consistent_with_first_day(a, b):
    if a.first_day() < b.first_day():
        assert a < b
    assert (a < b) + (b < a) + (a.sort_key == b.sort_key) == 1


@given(partial_dates())
def test_less_precise_date_sorts_before_the_span_it_covers(value):
    if value.precision > Precision.YEAR:
        assert PartialDate(value.year) < value


def test_month_precision_is_never_shown_as_a_day():
    d = PartialDate.parse("1957-10")
    assert d.iso() == "1957-10"
    assert d.display() == "1957-10"
    assert d.precision == Precision.MONTH


def test_seconds_and_minutes_print_at_their_precision():
    assert PartialDate.parse("1957-10-04T19:28:34Z").display() == "1957-10-04 19:28:34"
    assert PartialDate.parse("1969-07-20T20:17Z").iso() == "1969-07-20T20:17Z"


def test_offset_times_are_converted_to_utc():
    # 22:47:56 EST on 31 January 1958 is 03:47:56 UTC on 1 February (Explorer 1).
    assert PartialDate.parse("1958-01-31T22:47:56-05:00").iso() == "1958-02-01T03:47:56Z"


@pytest.mark.parametrize("text", ["19x9", "1969-13", "2025-02-30", "1969-07-20T25:00Z", "", "1969-7-20", "nan"])
def test_invalid_dates_are_rejected(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@given(st.text(max_size=30))
def test_parser_never_raises_anything_but_value_error(text):
    try:
        PartialDate.parse(text)
    except ValueError:
        pass


@pytest.mark.parametrize(("text", "span"), [("1969", (1969, 1969)), ("1969..1972", (1969, 1972)),
                                            ("1960s", (1960, 1969)), (" 2000s ", (2000, 2009))])
def test_year_spans(text, span):
    assert parse_span(text) == span


@pytest.mark.parametrize("text", ["19x9", "1975..1969", "196s", "", "1969..", "0000"])
def test_bad_year_spans_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_span(text)


@given(st.integers(1, 9999), st.integers(1, 9999))
def test_span_ranges_accept_only_ordered_pairs(a, b):
    text = f"{a:04d}..{b:04d}"
    if a <= b:
        assert parse_span(text) == (a, b)
    else:
        with pytest.raises(UsageError):
            parse_span(text)


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                         (13, "13th"), (21, "21st"), (22, "22nd"), (56, "56th"), (101, "101st"),
                                         (111, "111th"), (112, "112th")])
def test_ordinals(n, text):
    assert ordinal(n) == text


@given(st.integers(1, 10_000))
def test_ordinal_suffix_rule(n):
    suffix = ordinal(n)[len(str(n)):]
    if n % 100 in (11, 12, 13):
        assert suffix == "th"
    else:
        assert suffix == {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@given(st.dates(date(1957, 1, 1), date(2100, 12, 31)), st.integers(1957, 2100))
def test_feb_29_event_observed_on_feb_28(event_day, year):
    observed = observed_day(event_day.month, event_day.day, year)
    assert observed.year == year
    if (event_day.month, event_day.day) == (2, 29) and not calendar.isleap(year):
        assert observed == date(year, 2, 28)
    else:
        assert (observed.month, observed.day) == (event_day.month, event_day.day)


def test_describe_elapsed_matches_the_issue_example():
    landing = PartialDate.parse("1969-07-20T20:17Z")
    assert describe_elapsed(landing, date(2025, 7, 21)) == "56 years and 1 day ago"


def test_elapsed_respects_precision():
    assert describe_elapsed(PartialDate(1957), date(2025, 1, 1)) == "about 68 years ago"
    assert describe_elapsed(PartialDate(1957, 10), date(2025, 12, 1)) == "about 68 years and 2 months ago"
    assert describe_elapsed(PartialDate(2030, 1, 1), date(2025, 1, 1)) == "in the future"


def test_parse_day_requires_a_full_day():
    assert parse_day("2025-07-15") == date(2025, 7, 15)
    for bad in ("2025-02-30", "2025-07", "tomorrow"):
        with pytest.raises(UsageError):
            parse_day(bad)


def test_to_datetime_is_utc():
    assert PartialDate.parse("1957-10-04T19:28:34Z").to_datetime() == datetime(1957, 10, 4, 19, 28, 34, tzinfo=UTC)
