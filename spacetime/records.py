"""Plain-dict views of the model with stable field names: what JSON and CSV output carry.

One place defines the fields, so every command's JSON and CSV agree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Agency, Event, Mission

if TYPE_CHECKING:  # pragma: no cover
    from .anniversaries import Anniversary

EVENT_FIELDS = (
    "id", "title", "date", "precision", "kind", "agencies", "mission", "crewed", "crew", "vehicle",
    "site", "cospar", "launch", "outcome", "summary", "tags", "aliases", "sources",
)
MISSION_FIELDS = ("id", "title", "aliases", "agencies", "first", "last", "events", "crewed", "crew", "summary")
AGENCY_FIELDS = (
    "id", "abbreviation", "name", "aliases", "country", "type", "founded", "dissolved", "predecessors",
    "successors", "events", "first", "last",
)
ANNIVERSARY_FIELDS = ("anniversary", "years", *EVENT_FIELDS)
HIT_FIELDS = ("id", "type", "title", "date", "precision", "kind", "agencies", "mission", "score", "match")


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date.iso(),
        "precision": event.date.precision.label,
        "kind": event.kind,
        "agencies": list(event.agencies),
        "mission": event.mission,
        "crewed": event.crewed,
        "crew": list(event.crew),
        "vehicle": event.vehicle,
        "site": event.site,
        "cospar": event.cospar,
        "launch": event.launch,
        "outcome": event.outcome,
        "summary": event.summary,
        "tags": list(event.tags),
        "aliases": list(event.aliases),
        "sources": [{"title": s.title, "url": s.url} for s in event.sources],
    }


def mission_record(mission: Mission) -> dict[str, Any]:
    return {
        "id": mission.id,
        "title": mission.title,
        "aliases": list(mission.aliases),
        "agencies": list(mission.agencies),
        "first": mission.first.iso() if mission.first else None,
        "last": mission.last.iso() if mission.last else None,
        "events": len(mission.events),
        "crewed": mission.crewed,
        "crew": list(mission.crew),
        "summary": mission.summary,
    }


def agency_record(agency: Agency, events: list[Event] | None = None) -> dict[str, Any]:
    events = events or []
    return {
        "id": agency.id,
        "abbreviation": agency.abbreviation,
        "name": agency.name,
        "aliases": list(agency.aliases),
        "country": agency.country,
        "type": agency.type,
        "founded": agency.founded.iso() if agency.founded else None,
        "dissolved": agency.dissolved.iso() if agency.dissolved else None,
        "predecessors": list(agency.predecessors),
        "successors": list(agency.successors),
        "events": len(events),
        "first": events[0].date.iso() if events else None,
        "last": events[-1].date.iso() if events else None,
    }


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
