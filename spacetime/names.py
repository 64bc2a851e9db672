"""How the project compares names: one key for 'Apollo–Soyuz', 'apollo soyuz' and 'APOLLO SOYUZ'."""

from __future__ import annotations

import re

_FOLD = r"[\s\-_–—/.,:;'’\"()]+"
_fold = None  # the compiled pattern's sub, made on first use: most runs never fold a name


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Apollo–Soyuz' == 'apollo soyuz'."""
    global _fold
    if _fold is None:
        _fold = re.compile(_FOLD).sub
    if not text.isascii():
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _fold(" ", text.casefold()).strip()
