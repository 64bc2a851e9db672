"""Every event in time order, a month at a time, without building the timeline: what
`spacetime list --format json|csv` writes when a user file is large (bulk.py read it).

Building two million events as model tuples, sorting them and turning each into a dict took most
of a 14-second listing. Here a large file's events, already checked by bulk.py, are grouped by
month in one pass over the file's text (bulk.Pending.by_month); each month is then decoded by
msgspec straight into output rows (records.event_row_type), its names resolved and its events
put in time order as assemble.chronological would, and handed on to be written.

It answers only when the answer is surely the one the whole timeline gives, and otherwise
returns None (the caller then loads the timeline): when every large file comes after the small
ones, its dates are in the common UTC forms, no text needs trimming, no id repeats across files,
every agency it names is known and its mission names resolve alone (assemble.missions_resolve_alone).
tests/test_stream.py compares the two on generated files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .assemble import Names, build, load_unless, missions_resolve_alone
from .records import event_record, event_row_type
from .schema import event_id
from .timeline import Timeline

if TYPE_CHECKING:  # pragma: no cover
    from .loader import Parsed
    from .model import LoadedFile

# A date in a common UTC form has the same text as its ISO form; its length tells its precision.
_PRECISION = {4: "year", 7: "month", 10: "day", 17: "minute", 20: "second"}
_date_of, _mission_of, _tags_of = attrgetter("date"), attrgetter("mission"), attrgetter("tags")


def listing(paths: Iterable[str], bundled: bool = True) -> EventStream | Timeline:
    """Every event of the bundled dataset and `paths`: as a stream of rows where a large file
    allows one (see the module), else as the whole timeline, built from the same reading (no
    file is read twice). Raises DatasetErrors as load() does."""
    return load_unless(paths, bundled, _stream)


def open_stream(paths: Iterable[str], bundled: bool = True) -> EventStream | None:
    """The stream listing() would give, or None where it would give the timeline (raises as
    listing() does)."""
    found = listing(paths, bundled)
    return found if isinstance(found, EventStream) else None


def _stream(parts: list[Parsed], files: list[LoadedFile]) -> EventStream | None:
    import msgspec

    from .loader import Parsed

    if any(part.problems for part in parts):
        return None
    first = next((i for i, part in enumerate(parts) if part.pending is not None), None)
    if first is None:
        return None
    small, large = parts[:first], parts[first:]
    if any(part.pending is None or part.strict or part.pending.irregular or not part.pending.trimmed for part in large):
        return None
    seen = {event.id for part in small for event in part.events}
    for part in large:
        if not part.pending.id_set.isdisjoint(seen):
            return None
        if len(large) > 1:
            seen |= part.pending.id_set
    # The large files' agencies and missions, without their events: built with the small files.
    headers = []
    for part in large:
        header = Parsed(part.file, part.strict, part.info)
        header.agencies, header.missions = part.agencies, part.missions
        headers.append(header)
    resolvers: list[Names] = []
    timeline, found = build([*small, *headers], files, names=resolvers)
    names = resolvers[0]
    if found or not missions_resolve_alone(large, names.missions):
        return None
    agencies: dict[tuple[str, ...], tuple[str, ...]] = {}
    missions: dict[str, str] = {}
    for part in large:
        for name in sorted(part.pending.agency_names()):
            if names.agency_ids((name,), False)[1]:  # an agency nobody knows: the timeline says which
                return None
        for name in sorted(part.pending.mission_names()):
            missions[name] = names.mission_id(name, False, part.file)  # type: ignore[assignment]
    # The small files' events in the order they were merged (a later file's event with the same
    # id takes the earlier one's place), as rows.
    row_type = event_row_type()
    merged = {event.id: None for part in small for event in part.events}
    by_id = {event.id: event for event in timeline.events}
    head: dict[str, list[Any]] = {}
    for ident in merged:
        event = by_id[ident]
        row = msgspec.convert(event_record(event), row_type)
        head.setdefault(row.date[:7], []).append(row)
    return EventStream(head, [part.pending for part in large], names, agencies, missions)


class EventStream:
    """The rows of every event, a month at a time and in time order (see the module)."""

    def __init__(self, head: dict[str, list[Any]], pending: list[Any], names: Names,
                 agencies: dict[tuple[str, ...], tuple[str, ...]], missions: dict[str, str]) -> None:
        self._head, self._names, self._agencies, self._missions = head, names, agencies, missions
        self._named = any(part.agency_names() for part in pending)
        self._unnamed = any(part.unnamed for part in pending)
        self._days = all(part.days for part in pending)  # every large file's date is a day
        # the months in which some small file's event has a time
        self._timed = {month for month, rows in head.items() if any(len(row.date) > 10 for row in rows)}
        self._months = [part.by_month() for part in pending]

    def __iter__(self) -> Iterator[list[Any]]:
        import msgspec

        decode = msgspec.json.Decoder(event_row_type()).decode_lines
        months = set(self._head).union(*self._months)
        for month in sorted(months):
            rows = list(self._head.get(month, ()))
            for groups in self._months:
                text = groups.pop(month, None)
                if text is not None:
                    rows += self._resolved(decode(text))
            if self._days and month not in self._timed:  # dates only: their texts sort as they are
                rows.sort(key=_date_of)
                yield rows
            else:
                yield _in_time_order(rows)

    def _resolved(self, rows: list[Any]) -> list[Any]:
        """A large file's rows as the timeline has its events: ids made for events without one,
        precisions, agency and mission ids, lower-case tags."""
        if not self._days:
            for row in rows:
                row.precision = _PRECISION[len(row.date)]
        if self._unnamed:
            for row in rows:
                if row.id is None:
                    row.id = event_id(row.title, row.date)
        if self._named:
            agencies = self._agencies
            for row in rows:
                if row.agencies:
                    found = agencies.get(row.agencies)
                    if found is None:
                        found = agencies[row.agencies] = self._names.agency_ids(row.agencies, False)[0]
                    row.agencies = found
        if self._missions:
            missions = self._missions
            for row in rows:
                if row.mission is not None:
                    row.mission = missions[row.mission]
        if any(map(_tags_of, rows)):
            for row in rows:
                if row.tags and any(tag != tag.lower() for tag in row.tags):
                    row.tags = tuple(tag.lower() for tag in row.tags)
        return rows


def _in_time_order(rows: list[Any]) -> list[Any]:
    """One month's rows, in the order they were merged, put in time order as
    assemble.chronological puts events: the sort is stable, and an event known only to the day
    follows the event of its mission listed just before it on that day. Dates in the common UTC
    forms sort as text once their 'Z' sorts before ':' (`1969`, `1969-07`, `1969-07-20`,
    `1969-07-20T20:17Z`, `1969-07-20T20:17:40Z`)."""
    dates = list(map(_date_of, rows))
    joined = "\n".join(dates)
    if "T" not in joined:  # no times: the dates' texts sort as they are
        rows.sort(key=_date_of)
        return rows
    keys = joined.replace("Z", "!").split("\n")
    missions = list(map(_mission_of, rows))
    last: dict[tuple[str, str], str] = {}
    for i in compress(range(len(rows)), missions):  # only events of a mission take another's time
        text, mission = dates[i], missions[i]
        if len(text) <= 10:
            keys[i] = last.get((mission, text), keys[i])
        last[(mission, text[:10])] = keys[i]
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]
