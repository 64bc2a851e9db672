"""Plain-dict views of the model with stable field names: what JSON and CSV output carry.

One place defines the fields, so every command's JSON and CSV agree."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .dates import PartialDate

from .model import Agency, Event, Mission
from .schema import AGENCY, BOOL, DATE, EVENT, MISSION, SOURCE, SOURCES, TEXTS, Record

if TYPE_CHECKING:  # pragma: no cover
    from .anniversaries import Anniversary


def _columns(record: Record, *computed: str) -> tuple[str, ...]:
    """A record's output columns: its fields (schema.py) in their order, an event's date followed
    by its precision, then `computed` ones."""
    names = []
    for f in record.fields:
        if f.output:
            names.append(f.name)
            if record is EVENT and f.kind == DATE:
                names.append("precision")
    return (*names, *computed)


EVENT_FIELDS = _columns(EVENT)
MISSION_FIELDS = _columns(MISSION, "agencies", "first", "last", "events", "crewed", "crew")
AGENCY_FIELDS = _columns(AGENCY, "events", "first", "last")
ANNIVERSARY_FIELDS = ("anniversary", "years", *EVENT_FIELDS)
HIT_FIELDS = ("id", "type", "title", "date", "precision", "kind", "agencies", "mission", "score", "match")


@lru_cache(maxsize=1 << 16)
def _iso(when: PartialDate | None) -> str | None:
    return None if when is None else when.iso()


@lru_cache(maxsize=1 << 16)
def _precision(when: PartialDate) -> str:
    return when.precision.label


def _writer(record: Record, name: str) -> Any:
    """A function giving a model tuple's output fields as a dict, in column order: each field
    written the way its kind needs (a date as ISO text, a source as {title, url}; lists stay the
    model's tuples, which JSON writes as arrays). Written as source text from the definition and compiled once, as the standard library
    writes named tuples and dataclasses: a dict display per record is what lets `list --format json`
    write 100,000 events quickly."""
    items = []
    for place, f in enumerate(record.fields):
        if not f.output:
            continue
        value = f"item[{place}]"
        if f.kind == SOURCES:
            value = f"([{{'title': s[0], 'url': s[1]}} for s in {value}] if {value} else [])"
        elif f.kind == DATE:
            value = f"iso({value})"
        items.append(f"{f.name!r}: {value}")
        if record is EVENT and f.kind == DATE:
            items.append(f"'precision': precision(item[{place}])")
    namespace: dict[str, Any] = {"iso": _iso, "precision": _precision}
    exec(compile(f"def {name}(item):\n    return {{{', '.join(items)}}}\n", f"<records: {record.name}>", "exec"), namespace)
    return namespace[name]


event_record = _writer(EVENT, "event_record")
event_record.__doc__ = "An event as JSON and CSV carry it: the columns EVENT_FIELDS names, in order."
_mission_fields, _agency_fields = _writer(MISSION, "mission_fields"), _writer(AGENCY, "agency_fields")


@lru_cache(maxsize=1)
def event_row_type() -> Any:
    """The msgspec struct a user's checked event decodes into and JSON encodes from, without the
    model in between (stream.py): the columns EVENT_FIELDS names, in order, each absent field
    taking the model's default, so that msgspec writes the bytes event_record's dict gives
    (tests/test_stream.py). `precision` is set from the date by whoever fills one in."""
    import msgspec

    source = msgspec.defstruct("SourceRow", [(f.name, str) for f in SOURCE.fields], gc=False)
    types = {SOURCES: tuple[source, ...], TEXTS: tuple[str, ...], BOOL: bool}
    fields: list[tuple[str, Any, Any]] = []
    for f in EVENT.fields:
        if f.output:
            fields.append((f.name, types.get(f.kind, Any), f.default))
            if f.kind == DATE:
                fields.append(("precision", str, "day"))
    return msgspec.defstruct("EventRow", fields, gc=False)


def mission_record(mission: Mission) -> dict[str, Any]:
    first, last = mission.first, mission.last
    return {**_mission_fields(mission), "agencies": list(mission.agencies), "first": first.iso() if first else None,
            "last": last.iso() if last else None, "events": len(mission.events), "crewed": mission.crewed,
            "crew": list(mission.crew)}


def agency_record(agency: Agency, events: list[Event] | None = None) -> dict[str, Any]:
    events = events or []
    return {**_agency_fields(agency), "events": len(events), "first": events[0].date.iso() if events else None,
            "last": events[-1].date.iso() if events else None}


def anniversary_record(row: Anniversary) -> dict[str, Any]:
    return {"anniversary": row.anniversary.iso(), "years": row.years, **event_record(row.event)}


def hit_record(hit: Any) -> dict[str, Any]:
    item = hit.item
    if isinstance(item, Mission):
        date = item.first
        kind, mission, agencies = "mission", item.id, list(item.agencies)
    else:
        date = item.date
        kind, mission, agencies = item.kind, item.mission, list(item.agencies)
    return {
        "id": item.id, "type": hit.type, "title": item.title,
        "date": date.iso() if date else None, "precision": date.precision.label if date else None,
        "kind": kind, "agencies": agencies, "mission": mission, "score": hit.score, "match": hit.field,
    }


def count_record(pair: tuple[str, int]) -> dict[str, Any]:
    return {"group": pair[0], "count": pair[1]}


# -- the launch record: columns from the Launch and Payload definitions (spacetime/launches.py) --------
def _launch_fields() -> tuple[str, ...]:
    from .launches import Launch

    derived = ("outcome", "crewed", "lunar", "site_name", "place", "country", "agency_names", "credited")
    fields = [f for f in Launch.__struct_fields__ if f != "payloads"]
    return (*fields[:2], "precision", *fields[2:], *derived, "payloads")


def launch_record(launch: Any, record: Any, credited: tuple[str, ...] = ()) -> dict[str, Any]:
    """A launch as JSON and CSV carry it: GCAT's fields, the names its codes stand for, and the
    project's agencies credited with it."""
    import msgspec

    row = msgspec.structs.asdict(launch)
    payloads = row.pop("payloads")
    row.update(
        precision=launch.when.precision.label, outcome=launch.outcome, crewed=launch.crewed, lunar=launch.lunar,
        site_name=record.site_full_name(launch.site), place=record.site_name(launch.site), country=record.state_name(launch.state),
        agency_names=[record.org_name(code) for code in launch.agencies], credited=list(credited),
        payloads=[{**msgspec.structs.asdict(p), "owner_name": " / ".join(record.org_name(c) for c in p.owner.split("/")),
                   "country": record.state_name(p.state)} for p in payloads],
    )
    return {name: row[name] for name in _launch_fields()}
