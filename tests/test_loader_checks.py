"""The loader's field rules (schema.py applied by loader._Checker), one behaviour at a time, with
the exact words a user reads. Written against mutation testing (docs/mutation-loader.md): each
test fails when one rule or message in loader.py or schema.py is changed."""

from __future__ import annotations

import json

from spacetime.loader import Parsed, _parse_event


def _event_problems(raw: dict, strict: bool) -> list[str]:
    parsed = Parsed("f.json", strict=strict)
    _parse_event(parsed, raw, "event 1", strict, "f.json")
    return [str(p) for p in parsed.problems]


def test_a_bare_year_as_a_number_is_a_user_s_date_but_not_a_strict_one():
    assert _event_problems({"title": "A", "date": 1969}, strict=False) == []
    strict = {"id": "a", "title": "A", "date": 1969, "kind": "event", "agencies": ["nasa"], "summary": "S.",
              "sources": [{"title": "T", "url": "https://example.org"}]}
    assert _event_problems(strict, strict=True) == ["f.json: event 1 'a': date: expected a date string, got a number"]


def test_a_null_or_blank_id_is_made_from_title_and_date_like_a_missing_one(run, write_json):
    path = write_json("ids.json", {"events": [{"id": None, "title": "Club rocket", "date": "2000-01-01"},
                                              {"id": " ", "title": "Club rocket", "date": "2000-01-02"},
                                              {"title": "Club rocket", "date": "2000-01-03"}]})
    assert run("validate", str(path)).stdout == "OK: 1 file, 3 events, no problems.\n"
    rows = json.loads(run("--no-bundled", "--data", str(path), "list", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["club-rocket-20000101", "club-rocket-20000102", "club-rocket-20000103"]
    shown = run("--no-bundled", "--data", str(path), "show", "club-rocket-20000101")
    assert shown.exit_code == 0 and "Club rocket" in shown.stdout
