"""Rendering: one function per output format, and one dispatcher that picks it.

Everything a command prints goes through here, so escaping data text and honouring the
terminal's width and colour rules happen in one place. Rich is imported only for tables."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ..errors import UsageError

FORMATS = ("table", "json", "csv", "ics", "timelinejs")  # and sqlite, for `spacetime export` alone


class Output:
    """Where output goes and what the terminal can take (tests pass their own)."""

    __slots__ = ("color", "stderr", "stdout", "width")

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None, width: int | None = None,
                 color: bool | None = None):
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr
        self.width, self.color = width, color

    def write(self, text: str) -> None:
        self.stdout.write(text)


def emit_document(doc: Any, out: Output) -> None:
    """One JSON document (a card or a detail view, not a listing)."""
    from .plain import dumps

    out.write(dumps(doc) + "\n")


def emit(kind: str, items: Sequence[Any], fmt: str, out: Output, **context: Any) -> None:
    """Print a listing of `kind` (events, missions, agencies, anniversaries, search hits, counts)
    in `fmt`."""
    if fmt == "json":
        from .plain import render_json

        render_json(kind, items, out, context.get("source"))
    elif fmt == "csv":
        from .plain import render_csv

        render_csv(kind, items, out, context.get("source"))
    elif fmt == "table":
        from .table import render_table

        render_table(kind, items, out, **context)
    elif fmt == "ics":
        if kind not in ("events", "anniversaries"):
            raise UsageError(f"--format ics is for events and anniversaries, not {kind}")
        from .ics import render_ics

        events = [getattr(item, "event", item) for item in items]
        render_ics(list(dict.fromkeys(events)), out, context.get("agencies", {}))
    elif fmt == "timelinejs":
        if kind not in ("events", "anniversaries"):
            raise UsageError(f"--format timelinejs is for events, not {kind}")
        from .plain import render_timelinejs

        events = [getattr(item, "event", item) for item in items]
        render_timelinejs(list(dict.fromkeys(events)), out, context.get("agencies", {}), context.get("missions", {}))
    elif fmt == "sqlite":
        raise UsageError("--format sqlite is for 'spacetime export --format sqlite --output FILE'")
    else:
        raise UsageError(f"Unknown format '{fmt}': use one of {', '.join(FORMATS)}")
