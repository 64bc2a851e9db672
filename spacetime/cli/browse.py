"""Browsing commands: year, agency, missions, show, list, search, agencies, stats."""


from typing import Annotated

import typer

from . import (
    AgencyOpt,
    CountryOpt,
    CrewedOpt,
    DateOpt,
    Format,
    FormatOpt,
    FromOpt,
    KindOpt,
    LineageOpt,
    MissionOpt,
    NameArg,
    TagOpt,
    ToOpt,
    _complete_agency,
    _emit,
    _emit_document,
    _filters,
    _output,
    _state,
    _today,
    app,
)


@app.command()
def year(
    ctx: typer.Context,
    span: Annotated[str, typer.Argument(help="A year (1969), a range (1969..1972) or a decade (1960s).", show_default=False, metavar="YEARS")],
    agency: AgencyOpt = None,
    kind: KindOpt = None,
    launches: Annotated[bool, typer.Option("--launches", "-L", help="Add every orbital launch attempt of those years (GCAT's launch log).")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Every event in a year, a range of years or a decade, in date order.

    With --launches, the years' launch attempts follow in a table of their own (launch data from
    GCAT, J. McDowell, planet4589.org/space/gcat, converted).

    Example: spacetime year 1969 --launches
    """
    from ..dates import parse_span

    start, end = parse_span(span)
    timeline = _state(ctx).timeline(years=(start, end))
    events = timeline.in_years(start, end)
    if agency or kind:
        from ..query import Filters, select

        events = select(timeline, Filters.from_options(agencies=agency or (), kinds=kind or ()), events)
    label = str(start) if start == end else f"{start}-{end}"
    caption = f"{len(events)} events, {label} (dates in UTC)"
    if launches:
        from .launch import year_with_launches

        year_with_launches(ctx, events, start, end, fmt, caption)
        return
    _emit(ctx, "events", events, fmt, caption=caption, empty=f"No events in {label}.")


@app.command("agency")
def agency_cmd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Id, abbreviation, full name or alias: NASA, Soviet, 'Soviet space program'.",
                                        autocompletion=_complete_agency, show_default=False, metavar="AGENCY")],
    lineage: LineageOpt = False,
    launches: Annotated[bool, typer.Option("--launches", "-L", help="Add the agency's orbital launch attempts by year and outcome (GCAT).")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """An agency's card and its missions; --lineage adds predecessors and successors.

    With --launches, its launch attempts by year and outcome follow (launch data from GCAT,
    J. McDowell, planet4589.org/space/gcat, converted).

    Example: spacetime agency Roscosmos --lineage --launches
    """
    timeline = _state(ctx).timeline()
    agency = timeline.agency(name)
    ids = timeline.lineage(agency.id) if lineage else [agency.id]
    missions = timeline.missions_where(agencies=ids)
    loose = [e for e in timeline.events if e.mission is None and set(ids).intersection(e.agencies)]
    counts = None
    if launches:
        from .launch import check_listing_format, launch_counts

        check_listing_format(fmt, "agency --launches", (Format.table, Format.json))
        counts = launch_counts(ctx, ids)
    if fmt == Format.table:
        from ..render.table import render_agency_card

        render_agency_card(agency, [timeline.agencies[i] for i in ids], missions, loose, timeline.agencies, _output())
        if counts is not None:
            from .launch import print_launch_counts

            print_launch_counts(ctx, counts, agency, ids)
    elif fmt == Format.json:
        from .. import records

        events = timeline.by_agency(agency.id, lineage)
        doc = {**records.agency_record(agency, events), "lineage": ids,
               "missions": [records.mission_record(m) for m in missions],
               "other_events": [records.event_record(e) for e in loose]}
        if counts is not None:
            from .launch import launch_counts_doc

            doc["launches"] = launch_counts_doc(ctx, counts)
        _emit_document(doc)
    else:
        _emit(ctx, "missions", missions, fmt)


@app.command()
def missions(
    ctx: typer.Context,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    year: Annotated[str | None, typer.Option("--year", "-y", help="Only missions with an event in this year, range or decade.", metavar="YEARS")] = None,
    crewed: CrewedOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """One row per mission: first and last date, number of events, crewed or not.

    Example: spacetime missions --agency NASA --crewed
    """
    from ..dates import parse_span

    timeline = _state(ctx).timeline()
    ids = None
    if agency:
        ids = [i for name in agency for i in timeline.agency_ids(name, lineage)]
    span = parse_span(year) if year else None
    found = timeline.missions_where(agencies=ids, years=span, crewed=crewed)
    _emit(ctx, "missions", found, fmt, caption=f"{len(found)} missions", empty="No missions match.")


@app.command()
def show(
    ctx: typer.Context,
    name: NameArg,
    today: DateOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """One mission, event or launch in full: dates and times (UTC), crew, vehicle, site, sources.

    A launch tag (1969-059, 1957 ALP, 1958-F01) shows the launch from GCAT's launch log with its
    payloads and the curated events that tell its story.

    Example: spacetime show "Progress 92"
    """
    from ..dates import describe_elapsed
    from ..model import Mission
    from .launch import show_launch

    if show_launch(ctx, name, fmt):
        return
    timeline = _state(ctx).timeline()
    item, events = timeline.get_with_events(name)
    if fmt == Format.table:
        from ..render.table import render_detail

        now = _today(today)
        ago = {e.id: describe_elapsed(e.date, now) for e in events}
        mission = None if isinstance(item, Mission) else timeline.mission_of(item)
        render_detail(item, events, timeline.agencies, ago, _output(), mission=mission)
    elif fmt == Format.json:
        from .. import records

        if isinstance(item, Mission):
            _emit_document({**records.mission_record(item), "events": [records.event_record(e) for e in events]})
        else:
            _emit_document(records.event_record(item))
    else:
        _emit(ctx, "events", events, fmt)



@app.command("list")
def list_cmd(
    ctx: typer.Context,
    start: FromOpt = None,
    end: ToOpt = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    kind: KindOpt = None,
    country: CountryOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    mission: MissionOpt = None,
    sort: Annotated[str, typer.Option("--sort", "-s", help="Sort by date, title, kind, agency or mission.", metavar="KEY")] = "date",
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the order.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most this many events.", min=0, metavar="N")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Every event, narrowed by filters that combine (dates, agency, kind, country, tag, crew).

    Example: spacetime list --agency ESA --kind launch --format csv
    """
    from ..query import select, sort_events

    timeline = _state(ctx).timeline()
    events = select(timeline, _filters(start, end, agency, lineage, kind, country, tag, crewed, mission))
    events = sort_events(timeline, events, sort, reverse)
    total = len(events)
    if limit is not None:
        events = events[:limit]
    caption = f"{len(events)} of {total} events" if len(events) != total else f"{total} events"
    _emit(ctx, "events", events, fmt, caption=caption + " (dates in UTC)", empty="No events match.")


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(help="What to look for; typos are fine (Apolo 11, sputnk, Gagarin).", show_default=False, metavar="TEXT")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many results.", min=1, metavar="N")] = 10,
    fmt: FormatOpt = Format.table,
) -> None:
    """Ranked, typo-tolerant search over titles, aliases, missions, crew, vehicles, tags and summaries.

    Example: spacetime search first spacewalk
    """
    from ..errors import UsageError

    query = " ".join(text).strip()
    if not query:
        raise UsageError("Search for something: spacetime search 'Apollo 11'")
    timeline = _state(ctx).timeline()
    hits = timeline.search(query, limit=limit)
    _emit(ctx, "hits", hits, fmt, caption=f"{len(hits)} best matches for '{query}'", empty=f"Nothing matches '{query}'.")


@app.command()
def agencies(
    ctx: typer.Context,
    country: CountryOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Every agency: abbreviation, name, country, type, founding, events, lineage.

    Example: spacetime agencies --country JP
    """
    timeline = _state(ctx).timeline()
    wanted = {c.upper() for c in country or ()}
    rows = []
    for agency in sorted(timeline.agencies.values(), key=lambda a: (a.founded.sort_key if a.founded else (9999,), a.id)):
        if wanted and agency.country.upper() not in wanted:
            continue
        rows.append((agency, [e for e in timeline.events if agency.id in e.agencies]))
    _emit(ctx, "agencies", rows, fmt, caption=f"{len(rows)} agencies", empty="No agencies match.")


@app.command()
def stats(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", "-b", help="Group by decade, year, agency, kind or country; with --launches also vehicle, site, outcome.", metavar="GROUP")] = "decade",
    start: FromOpt = None,
    end: ToOpt = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    kind: KindOpt = None,
    country: CountryOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    launches: Annotated[bool, typer.Option("--launches", "-L", help="Count orbital launch attempts (GCAT) instead of events; also by vehicle, site and outcome.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Counts of events drawn as bars, by decade, year, agency, kind or country.

    With --launches, counts GCAT's launch attempts by year, decade, country, agency, vehicle, site
    or outcome (launch data from GCAT, J. McDowell, planet4589.org/space/gcat, converted).

    Example: spacetime stats --launches --by decade
    """
    from ..query import select
    from ..stats import count_by

    if launches:
        from .launch import launch_stats

        launch_stats(ctx, by, start, end, agency, lineage, kind, country, tag, crewed, fmt)
        return
    timeline = _state(ctx).timeline()
    events = select(timeline, _filters(start, end, agency, lineage, kind, country, tag, crewed))
    counts = count_by(timeline, events, by)
    info = timeline.info
    title = f"{len(events)} events by {by}"
    if info is not None:
        title += f" · dataset {info.version}, facts as of {info.as_of}" if info.as_of else f" · dataset {info.version}"
    _emit(ctx, "counts", counts, fmt, caption=title, by=by, empty="No events match.")
