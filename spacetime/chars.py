"""Characters that must never reach a terminal, a spreadsheet or a URL unseen.

Unicode's format characters (category Cf) are invisible: bidirectional overrides (U+202E) turn
`exe.txt` into what looks like `txt.exe`, zero-width spaces make two equal-looking names differ.
FORMAT is a regular-expression class of all of them (Unicode 15.1; a test checks it covers the
running Python's own table), written out so that no run pays for building it from unicodedata."""

FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
CONTROL = "\x00-\x1f\x7f-\x9f"
