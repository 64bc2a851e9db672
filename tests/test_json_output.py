"""JSON listings: one compact record per line, the same bytes whichever encoder writes them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from spacetime.render import plain

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
# What the listings written by msgspec hold: no floating-point numbers (render/plain.py).
_values = st.recursive(st.none() | st.booleans() | st.integers(-10**12, 10**12) | _text,
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3), max_leaves=8)


@settings(max_examples=300)
@given(st.lists(st.dictionaries(_text, _values, max_size=5), min_size=1, max_size=5))
def test_msgspec_and_the_json_module_write_the_same_bytes(rows):
    assert plain._msgspec_lines(rows) == plain._json_lines(rows)


def test_a_long_listing_is_the_short_listing_written_faster(run, tmp_path, monkeypatch):
    short = run("list", "--format", "json").stdout
    monkeypatch.setattr(plain, "MSGSPEC_FROM", 1)
    assert run("list", "--format", "json").stdout == short
    rows = json.loads(short)
    assert len(rows) > 500 and short.count("\n") == len(rows) + 2  # "[", a line per record, "]"
