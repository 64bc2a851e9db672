"""The fast path for large, well-formed JSON event files.

msgspec decodes a file straight into typed structs in C, checking JSON syntax, types, lengths and
the kinds and outcomes as it goes. It first only finds the events in the file, then decodes them
500 at a time; what it cannot check is checked here a column of a chunk at a time, and the chunk
is freed: blank titles, ids, dates, URLs and repeated keys. Any doubt returns None, and the
careful parser in loader.py reads the file instead and says exactly what is wrong.

A file that passes is a `Pending` part: every event has been checked, none has been built yet
(each is kept as its text in the file).
`build()` in assemble.py then builds the events it needs: all of them, or for a year or day query only
those of the years or days asked for (and any an error or another file refers to). For every file this
path accepts, the events are the ones the careful parser builds (tests/test_bulk.py checks that on
generated files).

Only user files take this path (not the bundled, strict ones), and only when they use the known
fields: a file with fields of its own is read by the careful parser, which ignores them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import chain, repeat
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

from .dates import PartialDate, is_leap
from .model import Event, Source
from .schema import (
    BOOL, CHOICE, DATE, EVENT, SLUG, SLUG_FORM, SOURCE, SOURCES, TEXT, TEXTS, URL, URL_FORM, Field, Record, event_id,
)


# The structs msgspec decodes events into, generated from their definitions (schema.py): lengths,
# kinds, outcomes and patterns are checked by msgspec as it decodes. Ids and URLs are checked here
# instead, all of a chunk at once (all_slugs, all_urls), which is quicker than a pattern each; so
# are the patterns strict files only apply. Every field may be absent: absent fields decode to None
# and JSON null is refused (the careful parser takes null as absent), so a field is present exactly
# when it is not None, which is how repeated keys are found below. Blank text is refused too (the
# careful parser takes it as absent, or as a problem): any doubt means the careful parser reads
# the file.
_BATCHED = (SLUG_FORM, URL_FORM)


def _text(max_length: int, pattern: Any = None) -> Any:
    checked = pattern is not None and pattern not in _BATCHED
    return Annotated[str, Meta(min_length=1, max_length=max_length,
                               **({"pattern": rf"\A{pattern}\Z"} if checked else {}))]


def _type(f: Field) -> Any:
    pattern = None if f.loose else f.pattern
    if f.kind == TEXT:
        return _text(f.max_length, pattern)
    if f.kind == TEXTS:
        return tuple[_text(f.max_length, pattern), ...]  # type: ignore[misc]
    if f.kind == CHOICE:
        return Literal[f.choices]  # type: ignore[valid-type]
    if f.kind == SOURCES:
        return tuple[_Source, ...]
    return {DATE: str, BOOL: bool}[f.kind]


def _struct(record: Record) -> Any:
    return msgspec.defstruct(f"_{record.name.title()}", [(f.name, _type(f), None) for f in record.fields],
                             forbid_unknown_fields=True, gc=False, omit_defaults=True)


_Source = _struct(SOURCE)
_Event = _struct(EVENT)
_FIELDS = len(_Event.__struct_fields__)
# Text the careful parser would trim: every field whose form msgspec does not check.
_TEXT_FIELDS = [f.name for f in EVENT.fields if f.kind == TEXT and (f.pattern is None or f.loose)]
_LIST_FIELDS = [f.name for f in EVENT.fields if f.kind == TEXTS]


class _Document(Struct, forbid_unknown_fields=True, gc=False, omit_defaults=True, rename={"schema": "$schema"}):
    """The file's top level. Its events are only found here, each as its text in the file. They
    are decoded a chunk at a time, so that the structs are still in the processor's cache while
    they are checked and then freed: a fifth less time than decoding them all at once, and half
    the memory."""

    schema: str = None  # type: ignore[assignment]
    dataset: Any = None
    agencies: Any = None
    missions: Any = None
    events: list[msgspec.Raw] = None  # type: ignore[assignment]


_CHUNK = 500  # events decoded at a time

# msgspec's decode_lines reads JSON values one after another, with or without a line break between
# them: objects are then grouped with none, one extend less for each (Pending.by_month). Asked once;
# the tests run both ways.
def _joined_lines() -> bool:
    try:
        return msgspec.json.Decoder(dict).decode_lines(b"{}{}") == [{}, {}]
    except msgspec.DecodeError:
        return False


JOINED_LINES = _joined_lines()
_encoder = msgspec.json.Encoder()

_decoders: dict[Any, Any] = {}


def _decoder(kind: Any):
    if kind not in _decoders:
        _decoders[kind] = msgspec.json.Decoder(kind)
    return _decoders[kind]


def _decode_events(raws: list[msgspec.Raw]) -> list[_Event] | None:
    try:
        return list(map(_decoder(_Event).decode, raws))
    except (msgspec.MsgspecError, UnicodeError, RecursionError, ValueError):
        return None


def _in_chunks(raws: list[msgspec.Raw]) -> Iterator[tuple[int, list[_Event] | None]]:
    """The events decoded _CHUNK at a time, each chunk with the index of its first event (None
    for a chunk that does not decode)."""
    for start in range(0, len(raws), _CHUNK):
        yield start, _decode_events(raws[start:start + _CHUNK])


class Pending:
    """A file the fast path accepted: its small sections as plain data for the careful parser,
    and its events checked but not yet built."""

    __slots__ = ("agencies", "chunk_agencies", "dataset", "dates", "days", "id_set", "ids", "irregular", "joined",
                 "mission_set", "missions", "months", "origin", "raws", "trimmed", "unnamed")

    def __init__(self, doc: _Document, raws: list[msgspec.Raw], checked: _Checked, origin: str):
        self.dataset, self.agencies, self.missions = doc.dataset, doc.agencies, doc.missions
        self.trimmed = checked.trimmed  # no text starts or ends with white space
        self.days = checked.days  # every date is a day (`YYYY-MM-DD`, UTC)
        self.months = checked.months
        self.raws, self.origin = raws, origin
        self.ids, self.id_set, self.dates = checked.ids, checked.id_set, checked.dates
        self.joined = checked.joined  # the dates, one per line
        self.unnamed, self.irregular = checked.unnamed, checked.irregular
        self.chunk_agencies, self.mission_set = checked.chunk_agencies, checked.missions

    def __len__(self) -> int:
        return len(self.ids)

    def release(self) -> None:
        """Let go of the file's text once the events needed are built."""
        self.raws, self.dates, self.joined = [], [], ""

    def by_month(self) -> dict[str, bytearray]:
        """The events' texts in the file, grouped by the month of their date (`YYYY-MM`, or `YYYY`
        for a date known only to the year): each group its events in file order, for msgspec's
        decode_lines. A file read `by_month` (see read()) was grouped as it was checked, in file
        order, which keeps the processor's caches warm: decoding 2 million events in time order
        straight from the file took five times as long. Lets go of everything else the file held."""
        if self.months is None:
            raise ValueError("the file was not read by_month")
        months, self.months = self.months, None
        self.raws, self.dates, self.joined, self.ids, self.id_set = [], [], "", [], set()
        return months

    def agency_names(self) -> set[str]:
        """Every agency name the events use."""
        return set().union(*self.chunk_agencies)

    def mission_names(self) -> set[str]:
        return set(self.mission_set)

    def indices_naming(self, names: set[str]) -> list[int]:
        """The events that name any of `names` as an agency."""
        found = []
        for number, used in enumerate(self.chunk_agencies):
            if not names.isdisjoint(used):
                start = number * _CHUNK
                events = _decode_events(self.raws[start:start + _CHUNK]) or []
                found.extend(start + i for i, event in enumerate(events)
                             if event.agencies and not names.isdisjoint(event.agencies))
        return found

    def indices_in_years(self, start: int, end: int) -> list[int]:
        """The events dated in start..end (UTC), in file order."""
        dates, irregular = self.dates, self.irregular
        joined = "\n" + self.joined
        if end - start < 200 and joined.count("\n") == len(dates):  # (no date holds a newline)
            # Common dates begin with their UTC year. In the dates joined by newlines, find each
            # "\nYYYY"; the newlines between one find and the next number the events.
            found = []
            for year in range(max(start, 1), min(end, 9999) + 1):
                needle, index, at = f"\n{year:04d}", 0, 0
                place = joined.find(needle)
                while place >= 0:
                    index += joined.count("\n", at, place)
                    found.append(index)
                    at = place
                    place = joined.find(needle, place + 5)
            found.sort()
        else:
            low, high = f"{start:04d}", f"{end:04d}"
            found = [i for i, text in enumerate(dates) if low <= text[:4] <= high]
        if irregular:
            found = sorted({i for i in found if i not in irregular} | {i for i, y in irregular.items() if start <= y <= end})
        return found

    def indices_on_days(self, days: Iterable[str]) -> list[int]:
        """The events dated on any of `days` (`MM-DD`) of any year, in file order, and every event
        dated in an uncommon form (with an offset, say), whose UTC day the caller checks."""
        wanted = {f"-{day}" for day in days}
        found = {i for i, text in enumerate(self.dates) if text[4:10] in wanted}
        return sorted(found.union(self.irregular))

    def build(self, indices: list[int] | None = None) -> list[Event] | None:
        """The events at `indices` (all when None), or None if the careful parser should build them."""
        raws = self.raws if indices is None else [self.raws[i] for i in indices]
        ids = self.ids if indices is None else [self.ids[i] for i in indices]
        built: list[Event] = []
        dates: dict[str, PartialDate] = {}  # each distinct date text read once, its date shared
        for start, events in _in_chunks(raws):
            more = None if events is None else _build_events(events, ids[start:start + _CHUNK], self.origin, dates)
            if more is None:
                return None
            built += more
        return built

    def raw(self, index: int) -> dict[str, Any]:
        """Event `index` as the careful parser reads it."""
        event = _decoder(_Event).decode(self.raws[index])
        raw = {}
        for f in EVENT.fields:
            value = getattr(event, f.name)
            if value is None:
                continue
            if f.kind == TEXTS:
                value = list(value)
            elif f.kind == SOURCES:
                value = [msgspec.structs.asdict(x) for x in value]
            raw[f.name] = value
        return raw


def read(path: Path, origin: str, by_month: bool = False) -> Pending | None:
    """Read, decode and check one file; None if the careful parser should read it instead.
    `by_month`: for a listing of every event (stream.py), group the events' texts by month as
    they are checked (Pending.by_month), instead of keeping their dates."""
    from .files import read_regular

    try:
        data = read_regular(path)
    except OSError:  # not a regular file, too large, unreadable: the careful parser says which
        return None
    doc = _decode(data)
    if doc is None:
        return None
    raws = doc.events if doc.events is not None else []
    escapes = b"\\" in data
    counted = _keys_in(data) if escapes else data.count(b'"')
    if counted is None:
        return None
    checked = _Checked(escapes, by_month)
    for start, events in _in_chunks(raws):
        if events is None or not checked.add(events, raws[start:start + _CHUNK]):
            return None
    if counted != (_keys_outside(doc) if escapes else _quotes_outside(doc)) + checked.counted:
        return None
    if not checked.finish():
        return None
    return Pending(doc, raws, checked, origin)


def _decode(data: bytes) -> _Document | None:
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    text = data[start:] if start else data  # (the events found point into it)
    while start < len(data) and data[start] in b" \t\r\n":
        start += 1
    bare_list = data[start:start + 1] == b"["
    try:
        doc = _decoder(list[msgspec.Raw] if bare_list else _Document).decode(text)
    except (msgspec.MsgspecError, UnicodeError, RecursionError, ValueError):
        return None
    return _Document(events=doc, schema=_BARE) if bare_list else doc


_BARE = "(a bare list of events)"  # marks a document that had no top-level object


# -- repeated keys --------------------------------------------------------------------------------
# Decoding keeps the last of a repeated key, so a file that repeats one holds more keys and strings
# than the decoded document. Without a backslash a file has no escaped quotes, and its quotes are
# two per string, keys included: the decoded document encoded again (absent fields left out) must
# have as many. With backslashes, keys are counted instead.
def _keys_in(data: bytes) -> int | None:
    """The keys in the file: each adds one `":`, unless white space comes before its colon (then
    None: the careful parser reads the file). Text with an escaped quote before a colon makes the
    count too high, which also sends the file to the careful parser, never too low."""
    for space in (b" ", b"\n", b"\t", b"\r"):
        if space in data and space + b":" in data:
            return None
    return data.count(b'":')


def _quotes_outside(doc: _Document) -> int:
    """The quotes of the decoded document outside its events, written as JSON again."""
    if doc.schema is _BARE:
        return 0
    return msgspec.json.encode(msgspec.structs.replace(doc, events=None)).count(b'"') + 2 * (doc.events is not None)


def _keys_outside(doc: _Document) -> int:
    """The keys of the decoded document outside its events: a field is present when not None."""
    if doc.schema is _BARE:
        return 0
    return (sum(value is not None for value in (doc.schema, doc.dataset, doc.agencies, doc.missions, doc.events))
            + sum(_count_keys(section) for section in (doc.dataset, doc.agencies, doc.missions)))


def _count_keys(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_count_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_keys(v) for v in value)
    return 0


# -- events -----------------------------------------------------------------------------------------
# Dates the common way: UTC with a Z, at any precision. Day 31 in a short month and 29 February in
# a common year pass this pattern and are caught after it.
_PLAIN_DATE = re.compile(
    r"(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01])"
    r"(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?Z)?)?)?")
_IMPOSSIBLE_DAYS = ("-02-30", "-02-31", "-04-31", "-06-31", "-09-31", "-11-31")


class _Checked:
    """What the careful parser would refuse and msgspec did not, checked a chunk of events at a
    time: blank titles, dates, ids (and their repeats), sources and repeated keys. It keeps what
    building needs later: the ids (made from title and date where the file has none, as the
    careful parser does), the dates, which events had no id, the UTC year of each date in an
    uncommon form, the agencies each chunk names and the mission names."""

    def __init__(self, escapes: bool, by_month: bool = False) -> None:
        self.escapes = escapes
        # the events' texts by month (Pending.by_month), or None: then their dates are kept
        self.months: defaultdict[str, bytearray] | None = defaultdict(bytearray) if by_month else None
        self.counted = 0  # quotes (keys with escapes) in the events, written as JSON again
        self.ids: list[str] = []
        self.dates: list[str] = []
        self.unnamed: set[int] = set()
        self.irregular: dict[int, int] = {}
        self.chunk_agencies: list[frozenset[str]] = []
        self.missions: set[str] = set()
        self.id_set: set[str] = set()
        self.joined = ""
        self.joins: list[str] = []  # the dates of each chunk, one per line
        self.buffer = bytearray()
        self.trimmed = True
        self.days = True  # every date is a day

    def add(self, events: list[_Event], raws: list[msgspec.Raw]) -> bool:
        """Check one chunk (`raws`, decoded as `events`); False if the careful parser should read the file."""
        # (comprehensions read struct fields about twice as fast as attrgetter)
        ids, titles, dates = [e.id for e in events], [e.title for e in events], [e.date for e in events]
        try:  # a missing title or date is None: str.strip and str.join refuse it
            stripped = list(map(str.strip, titles))
            if not all(stripped):  # a blank title
                return False
            joined = "\n".join(dates)
        except TypeError:
            return False
        irregular = _irregular_dates(dates, joined)
        if irregular is None:
            return False
        if len(joined) != 11 * len(dates) - 1:  # some date is not a day ("YYYY-MM-DD")
            self.days = False
        offset = len(self.ids)
        unnamed = ids.count(None)
        if irregular:
            self.irregular.update((offset + i, year) for i, year in irregular.items())
        if unnamed:  # events without an id: the careful parser names them after title and date
            self.unnamed.update(offset + i for i, ident in enumerate(ids) if ident is None)
            ids = [ident if ident is not None else event_id(t, PartialDate.parse(d).iso())
                   for ident, t, d in zip(ids, titles, dates, strict=True)]
        if not all_slugs(ids, SLUG):
            return False
        sources = list(chain.from_iterable(filter(None, [e.sources for e in events])))
        if not all(map(str.strip, [s.title for s in sources])) or not all_urls([s.url for s in sources], URL):
            return False
        self.ids += ids
        if self.months is None:
            self.dates += dates
            self.joins.append(joined)
        else:  # each text copied while it is still in the processor's cache
            targets = list(map(self.months.__getitem__, [text[:7] for text in dates]))
            list(map(bytearray.extend, targets, raws))
            if not JOINED_LINES:
                list(map(bytearray.extend, targets, repeat(b"\n", len(targets))))
        self.chunk_agencies.append(frozenset(chain.from_iterable(filter(None, {e.agencies for e in events}))))
        self.missions.update([e.mission for e in events])
        _encoder.encode_into(events, self.buffer)  # (a buffer kept between chunks: no fresh memory)
        if self.escapes:
            rows = list(map(msgspec.structs.astuple, events))
            self.counted += (_FIELDS * len(rows) - sum(map(tuple.count, rows, repeat(None))) + 2 * len(sources))
            quotes = -1
        else:
            quotes = self.buffer.count(b'"')
            self.counted += quotes
        if self.trimmed:  # does some text start or end with white space? (the careful parser trims it)
            if quotes == 4 * (3 * len(events) - unnamed):  # only ids, titles and dates are text
                self.trimmed = stripped == titles  # (the ids and dates are checked already)
            elif _may_need_trimming(self.buffer):
                self.trimmed = _texts_trimmed(events)
        return True

    def finish(self) -> bool:
        """After the last chunk: False if an id repeats."""
        self.missions.discard(None)  # type: ignore[arg-type]
        self.id_set = set(self.ids)  # (one set of them all: a fifth quicker than adding each chunk's)
        self.joined = "\n".join(self.joins)
        self.joins = []
        return len(self.id_set) == len(self.ids)


def all_urls(urls: list[str], url: re.Pattern) -> bool:
    """Every URL is http(s), with something after the scheme and no white space or control
    character (loader.URL). Joined by spaces, that is: as many spaces as gaps, as many schemes as
    URLs, nothing unprintable and no empty address; where that is unsure, the pattern decides."""
    joined = " ".join(urls)
    if (joined.isprintable() and joined.count(" ") == len(urls) - 1
            and joined.startswith(_SCHEMES) + joined.count(" http://") + joined.count(" https://") == len(urls)
            and "http:// " not in joined and "https:// " not in joined and not joined.endswith(_SCHEMES)):
        return True
    return all(map(url.fullmatch, urls))


_SCHEMES = ("http://", "https://")


_NOT_SLUG = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz0123456789-\n")


def all_slugs(ids: Iterable[str], slug: re.Pattern) -> bool:
    """Every id is lower-case letters and digits in hyphen-separated runs (loader.SLUG), checked
    on all of them joined, which is quicker than a pattern match each."""
    ids = ids if isinstance(ids, (list, tuple)) else list(ids)
    joined = "\n".join(ids)
    if joined.translate(_NOT_SLUG) or joined.count("\n") != len(ids) - 1:
        return all(map(slug.fullmatch, ids))  # some id has another character: let the pattern decide
    if not joined:
        return not ids  # one empty id is not a slug
    return not ("--" in joined or "\n-" in joined or "-\n" in joined or "\n\n" in joined
                or joined.startswith(("-", "\n")) or joined.endswith(("-", "\n")))


def _irregular_dates(dates: list[str], joined: str) -> dict[int, int] | None:
    """Check every date as PartialDate.parse would. Returns the UTC year of each date not in a
    common form (with an offset, say), or None if some date is not valid."""
    if _common_shapes(joined.translate(_DIGITS), len(dates)) and "T24" not in joined:
        # Days and UTC times to the minute or second: the datetime module checks them in C.
        try:
            all(map(datetime.fromisoformat, dates))
        except ValueError:
            return None
        return {}
    plain = _PLAIN_DATE.fullmatch
    irregular: dict[int, int] = {}
    if not all(map(plain, dates)):
        try:
            irregular = {i: PartialDate.parse(text).year for i, text in enumerate(dates) if not plain(text)}
        except ValueError:
            return None
    if any(day in joined for day in _IMPOSSIBLE_DAYS):
        return None
    if "-02-29" in joined:
        for text in dates:
            if text[4:10] == "-02-29" and not is_leap(int(text[:4])):
                return None
    return irregular


_DIGITS = str.maketrans("0123456789", "dddddddddd")
_DAY, _MINUTE, _SECOND = "dddd-dd-dd", "dddd-dd-ddTdd:ddZ", "dddd-dd-ddTdd:dd:ddZ"


def _common_shapes(shapes: str, n: int) -> bool:
    """True when each of the n lines of `shapes` (dates with their digits made 'd') is a day, or a
    UTC time to the minute or second. Every line starts with the day's shape; counting the longer
    shapes (neither occurs inside the other) and the length of the whole tells the rest."""
    days, minutes, seconds = shapes.count(_DAY), shapes.count(_MINUTE), shapes.count(_SECOND)
    return (days == n and shapes.count("\n") == n - 1
            and len(shapes) == 10 * n + 7 * minutes + 10 * seconds + n - 1)


def _trimmed(values: list[str]) -> bool:
    """No text starts or ends with white space (the careful parser would strip it)."""
    return list(map(str.strip, values)) == values


def _columns(events: list[Any]) -> dict[str, tuple]:
    """Each field of a chunk of events, as a column."""
    return dict(zip(_Event.__struct_fields__, zip(*map(msgspec.structs.astuple, events), strict=True), strict=True))


def _all_trimmed(columns: dict[str, tuple]) -> bool:
    """No text of the columns' events starts or ends with white space."""
    flat_sources = list(chain.from_iterable(filter(None, columns["sources"])))
    texts = [*([v for v in columns[name] if v is not None] for name in _TEXT_FIELDS),
             *(list(chain.from_iterable(filter(None, columns[name]))) for name in _LIST_FIELDS),
             [s.title for s in flat_sources]]
    return all(map(_trimmed, texts))


def _texts_trimmed(events: list[Any]) -> bool:
    return not events or _all_trimmed(_columns(events))


# White space str.strip removes, as the compact JSON msgspec writes may hold it next to a quote: a
# space, an escaped control character, or (anywhere: only a hint) a non-ASCII space.
_NEAR_QUOTE = (b'" ', b' "')
_NEAR_QUOTE_ESCAPED = (b'"\\', b'\\t"', b'\\n"', b'\\r"', b'\\f"', b'\\u00')
_WIDE_SPACE = re.compile(rb"\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80")


def _may_need_trimming(encoded: bytearray) -> bool:
    """False when no text in these events, as msgspec wrote them, can start or end with white
    space; True when some may (then the texts themselves are checked)."""
    if any(pattern in encoded for pattern in _NEAR_QUOTE):
        return True
    if b"\\" in encoded and any(pattern in encoded for pattern in _NEAR_QUOTE_ESCAPED):
        return True
    return not encoded.isascii() and _WIDE_SPACE.search(encoded) is not None


_new = tuple.__new__


def _date(text: str) -> PartialDate:
    """PartialDate.parse, with the common full forms read by C parsers first."""
    n = len(text)
    if n == 20 and text[10] == "T" and text[19] == "Z" and text[4] == "-" and text[13] == ":" and text[16] == ":":
        try:
            t = datetime.fromisoformat(text[:19])
        except ValueError:
            return PartialDate.parse(text)
        if text[:4].isdigit():
            return _new(PartialDate, (t.year, t.month, t.day, t.hour, t.minute, t.second))
    elif n == 10 and text[4] == "-" and text[7] == "-":
        try:
            d = date.fromisoformat(text)
        except ValueError:
            return PartialDate.parse(text)
        if text[:4].isdigit():
            return _new(PartialDate, (d.year, d.month, d.day, None, None, None))
    return PartialDate.parse(text)


def _build_events(events: list[Any], ids: list[str], origin: str,
                  dates: dict[str, PartialDate] | None = None) -> list[Event] | None:
    """Checked structs as model events, or None where text needs the careful parser's trimming.
    Built a column (one field of every event) at a time, each the way its kind needs."""
    if not events:
        return []
    columns = _columns(events)
    if not _all_trimmed(columns):
        return None
    columns["id"] = ids
    built = [_column(f, columns[f.name], {} if dates is None else dates) for f in EVENT.fields]
    return list(map(_new, repeat(Event), zip(*built, repeat(origin))))


_EMPTY: tuple = ()


def _column(f: Field, column: tuple, dates: dict[str, PartialDate]) -> Any:
    """One field of a chunk of events, as the model holds it. `dates` holds the dates read so far
    by their text: many events share a day, and then share its (immutable) date."""
    if f.kind == DATE:
        return [dates.get(text) or dates.setdefault(text, _date(text)) for text in column]
    if f.kind == SOURCES:
        return [tuple([_new(Source, (s.title, s.url)) for s in row]) if row else _EMPTY for row in column]
    if f.kind == TEXTS and f.lower:
        joined = "\n".join(chain.from_iterable(filter(None, column)))
        if joined != joined.lower():
            return [tuple(t.lower() for t in row) if row else _EMPTY for row in column]
    if f.kind == BOOL:
        return [c is True for c in column] if None in column else column
    if f.default is not None and None in column:
        default = f.default
        return [default if v is None else v for v in column]
    return column
