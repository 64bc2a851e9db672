"""Counting events by decade, year, agency, kind or country, for `spacetime stats`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import UsageError
from .model import Event

if TYPE_CHECKING:  # pragma: no cover
    from .timeline import Timeline

GROUPS = ("decade", "year", "agency", "kind", "country")


def count_by(timeline: Timeline, events: Sequence[Event], by: str) -> list[tuple[str, int]]:
    """(label, count) pairs; time groups in time order with empty years/decades kept, the others
    by count."""
    if by not in GROUPS:
        raise UsageError(f"Unknown grouping '{by}': use one of {', '.join(GROUPS)}")
    counts: Counter[str] = Counter()
    if by in ("decade", "year"):
        if not events:
            return []
        step = 10 if by == "decade" else 1
        years = [e.date.year // step * step for e in events]
        counts.update(years)
        first, last = min(years), max(years)
        suffix = "s" if by == "decade" else ""
        return [(f"{y}{suffix}", counts.get(y, 0)) for y in range(first, last + 1, step)]
    for event in events:
        if by == "kind":
            counts[event.kind] += 1
        elif by == "agency":
            for a in event.agencies:
                counts[timeline.agencies[a].abbreviation if a in timeline.agencies else a] += 1
        else:
            countries = {timeline.agencies[a].country for a in event.agencies if a in timeline.agencies}
            for c in countries:
                counts[c or "?"] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
