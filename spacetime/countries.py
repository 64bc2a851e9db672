"""Countries as users name them: `China`, `CN`, `PRC`, `Soviet Union`, `USSR`, `United States`.

A small table of the countries the bundled agencies belong to, keyed by the code the data uses
(ISO 3166 alpha-2, with `SU` for the Soviet Union and `EU` for European multinational bodies).
No terminal, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .errors import UsageError


class Country(NamedTuple):
    code: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.code, self.name, *self.aliases)


COUNTRIES: tuple[Country, ...] = (
    Country("US", "United States", ("USA", "U.S.", "U.S.A.", "United States of America", "America")),
    Country("SU", "Soviet Union", ("USSR", "U.S.S.R.", "Soviet", "CCCP", "SSSR")),
    Country("RU", "Russia", ("Russian Federation",)),
    Country("CN", "China", ("PRC", "People's Republic of China")),
    Country("JP", "Japan", ()),
    Country("IN", "India", ()),
    Country("EU", "Europe", ("European", "multinational", "European multinational")),
    Country("FR", "France", ()),
    Country("GB", "United Kingdom", ("UK", "Britain", "Great Britain")),
    Country("CA", "Canada", ()),
    Country("KR", "South Korea", ("Korea", "Republic of Korea", "ROK")),
    Country("KP", "North Korea", ("DPRK", "Democratic People's Republic of Korea")),
    Country("IL", "Israel", ()),
    Country("IR", "Iran", ()),
    Country("DE", "Germany", ()),
    Country("IT", "Italy", ()),
    Country("NZ", "New Zealand", ()),
)


def _key(text: str) -> str:
    from .names import normalize

    return normalize(text)


def _index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in COUNTRIES:
        for name in country.names:
            index.setdefault(_key(name), country)
    return index


def find_country(name: str) -> Country | None:
    """The country called `name` (code, name or alias, any case), or None."""
    return _index().get(_key(name))


def country_name(code: str) -> str:
    for country in COUNTRIES:
        if country.code == code.upper():
            return country.name
    return code.upper()


def resolve_country(name: str, known_codes: Iterable[str] = ()) -> str:
    """The country code for `name`; also any two-letter code the loaded agencies use. An unknown
    name is a usage error that suggests the nearest ones."""
    found = find_country(name)
    if found is not None:
        return found.code
    known = {c.upper() for c in known_codes if c}
    if name.strip().upper() in known:
        return name.strip().upper()
    import difflib

    names = {_key(n): c for c in COUNTRIES for n in (c.name, *c.aliases)}
    close = difflib.get_close_matches(_key(name), list(names), n=3, cutoff=0.75)
    hints = list(dict.fromkeys(names[k].name for k in close))
    hint = (f" Did you mean {' or '.join(hints)}?" if hints
            else f" Known countries: {', '.join(sorted({c.code for c in COUNTRIES} | known))}.")
    raise UsageError(f"Unknown country '{name}'.{hint}")
