"""JSON, CSV and TimelineJS output: no Rich, so scripts pay no start-up cost for tables."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from .. import records
from ..chars import FORMAT
from ..dates import PartialDate
from ..model import Agency, Event, Mission
from .output import Output
from .text import clean

_RECORDS = {
    "events": (records.EVENT_FIELDS, records.event_record),
    "missions": (records.MISSION_FIELDS, records.mission_record),
    "anniversaries": (records.ANNIVERSARY_FIELDS, records.anniversary_record),
    "hits": (records.HIT_FIELDS, records.hit_record),
    "counts": (("group", "count"), records.count_record),
}
# What JSON leaves raw but a terminal or an editor would obey: C1 controls and format characters.
_C1 = re.compile(f"[\x7f-\x9f{FORMAT}]")


def _maker(kind: str):
    """The fields of a `kind` of row, and the function making one row's record."""
    if kind == "launches":  # already records (records.launch_record): they need the launch table's names
        return records._launch_fields(), _as_is
    if kind == "agencies":
        return records.AGENCY_FIELDS, lambda item: records.agency_record(*item)
    return _RECORDS[kind]


def _as_is(row: dict[str, Any]) -> dict[str, Any]:
    return row


_STREAM_CHUNK = 2000  # records encoded and written at a time: the output is never whole in memory


def dumps(value: Any) -> str:
    """JSON with readable non-ASCII text but every control character escaped."""
    return _escape_c1(json.dumps(value, ensure_ascii=False, indent=2))


def _escape_c1(text: str) -> str:
    """JSON leaves C1 control characters and DEL raw; a terminal would obey them. (DEL is ASCII:
    ASCII-only text is skipped only when it has none.)"""
    if text.isascii():
        return text if "\x7f" not in text else _C1.sub(_json_escape, text)
    # Text with none of them is printable but for its line breaks: a quicker test than the search.
    return text if text.replace("\n", "").isprintable() else _C1.sub(_json_escape, text)


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON spells characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def render_json(kind: str, items: Sequence[Any], out: Output, source: dict[str, Any] | None = None) -> None:
    """A JSON array with one compact record per line: readable, easy to grep, and written by a C
    encoder (an indented dump goes through the json module's pure-Python one, ten times slower).
    Data that must carry its attribution (the launch record) is an object: `source`, then the
    array under the listing's name."""
    if source is not None:
        out.write(_escape_c1("{\n\"source\": " + _encode_one(source) + ",\n" + json.dumps(kind) + ": "))
    if not items:
        out.write("[]\n" if source is None else "[]\n}\n")
        return
    make = _maker(kind)[1]
    lines = _msgspec_lines if len(items) >= MSGSPEC_FROM and kind not in _FLOATS else _json_lines
    separator = ""
    for start in range(0, len(items), _STREAM_CHUNK):
        text = lines([make(item) for item in items[start:start + _STREAM_CHUNK]])
        out.write(_escape_c1(f"{separator or '[' + chr(10) + '  '}{text}"))
        separator = ",\n  "
    out.write("\n]\n" if source is None else "\n]\n}\n")


def render_json_rows(chunks: Iterable[list[Any]], out: Output) -> None:
    """Like render_json for events, from chunks of rows (records.event_row_type; stream.py):
    the same bytes, encoded and written a chunk at a time."""
    import msgspec

    encode = msgspec.json.Encoder().encode_lines
    separator = b"[\n  "
    for rows in chunks:
        if rows:
            data = encode(rows)[:-1].replace(b"\n", b",\n  ")
            if data.isascii() and b"\x7f" not in data:
                out.write_utf8(separator)
                out.write_utf8(data)
            else:
                out.write(_escape_c1(separator.decode() + data.decode("utf-8")))
            separator = b",\n  "
    out.write("[]\n" if separator == b"[\n  " else "\n]\n")


def render_csv_rows(chunks: Iterable[list[Any]], out: Output) -> None:
    """Like render_csv for events, from chunks of rows (records.event_row_type; stream.py)."""
    import msgspec

    _write_csv(out, records.EVENT_FIELDS, chain.from_iterable(map(msgspec.to_builtins, chunks)))


# Long listings are encoded by msgspec, about ten times quicker than the json module; short ones by
# the json module, which is already imported. Both write the same bytes (tests/test_json_output.py)
# except for floating-point numbers (1e16 or 1e+16), which only search scores are.
MSGSPEC_FROM = 5000
_FLOATS = frozenset({"hits"})
_encode_one = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json_lines(rows: list[dict[str, Any]]) -> str:
    return ",\n  ".join(map(_encode_one, rows))


def _msgspec_lines(rows: list[dict[str, Any]]) -> str:
    import msgspec

    # One record per line; JSON text holds no raw newline (a newline in a string is escaped).
    return msgspec.json.Encoder().encode_lines(rows).decode("utf-8")[:-1].replace("\n", ",\n  ")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        parts = []
        for item in value:
            if isinstance(item, dict) and "piece" in item:  # a launch's payload
                parts.append(f"{clean(item['name'])} ({clean(item['piece'])})".replace(";", ","))
            elif isinstance(item, dict):  # a source: title|url, as the CSV loader reads it
                parts.append(f"{clean(item['title']).replace(';', ',').replace('|', '/')}|{item['url']}")
            else:
                parts.append(clean(str(item)).replace(";", ","))
        return ";".join(parts)
    return clean(str(value))


# A spreadsheet takes a cell starting with =, +, -, @, a tab or a carriage return as a formula
# (OWASP, "CSV Injection").
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run: one starting like a formula gets a
    leading apostrophe, as OWASP recommends. Cells already starting with apostrophes and then
    such a character get one more, so that the CSV loader, which removes one, reads back
    exactly what was written."""
    return "'" + cell if _FORMULA.match(cell) else cell


def render_csv(kind: str, items: Sequence[Any], out: Output, source: dict[str, Any] | None = None) -> None:
    fields, make = _maker(kind)
    if source is not None:  # attribution as a leading comment line, the way GCAT's own files start
        out.write(f"# {clean(source['attribution'])}\n")
    _write_csv(out, fields, map(make, items))


def _write_csv(out: Output, fields: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.writer(out.stdout, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:  # one record at a time: the output is never whole in memory
        writer.writerow([neutralise(_cell(row[name])) for name in fields])


def render_timelinejs(events: Sequence[Event], out: Output, agencies: dict[str, Agency],
                      missions: dict[str, Mission]) -> None:
    """The JSON that TimelineJS reads: `events` with start_date, text and group (the lead agency)."""
    items = []
    for event in events:
        d = event.date
        start: dict[str, str] = {"year": str(d.year)}
        if d.month is not None:
            start["month"] = str(d.month)
        if d.day is not None:
            start["day"] = str(d.day)
        if d.minute is not None:
            start["hour"], start["minute"] = str(d.hour), str(d.minute)
        if d.second is not None:
            start["second"] = str(d.second)
        names = ", ".join(agencies[a].abbreviation if a in agencies else a for a in event.agencies)
        body = _html(f"{event.summary} ({names})" if names else event.summary)
        for source in event.sources[:1]:
            body += f' <a href="{_html(source.url)}">{_html(source.title)}</a>'
        mission = missions.get(event.mission) if event.mission else None
        if mission is not None:
            body += f" <em>Mission: {_html(mission.title)}</em>"
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": start,
            "text": {"headline": _html(event.title), "text": body},
        }
        if event.agencies:  # one lane per agency: the Space Race reads as two rows
            lead = event.agencies[0]
            item["group"] = clean(agencies[lead].abbreviation if lead in agencies else lead)
        items.append(item)
    out.write(dumps({"title": {"text": {"headline": "spacetime", "text": "Spaceflight history"}}, "events": items}) + "\n")


def _html(text: str) -> str:
    return (clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))



# -- one record per line, for grep, sort, cut and awk -------------------------------------------------
def _names(agency_ids: Sequence[str], agencies: Any) -> str:
    return ",".join(agencies[a].abbreviation if a in agencies else a for a in agency_ids)


def _line(*fields: Any) -> str:
    """Tab-separated fields, each on one line, nothing trailing."""
    return "\t".join(clean("" if f is None else str(f)).replace("\t", " ").strip() for f in fields).rstrip()


def text_lines(kind: str, items: Sequence[Any], **context: Any) -> list[str]:
    agencies = context.get("agencies", {})
    lines = []
    if kind == "events":
        for e in items:
            lines.append(_line(e.date.display(), e.title, e.kind, _names(e.agencies, agencies), e.id))
    elif kind == "missions":
        for m in items:
            lines.append(_line(m.first.display()[:10] if m.first else "", m.last.display()[:10] if m.last else "",
                               m.title, len(m.events), "crewed" if m.crewed else "uncrewed",
                               _names(m.agencies, agencies), m.id))
    elif kind == "agencies":
        for a, events in items:
            lines.append(_line(a.founded.display() if a.founded else "-", a.abbreviation, a.name, a.country,
                               a.type, len(events)))
    elif kind == "anniversaries":
        for row in items:
            e = row.event
            lines.append(_line(row.anniversary.iso(), row.ordinal + ("*" if row.round else ""), e.title,
                               _names(e.agencies, agencies), e.date.display(), e.id))
    elif kind == "hits":
        for hit in items:
            item = hit.item
            date = item.first if isinstance(item, Mission) else item.date
            lines.append(_line(date.display() if date else "", item.title,
                               "mission" if isinstance(item, Mission) else item.kind, item.id, hit.field))
    elif kind == "counts":
        for label, n in items:
            lines.append(_line(label, n))
    elif kind == "launches":  # records.launch_record rows
        for row in items:
            outcome = row["outcome"] if row["outcome"] == "success" else row["outcome"].upper()
            when = PartialDate.parse(row["date"]).display() + ("?" if row["uncertain"] else "")
            lines.append(_line(when, row["tag"], row["vehicle"], row["place"],
                               "/".join(row["agencies"]), outcome, "; ".join(p["name"] for p in row["payloads"])))
    return lines


def render_text(kind: str, items: Sequence[Any], out: Output, **context: Any) -> None:
    """One record per line, tab-separated, dates first; no header, caption, padding or wrapping.
    A listing with nothing in it says so on stderr, so that stdout stays records only."""
    if not items:
        empty = context.get("empty")
        if empty:
            out.stderr.write(clean(empty) + "\n")
        return
    out.human("\n".join(text_lines(kind, items, **context)) + "\n")


def render_markdown(rows: Sequence[Any], out: Output, **context: Any) -> None:
    """Anniversaries as a Markdown list to paste into a planning document."""
    agencies = context.get("agencies", {})
    title = context.get("caption") or "Spaceflight anniversaries"
    lines = [f"# {_md(title)}", ""]
    for row in rows:
        e = row.event
        when = row.anniversary.iso()
        if row.anniversary.day is not None:
            when += f" ({row.anniversary.to_date().strftime('%a')})"
        ordinal = f"**{row.ordinal} anniversary**" if row.round else f"{row.ordinal} anniversary"
        who = ", ".join(agencies[a].abbreviation if a in agencies else a for a in e.agencies)
        detail = e.date.display() + (" UTC" if e.date.hour is not None else "") + (f"; {who}" if who else "")
        lines.append(f"- {when}: {ordinal}: {_md(e.title)} ({_md(detail)})")
    if not rows:
        lines.append(_md(context.get("empty") or "No anniversaries."))
    out.human("\n".join(lines) + "\n")


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", clean(text))
