"""The timeline's nouns: events, the missions they make up, and the agencies that flew them.

Immutable named tuples: no terminal, no I/O, usable from a notebook as well as from the CLI.
Their fields come from the record definitions in schema.py. (Named tuples rather than
dataclasses because they cost almost nothing to define at start-up and are small and quick to
build when a user loads 100,000 events.)"""

from __future__ import annotations

from collections import namedtuple
from typing import NamedTuple

from . import schema
from .dates import PartialDate
from .schema import AGENCY_TYPES, KINDS, OUTCOMES  # noqa: F401  (re-exported: the model's vocabulary)


def record_type(record: schema.Record, *extra: tuple[str, object]) -> type:
    """A named tuple with the record's fields (schema.py), in its order, then the `extra` fields
    the model keeps beside the file's, as (name, default). Fields have their schema defaults,
    except the leading ones a record cannot be without."""
    names = [*record.names, *(name for name, _ in extra)]
    defaults = [*(f.default for f in record.fields), *(value for _, value in extra)]
    leading = 0
    while leading < len(record.fields) and record.fields[leading].required and record.fields[leading].default is None:
        leading += 1
    return namedtuple(f"_{record.name.title()}Fields", names, defaults=defaults[leading:])


class Source(record_type(schema.SOURCE)):  # type: ignore[misc]
    """A source: `title`, `url`."""

    __slots__ = ()


class Event(record_type(schema.EVENT, ("origin", "bundled"))):  # type: ignore[misc]
    """Something that happened on a date. Its fields are the event fields of schema.py, in their
    order (`id`, `title`, `date`, `kind`, `agencies`, `mission`, ... `sources`), then `origin`:
    where the event was loaded from, `bundled` or a user file's path."""

    __slots__ = ()

    @property
    def sort_key(self) -> tuple:
        return (self.date.sort_key, self.id)


class Mission(record_type(schema.MISSION, ("events", ()))):  # type: ignore[misc]
    """Events that belong together: the mission fields of schema.py, then `events` (its events,
    in time order)."""

    __slots__ = ()

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


class Agency(record_type(schema.AGENCY, ("origin", "bundled"))):  # type: ignore[misc]
    """A body that flies spaceflight: the agency fields of schema.py, then `origin`."""

    __slots__ = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every string a user may type to reach this agency."""
        return (self.id, self.abbreviation, self.name, *self.aliases)


class DatasetInfo(record_type(schema.DATASET)):  # type: ignore[misc]
    """What a dataset is: the dataset fields of schema.py."""

    __slots__ = ()


class LoadedFile(NamedTuple):
    """One file that fed the timeline, for `spacetime info`."""

    path: str
    events: int
    missions: int
    agencies: int
    bundled: bool = False
