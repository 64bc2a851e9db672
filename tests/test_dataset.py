"""The bundled dataset: integrity rules, and the seed facts this project was born from."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from spacetime.dates import PartialDate, Precision
from spacetime.loader import bundled_dir, bundled_files
from spacetime.model import Mission

DATA = bundled_dir()


def test_bundled_files_validate_against_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "spacetime.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = bundled_files()
    assert len(files) >= 3
    for path in files:
        errors = [f"{path.name}: {e.json_path}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text("utf-8")))]
        assert errors == []


def test_committed_json_schema_is_the_generated_one():
    """data/spacetime.schema.json is written from spacetime/schema.py (scripts/write_schema.py)."""
    from spacetime.schema import json_schema

    assert json.loads((DATA / "spacetime.schema.json").read_text(encoding="utf-8")) == json_schema()


def test_schema_rejects_what_the_loader_rejects():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "spacetime.schema.json").read_text(encoding="utf-8"))
    bad = {"events": [{"id": "x", "title": "X", "date": "1969-7-20", "kind": "launch", "agencies": ["nasa"],
                       "summary": "s", "sources": [{"title": "t", "url": "https://example.org"}]}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_size_and_spread(timeline):
    assert len(timeline.events) >= 300
    assert len(timeline.missions) >= 120
    assert len(timeline.agencies) >= 15
    decades = Counter(e.date.year // 10 * 10 for e in timeline.events)
    for decade in range(1950, 2030, 10):
        assert decades[decade] >= 8, f"the {decade}s are thin"


def test_ids_are_unique_across_files():
    ids = Counter()
    for path in bundled_files():
        doc = json.loads(path.read_text("utf-8"))
        ids.update(e["id"] for e in doc.get("events", []))
        ids.update(f"mission:{m['id']}" for m in doc.get("missions", []))
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_reference_resolves(timeline):
    for event in timeline.events:
        assert event.agencies and all(a in timeline.agencies for a in event.agencies), event.id
        assert event.mission is None or event.mission in timeline.missions, event.id
    for agency in timeline.agencies.values():
        for other in (*agency.predecessors, *agency.successors):
            assert other in timeline.agencies, agency.id


def test_lineage_is_symmetric(timeline):
    for agency in timeline.agencies.values():
        for pred in agency.predecessors:
            assert agency.id in timeline.agencies[pred].successors, (agency.id, pred)
        for succ in agency.successors:
            assert agency.id in timeline.agencies[succ].predecessors, (agency.id, succ)


def test_every_mission_has_events(timeline):
    assert [m.id for m in timeline.missions.values() if not m.events] == []


def test_dates_are_valid_and_not_after_as_of(timeline):
    as_of = timeline.info.as_of
    assert as_of is not None
    for event in timeline.events:
        assert event.date.first_day() <= as_of.last_day(), event.id


def test_each_missions_events_are_in_order_in_the_data():
    """In file order, no event of a mission may come before the one listed ahead of it."""
    for path in bundled_files():
        doc = json.loads(path.read_text("utf-8"))
        last: dict[str, PartialDate] = {}
        for raw in doc.get("events", []):
            if not raw.get("mission"):
                continue
            date = PartialDate.parse(raw["date"])
            prev = last.get(raw["mission"])
            if prev is not None:
                assert date.last_day() >= prev.first_day(), (path.name, raw["id"])
                if date.hour is not None and prev.hour is not None and date.to_date() == prev.to_date():
                    assert date >= prev, (path.name, raw["id"])
            last[raw["mission"]] = date


def test_timeline_keeps_a_landing_after_its_launch_on_the_same_day(timeline):
    order = [e.id for e in timeline.get("vostok-1").events]
    assert order.index("vostok-1-launch") < order.index("vostok-1-landing")


def test_every_event_has_a_summary_and_an_http_source(timeline):
    for event in timeline.events:
        assert event.summary.strip(), event.id
        assert event.sources and all(s.url.startswith(("http://", "https://")) for s in event.sources), event.id


def test_no_two_events_share_title_and_date(timeline):
    pairs = Counter((e.title, e.date) for e in timeline.events)
    assert [p for p, n in pairs.items() if n > 1] == []


def test_launches_have_vehicle_and_site(timeline):
    for event in timeline.events:
        if event.kind == "launch":
            assert event.vehicle and event.site, event.id


def test_crewed_events_name_their_crew(timeline):
    for event in timeline.events:
        if event.crewed:
            assert event.crew, event.id


def test_founding_events_match_agency_records(timeline):
    foundings = [e for e in timeline.events if e.kind == "founding"]
    assert {"nasa", "esa", "isro", "cnsa", "jaxa", "nasda", "isas", "nal", "roscosmos"} <= {a for e in foundings for a in e.agencies}
    for event in foundings:
        (agency_id,) = event.agencies
        assert timeline.agencies[agency_id].founded == event.date, event.id


def test_agencies_have_country_codes_and_types(timeline):
    for agency in timeline.agencies.values():
        assert len(agency.country) == 2 and agency.country.isupper(), agency.id
        assert agency.type in ("government", "commercial", "multinational", "academic")
    assert timeline.agency("soviet").country == "SU"


def test_dataset_has_version_and_as_of(timeline):
    assert timeline.info.version
    assert timeline.info.as_of.precision == Precision.DAY


# -- the seed facts -------------------------------------------------------------------------------------
def _event(timeline, ident):
    event = timeline.event(ident)
    assert event is not None, ident
    return event


def test_sputnik_1(timeline):
    launch = _event(timeline, "sputnik-1-launch")
    assert launch.date.iso() == "1957-10-04T19:28:34Z"
    assert launch.date.precision == Precision.SECOND
    assert "Baikonur" in launch.site
    assert launch.vehicle == "Sputnik 8K71PS"
    assert launch.agencies == ("soviet",)
    assert "PS-1" in timeline.get("sputnik-1").aliases


def test_sputnik_2_carries_laika(timeline):
    launch = _event(timeline, "sputnik-2-launch")
    assert launch.date.iso() == "1957-11-03T02:30:42Z"
    assert "Laika" in launch.title + launch.summary


def test_apollo_11(timeline):
    mission = timeline.get("Apollo 11")
    assert isinstance(mission, Mission)
    days = {e.kind: e.date.iso()[:10] for e in reversed(mission.events)}  # first of each kind
    assert days["launch"] == "1969-07-16"
    assert "Kennedy" in _event(timeline, "apollo-11-launch").site
    assert days["landing"] == "1969-07-20"
    assert days["splashdown"] == "1969-07-24"
    step = _event(timeline, "apollo-11-first-step")
    assert step.date.iso().startswith("1969-07-21T02:56")
    assert step.crew and "Neil Armstrong" in step.crew


def test_apollo_soyuz(timeline):
    mission = timeline.get("ASTP")
    assert mission.id == "apollo-soyuz"
    assert set(mission.agencies) == {"nasa", "soviet"}
    soyuz = _event(timeline, "apollo-soyuz-soyuz-19-launch")
    apollo = _event(timeline, "apollo-soyuz-apollo-launch")
    assert soyuz.date.iso()[:10] == apollo.date.iso()[:10] == "1975-07-15"
    assert soyuz.date.hour < apollo.date.hour
    assert "Baikonur" in soyuz.site and "Kennedy" in apollo.site
    kinds = [e.kind for e in mission.events]
    for kind in ("docking", "undocking", "landing", "splashdown"):
        assert kind in kinds
    docking = _event(timeline, "apollo-soyuz-docking")
    assert docking.date.iso()[:10] == "1975-07-17"
    assert set(docking.agencies) == {"nasa", "soviet"}
    assert "handshake" in _event(timeline, "apollo-soyuz-handshake").id


def test_progress_ms_31(timeline):
    mission = timeline.get("Progress 92")
    assert mission.id == "progress-ms-31"
    launch = _event(timeline, "progress-ms-31-launch")
    assert launch.date.iso()[:10] == "2025-07-03"
    assert "Baikonur" in launch.site and launch.vehicle == "Soyuz-2.1a"
    docking = _event(timeline, "progress-ms-31-docking")
    assert docking.date.to_date().toordinal() - launch.date.to_date().toordinal() == 2
    assert "kg" in launch.summary and "Apollo-Soyuz" in launch.summary


def test_explorer_1_is_dated_in_utc(timeline):
    assert _event(timeline, "explorer-1-launch").date.iso() == "1958-02-01T03:47:56Z"


@pytest.mark.parametrize("mission", ["apollo-11", "apollo-12", "apollo-14", "apollo-15", "apollo-16", "apollo-17"])
def test_every_crewed_moon_landing_is_there(timeline, mission):
    kinds = {e.kind for e in timeline.get(mission).events}
    assert {"launch", "landing", "splashdown"} <= kinds


@pytest.mark.parametrize("ident", ["apollo-1", "soyuz-1", "soyuz-11", "sts-51-l", "sts-107"])
def test_losses_are_recorded(timeline, ident):
    assert any(e.kind == "loss" for e in timeline.get(ident).events)


def test_data_directory_is_inside_the_package_when_installed():
    # Either the wheel layout (spacetime/data) or the source tree's top-level data/.
    assert (DATA / "agencies.json").is_file()
    assert DATA.name == "data"
    assert Path(DATA).parent.name in ("spacetime", Path(__file__).resolve().parent.parent.name)
