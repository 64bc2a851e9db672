"""The launch record in the CLI: the `launches` command, and the launch parts of `show`, `year`,
`agency`, `stats`, `info` and `export`. Launch data from GCAT (J. McDowell), converted."""


from typing import Annotated, Any

import typer

from ..errors import UsageError
from .core import _output, _state, app
from .options import AgencyOpt, CrewedOpt, LaunchFormatOpt, LineageOpt, chosen_format, complete_country

LISTING_FORMATS = ("table", "text", "json", "csv")


def record(ctx: typer.Context):
    """The launch record for this run (bundled, plus any GCAT .tsv files given), loaded once."""
    state = _state(ctx)
    found = getattr(state, "launch_record", None)
    if found is None:
        from ..record import load_record

        found = state.launch_record = load_record(state.paths(), bundled=state.bundled)
    return found


def agencies(ctx: typer.Context) -> dict:
    """The project's agencies (id -> Agency), which is all that most launch queries need of the
    curated timeline. With only the bundled dataset in use they come from the snapshot alone:
    unpickling the 918 curated events as well took 5 to 30 ms of a `launches` run."""
    state = _state(ctx)
    found = getattr(state, "launch_agencies", None)
    if found is None:
        loaded = getattr(state, "_timeline", None)  # a command that loaded the timeline anyway
        if loaded is not None:
            found = loaded.agencies
        elif state.bundled and not state.paths():
            from .. import snapshot
            from ..paths import bundled_dir, bundled_files

            base = bundled_dir()
            found = snapshot.read_agencies(base, bundled_files(base))
        if found is None:  # user files, or no snapshot (a source checkout): the timeline has them
            found = state.timeline().agencies
        state.launch_agencies = found
    return found


def rows(ctx: typer.Context, launches: list) -> list[dict[str, Any]]:
    from ..records import launch_record

    rec = record(ctx)
    agencies_ = agencies(ctx)
    return [launch_record(launch, rec, rec.credited_to(launch, agencies_)) for launch in launches]


def emit_launches(ctx: typer.Context, launches: list, fmt: str, caption: str, empty: str) -> None:
    from ..render import emit

    check_listing_format(fmt, "launches")
    rec = record(ctx)
    emit("launches", rows(ctx, launches), fmt, _output(), agencies=agencies(ctx),
         caption=f"{caption} · {rec.source.citation}", empty=empty, source=source_doc(rec))


def source_doc(rec) -> dict[str, Any]:
    return {"attribution": rec.attribution(), **rec.provenance()}


def filters(ctx: typer.Context, span: str | None = None, agency: list[str] | None = None, lineage: bool = False,
            country: list[str] | None = None, vehicle: str | None = None, site: list[str] | None = None,
            outcome: list[str] | None = None, crewed: bool | None = None):
    """LaunchFilters from the command line's words."""
    from ..dates import parse_span
    from ..launches import LaunchFilters, check_outcome, country_code, sites_matching

    rec = record(ctx)
    years = parse_span(span) if span else None
    agency_ids = None
    if agency:
        timeline = _state(ctx).timeline()
        agency_ids = frozenset(i for name in agency for i in timeline.agency_ids(name, lineage))
    countries = frozenset(country_code(rec, c) for c in country) if country else None
    sites = None
    if site:
        found: set[str] = set()
        for name in site:
            matched = sites_matching(rec, name)
            if not matched:
                raise UsageError(f"No launch site matches '{name}'. Try a place (Baikonur, Kourou, Cape Canaveral) "
                                 "or a GCAT site code (KSC, CSG, NIIP-5).")
            found |= matched
        sites = frozenset(found)
    outcomes = frozenset(check_outcome(o) for o in outcome) if outcome else None
    if vehicle is not None:
        from ..launches import vehicle_matches

        if not any(vehicle_matches(vehicle, launch.vehicle) for launch in rec.launches):
            import difflib

            names = sorted({launch.vehicle for launch in rec.launches})
            close = difflib.get_close_matches(vehicle, names, n=3, cutoff=0.6)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            raise UsageError(f"No rocket called '{vehicle}' in the launch record.{hint}")
    return LaunchFilters(years, agency_ids, countries, vehicle, sites, outcomes, crewed)


CountryOpt = Annotated[list[str] | None, typer.Option(
    "--country", "-c", metavar="COUNTRY", autocompletion=complete_country,
    help="Only rockets of this country: USSR, 'Soviet Union', Russia, US, China, France, Japan ...; repeatable.")]
def _complete_vehicle(incomplete: str) -> list[str]:
    from ..record import load_record
    from .options import _starting

    try:
        names = sorted({launch.vehicle for launch in load_record().launches})
    except Exception:  # completion must never break the shell
        return []
    return _starting(names, incomplete)


def _complete_site(incomplete: str) -> list[str]:
    from ..record import load_record
    from .options import _starting

    try:
        record_ = load_record()
        names = sorted({record_.site_name(code) for code in record_.table.sites} | set(record_.table.sites))
    except Exception:  # completion must never break the shell
        return []
    return _starting(names, incomplete)


VehicleOpt = Annotated[str | None, typer.Option("--vehicle", "-V", autocompletion=_complete_vehicle, help="Only this rocket family (Falcon 9, Soyuz, Saturn V, Long March 5).", metavar="ROCKET")]
SiteOpt = Annotated[list[str] | None, typer.Option("--site", "-s", autocompletion=_complete_site, help="Only this launch site, by place or GCAT code (Baikonur, Kourou, KSC); repeatable.", metavar="SITE")]
OutcomeOpt = Annotated[list[str] | None, typer.Option("--outcome", "-o", help="Only success, failure, partial, pad-explosion or unknown; repeatable.", metavar="OUTCOME")]


@app.command()
def launches(
    ctx: typer.Context,
    span: Annotated[str | None, typer.Argument(help="A year (1969), a range (1969..1972) or a decade (1960s); all years if left out.", show_default=False, metavar="[YEARS]")] = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    vehicle: VehicleOpt = None,
    site: SiteOpt = None,
    outcome: OutcomeOpt = None,
    crewed: CrewedOpt = None,
    fmt: LaunchFormatOpt = None,
) -> None:
    """Every orbital launch attempt from GCAT's launch log, with rocket, site, agency, payloads, outcome.

    Launch data: GCAT (J. McDowell, planet4589.org/space/gcat), CC BY 4.0, converted by spacetime.
    Newer logs: spacetime --data launchlog.tsv launches 2025

    Example: spacetime launches 1969 --outcome failure
    """
    from ..launches import select

    chosen = filters(ctx, span, agency, lineage, country, vehicle, site, outcome, crewed)
    found = select(record(ctx), chosen, agencies(ctx))
    failed = sum(1 for launch in found if launch.outcome in ("failure", "pad-explosion"))
    where = ""
    if chosen.years:
        start, end = chosen.years
        where = f" in {start}" if start == end else f" in {start}-{end}"
    noun = "launch attempt" if len(found) == 1 else "launch attempts"
    caption = f"{len(found)} {noun}{where} ({failed} failed)"
    emit_launches(ctx, found, chosen_format(fmt), caption, empty=f"No launches match{where}.")


def show_launch(ctx: typer.Context, name: str, fmt: str) -> bool:
    """`spacetime show 1969-059`: the launch in full with its curated events; False if `name` is
    not a launch tag in the record."""
    from ..launches import linked_events, looks_like_tag, normalize_tag

    if not looks_like_tag(name):
        return False
    rec = record(ctx)
    launch = rec.get(name)
    if launch is None:
        return False
    timeline = _state(ctx).timeline()
    events = linked_events(timeline.events).get(normalize_tag(launch.tag), [])
    missions = [m for m in dict.fromkeys(timeline.mission_of(e) for e in events) if m is not None]
    (row,) = rows(ctx, [launch])
    if fmt in ("table", "text"):
        from ..render.table import render_launch

        render_launch(row, events, missions, timeline.agencies, rec.attribution(), _output())
    elif fmt == "json":
        from .. import records
        from ..render import emit_document

        emit_document({**row, "events": [records.event_record(e) for e in events],
                       "missions": [m.id for m in missions], "source": source_doc(rec)}, _output())
    elif fmt == "csv":
        emit_launches(ctx, [launch], fmt, "", "")
    else:
        raise UsageError(f"--format {fmt} is not available for a launch: use table, text, json or csv")
    return True


def launch_counts(ctx: typer.Context, agency_ids: list[str]) -> list[tuple[int, dict[str, int]]]:
    """An agency's launch attempts by year and outcome."""
    from ..launches import LaunchFilters, by_year_and_outcome, select

    timeline = _state(ctx).timeline()
    found = select(record(ctx), LaunchFilters(agencies=frozenset(agency_ids)), timeline.agencies)
    return by_year_and_outcome(found)


def check_listing_format(fmt: str, what: str, allowed: tuple[str, ...] = LISTING_FORMATS) -> None:
    if fmt not in allowed:
        raise UsageError(f"--format {fmt} is not available for {what}: use {', '.join(allowed)}")


def year_with_launches(ctx: typer.Context, events: list, start: int, end: int, fmt: str, caption: str) -> None:
    """`year --launches`: the curated events, then the years' launch attempts, told apart."""
    check_listing_format(fmt, "year --launches", ("table", "text", "json"))
    rec = record(ctx)
    found = rec.in_years(start, end)
    label = str(start) if start == end else f"{start}-{end}"
    if fmt == "json":
        from .. import records
        from ..render import emit_document

        emit_document({"events": [records.event_record(e) for e in events], "launches": rows(ctx, found),
                       "source": source_doc(rec)}, _output())
        return
    from ..render import emit

    timeline = _state(ctx).timeline()
    out = _output()
    emit("events", events, fmt, out, agencies=timeline.agencies, missions=timeline.missions,
         caption=f"Curated events: {caption}", empty=f"No curated events in {label}.")
    out.write("\n")  # a blank line between the curated events and the launch record, in lines too
    failed = sum(1 for launch in found if launch.outcome in ("failure", "pad-explosion"))
    emit_launches(ctx, found, fmt, f"Launch record: {len(found)} orbital launch attempts in {label} ({failed} failed)",
                  empty=f"No launch attempts in {label}.")


def print_launch_counts(ctx: typer.Context, counts: list, heads: list, ids: list[str], fmt: str) -> None:
    from ..render.table import render_launch_counts

    total = sum(sum(row.values()) for _, row in counts)
    names = ", ".join(agency.abbreviation for agency in heads)
    out = _output()
    out.write("\n")
    if not counts:
        out.write(f"No launch attempts in the launch record are credited to {names}.\n")
        return
    rec = record(ctx)
    render_launch_counts(counts, f"{total} orbital launch attempts credited to {names}"
                                 f"{' and lineage' if len(ids) > len(heads) else ''} · {rec.source.citation}", out,
                         lines=fmt == "text")


def launch_counts_doc(ctx: typer.Context, counts: list) -> dict[str, Any]:
    return {"by_year": [{"year": year, "launches": sum(row.values()), **row} for year, row in counts],
            "source": source_doc(record(ctx))}


def launch_stats(ctx: typer.Context, by: str, start: str | None, end: str | None, year: str | None,
                 agency: list[str] | None, lineage: bool, kind: list[str] | None, country: list[str] | None,
                 tag: list[str] | None, crewed: bool | None, fmt: str) -> None:
    """`stats --launches`: launch attempts counted by year, decade, country, agency, vehicle, site or outcome."""
    from ..dates import parse_user_date
    from ..launches import count_by, select
    from ..render import emit

    if kind or tag:
        raise UsageError("--kind and --tag narrow curated events, not launches: use --country, --agency or --crewed "
                         "with --launches (or 'spacetime launches' for --vehicle, --site, --outcome)")
    if year and (start or end):
        raise UsageError("--year cannot be combined with --from or --to")
    first = parse_user_date(start, "--from date") if start else None
    last = parse_user_date(end, "--to date") if end else None
    span = year or (f"{first.year if first else 1957}..{last.year if last else 9999}" if first or last else None)
    found = select(record(ctx), filters(ctx, span, agency, lineage, country, crewed=crewed), agencies(ctx), heads=True)
    if first or last:
        low = first.first_day() if first else None
        high = last.last_day() if last else None
        found = [launch for launch in found if (low is None or launch.when.last_day() >= low)
                 and (high is None or launch.when.first_day() <= high)]
    counts = count_by(record(ctx), found, by)
    rec = record(ctx)
    emit("counts", counts, fmt, _output(), by=by, noun="Launches", source=source_doc(rec),
         caption=f"{len(found)} orbital launch attempts by {by} · {rec.source.citation}", empty="No launches match.")


def export_sqlite(ctx: typer.Context, output, filtered: bool) -> None:
    """`export --format sqlite --output FILE`: everything, launch record included."""
    if output is None:
        raise UsageError("--format sqlite needs --output FILE (a database is not written to the terminal)")
    if filtered:
        raise UsageError("--format sqlite exports everything: filters do not apply (query the database instead)")
    from pathlib import Path

    from ..render.sqlite import write_sqlite

    path = Path(output)
    if path.is_dir():
        raise UsageError(f"--output {output} is a directory: name a file")
    if not path.parent.is_dir():
        raise UsageError(f"--output {output}: no such directory {path.parent}")
    counts = write_sqlite(path, _state(ctx).timeline(), record(ctx))
    import sys

    sys.stderr.write(f"Wrote {path}: {counts['events']} events, {counts['missions']} missions, {counts['agencies']} "
                     f"agencies, {counts['launches']} launches, {counts['payloads']} payloads.\n")
