"""The loader's field rules (schema.py applied by loader._Checker), one behaviour at a time, with
the exact words a user reads. Written against mutation testing (docs/mutation-loader.md): each
test fails when one rule or message in loader.py or schema.py is changed."""

from __future__ import annotations

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
