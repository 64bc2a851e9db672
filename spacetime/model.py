"""The timeline's nouns: events, the missions they make up, and the agencies that flew them.

Immutable named tuples: no terminal, no I/O, usable from a notebook as well as from the CLI.
(Named tuples rather than dataclasses because they cost almost nothing to define at start-up and
are small and quick to build when a user loads 100,000 events.)"""

from __future__ import annotations

from typing import NamedTuple

from .dates import PartialDate

KINDS: tuple[str, ...] = (
    "launch", "landing", "splashdown", "docking", "undocking", "berthing", "eva", "flyby",
    "orbit-insertion", "impact", "sample-return", "deployment", "loss", "reentry", "founding",
    "milestone", "event", "other",
)
OUTCOMES: tuple[str, ...] = ("success", "partial", "failure")
AGENCY_TYPES: tuple[str, ...] = ("government", "commercial", "multinational", "academic")


class Source(NamedTuple):
    title: str
    url: str


class Event(NamedTuple):
    id: str
    title: str
    date: PartialDate
    kind: str = "event"
    agencies: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mission: str | None = None
    crewed: bool = False
    crew: tuple[str, ...] = ()
    vehicle: str | None = None
    site: str | None = None
    cospar: str | None = None
    launch: str | None = None
    """The GCAT launch tag of the launch this event belongs to (`1969-059`, `1957 ALP`, `1958-F01`)."""
    outcome: str | None = None
    summary: str = ""
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    origin: str = "bundled"
    """Where the event was loaded from: `bundled` or a user file's path."""

    @property
    def sort_key(self) -> tuple:
        return (self.date.sort_key, self.id)


class Mission(NamedTuple):
    id: str
    title: str
    aliases: tuple[str, ...] = ()
    summary: str = ""
    events: tuple[Event, ...] = ()

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for event in self.events for a in event.agencies))

    @property
    def crewed(self) -> bool:
        return any(event.crewed for event in self.events)

    @property
    def first(self) -> PartialDate | None:
        return self.events[0].date if self.events else None

    @property
    def last(self) -> PartialDate | None:
        return self.events[-1].date if self.events else None

    @property
    def crew(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for event in self.events for p in event.crew))


class Agency(NamedTuple):
    id: str
    abbreviation: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    type: str = "government"
    founded: PartialDate | None = None
    dissolved: PartialDate | None = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    origin: str = "bundled"

    @property
    def names(self) -> tuple[str, ...]:
        """Every string a user may type to reach this agency."""
        return (self.id, self.abbreviation, self.name, *self.aliases)


class DatasetInfo(NamedTuple):
    name: str
    version: str
    as_of: PartialDate | None
    description: str = ""


class LoadedFile(NamedTuple):
    """One file that fed the timeline, for `spacetime info`."""

    path: str
    events: int
    missions: int
    agencies: int
    bundled: bool = False
