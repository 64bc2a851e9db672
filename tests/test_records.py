"""The JSON records (records.py) carry the model's values, field for field, for every listing."""

from __future__ import annotations

import json
from datetime import date

from spacetime.anniversaries import in_year


def _event(e) -> dict:
    return {
        "id": e.id, "title": e.title, "date": e.date.iso(), "precision": e.date.precision.name.lower(), "kind": e.kind,
        "agencies": list(e.agencies), "mission": e.mission, "crewed": e.crewed, "crew": list(e.crew),
        "vehicle": e.vehicle, "site": e.site, "cospar": e.cospar, "launch": e.launch, "outcome": e.outcome,
        "summary": e.summary, "tags": list(e.tags), "aliases": list(e.aliases),
        "sources": [{"title": s.title, "url": s.url} for s in e.sources],
    }


def test_event_records_are_the_events(run, timeline):
    records = json.loads(run("list", "-f", "json").stdout)
    assert records == [_event(e) for e in timeline.events]
    # The data has every kind of value somewhere: the comparison above is not vacuous.
    assert any(r["crewed"] for r in records) and not all(r["crewed"] for r in records)
    for name in ("mission", "vehicle", "site", "cospar", "launch", "outcome"):
        assert any(r[name] for r in records), name
    for name in ("crew", "tags", "aliases", "sources"):
        assert any(r[name] for r in records), name
    assert {r["precision"] for r in records} == {"year", "month", "day", "minute", "second"}


def test_mission_records(run, timeline):
    records = json.loads(run("missions", "-f", "json").stdout)
    assert len(records) == len(timeline.missions)
    for record in records:
        m = timeline.missions[record["id"]]
        assert record == {
            "id": m.id, "title": m.title, "aliases": list(m.aliases), "agencies": list(m.agencies),
            "first": m.events[0].date.iso(), "last": m.events[-1].date.iso(), "events": len(m.events),
            "crewed": any(e.crewed for e in m.events), "crew": list(dict.fromkeys(p for e in m.events for p in e.crew)),
            "summary": m.summary,
        }
    assert any(r["crewed"] for r in records) and any(r["events"] > 1 for r in records)


def test_agency_records_count_their_events(run, timeline):
    records = json.loads(run("agencies", "-f", "json").stdout)
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(timeline.agencies)
    for agency_id, record in by_id.items():
        a = timeline.agencies[agency_id]
        events = [e for e in timeline.events if agency_id in e.agencies]
        assert record == {
            "id": a.id, "abbreviation": a.abbreviation, "name": a.name, "aliases": list(a.aliases),
            "country": a.country, "type": a.type, "founded": a.founded.iso() if a.founded else None,
            "dissolved": a.dissolved.iso() if a.dissolved else None, "predecessors": list(a.predecessors),
            "successors": list(a.successors), "events": len(events),
            "first": events[0].date.iso() if events else None, "last": events[-1].date.iso() if events else None,
        }
    assert by_id["naca"]["successors"] == ["nasa"] and by_id["nasa"]["predecessors"] == ["naca"]
    assert by_id["naca"]["dissolved"] == "1958-09-30"
    assert by_id["nasa"]["first"] != by_id["nasa"]["last"]


def test_an_agency_without_events_has_no_first_or_last(run, write_json):
    path = write_json("a.json", {"agencies": [{"id": "idle", "name": "Idle Agency", "abbreviation": "IDLE"}],
                                 "events": [{"title": "Something", "date": "2001"}]})
    records = json.loads(run("--no-bundled", "--data", str(path), "agencies", "-f", "json").stdout)
    idle = next(r for r in records if r["id"] == "idle")
    assert (idle["events"], idle["first"], idle["last"]) == (0, None, None)


def test_anniversary_records_lead_with_the_anniversary(run, timeline):
    records = json.loads(run("anniversaries", "--year", "2025", "-f", "json").stdout)
    expected = {(r.event.id, r.anniversary.iso(), r.years) for r in in_year(timeline.events, 2025)}
    assert {(r["id"], r["anniversary"], r["years"]) for r in records} == expected
    for record in records:
        assert list(record)[:2] == ["anniversary", "years"]
        assert {k: v for k, v in record.items() if k not in ("anniversary", "years")} == _event(timeline.event(record["id"]))


def test_hit_records_for_missions_and_events(run, timeline):
    records = json.loads(run("search", "apollo", "11", "-f", "json").stdout)
    mission = next(r for r in records if r["type"] == "mission")
    m = timeline.missions[mission["id"]]
    assert mission == {"id": m.id, "type": "mission", "title": m.title, "date": m.first.iso(),
                       "precision": m.first.precision.name.lower(), "kind": "mission", "agencies": list(m.agencies),
                       "mission": m.id, "score": mission["score"], "match": mission["match"]}
    event = next(r for r in records if r["type"] == "event")
    e = timeline.event(event["id"])
    assert event == {"id": e.id, "type": "event", "title": e.title, "date": e.date.iso(),
                     "precision": e.date.precision.name.lower(), "kind": e.kind, "agencies": list(e.agencies),
                     "mission": e.mission, "score": event["score"], "match": event["match"]}
    assert (mission["score"], mission["match"]) == (120.0, "id")
    assert (event["score"], event["match"]) == (110.4, "mission")


def test_a_hit_on_a_mission_without_events_has_no_date(run, write_json):
    path = write_json("m.json", {"missions": [{"id": "plan", "title": "Grand Plan"}],
                                 "events": [{"title": "Other", "date": "2001"}]})
    result = run("--no-bundled", "--data", str(path), "search", "grand plan", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (hit,) = [r for r in json.loads(result.stdout) if r["id"] == "plan"]
    assert (hit["date"], hit["precision"], hit["kind"], hit["mission"]) == (None, None, "mission", "plan")


def test_count_records(run, timeline):
    records = json.loads(run("stats", "--by", "year", "--from", "1969", "--to", "1969", "-f", "json").stdout)
    assert records == [{"group": "1969", "count": sum(1 for e in timeline.events if e.date.year == 1969)}]


def test_today_is_a_parameter_of_the_records(run, timeline):
    # The anniversary listing for a given day is the library's answer for that day.
    records = json.loads(run("anniversaries", "--date", "2025-07-20", "--within", "0", "-f", "json").stdout)
    from spacetime.anniversaries import in_window

    rows = in_window(timeline.events, date(2025, 7, 20), within=0)
    assert [(r["id"], r["years"]) for r in records] == [(row.event.id, row.years) for row in rows]


# -- the launch record's rows (JSON and CSV carry the same) ---------------------------------------------
def test_launch_rows_name_what_the_codes_stand_for():
    from spacetime.dates import PartialDate
    from spacetime.record import load_record
    from spacetime.records import launch_record

    record = load_record()
    rows = {launch.tag: launch_record(launch, record) for launch in record.launches}
    explorer = rows["1958 ALP"]
    assert explorer["country"] == "USA" and explorer["state"] == "US"
    (payload,) = explorer["payloads"]
    assert payload["owner"] == "ABMA/JPLA"
    assert payload["owner_name"] == "U.S. Army Ballistic Missile Agency / Jet Propulsion Lab"
    assert payload["country"] == "USA"
    sputnik = rows["1957 ALP"]
    assert (sputnik["country"], sputnik["payloads"][0]["country"], sputnik["precision"]) == ("USSR", "USSR", "second")
    assert sum(r["lunar"] for r in rows.values()) == 11  # the ascents from the Moon
    for row in rows.values():
        assert row["precision"] == PartialDate.parse(row["date"]).precision.label
    assert {r["precision"] for r in rows.values()} == {"day", "minute", "second"}


def test_launch_columns_are_unique_and_in_order(run):
    import csv
    import io

    doc = json.loads(run("launches", "1957", "-f", "json").stdout)
    header = next(csv.reader(io.StringIO(run("launches", "1957", "-f", "csv").stdout.splitlines()[1])))
    assert header == list(doc["launches"][0])
    assert len(header) == len(set(header))
    assert header[:4] == ["tag", "date", "precision", "uncertain"]
    assert header[-1] == "payloads"
    assert header.index("outcome") < header.index("crewed") < header.index("lunar") < header.index("credited")


def test_a_mission_without_events_has_no_first_or_last(run, write_json):
    path = write_json("m.json", {"missions": [{"id": "plan", "title": "Grand Plan"}],
                                 "events": [{"title": "Other", "date": "2001"}]})
    records = json.loads(run("--no-bundled", "--data", str(path), "missions", "-f", "json").stdout)
    (plan,) = [r for r in records if r["id"] == "plan"]
    assert (plan["first"], plan["last"], plan["events"], plan["crewed"]) == (None, None, 0, False)


def test_columns_and_writers_are_made_from_the_record_definitions(timeline):
    """What records.py builds once at import, built again here: the columns of each record and
    the functions writing a row (so that a fault in building them shows in a test run)."""
    from spacetime import records
    from spacetime.schema import AGENCY, EVENT, MISSION

    assert records._columns(EVENT) == (
        "id", "title", "date", "precision", "kind", "agencies", "mission", "crewed", "crew", "vehicle", "site",
        "cospar", "launch", "outcome", "summary", "tags", "aliases", "sources")
    assert records._columns(MISSION, "events") == ("id", "title", "aliases", "summary", "events")
    assert records._columns(AGENCY)[-2:] == ("predecessors", "successors")  # sources are not a column
    event = timeline.get("apollo-11-landing")
    row = records._writer(EVENT, "write")(event)
    assert list(row) == list(records.EVENT_FIELDS) and row == records.event_record(event)
    assert (row["date"], row["precision"]) == (event.date.iso(), event.date.precision.label) == ("1969-07-20T20:17Z", "minute")
    assert row["agencies"] == ("nasa",) and row["sources"] == [{"title": s.title, "url": s.url} for s in event.sources]
    assert records._writer(EVENT, "write")(event._replace(sources=()))["sources"] == []
    agency = timeline.agencies["roscosmos"]
    fields = records._writer(AGENCY, "write")(agency)
    assert "sources" not in fields and fields["founded"] == agency.founded.iso() and fields["dissolved"] is None
    mission = timeline.missions["apollo-11"]
    assert records._writer(MISSION, "write")(mission) == {
        "id": "apollo-11", "title": mission.title, "aliases": mission.aliases, "summary": mission.summary}
