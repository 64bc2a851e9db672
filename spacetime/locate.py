"""Line numbers for records in a data file, so that `spacetime validate` can say where a problem
is: `club.json:14: event 3 'club-rocket-7': date: ...`.

A light scan over the text the loader already accepted or rejected: JSON values are found with
the json module's own decoder (`raw_decode`) from each element's start, CSV rows with the csv
module's line counter. Nothing here decides whether a file is valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .schema import AGENCY, EVENT, MISSION

_WS = re.compile(r"[ \t\n\r]*")
_SECTIONS = {r.name: r.section for r in (EVENT, MISSION, AGENCY)}
_NAMES = "|".join(_SECTIONS)
_RECORD = re.compile(rf"^({_NAMES}) (\d+)\b|^({_NAMES}) '(.*)'$")


def record_lines(path: str | Path) -> tuple[dict[tuple[str, int], int], dict[tuple[str, str], list[int]]]:
    """(line of each record by (section, 1-based index), lines of each record by (section, id)).
    Empty when the file cannot be read or scanned."""
    from .files import read_regular

    try:  # only a regular file within the size limit: a FIFO or a device is never waited on
        text = read_regular(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError):
        return {}, {}
    try:
        if str(path).lower().endswith(".csv"):
            return _csv_lines(text)
        return _json_lines(text)
    except (ValueError, RecursionError, IndexError):
        return {}, {}


def _csv_lines(text: str):
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    by_index: dict[tuple[str, int], int] = {}
    by_id: dict[tuple[str, str], list[int]] = {}
    if header is None:
        return by_index, by_id
    id_col = [h.strip() for h in header].index("id") if "id" in [h.strip() for h in header] else None
    start = reader.line_num + 1
    index = 0
    for row in reader:
        if not row:
            start = reader.line_num + 1
            continue
        index += 1
        by_index[("events", index)] = start
        if id_col is not None and id_col < len(row) and row[id_col].strip():
            by_id.setdefault(("events", row[id_col].strip()), []).append(start)
        start = reader.line_num + 1
    return by_index, by_id


def _json_lines(text: str):
    decoder = json.JSONDecoder()
    by_index: dict[tuple[str, int], int] = {}
    by_id: dict[tuple[str, str], list[int]] = {}
    pos = _WS.match(text, 0).end()
    if text[pos:pos + 1] == "[":
        sections = {"events": pos}
    elif text[pos:pos + 1] == "{":
        sections = {}
        pos = _WS.match(text, pos + 1).end()
        while text[pos:pos + 1] == '"':
            key, pos = decoder.raw_decode(text, pos)
            pos = _WS.match(text, pos).end() + 1  # the colon
            pos = _WS.match(text, pos).end()
            if key in ("events", "missions", "agencies") and text[pos:pos + 1] == "[":
                sections[key] = pos
            _, pos = decoder.raw_decode(text, pos)
            pos = _WS.match(text, pos).end()
            if text[pos:pos + 1] == ",":
                pos = _WS.match(text, pos + 1).end()
    else:
        return by_index, by_id
    for section, start in sections.items():
        pos = _WS.match(text, start + 1).end()
        index = 0
        counted, line = 0, 1
        while pos < len(text) and text[pos] != "]":
            index += 1
            line += text.count("\n", counted, pos)
            counted = pos
            value, pos = decoder.raw_decode(text, pos)
            by_index[(section, index)] = line
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                by_id.setdefault((section, value["id"]), []).append(line)
            pos = _WS.match(text, pos).end()
            if text[pos:pos + 1] == ",":
                pos = _WS.match(text, pos + 1).end()
    return by_index, by_id


def line_of(record: str | None, lines: tuple[dict, dict]) -> int | None:
    """The line of a problem's record label (`event 3 'x'`, `event 'x'`, `agency 2`), if known.
    For a record named by id alone (a duplicate), the last record with that id."""
    if not record:
        return None
    found = _RECORD.match(record)
    if found is None:
        return None
    by_index, by_id = lines
    if found.group(1):
        return by_index.get((_SECTIONS[found.group(1)], int(found.group(2))))
    places = by_id.get((_SECTIONS[found.group(3)], found.group(4)))
    return places[-1] if places else None
