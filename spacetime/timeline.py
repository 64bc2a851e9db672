"""The Timeline: every loaded event, mission and agency, indexed for the questions users ask.

It is the model the queries (query.py, search.py, anniversaries.py, stats.py) ask: it knows
nothing of files (assemble.py builds it) or of the command line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter

from .errors import UsageError
from .model import Agency, DatasetInfo, Event, LoadedFile, Mission
from .names import normalize

__all__ = ["MAX_NAME", "MAX_QUERY", "Timeline", "check_name", "normalize"]


class Timeline:
    """An immutable, validated view of one or more datasets."""

    scope: tuple[int, int] | None = None
    """None for a whole timeline. The CLI's `year` command builds one scoped to its years
    (assemble.load_years): only `in_years` within them may be asked of it."""
    days: frozenset[str] | None = None
    """None for a whole timeline. The CLI's `today` builds one holding only the events on these
    days of the year (`MM-DD`, assemble.load_days), for their anniversaries."""

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
        check_name(name, "name")
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
            raise UsageError(f"No mission or event called '{name}'.")
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
        check_name(name, "agency")
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
        check_name(name, "agency")
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
        if self.days is not None:
            raise ValueError("this timeline holds only the events on some days of the year, for their "
                             "anniversaries: load the whole timeline (spacetime.load) for years")
        if self.scope is not None and not self.scope[0] <= start <= end <= self.scope[1]:
            raise ValueError(f"this timeline holds only the events of {self.scope[0]}..{self.scope[1]}, "
                             f"not {start}..{end}: load the whole timeline (spacetime.load) for other years")
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


def _first_key(item: Event | Mission) -> tuple:
    date = item.first if isinstance(item, Mission) else item.date
    return date.sort_key if date is not None else (9999,)


# Names and search text longer than this are not names: fuzzy matching them costs time in
# proportion to their length times the dataset's.
MAX_NAME = 300
MAX_QUERY = 500


def check_name(name: object, what: str, longest: int = MAX_NAME) -> None:
    if not isinstance(name, str):
        raise TypeError(f"the {what} must be text (str), got {type(name).__name__}")
    if len(name) > longest:
        raise UsageError(f"The {what} is {len(name)} characters long; at most {longest}.")


def _mission_key(mission: Mission) -> tuple:
    first = mission.first
    return (first.sort_key if first else (9999,), mission.id)
