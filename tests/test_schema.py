"""The record definitions in spacetime/schema.py are the only place a field is written down."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

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
        schema.Field("mass", schema.TEXT, "launch mass in kg", pattern=r"[0-9]+")))

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


def test_ids_made_from_titles_and_dates():
    from spacetime.schema import event_id, slugify

    assert slugify("  Apollo 11: Eagle!  ") == "apollo-11-eagle"
    assert slugify("***") == "event"
    assert event_id("Apollo 11", "1969-07-20T20:17Z") == "apollo-11-19690720"
    assert event_id("Vostok", "1961") == "vostok-1961"


def test_what_is_required_and_which_patterns_hold_at_each_strictness():
    from spacetime.schema import SLUG

    title, ident, kind, agencies, crew = (EVENT.field(n) for n in ("title", "id", "kind", "agencies", "crew"))
    assert [f.required_in(False) for f in (title, ident, kind, crew)] == [True, False, False, False]
    assert [f.required_in(True) for f in (title, ident, kind, crew)] == [True, True, True, False]
    assert (ident.pattern_in(False), ident.pattern_in(True)) == (SLUG, SLUG)
    assert (agencies.pattern_in(False), agencies.pattern_in(True)) == (None, SLUG)
    assert crew.pattern_in(True) is None
    assert EVENT.names[:3] == ("id", "title", "date")
    with pytest.raises(KeyError, match="colour"):
        EVENT.field("colour")


def test_patterns_read_the_same_in_the_json_schema():
    """Invisible characters of the basic plane are written as \\u escapes, which Python and ECMA 262
    read alike; a URL holding one is refused by the loader and by the JSON Schema."""
    import jsonschema

    from spacetime.schema import URL_FORM, _js_pattern

    assert _js_pattern("a\U0001F600b\u200b\x7f") == "^a\U0001F600b\\u200b\\u007f$"
    assert _js_pattern("\uffff\U00010000") == "^\\uffff\U00010000$"  # the plane's last character escaped, the next kept
    assert _js_pattern(URL_FORM).startswith("^https?://[^\\s\\u0000-\\u001f\\u007f-\\u009f")
    validator = jsonschema.Draft202012Validator(json_schema())
    source = {"title": "T", "url": "https://example.org/a\u200bb"}
    assert not validator.is_valid({"agencies": [{"id": "x", "abbreviation": "X", "name": "X", "country": "GB",
                                                 "type": "government", "sources": [source]}]})
    assert validator.is_valid({"agencies": [{"id": "x", "abbreviation": "X", "name": "X", "country": "GB",
                                             "type": "government", "sources": [{**source, "url": "https://example.org/ab"}]}]})


def test_a_field_of_an_unknown_kind_has_no_json_schema():
    from spacetime.schema import Field, _value_schema

    with pytest.raises(ValueError, match=r"^unknown kind 'blob'$"):
        _value_schema(Field("x", "blob", "d"))


def test_the_readme_field_table():
    from spacetime.schema import field_table

    table = field_table(EVENT, {"date": ("precision", "output only")}).splitlines()
    assert table[:2] == ["| field | meaning |", "| --- | --- |"]
    assert table[2] == "| `id` | stable slug (`apollo-11-landing`); derived from title and date when a user file leaves it out; " \
                       "required in the bundled files |"
    assert table[3] == "| `title` | a headline in the present tense; required |"
    assert table[5] == "| `precision` | output only |"
    assert "| `outcome` | how it went: `success`, `partial`, `failure` |" in table
    assert table[6].startswith("| `kind` | what happened: `launch`, `landing`, ") and table[6].endswith(
        "`other` (user files default to `event`); required in the bundled files |")
    assert "| `crewed` | whether people were aboard |" in table
    assert len(field_table(MISSION).splitlines()) == 2 + len(MISSION.fields)


def test_forms_are_compiled_only_when_a_value_is_checked():
    """A run that reads the snapshot checks no form: importing the model compiles none of them
    (the URL form alone takes milliseconds)."""
    import subprocess
    import sys

    code = ("import spacetime.model, spacetime.schema as s\n"
            "before = sorted(n for n in s._FORMS if n in vars(s))\n"
            "print(before, bool(s.URL.fullmatch('https://example.org/')), 'URL' in vars(s))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]", "True", "True"]


def test_a_form_is_compiled_on_request_and_other_names_are_missing():
    import re

    import spacetime.schema as schema

    slug = schema.__getattr__("SLUG")  # as the first `schema.SLUG` does
    assert isinstance(slug, re.Pattern) and slug.fullmatch("apollo-11") and not slug.fullmatch("Apollo 11")
    assert schema.__getattr__("COUNTRY").fullmatch("SU") and not schema.__getattr__("COUNTRY").fullmatch("SUN")
    with pytest.raises(AttributeError, match=r"^module 'spacetime.schema' has no attribute 'NOPE'$"):
        schema.NOPE  # noqa: B018
