"""The Timeline: every loaded event, mission and agency, indexed for the questions users ask."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

from .errors import DatasetError, DatasetErrors, UsageError
from .model import Agency, DatasetInfo, Event, LoadedFile, Mission

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .loader import Parsed

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


class Timeline:
    """An immutable, validated view of one or more datasets."""

    def __init__(self, events: Sequence[Event], missions: Sequence[Mission], agencies: Sequence[Agency],
                 info: DatasetInfo | None = None, files: Sequence[LoadedFile] = (), presorted: bool = False):
        self.events: tuple[Event, ...] = tuple(events) if presorted else tuple(sorted(events, key=lambda e: e.sort_key))
        self.missions: dict[str, Mission] = {m.id: m for m in sorted(missions, key=_mission_key)}
        self.agencies: dict[str, Agency] = {a.id: a for a in agencies}
        self.info = info
        self.files = tuple(files)
        self._events_by_id = dict(zip(map(attrgetter("id"), self.events), self.events, strict=True))
        self._agency_names: dict[str, str] = {}
        for agency in self.agencies.values():
            for name in agency.names:
                self._agency_names.setdefault(normalize(name), agency.id)
        self._names: dict[str, list[Event | Mission]] | None = None
        self._ranks: dict[tuple[str, str, str], int] = {}

    # -- lookup ---------------------------------------------------------------------------------
    def _name_index(self) -> dict[str, list[Event | Mission]]:
        if self._names is None:
            index: dict[str, list[Event | Mission]] = {}
            ranks: dict[tuple[str, str, str], int] = {}
            for item in (*self.missions.values(), *self.events):
                kind = "m" if isinstance(item, Mission) else "e"
                for rank, names in enumerate(((item.id,), (item.title,), item.aliases)):
                    for key in {normalize(n) for n in names}:
                        if (key, kind, item.id) not in ranks:
                            ranks[(key, kind, item.id)] = rank
                            index.setdefault(key, []).append(item)
            self._names, self._ranks = index, ranks
        return self._names

    def find(self, name: str) -> list[Event | Mission]:
        """Missions and events whose id, title or alias is `name` (any case), missions first."""
        _check_name(name, "name")
        if name in self.missions:
            return [self.missions[name]]
        if name in self._events_by_id:
            return [self._events_by_id[name]]
        return list(self._name_index().get(normalize(name), []))

    def get(self, name: str) -> Event | Mission:
        """The one mission or event called `name`; a usage error if none or several. An exact id
        beats a title, a title beats an alias; several equally good matches are listed best first."""
        matches = self.find(name)
        if len(matches) > 1:  # keep only the best kind of match: id, then title, then alias
            key = normalize(name)
            rank = {id(m): self._ranks.get((key, "m" if isinstance(m, Mission) else "e", m.id), 2) for m in matches}
            best = min(rank.values())
            matches = [m for m in matches if rank[id(m)] == best]
        missions = [m for m in matches if isinstance(m, Mission)]
        if len(missions) == 1 and all(isinstance(m, Mission) or m.mission == missions[0].id for m in matches):
            return missions[0]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            hits = [h.item for h in self.search(name, limit=5)] if name.strip() else []
            hints = [f"{h.id} ({h.title})" for h in hits]
            raise UsageError(f"No mission or event called '{name}'."
                             + (f" Did you mean: {'; '.join(hints)}?" if hints else " Try 'spacetime search'."))
        ranked = sorted(matches, key=lambda m: (not isinstance(m, Mission), "first" not in getattr(m, "tags", ()),
                                                 _first_key(m), m.id))
        listed = "; ".join(f"{m.id} ({m.title})" for m in ranked[:8])
        more = f" and {len(ranked) - 8} more" if len(ranked) > 8 else ""
        raise UsageError(f"'{name}' matches {len(matches)} entries: {listed}{more}. Use an id.")

    def get_with_events(self, name: str) -> tuple[Event | Mission, list[Event]]:
        """`get(name)` and the events it stands for: a mission's events, or the one event."""
        item = self.get(name)
        return item, list(item.events) if isinstance(item, Mission) else [item]

    def event(self, event_id: str) -> Event | None:
        return self._events_by_id.get(event_id)

    def mission_of(self, event: Event) -> Mission | None:
        return self.missions.get(event.mission) if event.mission else None

    def agency(self, name: str) -> Agency:
        """Resolve an agency by id, abbreviation, full name or alias, case-insensitively."""
        _check_name(name, "agency")
        found = self._agency_names.get(normalize(name))
        if found:
            return self.agencies[found]
        import difflib

        names = {normalize(n): a.abbreviation for a in self.agencies.values() for n in a.names}
        close = difflib.get_close_matches(normalize(name), list(names), n=3, cutoff=0.6)
        hints = list(dict.fromkeys(names[c] for c in close))
        suggestion = f" Did you mean {' or '.join(hints)}?" if hints else " Run 'spacetime agencies' for the list."
        raise UsageError(f"Unknown agency '{name}'.{suggestion}")

    # -- queries --------------------------------------------------------------------------------
    def lineage(self, agency_id: str) -> list[str]:
        """The agency and every predecessor and successor, transitively (Soviet programme ->
        Roscosmos; NASDA, ISAS, NAL -> JAXA)."""
        seen = [agency_id]
        todo = [agency_id]
        while todo:
            current = self.agencies.get(todo.pop())
            if current is None:
                continue
            for other in (*current.predecessors, *current.successors):
                if other not in seen and other in self.agencies:
                    seen.append(other)
                    todo.append(other)
        return seen

    def agency_or_country(self, name: str) -> tuple[str | None, list[str]]:
        """What a user means by `name` where an agency is asked for: (None, [that agency]) for an
        agency's id or abbreviation, (code, [its agencies]) for a country (China, CN, USSR,
        Japan), else (None, [the agency]) by full name or alias."""
        _check_name(name, "agency")
        key = normalize(name)
        for agency in self.agencies.values():
            if key in (normalize(agency.id), normalize(agency.abbreviation)):
                return None, [agency.id]
        from .countries import find_country

        country = find_country(name)
        if country is not None:
            ids = [a.id for a in self.agencies.values() if a.country.upper() == country.code]
            if ids:
                return country.code, ids
        return None, [self.agency(name).id]

    def agency_ids(self, name: str, lineage: bool = False) -> list[str]:
        ids = self.agency_or_country(name)[1]
        if not lineage:
            return ids
        return list(dict.fromkeys(i for agency_id in ids for i in self.lineage(agency_id)))

    def in_years(self, start: int, end: int | None = None) -> list[Event]:
        """Events dated within the years start..end inclusive."""
        end = start if end is None else end
        for year in (start, end):
            if not isinstance(year, int) or isinstance(year, bool):
                raise TypeError(f"years must be whole numbers, got {type(year).__name__}")
        return [e for e in self.events if start <= e.date.year <= end]

    def by_agency(self, name: str, lineage: bool = False) -> list[Event]:
        ids = set(self.agency_ids(name, lineage))
        return [e for e in self.events if ids.intersection(e.agencies)]

    def missions_where(self, agencies: Iterable[str] | None = None, years: tuple[int, int] | None = None,
                       crewed: bool | None = None) -> list[Mission]:
        wanted = set(agencies) if agencies is not None else None
        out = []
        for mission in self.missions.values():
            if wanted is not None and not wanted.intersection(mission.agencies):
                continue
            if years is not None and not any(years[0] <= e.date.year <= years[1] for e in mission.events):
                continue
            if crewed is not None and mission.crewed != crewed:
                continue
            out.append(mission)
        return out

    def anniversaries(self, today: date, within: int = 7, every: int | None = None, past: int = 0):
        """Anniversary rows from `today - past` to `today + within` days (see anniversaries.py)."""
        from .anniversaries import in_window

        return in_window(self.events, today, within=within, every=every, past=past)

    def search(self, text: str, limit: int = 20):
        _check_name(text, "search text", MAX_QUERY)
        from .search import search

        return search(self, text, limit=limit)


def _first_key(item: Event | Mission) -> tuple:
    date = item.first if isinstance(item, Mission) else item.date
    return date.sort_key if date is not None else (9999,)


# Names and search text longer than this are not names: fuzzy matching them costs time in
# proportion to their length times the dataset's.
MAX_NAME = 300
MAX_QUERY = 500


def _check_name(name: object, what: str, longest: int = MAX_NAME) -> None:
    if not isinstance(name, str):
        raise TypeError(f"the {what} must be text (str), got {type(name).__name__}")
    if len(name) > longest:
        raise UsageError(f"The {what} is {len(name)} characters long; at most {longest}.")


def _mission_key(mission: Mission) -> tuple:
    first = mission.first
    return (first.sort_key if first else (9999,), mission.id)


# -- building a Timeline from parsed files --------------------------------------------------------
def build(parts: Sequence[Parsed], files: Sequence[LoadedFile] = (),
          years: tuple[int, int] | None = None) -> tuple[Timeline, list[DatasetError]]:
    """Merge parsed files in order (later files replace earlier records with the same id) and
    check every cross-reference (and, in strict files, that each credited agency existed on the
    event's date). Returns the timeline and the problems found.

    With `years`, the timeline is scoped to a year query: events that files read by the fast path
    (bulk.py) date outside those years are checked but not built, so `in_years(*years)` answers
    exactly as on the whole timeline while missions and other listings see only those years."""
    from .loader import RawMission, slugify

    problems: list[DatasetError] = [p for part in parts for p in part.problems]
    info: DatasetInfo | None = None
    agencies: dict[str, Agency] = {}
    raw_missions: dict[str, RawMission] = {}
    for part in parts:
        info = info or part.info
        for agency in part.agencies:
            agencies[agency.id] = agency
        for mission in part.missions:
            raw_missions[mission.id] = mission

    lenient = any(not part.strict for part in parts)
    agency_names: dict[str, str] = {}
    mission_names: dict[str, str] = {}
    if lenient:  # user files may name agencies and missions loosely
        for agency in agencies.values():
            for name in agency.names:
                agency_names.setdefault(normalize(name), agency.id)
        for mission in raw_missions.values():
            for name in (mission.id, mission.title, *mission.aliases):
                mission_names.setdefault(normalize(name), mission.id)
    waiting = [part for part in parts if part.pending is not None and part.indices is None and not part.events]
    if waiting:
        from .loader import SLUG

        scope = years if years is not None and _missions_resolve_alone(parts, raw_missions, SLUG) else None
        for part in waiting:
            _build_pending(part, parts, scope, agencies, agency_names)
    for agency in agencies.values():
        for rel in ("predecessors", "successors"):
            for other in getattr(agency, rel):
                if other not in agencies:
                    where = agency.origin if agency.origin != "bundled" else "data/agencies.json"
                    problems.append(DatasetError(where, f"unknown agency '{other}'", f"agency '{agency.id}'", rel))

    # An agency is credited only while it exists: a rule of the bundled dataset, which strict files
    # (the bundled ones, and `validate --strict`) follow; a user's own files may credit loosely.
    # The years strictly inside which each agency that has a founding or dissolution date existed:
    lifetimes = {
        agency.id: (agency.founded.year if agency.founded else 0, agency.dissolved.year if agency.dissolved else 10000)
        for agency in agencies.values() if agency.founded or agency.dissolved
    }
    events: dict[str, Event] = {}
    for part in parts:
        strict = part.strict
        # Many events name the same agencies and mission: resolve each distinct name once.
        resolved_agencies: dict[tuple[str, ...], tuple[tuple[str, ...], list[str]]] = {}
        resolved_missions: dict[str, str | None] = {}
        for index, event in enumerate(part.events):
            names = event.agencies
            found = resolved_agencies.get(names)
            if found is None:
                resolved, unknown = [], []
                for name in names:
                    agency_id = name if name in agencies else (None if strict else agency_names.get(normalize(name)))
                    if agency_id is None:
                        unknown.append(name)
                    else:
                        resolved.append(agency_id)
                found = resolved_agencies[names] = (tuple(dict.fromkeys(resolved)), unknown)
            agency_ids, unknown = found
            for name in unknown:
                problems.append(DatasetError(part.file, f"unknown agency '{name}'", part.label(index), "agencies"))
            for agency_id in agency_ids if strict else ():
                span = lifetimes.get(agency_id)
                # Only an event in or beyond a founding or dissolution year needs the exact check.
                if span is not None and not span[0] < event.date.year < span[1]:
                    reason = _outside_lifetime(agencies[agency_id], event.date)
                    if reason:
                        problems.append(DatasetError(part.file, reason, part.label(index), "agencies"))
            mission_id = event.mission
            if mission_id is not None and mission_id not in raw_missions:
                if mission_id in resolved_missions:
                    mission_id = resolved_missions[mission_id]
                else:
                    given = mission_id
                    found_id = None if strict else mission_names.get(normalize(given))
                    if found_id:
                        mission_id = found_id
                    elif strict:
                        problems.append(DatasetError(part.file, f"unknown mission '{given}'", part.label(index), "mission"))
                        mission_id = None
                    else:
                        new_id = slugify(given)
                        raw_missions.setdefault(new_id, RawMission(new_id, given, (), "", part.file))
                        mission_names.setdefault(normalize(given), new_id)
                        mission_id = new_id
                    if not strict:
                        resolved_missions[given] = mission_id
            if agency_ids != names or mission_id != event.mission:
                event = event._replace(agencies=agency_ids, mission=mission_id)
            events[event.id] = event

    ordered = chronological(events.values())
    by_mission: dict[str, list[Event]] = {}
    for event in ordered:
        if event.mission:
            by_mission.setdefault(event.mission, []).append(event)
    missions = [
        Mission(m.id, m.title, m.aliases, m.summary, tuple(by_mission.get(m.id, ())))
        for m in raw_missions.values()
    ]
    return Timeline(ordered, missions, list(agencies.values()), info, files, presorted=True), problems


def _outside_lifetime(agency: Agency, when) -> str | None:
    """Why `agency` cannot be credited on an event dated `when`, or None if it existed then.
    Dates compare at the coarser of the two precisions: an event of 1992 and an agency founded
    in 1992-02 agree, and so do an event of 1958-09 and an agency dissolved on 1958-09-30."""
    founded, dissolved = agency.founded, agency.dissolved
    if founded is not None and when.last_day() < founded.first_day():
        return f"agency '{agency.id}' did not exist yet on {when.iso()} (founded {founded.iso()})"
    if dissolved is not None and when.first_day() > dissolved.last_day():
        return f"agency '{agency.id}' no longer existed on {when.iso()} (dissolved {dissolved.iso()})"
    return None


def _build_pending(part: Parsed, parts: Sequence[Parsed], years: tuple[int, int] | None,
                   agencies: dict[str, Agency], agency_names: dict[str, str]) -> None:
    """Build the events of a fast-path file that the timeline needs: all of them, or with
    `years` those dated in them plus every event whose outcome depends on more than itself: one
    naming an agency nobody knows (to report it), one whose id another file also uses (the later
    replaces the earlier, in the earlier's place)."""
    from .loader import _parse_event

    pending = part.pending
    wanted: list[int] | None = None
    if years is not None:
        chosen = set(pending.indices_in_years(*years))
        others: set[str] = set()
        for other in parts:
            if other is not part:
                others.update(other.pending.id_set if other.pending is not None else (e.id for e in other.events))
        if not pending.id_set.isdisjoint(others):
            chosen.update(i for i, ident in enumerate(pending.ids) if ident in others)
        unknown = {n for n in pending.agency_names() if n not in agencies and normalize(n) not in agency_names}
        if unknown:
            chosen.update(pending.indices_naming(unknown))
        wanted = sorted(chosen)
    events = pending.build(wanted)
    if events is None:  # some text needs trimming: the careful parser builds these
        from .loader import Parsed

        scratch = Parsed(part.file, part.strict)
        for i in (range(len(pending)) if wanted is None else wanted):
            _parse_event(scratch, pending.raw(i), f"event {i + 1}", part.strict, pending.origin)
        part.problems.extend(scratch.problems)
        part.labels = scratch.labels
        events = scratch.events
    part.events, part.indices = events, wanted
    pending.release()


def _missions_resolve_alone(parts: Sequence[Parsed], raw_missions: dict, slug) -> bool:
    """True when each event's mission resolves to the same id whichever other events are built.
    A mission name no file declares becomes a new mission named after the first event that uses
    it, and a later, differently written name may fold onto it ('Apollo 11', 'apollo-11'); names
    that are already ids cannot fold onto one another, so with only those the order is moot."""
    from .bulk import all_slugs

    for part in parts:
        if part.strict:
            continue
        if part.pending is not None:
            if not all_slugs(part.pending.mission_names().difference(raw_missions), slug):
                return False
        elif not all(map(slug.fullmatch, ({e.mission for e in part.events} - {None}).difference(raw_missions))):
            return False
    return True


def chronological(events: Iterable[Event]) -> list[Event]:
    """Events in time order. An event known only to the day has no time to sort by, so on its
    day it follows the event of its mission listed just before it in the data (a landing stays
    after its own launch) rather than jumping to midnight."""
    events = list(events)
    last_time: dict[tuple[str, int], int] = {}
    keys = []
    for event in events:
        year, month, day, hour, minute, second = event.date
        day_key = (year * 13 + (month or 0)) * 32 + (day or 0)
        mission = event.mission
        if hour is not None:  # minutes of the day, then seconds (a minute-precision time first)
            time = (hour * 60 + minute) * 61 + (0 if second is None else second + 1)
        else:
            time = last_time.get((mission, day_key), -1) if mission else -1
        if mission:
            last_time[(mission, day_key)] = time
        keys.append(day_key * 100_000 + time)
    # sorted() is stable: events with equal keys keep the order of the data.
    return [events[i] for i in sorted(range(len(events)), key=keys.__getitem__)]


def _snapshot_part(timeline: Timeline) -> Parsed:
    """The bundled timeline as a parsed file, to merge user files on top of it."""
    from .loader import Parsed, RawMission

    part = Parsed("bundled", True, timeline.info)
    part.agencies = list(timeline.agencies.values())
    part.missions = [RawMission(m.id, m.title, m.aliases, m.summary, "bundled") for m in timeline.missions.values()]
    part.events, part.labels, part.numbered = list(timeline.events), None, False
    return part


def timeline_from_files(paths: Iterable[str] = (), bundled: bool = True, data_dir: Path | None = None,
                        years: tuple[int, int] | None = None) -> tuple[Timeline, list[DatasetError]]:
    """Load files and build a timeline, returning every problem instead of raising."""
    from .paths import bundled_dir, bundled_files

    parts: list[Parsed] = []
    files: list[LoadedFile] = []
    problems: list[DatasetError] = []
    paths = list(paths)
    if bundled and data_dir is None:
        from . import snapshot

        base = bundled_dir()
        found = bundled_files(base)
        prebuilt = snapshot.read(base, found)
        if prebuilt is not None:
            if not paths:
                return prebuilt, []
            parts.append(_snapshot_part(prebuilt))
            files.extend(f for f in prebuilt.files if f.bundled)
            bundled = False
    from .loader import iter_sources, parse_path

    if not bundled and not parts and data_dir is None:
        # Without the bundled events, the agency registry still stands: a user's file that
        # credits NASA needs no NASA of its own.
        registry = bundled_dir() / "agencies.json"
        if registry.is_file():
            part = parse_path(registry, "data/agencies.json", strict=True, origin="bundled")
            parts.append(part)
            files.append(LoadedFile("data/agencies.json", 0, 0, len(part.agencies), True))
    for path, label, is_bundled in iter_sources(paths, bundled, data_dir):
        try:
            part = parse_path(path, label, strict=is_bundled, origin="bundled" if is_bundled else label)
        except DatasetError as exc:
            problems.append(exc)
            continue
        parts.append(part)
        files.append(LoadedFile(label, part.count, len(part.missions), len(part.agencies), is_bundled))
    timeline, more = build(parts, files, years)
    return timeline, problems + more


def load(paths: Iterable[str] = (), bundled: bool = True, data_dir: Path | None = None,
         years: tuple[int, int] | None = None) -> Timeline:
    """Load and validate; raise DatasetErrors (exit 1 in the CLI) if anything is wrong.

    `years` (first, last) scopes the timeline to a year query, as `spacetime year` uses it:
    every file is still checked in full, but large files build only the events of those years
    (see build())."""
    import gc

    # Loading builds many small objects and none of them form cycles: the cyclic garbage
    # collector would rescan them again and again (about half the time of a 100,000-event file).
    collecting = gc.isenabled()
    gc.disable()
    try:
        timeline, problems = timeline_from_files(paths, bundled, data_dir, years)
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise DatasetErrors(problems)
    return timeline


def check_files(paths: Iterable[str], strict: bool = False) -> tuple[int, int, list[DatasetError]]:
    """Validate user files against the bundled dataset (their agencies and missions may refer to
    it). Returns (files read, events read, every problem); raises nothing."""
    from .loader import expand_paths, parse_path
    from .paths import bundled_dir, bundled_files

    base = bundled_dir()
    parts = [parse_path(p, f"data/{p.relative_to(base).as_posix()}", True, "bundled") for p in bundled_files()]
    problems: list[DatasetError] = []
    files = events = 0
    first_file: dict[str, str] = {}  # event id -> the checked file that has it first
    for raw in paths:
        try:
            expanded = expand_paths([raw])
        except DatasetError as exc:
            problems.append(exc)
            files += 1
            continue
        for path in expanded:
            files += 1
            try:
                part = parse_path(path, str(path), strict=strict, origin=str(path))
            except DatasetError as exc:
                problems.append(exc)
                continue
            parts.append(part)
            events += part.count
            ids = part.pending.ids if part.pending is not None else [e.id for e in part.events]
            reported: set[str] = set()
            for index, ident in enumerate(ids):
                other = first_file.setdefault(ident, part.file)
                if other != part.file and ident not in reported:
                    reported.add(ident)
                    label = f"event {index + 1} '{ident}'" if part.pending is not None else part.label(index)
                    problems.append(DatasetError(part.file, f"duplicate event id '{ident}', also in {other}", label, "id"))
    _, found = build(parts)
    return files, events, problems + found
