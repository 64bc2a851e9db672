"""Everything as one SQLite database, for people who outgrow the CLI: sqlite3, Datasette, pandas.

Tables: agencies, missions, events (with event_agencies, event_crew, event_tags, event_sources),
launches, payloads, launch_agencies (GCAT codes), launch_credits (the project's agencies), orgs,
sites, countries, and meta (dataset version and the launch record's GCAT attribution). Foreign
keys link them, so Datasette shows the joins."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orgs (code TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT);
CREATE TABLE sites (code TEXT PRIMARY KEY, name TEXT NOT NULL, place TEXT, country TEXT);
CREATE TABLE agencies (
  id TEXT PRIMARY KEY, abbreviation TEXT NOT NULL, name TEXT NOT NULL, country TEXT, type TEXT,
  founded TEXT, dissolved TEXT, aliases TEXT);
CREATE TABLE agency_lineage (
  agency_id TEXT NOT NULL REFERENCES agencies(id), successor_id TEXT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (agency_id, successor_id));
CREATE TABLE missions (id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT, first TEXT, last TEXT,
  crewed INTEGER NOT NULL, aliases TEXT);
CREATE TABLE launches (
  tag TEXT PRIMARY KEY, date TEXT NOT NULL, precision TEXT NOT NULL, uncertain INTEGER NOT NULL,
  vehicle TEXT NOT NULL, serial TEXT, site TEXT REFERENCES sites(code), pad TEXT, platform TEXT,
  country TEXT, code TEXT NOT NULL, outcome TEXT NOT NULL, crewed INTEGER NOT NULL, lunar INTEGER NOT NULL);
CREATE TABLE payloads (
  launch_tag TEXT NOT NULL REFERENCES launches(tag), piece TEXT, name TEXT, program TEXT, jcat TEXT,
  owner TEXT, country TEXT, crewed INTEGER NOT NULL);
CREATE TABLE launch_agencies (launch_tag TEXT NOT NULL REFERENCES launches(tag), org_code TEXT NOT NULL);
CREATE TABLE launch_credits (
  launch_tag TEXT NOT NULL REFERENCES launches(tag), agency_id TEXT NOT NULL REFERENCES agencies(id));
CREATE TABLE events (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL, precision TEXT NOT NULL, kind TEXT NOT NULL,
  mission_id TEXT REFERENCES missions(id), crewed INTEGER NOT NULL, vehicle TEXT, site TEXT, cospar TEXT,
  launch_tag TEXT REFERENCES launches(tag), outcome TEXT, summary TEXT, aliases TEXT, origin TEXT);
CREATE TABLE event_agencies (
  event_id TEXT NOT NULL REFERENCES events(id), agency_id TEXT NOT NULL REFERENCES agencies(id));
CREATE TABLE event_crew (event_id TEXT NOT NULL REFERENCES events(id), name TEXT NOT NULL);
CREATE TABLE event_tags (event_id TEXT NOT NULL REFERENCES events(id), tag TEXT NOT NULL);
CREATE TABLE event_sources (event_id TEXT NOT NULL REFERENCES events(id), title TEXT NOT NULL, url TEXT NOT NULL);
CREATE INDEX events_date ON events(date);
CREATE INDEX launches_date ON launches(date);
CREATE INDEX payloads_launch ON payloads(launch_tag);
"""


def _iso(value: Any) -> str | None:
    return value.iso() if value is not None else None


def write_sqlite(path: Path, timeline: Any, record: Any) -> dict[str, int]:
    """Write the database to `path` (replacing it whole, never half-written); the row counts."""
    from ..launches import event_tag

    path = Path(path)
    handle, temp = tempfile.mkstemp(prefix=".spacetime-", suffix=".sqlite", dir=path.parent or ".")
    os.close(handle)
    try:
        db = sqlite3.connect(temp)
        try:
            db.executescript(SCHEMA)
            _fill(db, timeline, record, event_tag)
            db.commit()
            counts = {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                      for name in ("events", "missions", "agencies", "launches", "payloads")}
        finally:
            db.close()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return counts


def _fill(db: sqlite3.Connection, timeline: Any, record: Any, event_tag: Any) -> None:
    info = timeline.info
    meta = {"dataset": info.name if info else "", "version": info.version if info else "",
            "as_of": _iso(info.as_of) if info else None, "launch_record": record.attribution(),
            "launch_record_citation": record.source.citation, "launch_record_licence": record.source.licence,
            "launch_record_note": record.source.note}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    table = record.table
    db.executemany("INSERT INTO countries VALUES (?, ?)", table.states.items())
    db.executemany("INSERT INTO orgs VALUES (?, ?, ?)", ((c, o.name, o.state) for c, o in table.orgs.items()))
    db.executemany("INSERT INTO sites VALUES (?, ?, ?, ?)", ((c, s.name, s.place, s.state) for c, s in table.sites.items()))
    agencies = timeline.agencies
    db.executemany("INSERT INTO agencies VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
        (a.id, a.abbreviation, a.name, a.country, a.type, _iso(a.founded), _iso(getattr(a, "dissolved", None)),
         json.dumps(list(a.aliases), ensure_ascii=False)) for a in agencies.values()))
    db.executemany("INSERT OR IGNORE INTO agency_lineage VALUES (?, ?)", (
        (a.id, s) for a in agencies.values() for s in a.successors if s in agencies))
    db.executemany("INSERT INTO missions VALUES (?, ?, ?, ?, ?, ?, ?)", (
        (m.id, m.title, m.summary, _iso(m.first), _iso(m.last), int(m.crewed), json.dumps(list(m.aliases), ensure_ascii=False))
        for m in timeline.missions.values()))
    launches = record.launches
    db.executemany("INSERT INTO launches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
        (x.tag, x.date, x.when.precision.label, int(x.uncertain), x.vehicle, x.serial, x.site if x.site in table.sites else None,
         x.pad, x.platform, x.state, x.code, x.outcome, int(x.crewed), int(x.lunar)) for x in launches))
    db.executemany("INSERT INTO payloads VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
        (x.tag, p.piece, p.name, p.program, p.jcat, p.owner, p.state, int(p.crewed)) for x in launches for p in x.payloads))
    db.executemany("INSERT INTO launch_agencies VALUES (?, ?)", ((x.tag, c) for x in launches for c in x.agencies))
    credited = record.credited(agencies)
    db.executemany("INSERT INTO launch_credits VALUES (?, ?)", ((tag, a) for tag, ids in credited.items() for a in ids))

    def launch_tag(event: Any) -> str | None:
        """The tag, as the launches table has it, of the launch the event names."""
        tag = event_tag(event)
        launch = record.get(tag) if tag else None
        return launch.tag if launch is not None else None

    events = timeline.events
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
        (e.id, e.title, e.date.iso(), e.date.precision.label, e.kind, e.mission if e.mission in timeline.missions else None,
         int(e.crewed), e.vehicle, e.site, e.cospar, launch_tag(e), e.outcome, e.summary,
         json.dumps(list(e.aliases), ensure_ascii=False), e.origin) for e in events))
    db.executemany("INSERT INTO event_agencies VALUES (?, ?)", ((e.id, a) for e in events for a in e.agencies))
    db.executemany("INSERT INTO event_crew VALUES (?, ?)", ((e.id, c) for e in events for c in e.crew))
    db.executemany("INSERT INTO event_tags VALUES (?, ?)", ((e.id, t) for e in events for t in e.tags))
    db.executemany("INSERT INTO event_sources VALUES (?, ?, ?)", ((e.id, s.title, s.url) for e in events for s in e.sources))
