"""The launch record: every orbital launch attempt since 1957, converted from Jonathan McDowell's GCAT.

Each record type is defined once, here, as a msgspec Struct. The converter (scripts/import_gcat.py)
writes these structs, the bundled table is decoded straight into them, the CSV columns come from
their fields and the JSON Schema in `data/launches.schema.json` is generated from them
(`schema()`; a test fails when the committed file differs).

A Launch keeps GCAT's launch agency and site codes; names and countries come from the orgs and
sites tables shipped in the same file. Which of the project's agencies a launch belongs to is
decided by `GCAT_AGENCIES` and the agencies' lifetimes (`project_agencies`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import msgspec
from msgspec import Struct

from .dates import PartialDate
from .errors import DatasetError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from .model import Agency, Event

CITATION = "data from GCAT (J. McDowell, planet4589.org/space/gcat)"
GCAT_URL = "https://planet4589.org/space/gcat/"
OUTCOMES = ("success", "failure", "partial", "pad-explosion", "unknown")
Outcome = Literal["success", "failure", "partial", "pad-explosion", "unknown"]


class Payload(Struct, array_like=True, frozen=True, gc=False):
    """One object a launch carried, as GCAT lists it."""

    piece: str
    """GCAT's piece designation (`1969-059A`; `1958-F01` for a failure)."""
    name: str
    program: str
    """GCAT's `PLName`: the payload's programme name or serial."""
    jcat: str
    """GCAT's catalogue number (`S04039`)."""
    owner: str
    """Owner code (GCAT orgs table); a composite `A/B` names two."""
    state: str
    """Owner's country code (GCAT)."""
    crewed: bool
    """GCAT types the payload as a crewed spacecraft."""


class LaunchHead(Struct, array_like=True, frozen=True, gc=False):
    """A launch attempt without its payloads: what counting and most filters need. `Launch` is this
    and its payloads; decoding a Launch's JSON as a LaunchHead skips the payloads (a third of the
    memory when every launch is read)."""

    tag: str
    """GCAT's launch tag: `1957 ALP`, `1963-001`, `1958-F01`, `1969-U01`."""
    date: str
    """UTC, ISO 8601 at GCAT's precision: `1957-10-04T19:28:34Z`, `1958-02-05T07:33Z`, `1958-07-25`."""
    uncertain: bool
    """GCAT marks the date with `?`."""
    vehicle: str
    serial: str | None
    """The rocket's flight number (`SA-506`)."""
    site: str
    """Launch site code (GCAT sites table)."""
    pad: str | None
    platform: str | None
    """Aircraft or ship for air and sea launches."""
    agencies: tuple[str, ...]
    """GCAT launch agency codes (a composite `A/B` code is split)."""
    state: str
    """Country code of the rocket."""
    code: str
    """GCAT's `Launch_Code`: O orbital, D deep space, X from another body; S, F, U, E; digits partial."""

    @property
    def outcome(self) -> str:
        return outcome_of(self.code)

    @property
    def lunar(self) -> bool:
        """An ascent from the Moon (code X), kept apart from launches from Earth."""
        return self.code[:1] == "X"

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def when(self) -> PartialDate:
        return PartialDate.parse(self.date)


class Launch(LaunchHead):
    """One launch attempt: every GCAT row with the same `Launch_Tag`."""

    payloads: tuple[Payload, ...]

    @property
    def crewed(self) -> bool:
        return any(p.crewed for p in self.payloads)


class Org(Struct, array_like=True, frozen=True, gc=False):
    """An organisation of GCAT's orgs table, by code."""

    name: str
    state: str


class Site(Struct, array_like=True, frozen=True, gc=False):
    """A launch site of GCAT's sites table, by code."""

    name: str
    state: str
    place: str | None
    """The place, where GCAT names one apart from the site (`Plesetsk`, `Baykonur`)."""


class SourceFile(Struct, frozen=True, gc=False):
    file: str
    role: str
    rows: int
    updated: str | None
    """The file's own "Updated" line, when it has one."""


class Provenance(Struct, frozen=True, gc=False):
    citation: str
    url: str
    licence: str
    note: str
    files: tuple[SourceFile, ...]
    last_launch: str | None


class LaunchTable(Struct, frozen=True, gc=False):
    """The bundled launch record, as `data/launches.json` holds it."""

    source: Provenance
    states: dict[str, str]
    """Country code -> English name."""
    orgs: dict[str, Org]
    sites: dict[str, Site]
    launches: list[Launch]


def schema() -> dict:
    """The JSON Schema of `data/launches.json`, generated from the structs above."""
    doc = msgspec.json.schema(LaunchTable)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "spacetime launch record", **doc}


# -- codes ----------------------------------------------------------------------------------------
LAUNCH_CODE = re.compile(r"[ODX][SFUE]\d*")


def outcome_of(code: str) -> str:
    """success, failure, partial (digits: a partial success), pad-explosion or unknown."""
    if len(code) > 2 and code[2:].isdigit():
        return "partial"
    return {"S": "success", "F": "failure", "E": "pad-explosion"}.get(code[1:2], "unknown")


def normalize_tag(text: str) -> str:
    """`1957 ALP`, `1957-alp` and `1957alp` are one tag; `1969-059A` (a payload) is its launch's."""
    key = re.sub(r"[\s\-_]+", "", text.strip().upper())
    m = re.fullmatch(r"(\d{4}\d{3})[A-Z]{0,3}|(\d{4}[A-Z]{2,4})\d{1,2}", key)  # a payload: its launch
    return (m.group(1) or m.group(2)) if m else key


def looks_like_tag(text: str) -> bool:
    return re.fullmatch(r"\d{4}[\s\-]?(?:\d{3}[A-Za-z]{0,3}|[FUfu]\d{2,3}|(?:[A-Za-z]\s)?[A-Za-z]{2,3}\d?)", text.strip()) is not None


# GCAT launch agency codes -> the project's agencies they correspond to. Where several are given, the
# one that existed on the launch date is credited (the Soviet programme until 1991-12-26, Roscosmos
# from 1992-02-25; the PRC programme until CNSA's founding on 1993-04-22). Launch agencies of the USSR
# and Russia not listed here are credited the same way, except commercial joint ventures.
GCAT_AGENCIES: dict[str, tuple[str, ...]] = {
    "NASA": ("nasa",), "GSFC": ("nasa",), "MSFC": ("nasa",), "JSC": ("nasa",), "MSC": ("nasa",),
    "LERC": ("nasa",), "LARCN": ("nasa",), "KSC": ("nasa",), "JPL": ("nasa",), "ARC": ("nasa",),
    "ABMA": ("abma",), "NRL": ("nrl",),
    "ESA": ("esa",), "CNES": ("cnes",), "ELDO": ("eldo",), "RAE": ("uk",),
    "ISRO": ("isro",), "NSIL": ("isro",),
    "NASDA": ("nasda",), "ISAS": ("isas",), "JAXA": ("jaxa",),
    "KARI": ("kari",), "NADA": ("nada",), "IRSA": ("isa-ir",), "ISA": ("isa-il",),
    "SPX": ("spacex",), "RLABN": ("rocket-lab",), "RLABU": ("rocket-lab",), "FFLY": ("firefly",),
    "BO": ("blue-origin",),
    "CALT": ("prc", "cnsa"), "SAST": ("prc", "cnsa"), "CAST": ("prc", "cnsa"), "CZHJ": ("prc", "cnsa"),
    "PLA2AC": ("prc", "cnsa"),
}
_SOVIET_AND_RUSSIAN = ("soviet", "roscosmos")
_JOINT_VENTURES = frozenset(("ILSK", "ILSL", "EUROK", "SIS", "GKLS", "SEALP", "SEALC"))


def _alive(agency: Agency, day: PartialDate) -> bool:
    first, last = day.first_day(), day.last_day()
    if agency.founded is not None and last < agency.founded.first_day():
        return False
    return not (agency.dissolved is not None and first > agency.dissolved.last_day())


def project_agencies(launch: Launch, orgs: Mapping[str, Org], agencies: Mapping[str, Agency]) -> tuple[str, ...]:
    """The project's agencies credited with `launch` (see GCAT_AGENCIES)."""
    out: list[str] = []
    day = None
    for code in launch.agencies:
        candidates = GCAT_AGENCIES.get(code.rstrip("?"))
        if candidates is None:
            org = orgs.get(code.rstrip("?"))
            if org is None or org.state not in ("SU", "RU") or code in _JOINT_VENTURES:
                continue
            candidates = _SOVIET_AND_RUSSIAN
        day = day or launch.when
        for agency_id in candidates:
            agency = agencies.get(agency_id)
            if agency is not None and _alive(agency, day) and agency_id not in out:
                out.append(agency_id)
                break
    return tuple(out)


# -- the record at run time -------------------------------------------------------------------------
class LaunchRecord:
    """The launch table with its indexes; user files (newer GCAT logs) merged over the bundled one.

    The bundled table arrives with its launches still as their JSON text (`_RawTable`), in time
    order: a year's launches are found by bisection and only they are decoded (`launches 1969`
    decodes 125 of 6,828)."""

    def __init__(self, table: LaunchTable | _RawTable, files: Sequence[str] = ("bundled",)):
        self.table = table
        self.source = table.source
        self.files = tuple(files)
        self._raws: list[msgspec.Raw] | None = None
        self._launches: list[Launch] | None = None
        if isinstance(table, _RawTable):
            self._raws = table.launches
        else:
            self._launches = table.launches
        self._by_tag: dict[str, Launch] | None = None
        self._agencies: dict[str, tuple[str, ...]] | None = None

    @property
    def launches(self) -> list[Launch]:
        """Every launch, ascents from the Moon included, in time order."""
        if self._launches is None:
            self._launches = _decode_launches(self._raws or [])
        return self._launches

    def heads(self) -> list[LaunchHead]:
        """Every launch without its payloads (decoded without them when not decoded already)."""
        if self._launches is not None:
            return self._launches  # a Launch is a LaunchHead
        return _decode_launches(self._raws or [], LaunchHead)

    def __len__(self) -> int:
        return len(self._raws) if self._launches is None and self._raws is not None else len(self.launches)

    # -- names ----------------------------------------------------------------------------------
    def org_name(self, code: str) -> str:
        org = self.table.orgs.get(code.rstrip("?"))
        return org.name if org else code

    def site_name(self, code: str) -> str:
        """Short: the site's place where GCAT names one (`Baykonur`), else its name's first part."""
        site = self.table.sites.get(code)
        return (site.place or site.name.split(",")[0]) if site else code

    def site_full_name(self, code: str) -> str:
        site = self.table.sites.get(code)
        if site is None:
            return code
        return f"{site.name} ({site.place})" if site.place and site.place not in site.name else site.name

    def state_name(self, code: str) -> str:
        return self.table.states.get(code, code)

    # -- lookups --------------------------------------------------------------------------------
    def get(self, tag: str) -> Launch | None:
        """The launch with this tag, in any form GCAT uses (`1957 ALP`, `1957-alp`, `1969-059`) or by
        one of its payloads' COSPAR ids (`1969-059A`)."""
        key = normalize_tag(tag)
        if self._by_tag is None and self._launches is None and key[:4].isdigit():
            year = int(key[:4])  # a tag carries its launch's year: decode only that year's launches
            return next((launch for launch in self._slice(year - 1, year + 1) if _tag_key(launch.tag) == key), None)
        if self._by_tag is None:
            self._by_tag = {_tag_key(launch.tag): launch for launch in self.launches}
        return self._by_tag.get(key)

    def earth(self) -> list[Launch]:
        return [launch for launch in self.launches if not launch.lunar]

    def in_years(self, start: int, end: int) -> list[Launch]:
        """Launch attempts from Earth dated in the years start..end (UTC), in time order."""
        return [launch for launch in self._slice(start, end) if not launch.lunar]

    def _slice(self, start: int, end: int) -> list[Launch]:
        if self._launches is not None:
            first, last = f"{start:04d}", f"{end:04d}\uffff"
            return [launch for launch in self._launches if first <= launch.date < last]
        import bisect

        raws = self._raws or []
        lo = bisect.bisect_left(raws, start, key=_raw_year)
        hi = bisect.bisect_right(raws, end, lo=lo, key=_raw_year)
        return _decode_launches(raws[lo:hi])

    def credited(self, agencies: Mapping[str, Agency]) -> dict[str, tuple[str, ...]]:
        """Launch tag -> the project's agencies credited with it, for every launch."""
        for launch in self.launches:
            self.credited_to(launch, agencies)
        return dict(self._agencies or {})

    def credited_to(self, launch: Launch, agencies: Mapping[str, Agency]) -> tuple[str, ...]:
        """The project's agencies credited with one launch (remembered)."""
        if self._agencies is None:
            self._agencies = {}
        found = self._agencies.get(launch.tag)
        if found is None:
            found = self._agencies[launch.tag] = project_agencies(launch, self.table.orgs, agencies)
        return found

    def merged(self, other: LaunchTable, label: str) -> LaunchRecord:
        """This record with `other`'s launches added; a launch in both is taken from `other`."""
        launches = {launch.tag: launch for launch in self.launches}
        launches.update((launch.tag, launch) for launch in other.launches)
        ordered = sorted(launches.values(), key=_date_key)
        source = Provenance(self.source.citation, self.source.url, self.source.licence, self.source.note,
                            (*self.source.files, *other.source.files),
                            max(filter(None, (self.source.last_launch, other.source.last_launch)), default=None))
        table = LaunchTable(source, {**self.table.states, **other.states}, {**self.table.orgs, **other.orgs},
                            {**self.table.sites, **other.sites}, ordered)
        return LaunchRecord(table, (*self.files, label))

    def attribution(self) -> str:
        """One line naming GCAT, its files and their dates, and that the data was converted."""
        parts = []
        for f in self.source.files:
            when = f"Updated {f.updated}" if f.updated else "no Updated line"
            parts.append(f"{f.file} ({when})")
        last = f"; launches to {self.source.last_launch}" if self.source.last_launch else ""
        return f"{self.source.citation}: {', '.join(parts)}{last}; converted by spacetime ({self.source.licence})"

    def provenance(self) -> dict:
        return msgspec.to_builtins(self.source)


class _RawTable(Struct, frozen=True, gc=False):
    """LaunchTable with each launch kept as its JSON text, decoded when asked for."""

    source: Provenance
    states: dict[str, str]
    orgs: dict[str, Org]
    sites: dict[str, Site]
    launches: list[msgspec.Raw]


def _tag_key(tag: str) -> str:
    return tag.replace(" ", "").replace("-", "").upper()


def _date_key(launch: Launch) -> tuple[str, str]:
    return (launch.date, launch.tag)


def _raw_year(raw: msgspec.Raw) -> int:
    text = bytes(raw)
    i = text.index(b'","') + 3
    return int(text[i:i + 4])


_decoders: dict[type, msgspec.json.Decoder] = {}


def _decode_launches(raws: Sequence[msgspec.Raw], kind: type = Launch) -> list:
    decoder = _decoders.get(kind)
    if decoder is None:
        decoder = _decoders[kind] = msgspec.json.Decoder(kind)
    return list(map(decoder.decode, raws))


def read_bundled(path: Path) -> LaunchRecord:
    """The bundled launch record, decoded lazily."""
    from .files import read_regular

    try:
        data = read_regular(path)
    except (OSError, ValueError):
        data = b""
    if not data.strip():  # let the loader say what is wrong (it is not imported otherwise: 2 ms)
        from .loader import read_bytes

        data = read_bytes(path, f"data/{path.name}")
    try:
        table = msgspec.json.decode(data, type=_RawTable)
    except msgspec.MsgspecError as exc:
        raise DatasetError(f"data/{path.name}", f"not a launch table: {exc}") from None
    return LaunchRecord(table)


def decode_table(data: bytes, label: str) -> LaunchTable:
    try:
        return msgspec.json.decode(data, type=LaunchTable)
    except msgspec.ValidationError as exc:
        raise DatasetError(label, f"not a launch table: {exc}") from None
    except msgspec.DecodeError as exc:
        raise DatasetError(label, f"invalid JSON: {exc}") from None


def encode_table(table: LaunchTable) -> bytes:
    """The committed form: one launch (and one org, one site) per line, so diffs stay readable;
    the same table always gives the same bytes."""
    enc = msgspec.json.encode

    def mapping(items: Mapping[str, object]) -> bytes:
        rows = b",\n".join(b"  " + enc(key) + b": " + enc(value) for key, value in sorted(items.items()))
        return b"{\n" + rows + b"\n }"

    launches = b",\n".join(b"  " + enc(launch) for launch in table.launches)
    return (b'{\n "source": ' + enc(table.source) + b',\n "states": ' + mapping(table.states)
            + b',\n "orgs": ' + mapping(table.orgs) + b',\n "sites": ' + mapping(table.sites)
            + b',\n "launches": [\n' + launches + b"\n ]\n}\n")


# -- questions asked of the record -------------------------------------------------------------------
# Spellings people use for places GCAT spells otherwise, and rocket families by their other names.
SITE_ALIASES = {"baikonur": "baykonur", "tyuratam": "baykonur", "kennedy": "ksc", "guiana": "kourou"}
VEHICLE_ALIASES = {"long march": "chang zheng", "cz": "chang zheng"}


def _fold(text: str) -> str:
    from .names import normalize  # the project's one way of comparing names

    return normalize(text)


def vehicle_matches(query: str, vehicle: str) -> bool:
    """A family match at word boundaries: `Soyuz` is Soyuz-U and Soyuz-2-1a; `Falcon 9` is not
    Falcon Heavy; `Saturn V` is not Saturn IB."""
    wanted = _fold(query)
    for alias, name in VEHICLE_ALIASES.items():
        if wanted == alias or wanted.startswith(alias + " "):
            wanted = name + wanted[len(alias):]
    have = _fold(vehicle)
    return have == wanted or have.startswith(wanted + " ")


def sites_matching(record: LaunchRecord, query: str) -> set[str]:
    """Site codes whose code, name or place matches `query` (`Baikonur`, `Kourou`, `KSC`)."""
    wanted = _fold(query)
    wanted = SITE_ALIASES.get(wanted, wanted)
    found = set()
    for code, site in record.table.sites.items():
        if _fold(code) == wanted:
            found.add(code)
            continue
        words = f" {_fold(site.name)} {_fold(site.place or '')} "
        if f" {wanted} " in words:
            found.add(code)
    return found


# The project names countries by ISO code (countries.py); GCAT has codes of its own for a few.
ISO_TO_GCAT = {"FR": "F", "JP": "J", "GB": "UK", "DE": "D", "IT": "I", "ES": "E", "BE": "B", "EU": "I-ESA"}


def country_code(record: LaunchRecord, name: str) -> str:
    """A GCAT country code for a country's name, alias or code (`USSR`, `Soviet Union`, `China`,
    `FR` or GCAT's `F`); UsageError with suggestions if unknown."""
    from .countries import find_country

    found = find_country(name)
    if found is not None:
        return ISO_TO_GCAT.get(found.code, found.code)
    folded = _fold(name)
    for code, title in record.table.states.items():
        if folded in (_fold(code), _fold(title)):
            return code
    import difflib

    names = {_fold(title): title for title in record.table.states.values()}
    close = difflib.get_close_matches(folded, list(names), n=3, cutoff=0.7)
    hint = f" Did you mean {' or '.join(dict.fromkeys(names[c] for c in close))}?" if close else ""
    raise UsageError(f"Unknown country '{name}'.{hint}")


class LaunchFilters(Struct, frozen=True):
    """Ways to narrow the launch record; empty means everything; all combine with AND."""

    years: tuple[int, int] | None = None
    agencies: frozenset[str] | None = None
    """Project agency ids (lineage already applied)."""
    countries: frozenset[str] | None = None
    vehicle: str | None = None
    sites: frozenset[str] | None = None
    outcomes: frozenset[str] | None = None
    crewed: bool | None = None


def check_outcome(text: str) -> str:
    value = text.strip().lower()
    if value == "partial-success":
        value = "partial"
    if value not in OUTCOMES:
        raise UsageError(f"Unknown outcome '{text}': use one of {', '.join(OUTCOMES)}")
    return value


def select(record: LaunchRecord, filters: LaunchFilters, agencies: Mapping[str, Agency],
           heads: bool = False) -> list[Launch]:
    """Launch attempts from Earth, in time order, that pass every filter. With `heads`, without
    their payloads where no filter needs them (for counting)."""
    if heads and filters.crewed is None and not filters.years:
        launches = [launch for launch in record.heads() if not launch.lunar]
    else:
        launches = record.in_years(*filters.years) if filters.years else record.earth()
    out = []
    for launch in launches:
        if filters.agencies is not None and filters.agencies.isdisjoint(record.credited_to(launch, agencies)):
            continue
        if filters.countries is not None and launch.state not in filters.countries:
            continue
        if filters.vehicle is not None and not vehicle_matches(filters.vehicle, launch.vehicle):
            continue
        if filters.sites is not None and launch.site not in filters.sites:
            continue
        if filters.outcomes is not None and launch.outcome not in filters.outcomes:
            continue
        if filters.crewed is not None and launch.crewed != filters.crewed:
            continue
        out.append(launch)
    return out


GROUPS = ("year", "decade", "country", "agency", "vehicle", "site", "outcome")


def count_by(record: LaunchRecord, launches: Sequence[Launch], by: str) -> list[tuple[str, int]]:
    """(label, count) pairs: years and decades in time order with empty ones kept, the rest by count."""
    from collections import Counter

    if by not in GROUPS:
        raise UsageError(f"Unknown grouping '{by}': use one of {', '.join(GROUPS)}")
    if by in ("year", "decade"):
        if not launches:
            return []
        step = 10 if by == "decade" else 1
        years = Counter(launch.year // step * step for launch in launches)
        suffix = "s" if by == "decade" else ""
        return [(f"{y}{suffix}", years.get(y, 0)) for y in range(min(years), max(years) + 1, step)]
    counts: Counter[str] = Counter()
    for launch in launches:
        if by == "country":
            counts[record.state_name(launch.state)] += 1
        elif by == "agency":
            counts.update(dict.fromkeys((record.org_name(code) for code in launch.agencies), 1))
        elif by == "vehicle":
            counts[launch.vehicle] += 1
        elif by == "site":
            counts[record.site_name(launch.site)] += 1
        else:
            counts[launch.outcome] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def by_year_and_outcome(launches: Iterable[Launch]) -> list[tuple[int, dict[str, int]]]:
    """For an agency card: each year's launch attempts counted by outcome."""
    years: dict[int, dict[str, int]] = {}
    for launch in launches:
        row = years.setdefault(launch.year, dict.fromkeys(OUTCOMES, 0))
        row[launch.outcome] += 1
    return sorted(years.items())


# -- the curated timeline against the record ---------------------------------------------------------
def event_tag(event: Event) -> str | None:
    """The launch tag an event names: its `launch`, or the launch of its COSPAR id (from 1963, when
    COSPAR ids and launch tags share their numbers)."""
    if event.launch:
        return normalize_tag(event.launch)
    if event.cospar and int(event.cospar[:4]) >= 1963:
        return normalize_tag(event.cospar)
    return None


def linked_events(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Normalised launch tag -> the curated events that name it."""
    out: dict[str, list[Event]] = {}
    for event in events:
        tag = event_tag(event)
        if tag is not None:
            out.setdefault(tag, []).append(event)
    return out


def disagreements(events: Iterable[Event], record: LaunchRecord) -> list[str]:
    """Every curated event whose launch tag is not in the record, or whose launch date disagrees
    with the record at the curated event's precision. Events after the record's last launch are
    not judged."""
    last = record.source.last_launch or "9999"
    problems = []
    for event in events:
        tag = event_tag(event)
        if tag is None:
            continue
        launch = record.get(tag)
        if launch is None:
            if event.date.iso()[:10] <= last:
                problems.append(f"{event.id}: launch tag {event.launch or event.cospar} is not in the launch record")
            continue
        if event.kind != "launch":
            continue
        theirs = launch.when
        precision = min(event.date.precision, theirs.precision)
        if tuple(event.date)[:_FIELDS[precision]] != tuple(theirs)[:_FIELDS[precision]]:
            problems.append(f"{event.id}: dated {event.date.iso()}, the launch record has {launch.date} for {launch.tag}")
    return problems


_FIELDS = {1: 1, 2: 2, 3: 3, 4: 5, 5: 6}  # precision -> how many of (y, m, d, H, M, S) it fixes
