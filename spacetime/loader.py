"""Read, validate and merge datasets: the bundled one and any files a user adds.

Every problem is located by file, record and field, and validation collects all of them in one
pass so a user can fix a file in one go."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from .dates import PartialDate
from .errors import DatasetError
from .model import Agency, DatasetInfo, Event, Source, record_type
from .paths import bundled_dir, bundled_files
from .schema import (
    AGENCY, BOOL, CHOICE, COSPAR, COUNTRY, DATASET, DATE, EVENT, LAUNCH_TAG, MISSION, SLUG, SOURCE, SOURCES,
    TEXT, TEXTS, URL, Field, Record, event_id, slugify,
)

__all__ = ["COSPAR", "COUNTRY", "LAUNCH_TAG", "SLUG", "URL", "slugify"]  # the forms, for code that checks them too


class RawMission(record_type(MISSION, ("file", ""))):  # type: ignore[misc]
    """A mission as a file declares it (its events are gathered later), and the file's label."""

    __slots__ = ()


class Parsed:
    """What one file contributed, before merging. `label(i)` locates event i for later
    cross-reference errors: `event 3 'apollo-11-launch'`, as the file numbers its records.

    A file read by the fast path (bulk.py) arrives with its events checked but not built, in
    `pending`: build() in assemble.py builds the ones it needs and records which they were in
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
    record instead (record.load_record), so they are passed over here."""
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
        kinds = {f.name: f.kind for f in EVENT.fields}
        for key, value in zip(header, row, strict=False):
            if not key:
                continue
            value = value.strip()
            if value == "":
                continue
            if value[0] == "'" and _NEUTRALISED.match(value):  # written so by a CSV export: see render/plain.py
                value = value[1:]
            kind = kinds.get(key)
            if kind in (TEXTS, SOURCES):
                items = [part.strip() for part in value.split(";") if part.strip()]
                record[key] = [_csv_source(item) for item in items] if kind == SOURCES else items
            elif kind == BOOL:
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
    """Checks a record's fields against their definitions (schema.py), recording every problem
    instead of stopping at the first one."""

    def __init__(self, parsed: Parsed, record: str, strict: bool):
        self.parsed, self.record, self.strict, self.ok = parsed, record, strict, True

    def fail(self, field_name: str | None, reason: str) -> None:
        self.ok = False
        self.parsed.problems.append(DatasetError(self.parsed.file, reason, self.record, field_name))

    def values(self, record: Record, raw: dict) -> dict[str, Any]:
        """Every field of `record` from `raw`, checked; a field that is absent or wrong gets its
        default (the problem is recorded)."""
        if self.strict:
            for key in raw:
                if key not in record.names:
                    self.fail(str(key), "unknown field")
        out = {}
        for f in record.fields:
            value = self._KINDS[f.kind](self, raw, f)
            out[f.name] = f.default if value is None else value
        return out

    def _present(self, raw: dict, f: Field) -> Any:
        value = raw.get(f.name)
        if value is None and f.required_in(self.strict):
            self.fail(f.name, "is required")
        return value

    def text(self, raw: dict, f: Field) -> str | None:
        value = self._present(raw, f)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(f.name, f"expected text, got {_typename(value)}")
            return None
        value = value.strip()
        if not value:
            if f.required_in(self.strict):
                self.fail(f.name, "is empty")
            return None
        if len(value) > f.max_length:
            self.fail(f.name, f"is {len(value)} characters long (at most {f.max_length})")
            return None
        pattern = f.pattern_in(self.strict)
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(f.name, f"'{_clip(value)}' is not in the expected form")
            return None
        return value

    def choice(self, raw: dict, f: Field) -> str | None:
        value = self.text(raw, f)
        if value is not None and value not in f.choices:
            self.fail(f.name, f"'{_clip(value)}' is not one of {', '.join(f.choices)}")
            return None
        return value

    def boolean(self, raw: dict, f: Field) -> bool | None:
        value = self._present(raw, f)
        if value is not None and not isinstance(value, bool):
            self.fail(f.name, f"expected true or false, got {_typename(value)}")
            return None
        return value

    def strings(self, raw: dict, f: Field) -> tuple[str, ...]:
        value = raw.get(f.name)
        if isinstance(value, str) and not self.strict:
            value = [value]  # a user's one alias, say
        if value is not None and not isinstance(value, list):
            self.fail(f.name, f"expected a list of text, got {_typename(value)}")
            return ()
        pattern = f.pattern_in(self.strict)
        out = []
        for i, item in enumerate(value or ()):
            if not isinstance(item, str):
                self.fail(f.name, f"item {i + 1}: expected text, got {_typename(item)}")
            elif len(item) > f.max_length:
                self.fail(f.name, f"item {i + 1}: is {len(item)} characters long (at most {f.max_length})")
            elif item.strip():
                item = item.strip()
                if pattern is not None and not pattern.fullmatch(item):
                    self.fail(f.name, f"item {i + 1}: '{_clip(item)}' is not in the expected form")
                else:
                    out.append(item.lower() if f.lower else item)
        if not value and f.required_in(self.strict):
            self.fail(f.name, f"at least one {_singular(f.name)} is required")
        return tuple(out)

    def date(self, raw: dict, f: Field) -> PartialDate | None:
        value = self._present(raw, f)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and not self.strict:
            value = str(value)  # a user's bare year; the bundled files (and the JSON Schema) write text
        if not isinstance(value, str):
            self.fail(f.name, f"expected a date string, got {_typename(value)}")
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            self.fail(f.name, str(exc))
            return None

    def sources(self, raw: dict, f: Field) -> tuple[Source, ...]:
        value = raw.get(f.name)
        if not value:  # (absent, null or an empty list)
            if f.required_in(self.strict):
                self.fail(f.name, "at least one source is required")
            return ()
        if not isinstance(value, list):
            self.fail(f.name, f"expected a list, got {_typename(value)}")
            return ()
        title_field, url_field = SOURCE.fields
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and not self.strict:  # a bare URL names itself
                title, url = item, item
            elif isinstance(item, dict):
                title, url = item.get("title"), item.get("url")
            else:
                wanted = "{title, url}" if self.strict else "a URL or {title, url}"
                self.fail(f.name, f"item {i + 1}: expected {wanted}, got {_typename(item)}")
                continue
            if not isinstance(url, str) or len(url) > url_field.max_length or not URL.fullmatch(url.strip()):
                self.fail(f.name, f"item {i + 1}: '{_clip(str(url))}' is not an http(s) URL")
                continue
            if not isinstance(title, str) or not title.strip() or len(title) > title_field.max_length:
                self.fail(f.name, f"item {i + 1}: a source needs a title of at most {title_field.max_length} characters")
                continue
            out.append(Source(title.strip(), url.strip()))
        return tuple(out)

    _KINDS: ClassVar[dict[str, Any]] = {TEXT: text, CHOICE: choice, BOOL: boolean, TEXTS: strings, DATE: date, SOURCES: sources}


def _singular(name: str) -> str:
    return name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")


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


def parse_document(doc: Any, label: str, strict: bool, origin: str, pending: Any = None) -> Parsed:
    """Turn one decoded file into typed records plus a list of problems. `pending` holds the
    events the fast path (bulk.py) has already checked."""
    parsed = Parsed(label, strict)
    if pending is not None:
        parsed.pending, parsed.labels = pending, None
    if isinstance(doc, list):
        doc = {EVENT.section: doc}
    if not isinstance(doc, dict):
        parsed.problems.append(DatasetError(label, f"expected an object with 'events' (or a list of events), got {_typename(doc)}"))
        return parsed
    keys = (DATASET.section, *(r.section for r in _PARSERS), "$schema")
    unknown = [k for k in doc if k not in keys]
    if unknown:
        parsed.problems.append(DatasetError(label, f"unknown top-level key '{_clip(str(unknown[0]))}' "
                                                   f"(expected {', '.join(keys[:-1])})"))
    if DATASET.section in doc:
        _parse_info(doc[DATASET.section], parsed)
    for record, parse_one in _PARSERS.items():
        if record is EVENT and pending is not None:
            continue
        items = doc.get(record.section)
        if items is None:
            continue
        if not isinstance(items, list):
            parsed.problems.append(DatasetError(label, f"expected a list, got {_typename(items)}", None, record.section))
            continue
        for index, raw in enumerate(items, 1):
            parse_one(parsed, raw, f"{record.name} {index}", strict, origin)
    _check_duplicates(parsed)
    return parsed


def _record_label(base: str, raw: dict) -> str:
    ident = raw.get("id")
    return f"{base} '{_clip(ident)}'" if isinstance(ident, str) and ident else base


def _checked(parsed: Parsed, record: Record, raw: Any, base: str, strict: bool) -> tuple[_Checker, dict] | None:
    """The checker and the checked fields of one record, or None if it is not even an object."""
    if not isinstance(raw, dict):
        parsed.problems.append(DatasetError(parsed.file, f"expected an object, got {_typename(raw)}", base))
        return None
    check = _Checker(parsed, _record_label(base, raw), strict)
    return check, check.values(record, raw)


def _parse_info(raw: Any, parsed: Parsed) -> None:
    found = _checked(parsed, DATASET, raw, DATASET.name, False)
    if found is not None and found[0].ok:
        parsed.info = DatasetInfo(**found[1])


def _parse_agency(parsed: Parsed, raw: Any, base: str, strict: bool, origin: str) -> None:
    found = _checked(parsed, AGENCY, raw, base, strict)
    if found is None:
        return
    check, values = found
    founded, dissolved = values["founded"], values["dissolved"]
    if founded and dissolved and dissolved.first_day() < founded.first_day():
        check.fail("dissolved", f"{dissolved.iso()} is before the founding date {founded.iso()}")
    if check.ok:
        values["abbreviation"] = values["abbreviation"] or values["name"]
        parsed.agencies.append(Agency(**values, origin=origin))


def _parse_mission(parsed: Parsed, raw: Any, base: str, strict: bool, origin: str) -> None:
    found = _checked(parsed, MISSION, raw, base, strict)
    if found is not None and found[0].ok:
        parsed.missions.append(RawMission(**found[1], file=parsed.file))


def _parse_event(parsed: Parsed, raw: Any, base: str, strict: bool, origin: str) -> None:
    found = _checked(parsed, EVENT, raw, base, strict)
    if found is None:
        return
    check, values = found
    if values["id"] is None and values["title"] and values["date"]:  # left out, null or blank (a wrong id is a problem)
        values["id"] = event_id(values["title"], values["date"].iso())
    if check.ok:
        parsed.add_event(Event(**values, origin=origin), check.record)


_PARSERS = {AGENCY: _parse_agency, MISSION: _parse_mission, EVENT: _parse_event}


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


def parse_path(path: Path, label: str, strict: bool, origin: str, by_month: bool = False) -> Parsed:
    """One file, parsed (`by_month`: see bulk.read)."""
    if not strict and path.suffix.lower() != ".csv":
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if FAST_PATH_BYTES <= size:
            from . import bulk

            pending = bulk.read(path, origin, by_month)
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
