"""iCalendar export: one all-day, yearly recurring VEVENT per event known to the day.

Written with the `icalendar` library (RFC 5545 folding, escaping and property types are its job).
UIDs derive from event ids, so re-importing updates a calendar instead of duplicating it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from ..dates import Precision
from ..model import Agency, Event
from .output import Output
from .text import clean

UID_DOMAIN = "spacetime.invalid"


def event_uid(event: Event) -> str:
    return f"{event.id}@{UID_DOMAIN}"


def _calendar():
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//spacetime//Spaceflight anniversaries//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Spaceflight anniversaries")
    return cal


def _describe(vevent, event: Event, names: str) -> None:
    """The description, category and free-time flag every entry carries."""
    lines = [f"{event.date.iso()} (UTC): {clean(event.title)}"]
    if names:
        lines.append(f"Agencies: {clean(names)}")
    if event.summary:
        lines.append(clean(event.summary))
    if event.sources:
        lines.append(f"Source: {event.sources[0].url}")
    vevent.add("description", "\n".join(lines))
    vevent.add("categories", [event.kind])
    vevent.add("transp", "TRANSPARENT")


def build_calendar(events: Sequence[Event], agencies: Mapping[str, Agency], stamp: datetime | None = None):
    from icalendar import Event as VEvent

    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    cal = _calendar()
    for event in events:
        d = event.date
        if d.precision < Precision.DAY:
            continue
        day = d.to_date()
        names = ", ".join(agencies[a].abbreviation if a in agencies else a for a in event.agencies)
        vevent = VEvent()
        vevent.add("uid", event_uid(event))
        vevent.add("dtstamp", stamp)
        vevent.add("summary", clean(event.title))
        vevent.add("dtstart", day)
        if day < date.max:
            vevent.add("dtend", day + timedelta(days=1))
        else:  # 9999-12-31 has no next day to end on: the same all-day event, as a duration
            vevent.add("duration", timedelta(days=1))
        if day.month == 2 and day.day == 29:
            # Observed on 28 February in common years: the last day of February every year.
            vevent.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            vevent.add("rrule", {"freq": "yearly"})
        _describe(vevent, event, names)
        if event.sources:
            vevent.add("url", event.sources[0].url)
        cal.add_component(vevent)
    return cal


def render_ics(events: Sequence[Event], out: Output, agencies: Mapping[str, Agency],
               stamp: datetime | None = None) -> None:
    skipped = sum(1 for e in events if e.date.precision < Precision.DAY)
    cal = build_calendar(events, agencies, stamp)
    out.stdout.write(cal.to_ical().decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n"))
    if skipped:
        out.stderr.write(f"spacetime: note: {skipped} event{'s' if skipped != 1 else ''} known only to the month "
                         f"or year {'are' if skipped != 1 else 'is'} not in the calendar\n")


def render_dated_ics(rows: Sequence, out: Output, agencies: Mapping[str, Agency],
                     stamp: datetime | None = None) -> None:
    """One dated, all-day VEVENT per anniversary (not recurring), titled with its ordinal:
    "50th anniversary: Voyager 1 launches", for importing a year of plans into a calendar.
    Anniversaries of events not known to the day are left out (no day is guessed), with a note."""
    from icalendar import Event as VEvent

    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    cal = _calendar()
    skipped = 0
    for row in rows:
        event, when = row.event, row.anniversary
        if when.precision < Precision.DAY or event.date.precision < Precision.DAY:
            skipped += 1
            continue
        day = when.to_date()
        names = ", ".join(agencies[a].abbreviation if a in agencies else a for a in event.agencies)
        vevent = VEvent()
        vevent.add("uid", f"{event.id}-{day.year}@{UID_DOMAIN}")
        vevent.add("dtstamp", stamp)
        vevent.add("summary", f"{row.ordinal} anniversary: {clean(event.title)}")
        vevent.add("dtstart", day)
        vevent.add("dtend", day + timedelta(days=1))
        _describe(vevent, event, names)
        cal.add_component(vevent)
    out.stdout.write(cal.to_ical().decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n"))
    if skipped:
        out.stderr.write(f"spacetime: note: {skipped} anniversar{'ies' if skipped != 1 else 'y'} of "
                         f"{'events' if skipped != 1 else 'an event'} known only to the month or year "
                         f"{'are' if skipped != 1 else 'is'} not in the calendar (no day is guessed)\n")
