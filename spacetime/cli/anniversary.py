"""Anniversary commands: anniversaries, today, since, export."""


from pathlib import Path
from typing import Annotated

import typer

from .core import _emit, _emit_document, _output, _state, _today, app
from .options import (
    AgencyOpt,
    AnniversaryFormatOpt,
    CountryOpt,
    CrewedOpt,
    DateOpt,
    DocFormatOpt,
    ExportFormat,
    ExportFormatOpt,
    FromOpt,
    KindOpt,
    LineageOpt,
    MissionOpt,
    NameArg,
    TagOpt,
    ToOpt,
    YearOpt,
    chosen_format,
    filters,
    joined,
)


@app.command()
def anniversaries(
    ctx: typer.Context,
    today: DateOpt = None,
    within: Annotated[int | None, typer.Option("--within", "-w", help="Days ahead to look (0 = that day only); default 7.", metavar="DAYS", show_default=False)] = None,
    past: Annotated[int | None, typer.Option("--past", "-p", help="Days back to look as well; default 0.", metavar="DAYS", show_default=False)] = None,
    every: Annotated[int | None, typer.Option("--every", "-e", help="Only year counts that are multiples of N (25: 25th, 50th ...).", metavar="N")] = None,
    in_year: Annotated[int | None, typer.Option("--year", "-y", help="Every anniversary falling in this year, for planning.", metavar="YYYY")] = None,
    in_month: Annotated[str | None, typer.Option("--month", help="Every anniversary falling in this month.", metavar="YYYY-MM")] = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    by_mission: Annotated[bool, typer.Option("--by-mission", help="Keep each mission's anniversaries together.")] = False,
    fmt: AnniversaryFormatOpt = None,
) -> None:
    """Anniversaries from today through the next 7 days, or in a month or year.

    Example: spacetime anniversaries --year 2027 --every 10
    """
    from .. import anniversaries as ann
    from ..dates import PartialDate, Precision, parse_user_date
    from ..errors import UsageError
    from ..query import select

    if in_year is not None and in_month is not None:
        raise UsageError("Use --year or --month, not both")
    planning = "--year" if in_year is not None else "--month" if in_month is not None else None
    if planning:
        for flag, value in (("--within", within), ("--past", past), ("--date", today)):
            if value is not None:
                raise UsageError(f"{flag} does not apply with {planning}: {planning} lists the whole "
                                 f"{'year' if in_year is not None else 'month'}")
    if in_year is not None and not 1 <= in_year <= 9999:
        raise UsageError(f"Invalid --year {in_year}: use a year such as 2027")
    within = 7 if within is None else within
    past = 0 if past is None else past
    wanted = filters(agency=agency, lineage=lineage, country=country, kind=kind, tag=tag, crewed=crewed)
    days = None
    if planning is None:  # a window of days: only the events on them are needed
        days = ann.window_days(_today(today), within, past)
    timeline = _state(ctx).timeline(days=days)
    events = timeline.events
    if wanted.any:
        events = select(timeline, wanted)
    if in_year is not None:
        rows = ann.in_year(events, in_year, every)
        label = f"in {in_year}"
    elif in_month is not None:
        month = parse_user_date(in_month, "--month")
        if month.precision != Precision.MONTH:
            raise UsageError(f"Invalid --month '{in_month}': use YYYY-MM")
        rows = ann.in_month(events, month.year, month.month, every)
        label = f"in {month.iso()}"
    else:
        day = _today(today)
        rows = ann.in_window(events, day, within=within, every=every, past=past)
        start = PartialDate.from_date(day)
        label = f"on {start.iso()}" if within == 0 and past == 0 else f"around {start.iso()} (-{past}/+{within} days)"
    if by_mission:
        rows = ann.group_by_mission(rows)
    suffix = f", every {every} years" if every else ""
    count = f"{len(rows)} anniversar{'y' if len(rows) == 1 else 'ies'}"
    fmt_name = chosen_format(fmt)
    caption = (f"Spaceflight anniversaries {label}{suffix}" if fmt_name == "markdown"
               else f"{count} {label}{suffix}; round ones (every 25 years) marked *")
    # --year and --month plan a period: a calendar of dated entries ("50th anniversary: ...");
    # a window around today keeps the calendar of yearly-recurring events.
    _emit(ctx, "anniversaries", rows, fmt_name, caption=caption, empty=f"No anniversaries {label}{suffix}.",
          dated=planning is not None)


@app.command()
def today(
    ctx: typer.Context,
    date: DateOpt = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    country: CountryOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
) -> None:
    """Today's space anniversaries as plain lines, for a shell start-up file (nothing at all if there are none).

    Example: spacetime today
    """
    from .. import anniversaries as ann
    from ..render.text import today_lines

    wanted = None
    if agency or country or kind or tag or crewed is not None or lineage:  # keeps the plain run lean
        wanted = filters(agency=agency, lineage=lineage, country=country, kind=kind, tag=tag, crewed=crewed)
    day = _today(date)
    timeline = _state(ctx).timeline(days=ann.window_days(day, within=0))
    events = None
    if wanted is not None:
        from ..query import select

        events = select(timeline, wanted)
    rows = ann.in_window(timeline.events if events is None else events, day, within=0)
    text = today_lines(rows, timeline.agencies)
    if text:
        _output().human(text)


@app.command()
def since(
    ctx: typer.Context,
    name: NameArg,
    date: DateOpt = None,
    fmt: DocFormatOpt = None,
) -> None:
    """How long ago an event happened, in years, months and days; for a mission, each of its events.

    Example: spacetime since apollo 11
    """
    from ..dates import describe_elapsed, elapsed
    from ..render.text import clean
    from ..search import get_with_events

    events = get_with_events(_state(ctx).timeline(), joined(name))[1]
    day = _today(date)
    if fmt is not None and fmt.value == "json":
        rows = []
        for e in events:
            parts = elapsed(e.date, day)
            rows.append({"id": e.id, "title": e.title, "date": e.date.iso(), "precision": e.date.precision.label,
                         "years": parts[0] if parts else None, "months": parts[1] if parts else None,
                         "days": parts[2] if parts else None, "text": describe_elapsed(e.date, day)})
        _emit_document(rows)
        return
    lines = [f"{clean(e.title)}: {describe_elapsed(e.date, day)} ({e.date.iso()})" for e in events]
    _output().human("\n".join(lines) + "\n")


@app.command()
def export(
    ctx: typer.Context,
    fmt: ExportFormatOpt = ExportFormat.json,
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    agency: AgencyOpt = None,
    lineage: LineageOpt = False,
    kind: KindOpt = None,
    country: CountryOpt = None,
    tag: TagOpt = None,
    crewed: CrewedOpt = None,
    mission: MissionOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The file to write (needed for sqlite).", metavar="FILE")] = None,
) -> None:
    """The whole timeline, or a filtered part, as JSON, CSV, an iCalendar file or TimelineJS data;
    or everything, launch record included, as a SQLite database.

    The SQLite file holds events, missions, agencies, launches and payloads with keys between them;
    it opens in sqlite3 and Datasette. Launch data: GCAT (J. McDowell, planet4589.org/space/gcat),
    CC BY 4.0, converted by spacetime.

    Example: spacetime export --format ics > spaceflight.ics
    Example: spacetime export --format sqlite --output spacetime.db
    """
    from ..query import select

    if fmt.value == "sqlite":
        from .launch import export_sqlite

        export_sqlite(ctx, output, any((start, end, year, agency, kind, country, tag, crewed is not None, mission)))
        return
    if output is not None:
        from ..errors import UsageError

        raise UsageError("--output is for --format sqlite; redirect other formats: spacetime export -f ics > file.ics")
    wanted = filters(agency, lineage, kind, country, tag, crewed, year, start, end, mission)
    timeline = _state(ctx).timeline()
    events = select(timeline, wanted)
    _emit(ctx, "events", events, fmt)
