"""The load pipeline: files -> decode and validate (loader.py, bulk.py) -> assemble -> Timeline.

Assembling merges the parsed files in order (a later file replaces an earlier record with the same
id), resolves every cross-reference (agencies, missions), builds the missions and puts the events
in time order. `load()` is the one way to a whole, validated Timeline; `load_years()` and
`load_days()` are the command line's fast paths for `spacetime year` and `spacetime today`, whose
Timelines answer only for those years or days."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DatasetError, DatasetErrors
from .model import Agency, DatasetInfo, Event, LoadedFile, Mission
from .names import normalize
from .timeline import Timeline

if TYPE_CHECKING:  # pragma: no cover
    from .loader import Parsed, RawMission


class Names:
    """How the events' names resolve: every agency and mission the files declare, and, where user
    files may name them loosely, each one's names normalized (`names.normalize`). A mission name
    nobody declares becomes a new mission the first time an event uses it. build() resolves every
    event through one of these; stream.py resolves a large file's events through the same one."""

    def __init__(self, agencies: dict[str, Agency], missions: dict[str, RawMission], lenient: bool) -> None:
        self.agencies, self.missions = agencies, missions
        self.agency_names: dict[str, str] = {}
        self.mission_names: dict[str, str] = {}
        if lenient:  # user files may name agencies and missions loosely
            for agency in agencies.values():
                for name in agency.names:
                    self.agency_names.setdefault(normalize(name), agency.id)
            for mission in missions.values():
                for name in (mission.id, mission.title, *mission.aliases):
                    self.mission_names.setdefault(normalize(name), mission.id)

    def agency_ids(self, names: Iterable[str], strict: bool) -> tuple[tuple[str, ...], list[str]]:
        """The ids the agency names stand for (each once), and the names that stand for none."""
        resolved, unknown = [], []
        for name in names:
            agency_id = name if name in self.agencies else (None if strict else self.agency_names.get(normalize(name)))
            if agency_id is None:
                unknown.append(name)
            else:
                resolved.append(agency_id)
        return tuple(dict.fromkeys(resolved)), unknown

    def mission_id(self, given: str, strict: bool, file: str) -> str | None:
        """The id of the mission an event of `file` names (declared, or new: see the class); None
        if a strict file names one nobody declares."""
        if given in self.missions:
            return given
        found = None if strict else self.mission_names.get(normalize(given))
        if found or strict:
            return found
        from .loader import RawMission, slugify

        new_id = slugify(given)
        self.missions.setdefault(new_id, RawMission(new_id, given, (), "", file))
        self.mission_names.setdefault(normalize(given), new_id)
        return new_id


def build(parts: Sequence[Parsed], files: Sequence[LoadedFile] = (), years: tuple[int, int] | None = None,
          days: frozenset[str] | None = None, names: list[Names] | None = None) -> tuple[Timeline, list[DatasetError]]:
    """Merge parsed files in order (later files replace earlier records with the same id) and
    check every cross-reference (and, in strict files, that each credited agency existed on the
    event's date). Returns the timeline and the problems found; `names`, when given, receives the
    Names the events were resolved by.

    With `years`, the timeline may be scoped to a year query: events that files read by the fast
    path (bulk.py) date outside those years are checked but not built, so `in_years(*years)`
    answers exactly as on the whole timeline while missions and other listings see only those
    years. Such a timeline has its `scope` set, and refuses `in_years` outside it. With `days`
    (`MM-DD`), likewise for the anniversaries on those days (`spacetime today`): the timeline has
    its `days` set, and refuses `in_years`."""

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

    resolver = Names(agencies, raw_missions, any(not part.strict for part in parts))
    if names is not None:
        names.append(resolver)
    waiting = [part for part in parts if part.pending is not None and part.indices is None and not part.events]
    scope = None
    if waiting:
        if (years is not None or days is not None) and missions_resolve_alone(parts, raw_missions):
            scope = years if years is not None else days
        for part in waiting:
            _build_pending(part, parts, scope, agencies, resolver.agency_names)
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
            names_given = event.agencies
            found = resolved_agencies.get(names_given)
            if found is None:
                found = resolved_agencies[names_given] = resolver.agency_ids(names_given, strict)
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
                    mission_id = resolver.mission_id(given, strict, part.file)
                    if mission_id is None:
                        problems.append(DatasetError(part.file, f"unknown mission '{given}'", part.label(index), "mission"))
                    else:
                        resolved_missions[given] = mission_id
            if agency_ids != names_given or mission_id != event.mission:
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
    timeline = Timeline(ordered, missions, list(agencies.values()), info, files, presorted=True)
    if isinstance(scope, tuple):
        timeline.scope = scope
    elif scope is not None:
        timeline.days = scope
    return timeline, problems


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


def _build_pending(part: Parsed, parts: Sequence[Parsed], scope: tuple[int, int] | frozenset[str] | None,
                   agencies: dict[str, Agency], agency_names: dict[str, str]) -> None:
    """Build the events of a fast-path file that the timeline needs: all of them, or with a
    `scope` (years, or days of the year) those dated in it plus every event whose outcome depends on more than itself: one
    naming an agency nobody knows (to report it), one whose id another file also uses (the later
    replaces the earlier, in the earlier's place)."""
    from .loader import _parse_event

    pending = part.pending
    wanted: list[int] | None = None
    if scope is not None:
        chosen = set(pending.indices_in_years(*scope) if isinstance(scope, tuple) else pending.indices_on_days(scope))
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


def missions_resolve_alone(parts: Sequence[Parsed], missions: dict) -> bool:
    """True when each event's mission resolves to the same id whichever other events are built.
    A mission name no file declares becomes a new mission named after the first event that uses
    it, and a later, differently written name may fold onto it ('Apollo 11', 'apollo-11'); names
    that are already ids cannot fold onto one another, so with only those the order is moot."""
    from .bulk import all_slugs
    from .loader import SLUG as slug

    for part in parts:
        if part.strict:
            continue
        if part.pending is not None:
            if not all_slugs(part.pending.mission_names().difference(missions), slug):
                return False
        elif not all(map(slug.fullmatch, ({e.mission for e in part.events} - {None}).difference(missions))):
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


def read_parts(paths: Iterable[str] = (), bundled: bool = True, data_dir: Path | None = None,
               by_month: bool = False) -> tuple[list[Parsed], list[LoadedFile], list[DatasetError], Timeline | None]:
    """Read every file, unmerged: the parsed files in order, what each held, the problems found
    reading them, and the bundled timeline itself when it is all there is (from its snapshot).
    `by_month`: see bulk.read."""
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
                return parts, files, problems, prebuilt
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
            part = parse_path(path, label, strict=is_bundled, origin="bundled" if is_bundled else label, by_month=by_month)
        except DatasetError as exc:
            problems.append(exc)
            continue
        parts.append(part)
        files.append(LoadedFile(label, part.count, len(part.missions), len(part.agencies), is_bundled))
    return parts, files, problems, None


def timeline_from_files(paths: Iterable[str] = (), bundled: bool = True, data_dir: Path | None = None,
                        years: tuple[int, int] | None = None,
                        days: frozenset[str] | None = None) -> tuple[Timeline, list[DatasetError]]:
    """Load files and build a timeline, returning every problem instead of raising."""
    parts, files, problems, prebuilt = read_parts(paths, bundled, data_dir)
    if prebuilt is not None:
        return prebuilt, []
    timeline, more = build(parts, files, years, days)
    return timeline, problems + more


def load(paths: Iterable[str] = (), bundled: bool = True, data_dir: Path | None = None) -> Timeline:
    """The whole timeline of the bundled dataset (or `data_dir`'s) and `paths`, validated; raises
    DatasetErrors (every problem found) if any file is wrong."""
    return _load(paths, bundled, data_dir, None)


def load_years(paths: Iterable[str], bundled: bool, years: tuple[int, int]) -> Timeline:
    """For `spacetime year` only: every file is still checked in full, but large files build only
    the events of `years` (see build()). The Timeline answers `in_years` within `years` exactly as
    the whole one would, and refuses other years; its missions and listings are partial."""
    return _load(paths, bundled, None, years)


def load_days(paths: Iterable[str], bundled: bool, days: frozenset[str]) -> Timeline:
    """For `spacetime today` and `anniversaries` around a day only: like load_years, for the
    events on `days` (`MM-DD`, see anniversaries.window_days) of any year. A 2-million-event file
    is checked in full but builds only the few thousand events on those days."""
    return _load(paths, bundled, None, None, days)


def load_unless(paths: Iterable[str], bundled: bool, instead: Callable[[list[Parsed], list[LoadedFile]], Any]) -> Any:
    """Read the files as load() does; then `instead(parts, files)` may answer in the timeline's
    place (stream.py) from the files read without problems, or return None: then the timeline
    is built from the same parts, as load() builds it."""
    return _load(paths, bundled, None, None, None, instead)


def _load(paths: Iterable[str], bundled: bool, data_dir: Path | None, years: tuple[int, int] | None,
          days: frozenset[str] | None = None, instead: Callable | None = None) -> Any:
    import gc

    # Loading builds many small objects and none of them form cycles: the cyclic garbage
    # collector would rescan them again and again. Measured from a wheel install (medians of 7
    # interleaved runs): `--data` a 100,000-event file `list --limit 1` 2.4 s with, 4.3 s without.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parts, files, problems, prebuilt = read_parts(paths, bundled, data_dir, by_month=instead is not None)
        if prebuilt is not None:
            return prebuilt
        answer = instead(parts, files) if instead is not None and not problems else None
        if answer is not None:
            return answer
        for part in parts:  # the texts grouped for `instead` (bulk.read): not needed to build
            if part.pending is not None:
                part.pending.months = None
        timeline, more = build(parts, files, years, days)
        problems += more
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise DatasetErrors(problems)
    return timeline


def write_snapshot(data_dir: Path, out: Path) -> None:
    """Load and validate the dataset in `data_dir` strictly and write its snapshot to `out` (the
    wheel's build hook does this; see snapshot.py)."""
    from . import snapshot

    snapshot.write(load(bundled=True, data_dir=data_dir), data_dir, out)


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


# -- the launch record ----------------------------------------------------------------------------
