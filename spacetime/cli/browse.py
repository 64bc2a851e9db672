"""Browsing commands: year, agency, missions, show, list, search, agencies, stats."""


from typing import Annotated

import typer

from .core import _emit, _emit_document, _emit_stream, _output, _state, _today, app
from .options import (
    AgencyOpt,
    CardFormatOpt,
    CountryOpt,
    CrewedOpt,
    DateOpt,
    EventFormatOpt,
    FromOpt,
    KindOpt,
    LineageOpt,
    ListFormatOpt,
    MissionOpt,
    NameArg,
    TagOpt,
    ToOpt,
    YearOpt,
    chosen_format,
    complete_agency,
    filters,
    joined,
)


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    from ..dates import _plural as plural_of

    return plural_of(n, noun) if plural is None else f"{n} {noun if n == 1 else plural}"


@app.command()
def year(
    ctx: typer.Context,
    span: Annotated[str, typer.Argument(help="A year (1969), a range (1969..1972) or a decade (1960s).", show_default=False, metavar="YEARS")],
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    launches: Annotated[bool, typer.Option("--launches", "-L", help="Add every orbital launch attempt of those years (GCAT's launch log).")] = False,
    fmt: EventFormatOpt = None,
) -> None:
    """Every event in a year, a range of years or a decade, in date order.

    With --launches, the years' launch attempts follow in a table of their own (launch data from
    GCAT, J. McDowell, planet4589.org/space/gcat, converted).

    Example: spacetime year 1969 --launches
    """
    from ..dates import parse_span

    start, end = parse_span(span)
    wanted = None
    if agency or lineage or kind or country or tag or crewed is not None:  # the plain run imports no query module
        wanted = filters(agency=agency, lineage=lineage, kind=kind, country=country, tag=tag, crewed=crewed)
    timeline = _state(ctx).timeline(years=(start, end))
    events = timeline.in_years(start, end)
    if wanted is not None and wanted.any:
        from ..query import select

        events = select(timeline, wanted, events)
    label = str(start) if start == end else f"{start}-{end}"
    caption = f"{_plural(len(events), 'event')}, {label} (dates in UTC)"
    if launches:
        from .launch import year_with_launches

        year_with_launches(ctx, events, start, end, chosen_format(fmt), caption)
        return
    _emit(ctx, "events", events, chosen_format(fmt), caption=caption, empty=f"No events in {label}.")


@app.command("agency")
def agency_cmd(
    ctx: typer.Context,
    name: Annotated[list[str], typer.Argument(help="Abbreviation, full name, alias or country; no quotes needed: NASA, soviet space program, China.",
                                              autocompletion=complete_agency, show_default=False, metavar="AGENCY...")],
    lineage: LineageOpt = False,
    year: YearOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    launches: Annotated[bool, typer.Option("--launches", "-L", help="Add the agency's orbital launch attempts by year and outcome (GCAT).")] = False,
    fmt: CardFormatOpt = None,
) -> None:
    """An agency's card and its missions (a country's agencies for a country); --lineage adds predecessors and successors.

    With --launches, its launch attempts by year and outcome follow (launch data from GCAT,
    J. McDowell, planet4589.org/space/gcat, converted).

    Example: spacetime agency Roscosmos --lineage --launches
    """
    from ..query import select, select_missions

    wanted = filters(year=year, kind=kind, tag=tag, crewed=crewed)
    timeline = _state(ctx).timeline()
    country, found = timeline.agency_or_country(joined(name))
    ids = list(dict.fromkeys(i for a in found for i in (timeline.lineage(a) if lineage else [a])))
    missions = select_missions(timeline, wanted, agency_ids=ids)
    loose = [e for e in timeline.events if e.mission is None and set(ids).intersection(e.agencies)]
    if wanted.any:
        loose = select(timeline, wanted, loose)
    fmt_name = chosen_format(fmt)
    counts = None
    if launches:
        from .launch import check_listing_format, launch_counts

        check_listing_format(fmt_name, "agency --launches", ("table", "text", "json"))
        counts = launch_counts(ctx, ids)
    if fmt_name in ("table", "text"):
        from ..render.table import render_agency_card

        heads = [timeline.agencies[a] for a in found]
        render_agency_card(heads, [timeline.agencies[i] for i in ids], missions, loose, timeline.agencies, _output(),
                           country=country, lines=fmt_name == "text")
        if counts is not None:
            from .launch import print_launch_counts

            print_launch_counts(ctx, counts, heads, ids, fmt_name)
    elif fmt_name == "json":
        from .. import records

        events = [e for e in timeline.events if set(ids).intersection(e.agencies)]
        base = (records.agency_record(timeline.agencies[found[0]], events) if country is None
                else {"country": country, "agencies": [records.agency_record(timeline.agencies[a], []) for a in found]})
        doc = {**base, "lineage": ids,
               "missions": [records.mission_record(m) for m in missions],
               "other_events": [records.event_record(e) for e in loose]}
        if counts is not None:
            from .launch import launch_counts_doc

            doc["launches"] = launch_counts_doc(ctx, counts)
        _emit_document(doc)
    else:
        _emit(ctx, "missions", missions, fmt_name)


@app.command()
def missions(
    ctx: typer.Context,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    year: YearOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    fmt: ListFormatOpt = None,
) -> None:
    """One row per mission: first and last date, number of events, crewed or not.

    Example: spacetime missions --agency NASA --crewed
    """
    from ..query import select_missions

    wanted = filters(agency=agency, lineage=lineage, country=country, year=year, kind=kind, tag=tag, crewed=crewed)
    timeline = _state(ctx).timeline()
    found = select_missions(timeline, wanted)
    _emit(ctx, "missions", found, chosen_format(fmt), caption=_plural(len(found), "mission"), empty="No missions match.")


@app.command()
def show(
    ctx: typer.Context,
    name: NameArg,
    today: DateOpt = None,
    fmt: EventFormatOpt = None,
) -> None:
    """One mission, event or launch in full: dates and times (UTC), crew, vehicle, site, sources.

    A launch tag (1969-059, 1957 ALP, 1958-F01) shows the launch from GCAT's launch log with its
    payloads and the curated events that tell its story.

    Example: spacetime show progress 92
    """
    from ..dates import describe_elapsed
    from ..model import Mission
    from ..search import get_with_events
    from .launch import show_launch

    if show_launch(ctx, joined(name), chosen_format(fmt)):
        return
    timeline = _state(ctx).timeline()
    item, events = get_with_events(timeline, joined(name))
    fmt_name = chosen_format(fmt)
    if fmt_name in ("table", "text"):
        from ..render.table import render_detail

        now = _today(today)
        ago = {e.id: describe_elapsed(e.date, now) for e in events}
        mission = None if isinstance(item, Mission) else timeline.mission_of(item)
        render_detail(item, events, timeline.agencies, ago, _output(), mission=mission)
    elif fmt_name == "json":
        from .. import records

        if isinstance(item, Mission):
            _emit_document({**records.mission_record(item), "events": [records.event_record(e) for e in events]})
        else:
            _emit_document(records.event_record(item))
    else:
        _emit(ctx, "events", events, fmt_name)



@app.command("list")
def list_cmd(
    ctx: typer.Context,
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    mission: MissionOpt = None,
    sort: Annotated[str, typer.Option("--sort", "-s", help="Sort by date, title, kind, agency or mission.", metavar="KEY")] = "date",
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the order.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most this many events.", metavar="N")] = None,
    fmt: EventFormatOpt = None,
) -> None:
    """Every event, narrowed by filters that combine (dates, agency, country, kind, tag, crew).

    Example: spacetime list --agency ESA --kind launch --format csv
    """
    from ..errors import UsageError
    from ..query import select, sort_events

    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    wanted = filters(agency, lineage, kind, country, tag, crewed, year, start, end, mission)
    fmt_name = chosen_format(fmt)
    # Every event as JSON or CSV: large files stream, without building the timeline (stream.py).
    if (fmt_name in ("json", "csv") and not wanted.any and sort == "date" and not reverse and limit is None
            and _emit_stream(ctx, fmt_name)):
        return
    timeline = _state(ctx).timeline()
    events = select(timeline, wanted)
    events = sort_events(timeline, events, sort, reverse)
    total = len(events)
    if limit is not None:
        events = events[:limit]
    caption = f"{len(events)} of {_plural(total, 'event')}" if len(events) != total else _plural(total, "event")
    _emit(ctx, "events", events, fmt_name, caption=caption + " (dates in UTC)", empty="No events match.")


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(help="What to look for; typos are fine (Apolo 11, sputnk, Gagarin).", show_default=False, metavar="TEXT...")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many results.", metavar="N")] = 10,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    year: YearOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    fmt: ListFormatOpt = None,
) -> None:
    """Ranked, typo-tolerant search over titles, aliases, missions, crew, vehicles, tags and summaries.

    Example: spacetime search first spacewalk
    """
    from ..errors import UsageError
    from ..search import search as ranked

    query = joined(text)
    if not query:
        raise UsageError("Search for something: spacetime search apollo 11")
    if limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    wanted = filters(agency=agency, lineage=lineage, country=country, year=year, kind=kind, tag=tag, crewed=crewed)
    timeline = _state(ctx).timeline()
    if wanted.any:
        from ..query import filter_hits

        hits = filter_hits(timeline, wanted, ranked(timeline, query, limit=max(limit * 20, 200)))[:limit]
    else:
        hits = ranked(timeline, query, limit=limit)
    best = "best match" if len(hits) == 1 else "best matches"
    _emit(ctx, "hits", hits, chosen_format(fmt), caption=f"{len(hits)} {best} for '{query}'", empty=f"Nothing matches '{query}'.")


@app.command()
def agencies(
    ctx: typer.Context,
    country: CountryOpt = None,
    fmt: ListFormatOpt = None,
) -> None:
    """Every agency: abbreviation, name, country, type, founding, events, lineage.

    Example: spacetime agencies --country Japan
    """
    timeline = _state(ctx).timeline()
    wanted = None
    if country:
        from ..query import country_codes

        wanted = country_codes(timeline, country)
    rows = []
    for agency in sorted(timeline.agencies.values(), key=lambda a: (a.founded.sort_key if a.founded else (9999,), a.id)):
        if wanted is not None and agency.country.upper() not in wanted:
            continue
        rows.append((agency, [e for e in timeline.events if agency.id in e.agencies]))
    _emit(ctx, "agencies", rows, chosen_format(fmt), caption=_plural(len(rows), "agency", "agencies"), empty="No agencies match.")


@app.command()
def stats(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", "-b", help="Group by decade, year, agency, kind or country; with --launches also vehicle, site, outcome.", metavar="GROUP")] = "decade",
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    launches: Annotated[bool, typer.Option("--launches", "-L", help="Count orbital launch attempts (GCAT) instead of events; also by vehicle, site and outcome.")] = False,
    fmt: ListFormatOpt = None,
) -> None:
    """Counts of events drawn as bars, by decade, year, agency, kind or country.

    With --launches, counts GCAT's launch attempts by year, decade, country, agency, vehicle, site
    or outcome (launch data from GCAT, J. McDowell, planet4589.org/space/gcat, converted).

    Example: spacetime stats --launches --by decade
    """
    if launches:
        from .launch import launch_stats

        launch_stats(ctx, by, start, end, year, agency, lineage, kind, country, tag, crewed, chosen_format(fmt))
        return
    from ..query import select
    from ..stats import count_by

    wanted = filters(agency, lineage, kind, country, tag, crewed, year, start, end)
    timeline = _state(ctx).timeline()
    events = select(timeline, wanted)
    counts = count_by(timeline, events, by)
    info = timeline.info
    title = f"{_plural(len(events), 'event')} by {by}"
    if info is not None:
        title += f" · dataset {info.version}, facts as of {info.as_of}" if info.as_of else f" · dataset {info.version}"
    _emit(ctx, "counts", counts, chosen_format(fmt), caption=title, by=by, empty="No events match.")
