"""Partial UTC dates that keep the precision they were given at, and anniversary arithmetic.

A launch known to the second and a founding known only to the year live on one timeline; each is
compared, sorted and printed at its own precision, so nothing ever shows a day nobody verified."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum
from typing import NamedTuple

from .errors import UsageError


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4
    SECOND = 5

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {p: p.name.lower() for p in Precision}  # a lookup: JSON output asks once per event

_PARTIAL = (
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_partial = None  # compiled on first use: a run served by the snapshot parses no dates


class _Fields(NamedTuple):
    year: int
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    second: int | None


class PartialDate(_Fields):
    """A UTC date or date-time known to year, month, day, minute or second."""

    __slots__ = ()

    def __new__(cls, year: int, month: int | None = None, day: int | None = None, hour: int | None = None,
                minute: int | None = None, second: int | None = None) -> PartialDate:
        if hour is not None and minute is None:
            raise ValueError("an hour needs its minute")
        if (month is None and day is not None) or (day is None and hour is not None) or (minute is None and second is not None):
            raise ValueError("a partial date can only drop its trailing parts")
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} out of range")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month} out of range")
        if day is not None and not 1 <= day <= days_in_month(year, month):
            raise ValueError(f"day {day} out of range for {year:04d}-{month:02d}")
        if hour is not None and not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError("time out of range")
        if second is not None and not 0 <= second <= 59:
            raise ValueError("second out of range")
        return _Fields.__new__(cls, year, month, day, hour, minute, second)

    def __repr__(self) -> str:
        return f"PartialDate('{self.iso()}')"

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `1957`, `1957-10`, `1957-10-04`, `1957-10-04T19:28Z` or `...T19:28:34Z`.

        A time with an offset is converted to UTC; a time without one is taken as UTC.
        Raises ValueError with a short reason."""
        if not isinstance(text, str):
            raise ValueError(f"expected a date string, got {type(text).__name__}")
        global _partial
        if _partial is None:
            _partial = re.compile(_PARTIAL).fullmatch
        m = _partial(text.strip())
        if not m:
            raise ValueError(f"'{text}' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z)")
        g = m.groupdict()
        ints = {k: int(v) for k, v in g.items() if v is not None and k != "tz"}
        try:
            value = cls(ints["y"], ints.get("m"), ints.get("d"), ints.get("H"), ints.get("M"), ints.get("S"))
        except ValueError:
            raise ValueError(f"'{text}' is not a valid date") from None
        tz = g["tz"]
        if tz and tz != "Z":
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:])
            if hours > 23 or minutes > 59:
                raise ValueError(f"'{text}' has an impossible UTC offset")
            try:
                utc = value.to_datetime() - sign * timedelta(hours=hours, minutes=minutes)
            except OverflowError:
                raise ValueError(f"'{text}' is outside the years 0001 to 9999 in UTC") from None
            value = cls(utc.year, utc.month, utc.day, utc.hour, utc.minute,
                        utc.second if value.second is not None else None)
        return value

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    # -- properties -----------------------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.second is not None:
            return Precision.SECOND
        if self.minute is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        """Less precise dates sort before more precise ones inside the span they cover."""
        return (self.year, self.month or 0, self.day or 0,
                -1 if self.hour is None else self.hour,
                -1 if self.minute is None else self.minute,
                -1 if self.second is None else self.second)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key >= other.sort_key

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or days_in_month(self.year, month))

    def to_date(self) -> date:
        """The calendar day; only meaningful at day precision or finer."""
        return self.first_day()

    def to_datetime(self) -> datetime:
        return datetime(self.year, self.month or 1, self.day or 1, self.hour or 0, self.minute or 0,
                        self.second or 0, tzinfo=UTC)

    # -- formatting ---------------------------------------------------------------------------
    def iso(self) -> str:
        """ISO 8601 at the date's own precision: `1957`, `1957-10`, `1957-10-04T19:28:34Z`."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.minute is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
            if self.second is not None:
                text += f":{self.second:02d}"
            text += "Z"
        return text

    def display(self) -> str:
        """Human form for tables: `1957-10-04 19:28:34` (UTC implied by the column), or shorter."""
        return self.iso().replace("T", " ").rstrip("Z")

    def __str__(self) -> str:
        return self.iso()


def parse_user_date(text: str, what: str = "date") -> PartialDate:
    """Parse a date typed by a user; a bad one is a usage error."""
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise UsageError(f"Invalid {what}: {exc}") from None


def parse_day(text: str, what: str = "date") -> date:
    """A full calendar day typed by a user (`2025-07-15`)."""
    value = parse_user_date(text, what)
    if value.precision != Precision.DAY:
        raise UsageError(f"Invalid {what}: '{text}' must be a day, YYYY-MM-DD")
    return value.to_date()


# -- anniversaries ----------------------------------------------------------------------------
def observed_day(month: int, day: int, year: int) -> date:
    """The day an anniversary of month/day falls on in `year`: 29 February becomes the 28th in
    common years."""
    if month == 2 and day == 29 and not is_leap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 111th."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def is_round(years: int) -> bool:
    """Anniversaries that people celebrate: every 25th (25, 50, 75, 100 ...)."""
    return years > 0 and years % 25 == 0


def parse_span(text: str) -> tuple[int, int]:
    """Year spans as users type them: `1969`, `1969..1972`, `1960s`. Inclusive."""
    raw = text.strip()
    if len(raw) == 4 and raw.isdigit() and raw.isascii():  # the common case: one year
        if raw == "0000":
            raise UsageError(f"Invalid year '{text}': years start at 0001")
        return int(raw), int(raw)
    decade = re.fullmatch(r"(\d{3})0s", raw)
    if decade:
        start = int(decade.group(1)) * 10
        return start, start + 9
    m = re.fullmatch(r"(\d{4})(?:\s*(?:\.\.|–|-)\s*(\d{4}))?", raw)
    if not m:
        raise UsageError(f"Invalid year '{text}': use 1969, 1969..1972 or 1960s")
    start = int(m.group(1))
    end = int(m.group(2)) if m.group(2) else start
    if start < 1 or end < 1:
        raise UsageError(f"Invalid year '{text}': years start at 0001")
    if end < start:
        raise UsageError(f"Invalid year range '{text}': {end} is before {start}")
    return start, end


def elapsed(since: PartialDate, today: date) -> tuple[int, int, int] | None:
    """Whole years, months and days from `since` (at its precision) to `today`, or None if it
    is in the future. Year and month precision count from the start of their span."""
    from dateutil.relativedelta import relativedelta

    start = since.first_day()
    if start > today:
        return None
    delta = relativedelta(today, start)
    return delta.years, delta.months, delta.days


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_elapsed(since: PartialDate, today: date) -> str:
    """'56 years and 1 day ago', '1 day ago', at the precision the date allows."""
    parts = elapsed(since, today)
    if parts is None:
        return "in the future"
    years, months, days = parts
    if since.precision == Precision.YEAR:
        return f"about {_plural(years, 'year')} ago" if years else "this year"
    if since.precision == Precision.MONTH:
        if (years, months) == (0, 0):
            return "this month"
        return f"about {_spoken(((years, 'year'), (months, 'month')))} ago"
    if (years, months, days) == (0, 0, 0):
        return "today"
    return f"{_spoken(((years, 'year'), (months, 'month'), (days, 'day')))} ago"


def _spoken(parts: tuple[tuple[int, str], ...]) -> str:
    """'56 years and 1 day', '1 day', '2 years, 3 months and 4 days': zero parts left out."""
    words = [_plural(n, unit) for n, unit in parts if n]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
