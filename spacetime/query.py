"""Filters over a Timeline's events, as the CLI's listing commands combine them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import PartialDate
from .errors import UsageError
from .model import KINDS, Event, Mission

if TYPE_CHECKING:  # pragma: no cover
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
    years: tuple[int, int] | None = None

    @property
    def any(self) -> bool:
        """True when at least one filter narrows the listing."""
        return bool(self.start or self.end or self.agencies or self.kinds or self.countries or self.tags
                    or self.crewed is not None or self.mission or self.years)


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
        codes = country_codes(timeline, filters.countries)
        country_ids = {a.id for a in timeline.agencies.values() if a.country.upper() in codes}
    mission_id = None
    if filters.mission:
        from .search import get

        found = get(timeline, filters.mission)
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
        if filters.years is not None and not filters.years[0] <= event.date.year <= filters.years[1]:
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


def country_codes(timeline: Timeline, names: Iterable[str]) -> set[str]:
    """The country codes users mean by `names` (China, CN, PRC, USSR ...); unknown ones are
    usage errors with suggestions."""
    from .countries import resolve_country

    known = {a.country for a in timeline.agencies.values()}
    return {resolve_country(name, known) for name in names}


def select_missions(timeline: Timeline, filters: Filters, agency_ids: Iterable[str] | None = None) -> list[Mission]:
    """Missions with at least one event that passes `filters` (crewed or not is the mission's
    own: a mission is crewed when any of its events is), in the timeline's order."""
    from dataclasses import replace

    wanted = set(agency_ids) if agency_ids is not None else None
    event_filters = replace(filters, crewed=None)
    keep = None
    if event_filters.any:
        keep = {e.mission for e in select(timeline, event_filters) if e.mission}
    out = []
    for mission in timeline.missions.values():
        if keep is not None and mission.id not in keep:
            continue
        if wanted is not None and not wanted.intersection(mission.agencies):
            continue
        if filters.crewed is not None and mission.crewed != filters.crewed:
            continue
        out.append(mission)
    return out


def filter_hits(timeline: Timeline, filters: Filters, hits: Iterable) -> list:
    """Search hits (events or missions) that pass `filters`."""
    hits = list(hits)
    if not filters.any:
        return hits
    events = {e.id for e in select(timeline, filters, [h.item for h in hits if not isinstance(h.item, Mission)])}
    missions = {m.id for m in select_missions(timeline, filters)}
    return [h for h in hits if (h.item.id in missions if isinstance(h.item, Mission) else h.item.id in events)]


def sort_events(timeline: Timeline, events: list[Event], key: str = "date", reverse: bool = False) -> list[Event]:
    if key not in SORT_KEYS:
        raise UsageError(f"Unknown sort key '{key}': use one of {', '.join(SORT_KEYS)}")
    if key == "date":  # the timeline's own order: a day-only event stays after its mission's earlier ones
        if _in_timeline_order(timeline, events):  # as select() gives them: nothing to do
            ordered = list(events)
        else:
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


def _in_timeline_order(timeline: Timeline, events: Sequence[Event]) -> bool:
    """True when `events` are events of the timeline, in its order: one pass over it, where
    sorting 2 million events by their place took seconds."""
    remaining = iter(timeline.events)
    for event in events:
        for other in remaining:
            if other is event:
                break
        else:
            return False
    return True
