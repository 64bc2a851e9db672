"""Plain-dict views of the model with stable field names: what JSON and CSV output carry.

One place defines the fields, so every command's JSON and CSV agree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Agency, Event, Mission
from .schema import AGENCY, DATE, EVENT, MISSION, SOURCES, TEXTS, Record

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


def _encoders(record: Record) -> list[tuple[int, Any]]:
    """(place, how to write it) for each output field that is not written as it is held."""
    out = []
    for place, f in enumerate(record.fields):
        if not f.output:
            continue
        if f.kind == TEXTS:
            out.append((place, list))
        elif f.kind == SOURCES:
            out.append((place, lambda sources: [{"title": s.title, "url": s.url} for s in sources]))
        elif f.kind == DATE:
            out.append((place, lambda when: when.iso() if when is not None else None))
    return out


def _writer(record: Record) -> Any:
    """A function giving a model tuple's output fields as a list of JSON values, in column order."""
    encoders = _encoders(record)
    wanted = [i for i, f in enumerate(record.fields) if f.output]
    date_at = next((i for i, f in enumerate(record.fields) if f.kind == DATE), None) if record is EVENT else None

    def values(item: tuple) -> list[Any]:
        row = list(item[:len(record.fields)])
        for place, encode in encoders:
            row[place] = encode(row[place])
        if date_at is not None:
            row.insert(date_at + 1, item[date_at].precision.label)
            return row if len(wanted) == len(record.fields) else [row[i + (i > date_at)] for i in wanted]
        return row if len(wanted) == len(record.fields) else [row[i] for i in wanted]

    return values


_event_values, _mission_values, _agency_values = _writer(EVENT), _writer(MISSION), _writer(AGENCY)


def event_record(event: Event) -> dict[str, Any]:
    return dict(zip(EVENT_FIELDS, _event_values(event), strict=True))


def mission_record(mission: Mission) -> dict[str, Any]:
    first, last = mission.first, mission.last
    return dict(zip(MISSION_FIELDS, [
        *_mission_values(mission), list(mission.agencies), first.iso() if first else None,
        last.iso() if last else None, len(mission.events), mission.crewed, list(mission.crew),
    ], strict=True))


def agency_record(agency: Agency, events: list[Event] | None = None) -> dict[str, Any]:
    events = events or []
    return dict(zip(AGENCY_FIELDS, [
        *_agency_values(agency), len(events), events[0].date.iso() if events else None,
        events[-1].date.iso() if events else None,
    ], strict=True))


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

    derived = ("precision", "outcome", "crewed", "lunar", "site_name", "place", "country", "agency_names", "credited")
    fields = [f for f in Launch.__struct_fields__ if f != "payloads"]
    return (*fields[:2], "precision", *fields[2:], *derived[1:], "payloads")


def launch_record(launch: Any, record: Any, credited: tuple[str, ...] = ()) -> dict[str, Any]:
    """A launch as JSON and CSV carry it: GCAT's fields, the names its codes stand for, and the
    project's agencies credited with it."""
    import msgspec

    row = msgspec.structs.asdict(launch)
    payloads = row.pop("payloads")
    row["agencies"] = list(launch.agencies)
    row.update(
        precision=launch.when.precision.label, outcome=launch.outcome, crewed=launch.crewed, lunar=launch.lunar,
        site_name=record.site_full_name(launch.site), place=record.site_name(launch.site), country=record.state_name(launch.state),
        agency_names=[record.org_name(code) for code in launch.agencies], credited=list(credited),
        payloads=[{**msgspec.structs.asdict(p), "owner_name": " / ".join(record.org_name(c) for c in p.owner.split("/")),
                   "country": record.state_name(p.state)} for p in payloads],
    )
    return {name: row[name] for name in _launch_fields()}
