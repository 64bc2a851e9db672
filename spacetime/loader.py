"""Read, validate and merge datasets: the bundled one and any files a user adds.

Every problem is located by file, record and field, and validation collects all of them in one
pass so a user can fix a file in one go."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .chars import CONTROL, FORMAT
from .dates import PartialDate
from .errors import DatasetError
from .model import AGENCY_TYPES, KINDS, OUTCOMES, Agency, DatasetInfo, Event, Source
from .paths import bundled_dir, bundled_files

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = re.compile(f"https?://[^\\s{CONTROL}{FORMAT}]+")  # no invisible or control character
COSPAR = re.compile(r"\d{4}-\d{3}[A-Z]{0,3}")
# Every form of launch tag GCAT uses: `1957 ALP`, `1961 A ALP` (Greek letters, to 1962), `1963-001`,
# `1958-F01` (failures), `1969-U01` (unclear cases).
LAUNCH_TAG = re.compile(r"\d{4}(?: (?:[A-Z] )?[A-Z]{2,3}|-\d{3}|-[FU]\d{2,3})")
COUNTRY = re.compile(r"[A-Z]{2}")
LIST_FIELDS = ("agencies", "aliases", "crew", "tags", "sources")
EVENT_FIELDS = frozenset((
    "id", "title", "date", "kind", "agencies", "aliases", "mission", "crewed", "crew", "vehicle",
    "site", "cospar", "launch", "outcome", "summary", "tags", "sources",
))
MISSION_FIELDS = frozenset(("id", "title", "aliases", "summary"))
AGENCY_FIELDS = frozenset((
    "id", "abbreviation", "name", "aliases", "country", "type", "founded", "dissolved", "predecessors",
    "successors", "sources",
))
# Sanity limits: longer text is a broken file, not an event (and would flood a terminal).
MAX_LENGTH = {"id": 200, "title": 300, "summary": 4000}
MAX_TEXT = 1000  # any other text field


class RawMission(NamedTuple):
    id: str
    title: str
    aliases: tuple[str, ...]
    summary: str
    file: str


class Parsed:
    """What one file contributed, before merging. `label(i)` locates event i for later
    cross-reference errors: `event 3 'apollo-11-launch'`, as the file numbers its records.

    A file read by the fast path (bulk.py) arrives with its events checked but not built, in
    `pending`: build() in timeline.py builds the ones it needs and records which they were in
    `indices`, so labels keep the file's numbering."""

    __slots__ = ("agencies", "events", "file", "indices", "info", "labels", "missions", "numbered", "pending",
                 "problems", "strict")

    def __init__(self, file: str, strict: bool = True, info: DatasetInfo | None = None):
        self.file, self.strict, self.info = file, strict, info
        self.agencies: list[Agency] = []
        self.missions: list[RawMission] = []
        self.events: list[Event] = []
        # One label per event, or None: then label(i) makes it from the event's place and id.
        self.labels: list[str] | None = []
        self.numbered = True
        self.indices: list[int] | None = None
        self.pending: Any = None
        self.problems: list[DatasetError] = []

    @property
    def count(self) -> int:
        """Events in the file (built or not)."""
        return len(self.pending) if self.pending is not None else len(self.events)

    def add_event(self, event: Event, label: str) -> None:
        self.events.append(event)
        self.labels.append(label)

    def label(self, index: int) -> str:
        if self.labels is not None:
            return self.labels[index]
        if not self.numbered:
            return f"event '{_clip(self.events[index].id)}'"
        place = self.indices[index] if self.indices is not None else index
        if self.pending is not None and place in self.pending.unnamed:
            return f"event {place + 1}"
        return f"event {place + 1} '{_clip(self.events[index].id)}'"


# -- reading files ------------------------------------------------------------------------------
def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Event files named directly, and every regular .json/.csv file inside a named directory. A
    file named twice (also through its folder) is read once. GCAT's `.tsv` files feed the launch
    record instead (launches.load_record), so they are passed over here."""
    from .files import describe, is_regular

    out: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def add(path: Path) -> None:
        try:
            info = path.stat()
            key = (info.st_dev, info.st_ino)
        except (OSError, ValueError):
            out.append(path)  # reading it will say what is wrong
            return
        if key not in seen:
            seen.add(key)
            out.append(path)

    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:  # a folder on the way that may not be entered
            raise DatasetError(str(path), "permission denied" if isinstance(exc, PermissionError)
                               else f"cannot read: {exc.strerror or exc}") from None
        if is_dir:
            try:
                listed = list(path.iterdir())
            except OSError as exc:
                raise DatasetError(str(path), f"cannot list the directory: {exc.strerror or exc}") from None
            entries = sorted(p for p in listed if p.suffix.lower() in (".json", ".csv"))
            found = [p for p in entries if is_regular(p)]
            if not found and any(p.suffix.lower() == ".tsv" and is_regular(p) for p in listed):
                continue  # a folder of GCAT files only: the launch record reads them
            if not found:
                if entries:
                    try:
                        what = describe(entries[0].stat().st_mode)
                    except (OSError, ValueError):
                        what = "unreadable"
                    raise DatasetError(str(path), f"directory has no regular .json or .csv files to read "
                                                  f"({_clip(entries[0].name)} is {what})")
                raise DatasetError(str(path), "directory has no .json, .csv or .tsv files to read")
            for found_path in found:
                add(found_path)
        elif not exists:
            raise DatasetError(str(path), "no such file or directory")
        elif path.suffix.lower() != ".tsv":  # GCAT's files feed the launch record, not the timeline
            add(path)
    return out


def read_text(path: Path, label: str) -> str:
    return decode_text(read_bytes(path, label), label)


def read_bytes(path: Path, label: str) -> bytes:
    """The file's bytes: only a regular file, and only up to the size limit (files.py)."""
    from . import files

    try:
        data = files.read_regular(path)
    except files.NotRegularFile as exc:
        raise DatasetError(label, str(exc)) from None
    except files.TooLarge as exc:
        limit = files.max_bytes()
        raise DatasetError(label, f"file is too large ({files.size_text(exc.args[0])}; the limit is "
                                  f"{files.size_text(limit)}, set {files.LIMIT_VARIABLE} to raise it)") from None
    except FileNotFoundError:
        raise DatasetError(label, "no such file or directory") from None
    except PermissionError:
        raise DatasetError(label, "permission denied") from None
    except (OSError, ValueError) as exc:
        raise DatasetError(label, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if not data.strip():
        raise DatasetError(label, "file is empty")
    return data


def decode_text(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig").lstrip("\ufeff")  # byte-order marks, even repeated, are fine
    except UnicodeDecodeError as exc:
        raise DatasetError(label, f"not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON objects whose keys repeat are ambiguous (which value wins?): refuse them."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key '{_clip(key)}' in an object")
            seen.add(key)
    return result


def _number(text: str) -> int:
    """JSON integers, up to a sane length: Python refuses very long ones with advice about
    sys.set_int_max_str_digits, which means nothing to a user."""
    if len(text) > 100:
        raise ValueError(f"a number has {len(text)} digits (at most 100)")
    return int(text)


def decode_json(text: str, label: str) -> Any:
    import json

    try:
        return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_unique_keys, parse_int=_number)
    except json.JSONDecodeError as exc:
        raise DatasetError(label, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except ValueError as exc:
        raise DatasetError(label, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise DatasetError(label, "invalid JSON: nested too deeply") from None


def decode_csv(text: str, label: str, problems: list[DatasetError] | None = None) -> dict[str, Any]:
    """One event per row; list columns separated by ';'; a source is `title|url` or a bare URL.

    Problems of the file's shape (a repeated header, a row with more values than the header
    has columns, a quote never closed) are located by line; with `problems` they are collected
    there (validation reports them all), else the first is raised."""
    import csv
    import io

    def problem(line: int, reason: str) -> None:
        error = DatasetError(label, reason, f"line {line}")
        if problems is None:
            raise error
        problems.append(error)

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        first = next(reader, None)
    except csv.Error as exc:
        raise DatasetError(label, f"invalid CSV: {_csv_reason(exc)}", f"line {reader.line_num or 1}") from None
    if not first or not any(name.strip() for name in first):
        raise DatasetError(label, "CSV has no header row")
    header = [name.strip() for name in first]
    missing = [col for col in ("title", "date") if col not in header]
    if missing:
        raise DatasetError(label, f"CSV header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    repeated = list(dict.fromkeys(name for name in header if name and header.count(name) > 1))
    if repeated:  # which of the two would count? Neither: say so
        problem(1, f"the header names the column{'s' if len(repeated) > 1 else ''} "
                   f"{', '.join(_clip(n) for n in repeated)} more than once")
        return {"events": []}
    width = len(header)
    events: list[dict[str, Any]] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problem(line, f"invalid CSV: {_csv_reason(exc)}")
            break
        if not row:  # a blank line
            continue
        if len(row) > width and any(value.strip() for value in row[width:]):
            problem(line, f"{len(row)} values, but the header names {width} column{'s' if width != 1 else ''}")
        record: dict[str, Any] = {}
        for key, value in zip(header, row, strict=False):
            if not key:
                continue
            value = value.strip()
            if value == "":
                continue
            if value[0] == "'" and _NEUTRALISED.match(value):  # written so by a CSV export: see render/plain.py
                value = value[1:]
            if key in LIST_FIELDS:
                items = [part.strip() for part in value.split(";") if part.strip()]
                if key == "sources":
                    record[key] = [_csv_source(item) for item in items]
                else:
                    record[key] = items
            elif key == "crewed":
                record[key] = _csv_bool(value)
            else:
                record[key] = value
        events.append(record)
    return {"events": events}


_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def _csv_reason(exc: Exception) -> str:
    text = str(exc)
    if "end of data" in text:
        return "a quoted value is never closed"
    if "expected after" in text:
        return "text follows a closing quote (write a quote inside a quoted value as two)"
    return text


def _csv_bool(value: str) -> Any:
    lowered = value.lower()
    if lowered in ("true", "yes", "y", "1"):
        return True
    if lowered in ("false", "no", "n", "0"):
        return False
    return value  # reported as a type problem by the validator


def _csv_source(item: str) -> Any:
    if "|" in item:
        title, _, url = item.rpartition("|")
        return {"title": title.strip(), "url": url.strip()}
    return item


# -- validating records ---------------------------------------------------------------------------
class _Checker:
    """Field checks that record problems instead of stopping at the first one."""

    def __init__(self, parsed: Parsed, record: str):
        self.parsed, self.record, self.ok = parsed, record, True

    def fail(self, field_name: str | None, reason: str) -> None:
        self.ok = False
        self.parsed.problems.append(DatasetError(self.parsed.file, reason, self.record, field_name))

    def text(self, raw: dict, name: str, required: bool = False, pattern: re.Pattern | None = None) -> str | None:
        value = raw.get(name)
        if value is None:
            if required:
                self.fail(name, "is required")
            return None
        if not isinstance(value, str):
            self.fail(name, f"expected text, got {_typename(value)}")
            return None
        value = value.strip()
        if not value:
            if required:
                self.fail(name, "is empty")
            return None
        limit = MAX_LENGTH.get(name, MAX_TEXT)
        if len(value) > limit:
            self.fail(name, f"is {len(value)} characters long (at most {limit})")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(name, f"'{_clip(value)}' is not in the expected form")
            return None
        return value

    def strings(self, raw: dict, name: str) -> tuple[str, ...]:
        value = raw.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(name, f"expected a list of text, got {_typename(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.fail(name, f"item {i + 1}: expected text, got {_typename(item)}")
            elif len(item) > MAX_TEXT:
                self.fail(name, f"item {i + 1}: is {len(item)} characters long (at most {MAX_TEXT})")
            elif item.strip():
                out.append(item.strip())
        return tuple(out)

    def date(self, raw: dict, name: str, required: bool) -> PartialDate | None:
        value = raw.get(name)
        if value is None:
            if required:
                self.fail(name, "is required")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail(name, f"expected a date string, got {_typename(value)}")
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            self.fail(name, str(exc))
            return None

    def sources(self, raw: dict, strict: bool) -> tuple[Source, ...]:
        value = raw.get("sources")
        if value is None:
            if strict:
                self.fail("sources", "at least one source is required")
            return ()
        if not isinstance(value, list):
            self.fail("sources", f"expected a list, got {_typename(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                title, url = item, item
            elif isinstance(item, dict):
                title, url = item.get("title"), item.get("url")
            else:
                self.fail("sources", f"item {i + 1}: expected a URL or {{title, url}}, got {_typename(item)}")
                continue
            if not isinstance(url, str) or len(url) > MAX_TEXT or not URL.fullmatch(url.strip()):
                self.fail("sources", f"item {i + 1}: '{_clip(str(url))}' is not an http(s) URL")
                continue
            if not isinstance(title, str) or not title.strip() or len(title) > MAX_TEXT:
                self.fail("sources", f"item {i + 1}: a source needs a title of at most {MAX_TEXT} characters")
                continue
            out.append(Source(title.strip(), url.strip()))
        if strict and not out and not value:
            self.fail("sources", "at least one source is required")
        return tuple(out)

    def unknown(self, raw: dict, allowed: frozenset[str]) -> None:
        for key in raw:
            if key not in allowed:
                self.fail(str(key), "unknown field")


def _typename(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _clip(text: str, width: int = 40) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= width else text[: width - 1] + "…"


def slugify(text: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out or "event"


def parse_document(doc: Any, label: str, strict: bool, origin: str, pending: Any = None) -> Parsed:
    """Turn one decoded file into typed records plus a list of problems. `pending` holds the
    events the fast path (bulk.py) has already checked."""
    parsed = Parsed(label, strict)
    if pending is not None:
        parsed.pending, parsed.labels = pending, None
    if isinstance(doc, list):
        doc = {"events": doc}
    if not isinstance(doc, dict):
        parsed.problems.append(DatasetError(label, f"expected an object with 'events' (or a list of events), got {_typename(doc)}"))
        return parsed
    unknown = [k for k in doc if k not in ("dataset", "agencies", "missions", "events", "$schema")]
    if unknown:
        parsed.problems.append(DatasetError(label, f"unknown top-level key '{_clip(str(unknown[0]))}' (expected dataset, agencies, missions, events)"))
    if "dataset" in doc:
        _parse_info(doc["dataset"], parsed)
    for section, parse_one in (("agencies", _parse_agency), ("missions", _parse_mission), ("events", _parse_event)):
        if section == "events" and pending is not None:
            continue
        items = doc.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            parsed.problems.append(DatasetError(label, f"expected a list, got {_typename(items)}", None, section))
            continue
        noun = section[:-1] if section != "agencies" else "agency"
        for index, raw in enumerate(items, 1):
            parse_one(parsed, raw, f"{noun} {index}", strict, origin)
    _check_duplicates(parsed)
    return parsed


def _record_label(base: str, raw: dict) -> str:
    ident = raw.get("id")
    return f"{base} '{_clip(ident)}'" if isinstance(ident, str) and ident else base


def _parse_info(raw: Any, parsed: Parsed) -> None:
    check = _Checker(parsed, "dataset")
    if not isinstance(raw, dict):
        check.fail(None, f"expected an object, got {_typename(raw)}")
        return
    name = check.text(raw, "name") or "dataset"
    version = check.text(raw, "version", required=True) or ""
    as_of = check.date(raw, "as_of", required=False)
    description = check.text(raw, "description") or ""
    if check.ok:
        parsed.info = DatasetInfo(name, version, as_of, description)


def _parse_agency(parsed: Parsed, raw: Any, base: str, strict: bool, origin: str) -> None:
    if not isinstance(raw, dict):
        parsed.problems.append(DatasetError(parsed.file, f"expected an object, got {_typename(raw)}", base))
        return
    check = _Checker(parsed, _record_label(base, raw))
    if strict:
        check.unknown(raw, AGENCY_FIELDS)
    ident = check.text(raw, "id", required=True, pattern=SLUG)
    name = check.text(raw, "name", required=True)
    abbreviation = check.text(raw, "abbreviation") or name
    country = check.text(raw, "country", required=strict, pattern=COUNTRY) or ""
    kind = check.text(raw, "type") or "government"
    if kind not in AGENCY_TYPES:
        check.fail("type", f"'{_clip(kind)}' is not one of {', '.join(AGENCY_TYPES)}")
    founded = check.date(raw, "founded", required=False)
    dissolved = check.date(raw, "dissolved", required=False)
    if founded and dissolved and dissolved.first_day() < founded.first_day():
        check.fail("dissolved", f"{dissolved.iso()} is before the founding date {founded.iso()}")
    agency = Agency(
        id=ident or "", abbreviation=abbreviation or "", name=name or "",
        aliases=check.strings(raw, "aliases"), country=country, type=kind, founded=founded, dissolved=dissolved,
        predecessors=check.strings(raw, "predecessors"), successors=check.strings(raw, "successors"),
        sources=check.sources(raw, strict=False), origin=origin,
    )
    if check.ok:
        parsed.agencies.append(agency)


def _parse_mission(parsed: Parsed, raw: Any, base: str, strict: bool, origin: str) -> None:
    if not isinstance(raw, dict):
        parsed.problems.append(DatasetError(parsed.file, f"expected an object, got {_typename(raw)}", base))
        return
    check = _Checker(parsed, _record_label(base, raw))
    if strict:
        check.unknown(raw, MISSION_FIELDS)
    ident = check.text(raw, "id", required=True, pattern=SLUG)
    title = check.text(raw, "title", required=True)
    mission = RawMission(ident or "", title or "", check.strings(raw, "aliases"), check.text(raw, "summary") or "", parsed.file)
    if check.ok:
        parsed.missions.append(mission)


def _str_tuple(value: Any) -> tuple[str, ...] | None:
    """A list of non-empty, trimmed strings as a tuple, or None if it needs the careful path."""
    if value is None:
        return ()
    if type(value) is not list:
        return None
    for item in value:
        if type(item) is not str or not item or item != item.strip() or len(item) > MAX_TEXT:
            return None
    return tuple(value)


def _fast_event(raw: dict, strict: bool, origin: str) -> Event | None:
    """Build a well-formed event record in one pass; None sends it to the careful path, which
    reports precisely what is wrong. Both accept exactly the same records."""
    get = raw.get
    title, text, ident, kind = get("title"), get("date"), get("id"), get("kind", "event" if not strict else None)
    if type(title) is not str or not title or title != title.strip() or type(text) is not str:
        return None
    if type(ident) is not str or not SLUG.fullmatch(ident) or kind not in KINDS:
        return None
    if len(title) > MAX_LENGTH["title"] or len(ident) > MAX_LENGTH["id"]:
        return None
    if strict and not EVENT_FIELDS.issuperset(raw):
        return None
    agencies, aliases, crew, tags = _str_tuple(get("agencies")), _str_tuple(get("aliases")), _str_tuple(get("crew")), _str_tuple(get("tags"))
    if agencies is None or aliases is None or crew is None or tags is None or (strict and not agencies):
        return None
    mission, vehicle, site, cospar, outcome = get("mission"), get("vehicle"), get("site"), get("cospar"), get("outcome")
    launch = get("launch")
    summary = get("summary", "")
    for value in (mission, vehicle, site, cospar, launch, outcome):
        if value is not None and (type(value) is not str or not value or value != value.strip() or len(value) > MAX_TEXT):
            return None
    if type(summary) is not str or summary != summary.strip() or (strict and not summary) or len(summary) > MAX_LENGTH["summary"]:
        return None
    if (mission is not None and strict and not SLUG.fullmatch(mission)) or (outcome is not None and outcome not in OUTCOMES):
        return None
    if (cospar is not None and not COSPAR.fullmatch(cospar)) or (launch is not None and not LAUNCH_TAG.fullmatch(launch)):
        return None
    crewed = get("crewed", False)
    if type(crewed) is not bool:
        return None
    sources = []
    for item in get("sources") or ():
        if type(item) is not dict or len(item) != 2:
            return None
        s_title, url = item.get("title"), item.get("url")
        if (type(s_title) is not str or not s_title or s_title != s_title.strip() or len(s_title) > MAX_TEXT
                or type(url) is not str or len(url) > MAX_TEXT or not URL.fullmatch(url)):
            return None
        sources.append(Source(s_title, url))
    if strict and not sources:
        return None
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return None
    if tags and any(t != t.lower() for t in tags):
        tags = tuple(t.lower() for t in tags)
    return Event(ident, title, date, kind, agencies, aliases, mission, crewed, crew, vehicle, site, cospar, launch,
                 outcome, summary, tags, tuple(sources), origin)


def _parse_event(parsed: Parsed, raw: Any, base: str, strict: bool, origin: str) -> None:
    if type(raw) is dict:
        event = _fast_event(raw, strict, origin)
        if event is not None:
            parsed.add_event(event, f"{base} '{_clip(event.id)}'")
            return
    _careful_event(parsed, raw, base, strict, origin)


def _careful_event(parsed: Parsed, raw: Any, base: str, strict: bool, origin: str) -> None:
    """Field by field, recording every problem with its location."""
    if not isinstance(raw, dict):
        parsed.problems.append(DatasetError(parsed.file, f"expected an object, got {_typename(raw)}", base))
        return
    label = _record_label(base, raw)
    check = _Checker(parsed, label)
    if strict:
        check.unknown(raw, EVENT_FIELDS)
    title = check.text(raw, "title", required=True)
    date = check.date(raw, "date", required=True)
    ident = check.text(raw, "id", required=strict, pattern=SLUG)
    if ident is None and "id" not in raw and title and date:
        ident = f"{slugify(title)}-{date.iso()[:10].replace('-', '')}"
    kind = check.text(raw, "kind", required=strict) or "event"
    if kind not in KINDS:
        check.fail("kind", f"'{_clip(kind)}' is not one of {', '.join(KINDS)}")
    outcome = check.text(raw, "outcome")
    if outcome is not None and outcome not in OUTCOMES:
        check.fail("outcome", f"'{_clip(outcome)}' is not one of {', '.join(OUTCOMES)}")
    crewed = raw.get("crewed", False)
    if crewed is None:
        crewed = False
    if not isinstance(crewed, bool):
        check.fail("crewed", f"expected true or false, got {_typename(crewed)}")
        crewed = False
    agencies = check.strings(raw, "agencies")
    if strict and not agencies:
        check.fail("agencies", "at least one agency is required")
    summary = check.text(raw, "summary", required=strict) or ""
    event = Event(
        id=ident or "", title=title or "", date=date or PartialDate(1),
        kind=kind, agencies=agencies, aliases=check.strings(raw, "aliases"),
        mission=check.text(raw, "mission", pattern=SLUG if strict else None), crewed=crewed,
        crew=check.strings(raw, "crew"), vehicle=check.text(raw, "vehicle"), site=check.text(raw, "site"),
        cospar=check.text(raw, "cospar", pattern=COSPAR), launch=check.text(raw, "launch", pattern=LAUNCH_TAG),
        outcome=outcome, summary=summary,
        tags=tuple(t.lower() for t in check.strings(raw, "tags")), sources=check.sources(raw, strict), origin=origin,
    )
    if check.ok:
        parsed.add_event(event, label)


def _check_duplicates(parsed: Parsed) -> None:
    for noun, items in (("event", parsed.events), ("mission", parsed.missions), ("agency", parsed.agencies)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                parsed.problems.append(DatasetError(parsed.file, f"duplicate {noun} id '{item.id}' in this file", f"{noun} '{item.id}'", "id"))
            seen.add(item.id)


# User JSON files at least this large are first offered to the fast path (bulk.py); smaller
# ones are parsed in less time than it takes to import msgspec.
FAST_PATH_BYTES = 256 * 1024


def parse_path(path: Path, label: str, strict: bool, origin: str) -> Parsed:
    if not strict and path.suffix.lower() != ".csv":
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if FAST_PATH_BYTES <= size:
            from . import bulk

            pending = bulk.read(path, origin)
            if pending is not None:
                sections = {k: v for k, v in (("dataset", pending.dataset), ("agencies", pending.agencies),
                                              ("missions", pending.missions)) if v is not None}
                return parse_document(sections, label, strict, origin, pending=pending)
    text = read_text(path, label)
    if path.suffix.lower() == ".csv":
        shape: list[DatasetError] = []
        parsed = parse_document(decode_csv(text, label, shape), label, strict, origin)
        parsed.problems[:0] = shape
        return parsed
    return parse_document(decode_json(text, label), label, strict, origin)


def iter_sources(paths: Iterable[str | os.PathLike[str]], bundled: bool,
                 data_dir: Path | None = None) -> Iterator[tuple[Path, str, bool]]:
    """(path, label, is_bundled) for every file to load, bundled first."""
    if bundled:
        base = bundled_dir() if data_dir is None else data_dir
        for path in bundled_files(base):
            yield path, f"data/{path.relative_to(base).as_posix()}", True
    for path in expand_paths(paths):
        yield path, str(path), False
