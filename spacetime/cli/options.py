"""The options every listing command shares, defined once: the filter set (`--agency` with
`--lineage`, `--country`, `--kind`, `--tag`, `--crewed/--uncrewed`, `--year`, `--from`/`--to`,
`--mission`), one builder that turns them into a `query.Filters`, the `--format` choices each
command really renders, and shell completion for names.

A new listing command (a `launches` command, say) takes the aliases it needs as parameters and
passes them to `filters()`:

    def launches(ctx, agency: AgencyOpt = None, lineage: LineageOpt = False,
                 country: CountryOpt = None, year: YearOpt = None, ...):
        wanted = filters(agency=agency, lineage=lineage, country=country, year=year)
"""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated, Any

import typer

from ..errors import SpacetimeError


# -- completion -------------------------------------------------------------------------------------
def _timeline():
    try:
        from ..assemble import load

        return load()
    except SpacetimeError:
        return None


_SPECIAL = " ()'&;|<>$`\\\"*?[]#~!{}"


def _shell_word(name: str, typed: str) -> str:
    """A candidate as the shell should insert it. It must begin with what was typed (Typer drops
    any other), so the typed prefix is kept as typed and matching ignores case. Bash inserts a
    candidate as it is: a name with spaces or parentheses gets backslashes (`ISA\\ \\(Iran\\)`),
    unless the user is already inside quotes. Zsh and fish quote candidates themselves."""
    word = typed + name[len(typed):]
    shell = next((v for k, v in os.environ.items() if k.endswith("_COMPLETE")), "")
    if "bash" in shell and not any(c in typed for c in _SPECIAL):
        word = typed + "".join("\\" + c if c in _SPECIAL else c for c in word[len(typed):])
    return word


def _starting(names: list[str], incomplete: str) -> list[str]:
    """Names that begin with `incomplete` in any case, one per spelling that differs only in case
    (the one typed as the user types it first: `ros` offers `roscosmos`, `Ros` `Roscosmos`)."""
    typed = incomplete.lower()
    chosen: dict[str, str] = {}
    for name in names:
        if name.lower().startswith(typed):
            key = name.lower()
            if key not in chosen or (name.startswith(incomplete) and not chosen[key].startswith(incomplete)):
                chosen[key] = name
    return [_shell_word(n, incomplete) for n in chosen.values()]


def complete_agency(incomplete: str) -> list[str]:
    timeline = _timeline()
    if timeline is None:
        return []
    names = sorted({a.abbreviation for a in timeline.agencies.values()}, key=str.casefold)
    return _starting(names, incomplete)


def complete_country(incomplete: str) -> list[str]:
    from ..countries import COUNTRIES

    names = [c.name for c in COUNTRIES] + [c.code for c in COUNTRIES]
    return _starting(names, incomplete)


def complete_kind(incomplete: str) -> list[str]:
    from ..model import KINDS

    return _starting(list(KINDS), incomplete)


def complete_tag(incomplete: str) -> list[str]:
    timeline = _timeline()
    if timeline is None:
        return []
    return _starting(sorted({t for e in timeline.events for t in e.tags}), incomplete)


def complete_name(incomplete: str) -> list[str]:
    timeline = _timeline()
    if timeline is None:
        return []
    ids = [*timeline.missions, *(e.id for e in timeline.events)]
    return _starting(ids, incomplete)[:200]


# -- the filter set -------------------------------------------------------------------------------
AgencyOpt = Annotated[list[str] | None, typer.Option(
    "--agency", "-a", metavar="NAME", autocompletion=complete_agency,
    help="Only this agency (abbreviation, name or alias) or country's agencies; repeatable.")]
LineageOpt = Annotated[bool, typer.Option("--lineage", help="With --agency: add predecessors and successors.")]
CountryOpt = Annotated[list[str] | None, typer.Option(
    "--country", "-c", metavar="COUNTRY", autocompletion=complete_country,
    help="Only agencies of this country: China, CN, PRC, USSR, 'Soviet Union', US ...; repeatable.")]
KindOpt = Annotated[list[str] | None, typer.Option(
    "--kind", "-k", metavar="KIND", autocompletion=complete_kind,
    help="Only this kind of event (launch, landing, eva ...); repeatable.")]
TagOpt = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", metavar="TAG", autocompletion=complete_tag,
    help="Only events with this tag (first, moon, station ...); repeatable.")]
CrewedOpt = Annotated[bool | None, typer.Option(
    "--crewed/--uncrewed", show_default=False, help="Only crewed, or only uncrewed, events.")]
YearOpt = Annotated[str | None, typer.Option(
    "--year", "-y", metavar="YEARS", help="Only this year, range or decade (1969, 1969..1972, 1960s).")]
FromOpt = Annotated[str | None, typer.Option(
    "--from", metavar="DATE", help="From this date, inclusive (1961, 1969-07, 1969-07-16).")]
ToOpt = Annotated[str | None, typer.Option(
    "--to", metavar="DATE", help="Up to this date, inclusive (--to 1969-07 ends on 31 July).")]
MissionOpt = Annotated[str | None, typer.Option(
    "--mission", "-m", metavar="MISSION", autocompletion=complete_name, help="Only the events of this mission.")]
NameArg = Annotated[list[str], typer.Argument(
    metavar="NAME...", autocompletion=complete_name, show_default=False,
    help="A mission or event: id, title or alias; no quotes needed (apollo 11, ASTP, progress 92).")]
DateOpt = Annotated[str | None, typer.Option(
    "--date", "-d", metavar="YYYY-MM-DD", help="Take this day as today instead of the local date.")]


def filters(agency: list[str] | None = None, lineage: bool = False, kind: list[str] | None = None,
            country: list[str] | None = None, tag: list[str] | None = None, crewed: bool | None = None,
            year: str | None = None, start: str | None = None, end: str | None = None,
            mission: str | None = None):
    """The one builder: command-line values to a `query.Filters` (checked: an unknown kind or a bad
    year is a usage error here, an unknown agency or country when the filter meets the data)."""
    from ..dates import parse_span, parse_user_date
    from ..errors import UsageError
    from ..query import Filters, check_kind

    if lineage and not agency:
        raise UsageError("--lineage needs --agency (spacetime list --agency JAXA --lineage)")
    first = parse_user_date(start, "--from date") if start else None
    last = parse_user_date(end, "--to date") if end else None
    if first and last and last.last_day() < first.first_day():
        raise UsageError(f"Invalid range: --to {end} is before --from {start}")
    for name in kind or ():
        check_kind(name)
    return Filters(first, last, tuple(agency or ()), lineage, tuple(k.lower() for k in kind or ()),
                   tuple(country or ()), tuple(t.lower() for t in tag or ()), crewed, mission,
                   parse_span(year) if year else None)


def joined(words: list[str] | None) -> str:
    """Words of a name typed without quotes (`show apollo 11`) as one name."""
    return " ".join(w.strip() for w in words or () if w.strip())


# -- formats --------------------------------------------------------------------------------------
def _formats(name: str, *values: str) -> type[Enum]:
    return Enum(name, {v: v for v in values}, type=str)  # type: ignore[return-value]


def format_option(enum: type[Enum], what: str) -> Any:
    choices = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
    return Annotated[enum | None, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", case_sensitive=False, metavar="FORMAT", show_default=False,
        help=f"{choices}. Default: a table on a terminal, one {what} per line otherwise.")]


EventFormat = _formats("EventFormat", "table", "text", "json", "csv", "ics", "timelinejs")
AnniversaryFormat = _formats("AnniversaryFormat", "table", "text", "json", "csv", "ics", "markdown")
ListFormat = _formats("ListFormat", "table", "text", "json", "csv")
CardFormat = _formats("CardFormat", "table", "text", "json", "csv")
DocFormat = _formats("DocFormat", "text", "json")
ExportFormat = _formats("ExportFormat", "json", "csv", "ics", "timelinejs", "sqlite")
LaunchFormat = _formats("LaunchFormat", "table", "text", "json", "csv")
ReportFormat = _formats("ReportFormat", "text", "json", "csv")

EventFormatOpt = format_option(EventFormat, "event")
AnniversaryFormatOpt = format_option(AnniversaryFormat, "anniversary")
ListFormatOpt = format_option(ListFormat, "record")
CardFormatOpt = format_option(CardFormat, "mission")
DocFormatOpt = Annotated[DocFormat | None, typer.Option(  # type: ignore[valid-type]
    "--format", "-f", case_sensitive=False, metavar="FORMAT", show_default=False, help="text or json.")]
ReportFormatOpt = Annotated[ReportFormat | None, typer.Option(  # type: ignore[valid-type]
    "--format", "-f", case_sensitive=False, metavar="FORMAT", show_default=False,
    help="text (the default), json or csv: one row per problem with file, line, record, field, problem.")]
ExportFormatOpt = Annotated[ExportFormat, typer.Option(  # type: ignore[valid-type]
    "--format", "-f", case_sensitive=False, metavar="FORMAT",
    help="json, csv, ics or timelinejs; sqlite (with --output) for everything, launch record included.")]
LaunchFormatOpt = format_option(LaunchFormat, "launch")


def chosen_format(fmt: Any) -> str:
    """The format asked for, or by default a table on a terminal and plain lines otherwise."""
    if fmt is not None:
        return fmt.value
    import sys

    try:
        return "table" if sys.stdout.isatty() else "text"
    except (AttributeError, ValueError):
        return "text"
