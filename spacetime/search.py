"""Ranked, typo-tolerant search over missions and events.

RapidFuzz does the string scoring: it is a maintained C++ implementation of the usual fuzzy
ratios and is one to two orders of magnitude faster than difflib over a few thousand strings."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .errors import UsageError
from .model import Event, Mission
from .names import normalize

if TYPE_CHECKING:  # pragma: no cover
    from .timeline import Timeline

# How much a match in each field counts: names beat people, people beat prose.
WEIGHTS = {"id": 1.0, "title": 1.0, "alias": 1.0, "mission": 0.92, "crew": 0.9, "vehicle": 0.8,
           "tag": 0.75, "summary": 0.6}
MIN_SCORE = 60.0
RELATIVE_FLOOR = 35.0


class Hit(NamedTuple):
    item: Event | Mission
    score: float
    field: str
    """Which field matched best: title, alias, crew ..."""

    @property
    def type(self) -> str:
        return "mission" if isinstance(self.item, Mission) else "event"


class SearchIndex:
    def __init__(self, timeline: Timeline):
        self.items: list[Event | Mission] = []
        self.texts: list[str] = []
        self.owner: list[int] = []
        self.fields: list[str] = []
        for item in (*timeline.missions.values(), *timeline.events):
            index = len(self.items)
            self.items.append(item)
            entries: list[tuple[str, str]] = [("id", item.id), ("title", item.title)]
            entries += [("alias", a) for a in item.aliases]
            entries.append(("summary", item.summary))
            if isinstance(item, Event):
                mission = timeline.mission_of(item)
                if mission is not None:
                    entries.append(("mission", mission.title))
                entries += [("crew", c) for c in item.crew]
                entries += [("vehicle", v) for v in (item.vehicle,) if v]
                entries += [("tag", t) for t in item.tags]
            else:
                entries += [("crew", c) for c in item.crew]
            for field, text in entries:
                if text:
                    self.texts.append(normalize(text))
                    self.owner.append(index)
                    self.fields.append(field)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        from rapidfuzz import fuzz, process

        q = normalize(query)
        if not q:
            return []
        best: dict[int, tuple[float, str]] = {}
        # Short names want whole-string similarity (Apolo 11 ~ Apollo 11), phrases want every
        # word present somewhere (first spacewalk in a summary).
        matches = process.extract(q, self.texts, scorer=fuzz.WRatio, limit=None, score_cutoff=MIN_SCORE)
        for _text, score, pos in matches:
            field = self.fields[pos]
            text = self.texts[pos]
            if text == q:
                score = 100.0 + 20.0
            elif text.startswith(q + " ") or f" {q} " in f" {text} ":
                score = max(score, 100.0) + 5.0
            weighted = score * WEIGHTS[field]
            owner = self.owner[pos]
            if weighted > best.get(owner, (0.0, ""))[0]:
                best[owner] = (weighted, field)
        hits = [Hit(self.items[i], round(s, 1), f) for i, (s, f) in best.items()]
        hits.sort(key=lambda h: (-h.score, h.type != "mission", _date_key(h.item), h.item.id))
        if hits:  # drop the long tail far below the best match
            floor = hits[0].score - RELATIVE_FLOOR
            hits = [h for h in hits if h.score >= floor]
        return hits[:limit]


def _date_key(item: Event | Mission) -> tuple:
    date = item.date if isinstance(item, Event) else item.first
    return date.sort_key if date is not None else (9999,)


def search(timeline: Timeline, text: str, limit: int = 10) -> list[Hit]:
    """The missions and events best matching `text`, best first: names, crew, vehicles, tags,
    summaries, typo-tolerant."""
    from .timeline import MAX_QUERY, check_name

    check_name(text, "search text", MAX_QUERY)
    index = getattr(timeline, "_search_index", None)
    if index is None:
        index = SearchIndex(timeline)
        timeline._search_index = index
    return index.search(text, limit)


def get(timeline: Timeline, name: str) -> Event | Mission:
    """`timeline.get(name)`; when nothing is called `name`, the error suggests the closest names."""
    try:
        return timeline.get(name)
    except UsageError:
        if timeline.find(name) or not name.strip():
            raise
        hints = [f"{h.item.id} ({h.item.title})" for h in search(timeline, name, limit=5)]
        if not hints:
            raise
        raise UsageError(f"No mission or event called '{name}'. Did you mean: {'; '.join(hints)}?") from None


def get_with_events(timeline: Timeline, name: str) -> tuple[Event | Mission, list[Event]]:
    """`get(timeline, name)` and the events it stands for: a mission's events, or the one event."""
    item = get(timeline, name)
    return item, list(item.events) if isinstance(item, Mission) else [item]
