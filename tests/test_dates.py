from __future__ import annotations

import calendar
import re
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


# -- the Gregorian calendar, checked against the standard library -----------------------------------
@given(st.integers(1, 9999))
def test_leap_years_follow_the_gregorian_400_year_rule(year):
    from spacetime.dates import days_in_month, is_leap

    assert is_leap(year) == calendar.isleap(year)
    for month in range(1, 13):
        assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


@pytest.mark.parametrize(("year", "leap"), [(1900, False), (2000, True), (2100, False), (2400, True), (1996, True),
                                            (1999, False), (1600, True), (1700, False)])
def test_29_february_exists_only_in_leap_years(year, leap):
    text = f"{year}-02-29"
    if leap:
        assert PartialDate.parse(text).last_day() == date(year, 2, 29)
        assert PartialDate(year, 2).last_day() == date(year, 2, 29)
    else:
        with pytest.raises(ValueError, match="not a valid date"):
            PartialDate.parse(text)
        assert PartialDate(year, 2).last_day() == date(year, 2, 28)
    assert observed_day(2, 29, year) == (date(year, 2, 29) if leap else date(year, 2, 28))


@given(partial_dates())
def test_first_and_last_day_bound_the_span(value):
    first, last = value.first_day(), value.last_day()
    assert first <= last
    assert first == date(value.year, value.month or 1, value.day or 1)
    if value.day is not None:
        assert first == last == value.to_date()
    elif value.month is not None:
        assert (last.year, last.month, last.day) == (value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    else:
        assert last == date(value.year, 12, 31)


@given(partial_dates())
def test_to_datetime_is_the_start_of_the_span_in_utc(value):
    expected = datetime(value.year, value.month or 1, value.day or 1, value.hour or 0, value.minute or 0,
                        value.second or 0, tzinfo=UTC)
    assert value.to_datetime() == expected


def test_to_datetime_fills_missing_parts_with_the_start():
    assert PartialDate(1957).to_datetime() == datetime(1957, 1, 1, tzinfo=UTC)
    assert PartialDate(1957, 10).to_datetime() == datetime(1957, 10, 1, tzinfo=UTC)
    assert PartialDate(1957, 10, 4).to_datetime() == datetime(1957, 10, 4, tzinfo=UTC)
    assert PartialDate(1957, 10, 4, 19, 28).to_datetime() == datetime(1957, 10, 4, 19, 28, tzinfo=UTC)


@given(partial_dates(), partial_dates())
def test_equality_is_field_by_field(a, b):
    assert (a == b) == (tuple(a) == tuple(b))
    assert (a != b) == (tuple(a) != tuple(b))
    assert (a <= b) == (a < b or a.sort_key == b.sort_key)
    assert (a >= b) == (b <= a)
    assert (a > b) == (b < a)
    if a == b:
        assert hash(a) == hash(b)


def test_a_date_is_not_a_tuple():
    assert PartialDate(1957) != PartialDate(1958)
    assert PartialDate(1957) != (1957, None, None, None, None, None)
    assert PartialDate(1957, 10) != "1957-10"
    assert len({PartialDate(1957), PartialDate(1957), PartialDate(1957, 1)}) == 2


@pytest.mark.parametrize(("args", "message"), [
    ((1957, None, None, 19), "an hour needs its minute"),
    ((1957, None, 4), "only drop its trailing parts"),
    ((1957, 10, None, 19, 28), "only drop its trailing parts"),
    ((1957, 10, 4, 19, None, 3), "an hour needs its minute"),
    ((0,), "year 0 out of range"), ((10000,), "year 10000 out of range"),
    ((1957, 0), "month 0 out of range"), ((1957, 13), "month 13 out of range"),
    ((1957, 2, 29), "day 29 out of range for 1957-02"), ((1957, 4, 31), "day 31 out of range for 1957-04"),
    ((1957, 1, 0), "day 0 out of range"), ((1957, 1, 1, 24, 0), "time out of range"),
    ((1957, 1, 1, -1, 0), "time out of range"), ((1957, 1, 1, 0, 60), "time out of range"),
    ((1957, 1, 1, 0, -1), "time out of range"), ((1957, 1, 1, 0, 0, 60), "second out of range"),
    ((1957, 1, 1, 0, 0, -1), "second out of range"),
])
def test_impossible_dates_say_why(args, message):
    with pytest.raises(ValueError, match=message):
        PartialDate(*args)


@pytest.mark.parametrize("args", [(1,), (9999,), (1957, 1), (1957, 12), (1957, 1, 31), (1957, 12, 31), (1957, 1, 1, 0, 0),
                                  (1957, 1, 1, 23, 59), (1957, 1, 1, 23, 59, 0), (1957, 1, 1, 23, 59, 59)])
def test_the_edges_of_every_field_are_allowed(args):
    assert tuple(PartialDate(*args))[:len(args)] == args


def test_iso_display_and_repr_at_every_precision():
    cases = [((1957,), "1957", "1957"), ((1957, 10), "1957-10", "1957-10"), ((1957, 10, 4), "1957-10-04", "1957-10-04"),
             ((1957, 10, 4, 19, 28), "1957-10-04T19:28Z", "1957-10-04 19:28"),
             ((1957, 10, 4, 9, 8, 7), "1957-10-04T09:08:07Z", "1957-10-04 09:08:07"), ((5,), "0005", "0005")]
    for args, iso, shown in cases:
        value = PartialDate(*args)
        assert (value.iso(), str(value), value.display(), repr(value)) == (iso, iso, shown, f"PartialDate('{iso}')")
        assert value.precision == Precision(len(args) if len(args) < 4 else len(args) - 1)
    assert [p.label for p in Precision] == ["year", "month", "day", "minute", "second"]


@pytest.mark.parametrize(("text", "iso"), [
    ("1969-07-20T20:17+01:00", "1969-07-20T19:17Z"), ("1969-07-20T20:17-0130", "1969-07-20T21:47Z"),
    ("1969-07-20T20:17:40+00:00", "1969-07-20T20:17:40Z"), ("1969-07-20 20:17Z", "1969-07-20T20:17Z"),
    ("1969-12-31T23:30-01:00", "1970-01-01T00:30Z"), (" 1969-07 ", "1969-07"), ("2000-03-01T00:10+00:20", "2000-02-29T23:50Z"),
    ("1969-07-20T20:17:40+23:59", "1969-07-19T20:18:40Z"),
])
def test_offsets_convert_to_utc_at_the_same_precision(text, iso):
    assert PartialDate.parse(text).iso() == iso


@pytest.mark.parametrize(("text", "message"), [
    ("1969-07-20T20:17+24:00", "impossible UTC offset"), ("1969-07-20T20:17+01:60", "impossible UTC offset"),
    ("0001-01-01T00:10+01:00", "outside the years 0001 to 9999"), ("9999-12-31T23:50-01:00", "outside the years"),
    ("1969-02-30", "'1969-02-30' is not a valid date"), ("July 1969", "'July 1969' is not a date (use YYYY"),
])
def test_unparseable_dates_say_why(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        PartialDate.parse(text)


def test_parse_takes_only_text():
    with pytest.raises(ValueError, match="expected a date string, got int"):
        PartialDate.parse(1969)


def test_from_date_and_to_date():
    assert PartialDate.from_date(date(1969, 7, 20)) == PartialDate(1969, 7, 20)
    assert PartialDate.from_date(date(1969, 7, 20)).to_date() == date(1969, 7, 20)


def test_user_date_errors_name_the_option():
    from spacetime.dates import parse_user_date

    with pytest.raises(UsageError, match=r"^Invalid date: '1969-13' is not a valid date$"):
        parse_user_date("1969-13")
    with pytest.raises(UsageError, match=r"^Invalid --from date: 'x' is not a date"):
        parse_user_date("x", "--from date")
    with pytest.raises(UsageError, match=r"^Invalid date: '2025-07' must be a day, YYYY-MM-DD$"):
        parse_day("2025-07")
    with pytest.raises(UsageError, match=r"^Invalid date: 'x' is not a date"):
        parse_day("x")
    with pytest.raises(UsageError, match=r"^Invalid --on: '2025-07-15T10:00Z' must be a day"):
        parse_day("2025-07-15T10:00Z", "--on")


@pytest.mark.parametrize(("n", "round_"), [(0, False), (1, False), (24, False), (25, True), (26, False), (50, True),
                                           (75, True), (100, True), (-25, False), (10, False)])
def test_round_anniversaries_are_every_25th(n, round_):
    from spacetime.dates import is_round

    assert is_round(n) is round_


@pytest.mark.parametrize(("text", "message"), [
    ("0000", "Invalid year '0000': years start at 0001"),
    ("0000..1969", "Invalid year '0000..1969': years start at 0001"),
    ("1969..0000", "years start at 0001"),
    ("19690", "Invalid year '19690': use 1969, 1969..1972 or 1960s"),
    ("12345", "use 1969, 1969..1972 or 1960s"),
    ("1975..1969", "Invalid year range '1975..1969': 1969 is before 1975"),
])
def test_bad_year_spans_say_why(text, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_span(text)


@pytest.mark.parametrize(("text", "span"), [("1969 - 1972", (1969, 1972)), ("1969–1972", (1969, 1972)),
                                            ("0001..0002", (1, 2)), ("0000s", (0, 9)), ("١٩٦٩", (1969, 1969))])
def test_more_year_spans(text, span):
    # Digits of any script are digits, as in dates (\d); only the four-ASCII-digit case is a shortcut.
    assert parse_span(text) == span


@pytest.mark.parametrize(("since", "today", "text"), [
    (PartialDate(2025), date(2025, 7, 20), "this year"),
    (PartialDate(2024), date(2025, 7, 20), "about 1 year ago"),
    (PartialDate(2020), date(2025, 7, 20), "about 5 years ago"),
    (PartialDate(2025, 7), date(2025, 7, 20), "this month"),
    (PartialDate(2025, 6), date(2025, 7, 20), "about 1 month ago"),
    (PartialDate(2024, 7), date(2025, 7, 20), "about 1 year ago"),
    (PartialDate(2023, 4), date(2025, 7, 20), "about 2 years and 3 months ago"),
    (PartialDate(2025, 7, 20), date(2025, 7, 20), "today"),
    (PartialDate(2025, 7, 20, 23, 59), date(2025, 7, 20), "today"),
    (PartialDate(2025, 7, 19), date(2025, 7, 20), "1 day ago"),
    (PartialDate(2025, 6, 20), date(2025, 7, 20), "1 month ago"),
    (PartialDate(2025, 5, 18), date(2025, 7, 20), "2 months and 2 days ago"),
    (PartialDate(2024, 7, 20), date(2025, 7, 20), "1 year ago"),
    (PartialDate(2023, 4, 16), date(2025, 7, 20), "2 years, 3 months and 4 days ago"),
    (PartialDate(2024, 7, 19), date(2025, 7, 20), "1 year and 1 day ago"),
    (PartialDate(2025, 7, 21), date(2025, 7, 20), "in the future"),
    (PartialDate(2026), date(2025, 7, 20), "in the future"),
])
def test_describe_elapsed(since, today, text):
    assert describe_elapsed(since, today) == text


def test_elapsed_counts_from_the_start_of_the_span():
    from spacetime.dates import elapsed

    assert elapsed(PartialDate(2025, 7, 20), date(2025, 7, 20)) == (0, 0, 0)
    assert elapsed(PartialDate(2025, 7, 21), date(2025, 7, 20)) is None
    assert elapsed(PartialDate(1957, 10), date(1958, 11, 3)) == (1, 1, 2)
    # 29 February counts its years on 28 February in common years, as anniversaries do.
    assert elapsed(PartialDate(1960, 2, 29), date(2025, 2, 28)) == (65, 0, 0)


def test_the_first_parse_in_a_process_compiles_the_pattern(monkeypatch):
    # The pattern is compiled on first use (a run served by the snapshot parses no dates). Test
    # processes are warm, so the cold path is set up explicitly.
    import spacetime.dates

    monkeypatch.setattr(spacetime.dates, "_partial", None)
    assert PartialDate.parse("1957-10-04") == PartialDate(1957, 10, 4)
    assert spacetime.dates._partial is not None
    assert PartialDate.parse("1957") == PartialDate(1957)
