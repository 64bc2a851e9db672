"""The record definitions in spacetime/schema.py are the only place a field is written down."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from spacetime import records
from spacetime.model import Agency, Event, Mission
from spacetime.schema import AGENCY, EVENT, MISSION, json_schema

# A new event field, added the way the development guide says: one line in schema.py. Run in a
# fresh interpreter so every module is built from the extended definition.
_WITH_A_NEW_FIELD = textwrap.dedent('''
    import json, sys
    from pathlib import Path
    import spacetime.schema as schema

    schema.EVENT = schema.EVENT._replace(fields=(*schema.EVENT.fields,
        schema.Field("mass", schema.TEXT, "launch mass in kg", pattern=schema.re.compile(r"[0-9]+"))))

    import spacetime
    from spacetime import bulk, records
    from spacetime.loader import Parsed, _parse_event

    out = {"model": spacetime.Event._fields, "columns": records.EVENT_FIELDS,
           "json_schema": schema.json_schema()["$defs"]["event"]["properties"].get("mass"),
           "table": "| `mass` | launch mass in kg |" in schema.field_table(schema.EVENT)}
    parsed = Parsed("f.json", strict=False)
    _parse_event(parsed, {"title": "A", "date": "1969", "mass": "2900000"}, "event 1", False, "f.json")
    _parse_event(parsed, {"title": "B", "date": "1969", "mass": "heavy"}, "event 2", False, "f.json")
    out["careful"] = [e.mass for e in parsed.events]
    out["problems"] = [str(p) for p in parsed.problems]
    out["record"] = records.event_record(parsed.events[0])["mass"]
    big = Path(sys.argv[1])
    events = [{"id": f"e-{i}", "title": f"E {i}", "date": "1970-01-01", "mass": str(i)} for i in range(3000)]
    big.write_text(json.dumps({"events": events}), encoding="utf-8")
    pending = bulk.read(big, "big")
    out["bulk"] = None if pending is None else [e.mass for e in pending.build()[:3]]
    bad = Path(sys.argv[2])
    bad.write_text(json.dumps({"events": [*events, {"title": "X", "date": "1970", "mass": "heavy"}]}), encoding="utf-8")
    out["bulk_refuses"] = bulk.read(bad, "bad") is None
    print(json.dumps(out))
''')


def test_a_field_added_to_the_schema_reaches_every_part(tmp_path):
    done = subprocess.run([sys.executable, "-c", _WITH_A_NEW_FIELD, str(tmp_path / "big.json"), str(tmp_path / "bad.json")],
                          capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    assert out["model"][-2:] == ["mass", "origin"]
    assert out["columns"][-1] == "mass"
    assert out["json_schema"]["anyOf"][0]["pattern"] == "^[0-9]+$"
    assert out["table"]
    assert out["careful"] == ["2900000"] and len(out["problems"]) == 1 and "mass" in out["problems"][0]
    assert out["record"] == "2900000"
    assert out["bulk"] == ["0", "1", "2"]
    assert out["bulk_refuses"]


def test_the_model_holds_each_record_s_fields_in_schema_order():
    assert Event._fields == (*EVENT.names, "origin")
    assert Mission._fields == (*MISSION.names, "events")
    assert Agency._fields == (*AGENCY.names, "origin")


def test_output_columns_follow_the_schema():
    assert [c for c in records.EVENT_FIELDS if c != "precision"] == list(EVENT.names)
    assert records.EVENT_FIELDS.index("precision") == records.EVENT_FIELDS.index("date") + 1
    assert records.AGENCY_FIELDS[:len(AGENCY.names) - 1] == tuple(n for n in AGENCY.names if n != "sources")


def test_required_fields_are_required_in_the_json_schema():
    defs = json_schema()["$defs"]
    assert defs["event"]["required"] == ["id", "title", "date", "kind", "agencies", "summary", "sources"]
    assert defs["event"]["properties"]["agencies"]["minItems"] == 1
    assert set(defs["agency"]["required"]) == {"id", "abbreviation", "name", "country", "type"}
