"""Text hygiene shared by every renderer: data from files is data, never terminal control."""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL; tabs and newlines become spaces in one-line fields.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ESCAPE_SEQUENCE = r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])"


def clean(text: str | None) -> str:
    """Drop escape sequences and control characters; fold tabs and newlines to spaces."""
    if not text:
        return ""
    if _CONTROL.search(text) is None:
        return text
    text = re.sub(_ESCAPE_SEQUENCE, "", text)
    text = re.sub(r"[\t\n\r]+", " ", text)
    return _CONTROL.sub("", text)

