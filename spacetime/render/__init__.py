"""Rendering: one function per output format, and one dispatcher that picks it.

Everything a command prints goes through here, so escaping data text and honouring the
terminal's width and colour rules happen in one place. Rich is imported only for tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import UsageError
from .output import Output, pager_command, to_ascii

__all__ = ["FORMATS", "Output", "emit", "emit_document", "emit_rows", "pager_command", "to_ascii"]

FORMATS = ("table", "text", "json", "csv", "ics", "timelinejs", "markdown")  # and sqlite, for `export` alone


def emit_document(doc: Any, out: Output) -> None:
    """One JSON document (a card or a detail view, not a listing)."""
    from .plain import dumps

    out.write(dumps(doc) + "\n")


def emit_rows(chunks: Iterable[list[Any]], fmt: str, out: Output) -> None:
    """Print every event from chunks of rows (stream.py), as `emit("events", ...)` would in
    `fmt`: JSON or CSV."""
    from .plain import render_csv_rows, render_json_rows

    if fmt == "json":
        render_json_rows(chunks, out)
    elif fmt == "csv":
        render_csv_rows(chunks, out)
    else:
        raise UsageError(f"rows cannot be written as {fmt}")


def emit(kind: str, items: Sequence[Any], fmt: str, out: Output, **context: Any) -> None:
    """Print a listing of `kind` (events, missions, agencies, anniversaries, search hits, counts)
    in `fmt`."""
    if fmt == "text":
        from .plain import render_text

        render_text(kind, items, out, **context)
    elif fmt == "json":
        from .plain import render_json

        render_json(kind, items, out, context.get("source"))
    elif fmt == "csv":
        from .plain import render_csv

        render_csv(kind, items, out, context.get("source"))
    elif fmt == "table":
        from .table import render_table

        render_table(kind, items, out, **context)
    elif fmt == "ics" and kind == "anniversaries" and context.get("dated"):
        from .ics import render_dated_ics

        render_dated_ics(items, out, context.get("agencies", {}))
    elif fmt == "markdown" and kind == "anniversaries":
        from .plain import render_markdown

        render_markdown(items, out, **context)
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
