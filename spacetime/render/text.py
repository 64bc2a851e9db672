"""Text hygiene shared by every renderer: data from files is data, never terminal control."""

from __future__ import annotations

import re

from ..chars import CONTROL, FORMAT

# C0 and C1 control characters and DEL; tabs and newlines become spaces in one-line fields.
_CONTROL = re.compile(f"[{CONTROL}]")
# ... and Unicode format characters (bidi overrides, zero-width spaces), which only non-ASCII
# text can hold.
_UNSAFE = re.compile(f"[{CONTROL}{FORMAT}]")
_ESCAPE_SEQUENCE = r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])"


def clean(text: str | None) -> str:
    """Drop escape sequences, control and format characters; fold tabs and newlines to spaces."""
    if not text:
        return ""
    unsafe = _CONTROL if text.isascii() else _UNSAFE
    if unsafe.search(text) is None:
        return text
    text = re.sub(_ESCAPE_SEQUENCE, "", text)
    text = re.sub(r"[\t\n\r]+", " ", text)
    return unsafe.sub("", text)



def today_lines(rows, agencies) -> str:
    """`spacetime today`: one plain line per anniversary (`56 years ago today (1969-07-20): Apollo
    11 lands on the Moon (NASA)`), or "" when there are none. Kept here, light to import, because
    the shell start-up path (`spacetime/__main__.py`) prints them without loading the CLI."""
    lines = []
    for row in rows:
        names = ", ".join(agencies[a].abbreviation if a in agencies else a for a in row.event.agencies)
        ago = "1 year ago" if row.years == 1 else f"{row.years} years ago"
        lines.append(f"{ago} today ({row.event.date.iso()[:10]}): {clean(row.event.title)}" + (f" ({clean(names)})" if names else ""))
    return "\n".join(lines) + "\n" if lines else ""
