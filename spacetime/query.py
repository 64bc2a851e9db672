"""Filters over a Timeline's events, as the CLI's listing commands combine them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .dates import PartialDate, parse_user_date
from .errors import UsageError
from .model import KINDS, Event
from .timeline import Timeline

SORT_KEYS = ("date", "title", "kind", "agency", "mission")


@dataclass(frozen=True)
class Filters:
    """Every way a listing can be narrowed; empty means everything. Filters combine with AND;
    several values of one filter combine with OR."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    agencies: tuple[str, ...] = ()
    lineage: bool = False
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    crewed: bool | None = None
    mission: str | None = None

    @classmethod
    def from_options(cls, start: str | None = None, end: str | None = None, agencies: Sequence[str] = (),
                     lineage: bool = False, kinds: Sequence[str] = (), countries: Sequence[str] = (),
                     tags: Sequence[str] = (), crewed: bool | None = None, mission: str | None = None) -> Filters:
        first = parse_user_date(start, "--from date") if start else None
        last = parse_user_date(end, "--to date") if end else None
        if first and last and last.last_day() < first.first_day():
            raise UsageError(f"Invalid range: --to {end} is before --from {start}")
        for kind in kinds:
            check_kind(kind)
        return cls(first, last, tuple(agencies), lineage, tuple(k.lower() for k in kinds),
                   tuple(c.upper() for c in countries), tuple(t.lower() for t in tags), crewed, mission)


def check_kind(kind: str) -> str:
    if kind.lower() not in KINDS:
        close = difflib.get_close_matches(kind.lower(), KINDS, n=1)
        hint = f" Did you mean {close[0]}?" if close else f" Kinds: {', '.join(KINDS)}."
        raise UsageError(f"Unknown kind '{kind}'.{hint}")
    return kind.lower()


def select(timeline: Timeline, filters: Filters, events: Iterable[Event] | None = None) -> list[Event]:
    agency_ids: set[str] | None = None
    if filters.agencies:
        agency_ids = set()
        for name in filters.agencies:
            agency_ids.update(timeline.agency_ids(name, filters.lineage))
    country_ids: set[str] | None = None
    if filters.countries:
        country_ids = {a.id for a in timeline.agencies.values() if a.country.upper() in filters.countries}
    mission_id = None
    if filters.mission:
        found = timeline.get(filters.mission)
        mission_id = found.id if not hasattr(found, "date") else found.mission
        if mission_id is None:
            raise UsageError(f"'{filters.mission}' is an event without a mission")
    start = filters.start.first_day() if filters.start else None
    end = filters.end.last_day() if filters.end else None
    kinds = set(filters.kinds)
    tags = set(filters.tags)
    out = []
    for event in timeline.events if events is None else events:
        if start is not None or end is not None:
            day = event.date.first_day()
            if (start is not None and day < start) or (end is not None and day > end):
                continue
        if agency_ids is not None and not agency_ids.intersection(event.agencies):
            continue
        if country_ids is not None and not country_ids.intersection(event.agencies):
            continue
        if kinds and event.kind not in kinds:
            continue
        if tags and not tags.intersection(event.tags):
            continue
        if filters.crewed is not None and event.crewed != filters.crewed:
            continue
        if mission_id is not None and event.mission != mission_id:
            continue
        out.append(event)
    return out


def sort_events(timeline: Timeline, events: list[Event], key: str = "date", reverse: bool = False) -> list[Event]:
    if key not in SORT_KEYS:
        raise UsageError(f"Unknown sort key '{key}': use one of {', '.join(SORT_KEYS)}")
    if key == "date":  # the timeline's own order: a day-only event stays after its mission's earlier ones
        rank = {e.id: i for i, e in enumerate(timeline.events)}
        ordered = sorted(events, key=lambda e: rank.get(e.id, len(rank)))
    elif key == "title":
        ordered = sorted(events, key=lambda e: (e.title.casefold(), e.sort_key))
    elif key == "kind":
        ordered = sorted(events, key=lambda e: (e.kind, e.sort_key))
    elif key == "agency":
        def abbr(e: Event) -> str:
            return ", ".join(timeline.agencies[a].abbreviation for a in e.agencies if a in timeline.agencies).casefold()
        ordered = sorted(events, key=lambda e: (abbr(e), e.sort_key))
    else:
        ordered = sorted(events, key=lambda e: ((e.mission or "~"), e.sort_key))
    return ordered[::-1] if reverse else ordered
