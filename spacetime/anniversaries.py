"""Which events have an anniversary in a window of days, a month or a year.

Anniversaries count from the event's UTC date. Only events known to the day get day reminders;
month-precision events appear in month and year listings, year-precision ones in year listings.
29 February is observed on 28 February in common years."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from .dates import PartialDate, Precision, is_round, observed_day, ordinal
from .errors import UsageError
from .model import Event


class Anniversary(NamedTuple):
    event: Event
    anniversary: PartialDate
    """The day (or month, or year, at the event's precision) the anniversary falls on."""
    years: int

    @property
    def ordinal(self) -> str:
        return ordinal(self.years)

    @property
    def round(self) -> bool:
        return is_round(self.years)


# Limits on the options that multiply work: a window of days lists each event once per year it
# spans, so a huge one means millions of rows (--within 2900000 once took 14 GB).
MAX_WINDOW_DAYS = 366
MAX_EVERY = 9999


def check_every(every: int | None) -> None:
    if every is not None and not 1 <= every <= MAX_EVERY:
        raise UsageError(f"Invalid --every {every}: it must be a whole number of years, 1 to {MAX_EVERY}")


def check_window(within: int, past: int) -> None:
    for name, days in (("--within", within), ("--past", past)):
        if not isinstance(days, int) or isinstance(days, bool):
            raise TypeError(f"{name.lstrip('-')} must be a whole number of days, got {type(days).__name__}")
        if days < 0:
            raise UsageError(f"Invalid {name} {days}: it must be 0 or more days")
        if days > MAX_WINDOW_DAYS:
            raise UsageError(f"Invalid {name} {days}: at most {MAX_WINDOW_DAYS} days (for a whole year use --year)")


def _keep(years: int, every: int | None) -> bool:
    return years >= 1 and (every is None or years % every == 0)


def in_window(events: Iterable[Event], today: date, within: int = 7, every: int | None = None,
              past: int = 0) -> list[Anniversary]:
    """Day-precision events whose anniversary falls from `today - past` to `today + within`."""
    if not isinstance(today, date):
        raise TypeError(f"today must be a datetime.date, got {type(today).__name__}")
    check_window(within, past)
    check_every(every)
    try:
        start = today - timedelta(days=past)
        end = today + timedelta(days=within)
    except OverflowError:
        raise UsageError("That window runs past the calendar's range") from None
    # The month and day of every day in the window: most events fall on none of them, and are
    # passed over without date arithmetic (`today` looks at one day of 918 events).
    days = {(day.month, day.day) for day in (start + timedelta(days=n) for n in range((end - start).days + 1))}
    if (2, 28) in days:
        days.add((2, 29))  # observed on 28 February in common years
    rows = []
    for rank, event in enumerate(events):
        d = event.date
        if (d.month, d.day) not in days or d.precision < Precision.DAY:
            continue
        for year in range(max(start.year, d.year + 1), end.year + 1):
            day = observed_day(d.month, d.day, year)
            if start <= day <= end and _keep(year - d.year, every):
                rows.append((rank, Anniversary(event, PartialDate.from_date(day), year - d.year)))
    return order(rows)


def in_month(events: Iterable[Event], year: int, month: int, every: int | None = None) -> list[Anniversary]:
    """Every anniversary in one month: day-precision events on their day, month-precision ones
    for the month as a whole."""
    check_every(every)
    rows = []
    for rank, event in enumerate(events):
        d = event.date
        if d.precision < Precision.MONTH or d.month != month:
            continue
        years = year - d.year
        if not _keep(years, every):
            continue
        if d.precision >= Precision.DAY:
            when = PartialDate.from_date(observed_day(d.month, d.day, year))
        else:
            when = PartialDate(year, month)
        rows.append((rank, Anniversary(event, when, years)))
    return order(rows)


def in_year(events: Iterable[Event], year: int, every: int | None = None) -> list[Anniversary]:
    """Every anniversary in a year, at each event's own precision, for planning."""
    check_every(every)
    rows = []
    for rank, event in enumerate(events):
        d = event.date
        years = year - d.year
        if not _keep(years, every):
            continue
        if d.precision >= Precision.DAY:
            when = PartialDate.from_date(observed_day(d.month, d.day, year))
        elif d.precision == Precision.MONTH:
            when = PartialDate(year, d.month)
        else:
            when = PartialDate(year)
        rows.append((rank, Anniversary(event, when, years)))
    return order(rows)


def order(ranked: Sequence[tuple[int, Anniversary]]) -> list[Anniversary]:
    """By anniversary date; on one day, the events of one mission stay together, in the order
    they have on the timeline (`rank`, their position in the chronological input)."""
    first: dict[tuple, int] = {}
    for rank, row in ranked:
        key = (row.anniversary.sort_key, row.event.mission or row.event.id)
        first[key] = min(first.get(key, rank), rank)
    return [row for _, row in sorted(ranked, key=lambda pair: (
        pair[1].anniversary.sort_key,
        first[(pair[1].anniversary.sort_key, pair[1].event.mission or pair[1].event.id)],
        pair[0],
    ))]


def group_by_mission(rows: Sequence[Anniversary]) -> list[Anniversary]:
    """Keep a mission's anniversaries together, the groups in order of their first date."""
    first: dict[str, int] = {}
    for index, row in enumerate(rows):
        first.setdefault(row.event.mission or row.event.id, index)
    return sorted(rows, key=lambda r: (first[r.event.mission or r.event.id], r.anniversary.sort_key, r.event.date.sort_key))
