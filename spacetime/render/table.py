"""Rich tables and cards for a terminal. Data text is always wrapped in `Text`, never parsed as
markup, and cleaned of control characters first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Agency, Event, Mission
from . import Output
from .text import clean

if TYPE_CHECKING:  # pragma: no cover
    from ..anniversaries import Anniversary


def make_console(out: Output) -> Console:
    return Console(
        file=out.stdout,
        width=out.width,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=True if out.color is False else None,
        force_terminal=True if out.color else None,
        legacy_windows=False,
    )


def _t(value: Any, style: str = "") -> Text:
    return Text(clean("" if value is None else str(value)), style=style)


def names_of(agency_ids: Sequence[str], agencies: Mapping[str, Agency]) -> str:
    return ", ".join(agencies[a].abbreviation if a in agencies else a for a in agency_ids)


def _table(console: Console, caption: str | None = None) -> Table:
    return Table(
        box=None if console.width < 60 else _box(console),
        header_style="bold",
        caption=caption,
        caption_justify="left",
        pad_edge=False,
        expand=False,
        show_edge=False,
    )


def _box(console: Console):
    from rich import box

    return box.SIMPLE_HEAD if console.encoding.lower().startswith("utf") else box.ASCII2


def render_table(kind: str, items: Sequence[Any], out: Output, **context: Any) -> None:
    console = make_console(out)
    agencies: Mapping[str, Agency] = context.get("agencies", {})
    missions: Mapping[str, Mission] = context.get("missions", {})
    empty = context.get("empty") or f"No {kind}."
    if not items:
        console.print(Text(clean(empty)))  # it may quote the user's own text: clean it like data
        return
    if context.get("caption"):
        context["caption"] = clean(context["caption"])
    if kind == "events":
        table = _events_table(console, items, agencies, context.get("caption"))
    elif kind == "missions":
        table = _missions_table(console, items, agencies, context.get("caption"))
    elif kind == "agencies":
        table = _agencies_table(console, items, context.get("caption"))
    elif kind == "hits":
        table = _hits_table(console, items, agencies, missions, context.get("caption"))
    elif kind == "counts":
        table = _counts_table(console, items, context.get("by", ""), context.get("caption"))
    else:
        table = _anniversaries_table(console, items, agencies, missions, context.get("caption"))
    console.print(table)


def _events_table(console: Console, events: Sequence[Event], agencies: Mapping[str, Agency], caption: str | None) -> Table:
    width = console.width
    with_kind, with_summary, with_time = width >= 70, width >= 120, width >= 60
    table = _table(console, caption)
    table.expand = with_summary
    table.add_column("Date (UTC)" if with_time else "Date", no_wrap=True)
    table.add_column("Event", overflow="fold", max_width=None if width >= 160 else max(24, width * 2 // 5))
    if with_kind:
        table.add_column("Kind", no_wrap=True)
    table.add_column("Agency" if not with_kind else "Agencies", overflow="fold", max_width=24)
    if with_summary:
        table.add_column("Summary", ratio=1, no_wrap=True, overflow="ellipsis", min_width=12)
    previous_year = None
    for event in events:
        if previous_year is not None and event.date.year != previous_year:
            table.add_section()
        previous_year = event.date.year
        when = event.date.display() if with_time else event.date.display()[:10]
        row = [_t(when), _t(event.title, "bold" if "first" in event.tags else "")]
        if with_kind:
            row.append(_t(event.kind))
        row.append(_t(names_of(event.agencies, agencies)))
        if with_summary:
            row.append(_t(event.summary, "dim"))
        table.add_row(*row)
    return table


def _missions_table(console: Console, missions: Sequence[Mission], agencies: Mapping[str, Agency], caption: str | None) -> Table:
    width = console.width
    table = _table(console, caption)
    table.add_column("Mission", overflow="fold")
    table.add_column("First", no_wrap=True)
    if width >= 60:
        table.add_column("Last", no_wrap=True)
        table.add_column("Events", justify="right")
    table.add_column("Crewed" if width >= 60 else "Crew", no_wrap=True)
    if width >= 80:
        table.add_column("Agencies", overflow="fold")
    for mission in missions:
        row = [_t(mission.title, "bold"), _t(mission.first.display()[:10] if mission.first else "")]
        if width >= 60:
            row += [_t(mission.last.display()[:10] if mission.last else ""), _t(len(mission.events))]
        row.append(_t("yes" if mission.crewed else "no"))
        if width >= 80:
            row.append(_t(names_of(mission.agencies, agencies)))
        table.add_row(*row)
    return table


def _agencies_table(console: Console, items: Sequence[tuple[Agency, list[Event]]], caption: str | None) -> Table:
    width = console.width
    table = _table(console, caption)
    table.add_column("Agency", no_wrap=True)
    table.add_column("Name", overflow="fold", min_width=min(30, max(width // 4, 10)))
    if width >= 70:
        table.add_column("Country", no_wrap=True)
        table.add_column("Type", no_wrap=True)
    if width >= 50:
        table.add_column("Founded", no_wrap=True)
    table.add_column("Events", justify="right", no_wrap=True)
    if width >= 140:
        table.add_column("First", no_wrap=True)
        table.add_column("Last", no_wrap=True)
        table.add_column("Lineage", overflow="fold")
    for agency, events in items:
        row = [_t(agency.abbreviation, "bold"), _t(agency.name)]
        if width >= 70:
            row += [_t(agency.country), _t(agency.type)]
        if width >= 50:
            row.append(_t(agency.founded.display() if agency.founded else "-"))
        row.append(_t(len(events)))
        if width >= 140:
            lineage = []
            if agency.predecessors:
                lineage.append("after " + ", ".join(agency.predecessors))
            if agency.successors:
                lineage.append("became " + ", ".join(agency.successors))
            row += [_t(events[0].date.display()[:10] if events else "-"),
                    _t(events[-1].date.display()[:10] if events else "-"), _t("; ".join(lineage))]
        table.add_row(*row)
    return table


def _anniversaries_table(console: Console, rows: Sequence[Anniversary], agencies: Mapping[str, Agency],
                         missions: Mapping[str, Mission], caption: str | None) -> Table:
    width = console.width
    wide, narrow = width >= 70, width < 60
    table = _table(console, caption)
    table.add_column("Anniversary", no_wrap=True)
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("Event", overflow="fold", min_width=12)
    if wide:
        table.add_column("Agencies", overflow="fold")
    if not narrow:
        table.add_column("Original date" if wide else "Date", no_wrap=True)
    previous_mission = None
    for row in rows:
        when = row.anniversary
        label = when.iso()
        if when.day is not None and not narrow:
            label += " " + when.to_date().strftime("%a")
        style = "bold yellow" if row.round else ""
        event = row.event
        title = event.title
        mission = missions.get(event.mission) if event.mission else None
        if mission is not None and mission.id == previous_mission:
            title = "  " + title
        previous_mission = mission.id if mission else None
        cells = [_t(label, style), _t(row.ordinal, style), _t(title, "bold" if row.round else "")]
        if wide:
            cells.append(_t(names_of(event.agencies, agencies)))
        if not narrow:
            cells.append(_t(event.date.display() if wide else event.date.display()[:10]))
        table.add_row(*cells)
    return table


def _hits_table(console: Console, hits: Sequence[Any], agencies: Mapping[str, Agency],
                missions: Mapping[str, Mission], caption: str | None) -> Table:
    width = console.width
    table = _table(console, caption)
    table.add_column("Date (UTC)" if width >= 60 else "Date", no_wrap=True)
    table.add_column("Title", overflow="fold")
    if width >= 70:
        table.add_column("Type", no_wrap=True)
    table.add_column("Id", overflow="fold")
    if width >= 90:
        table.add_column("Matched", no_wrap=True)
    for hit in hits:
        item = hit.item
        date = item.first if isinstance(item, Mission) else item.date
        when = (date.display() if width >= 60 else date.display()[:10]) if date else ""
        row = [_t(when), _t(item.title, "bold" if isinstance(item, Mission) else "")]
        if width >= 70:
            row.append(_t("mission" if isinstance(item, Mission) else item.kind))
        row.append(_t(item.id, "dim"))
        if width >= 90:
            row.append(_t(hit.field))
        table.add_row(*row)
    return table


def _counts_table(console: Console, counts: Sequence[tuple[str, int]], by: str, caption: str | None) -> Table:
    table = _table(console, caption)
    table.add_column(by.capitalize() or "Group", no_wrap=True)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, overflow="crop")
    label_width = max((len(clean(label)) for label, _ in counts), default=5)
    room = max(console.width - max(label_width, len(by)) - 12, 5)
    top = max((n for _, n in counts), default=1) or 1
    unicode = console.encoding.lower().startswith("utf")
    for label, n in counts:
        cells = n * room / top
        full = int(cells)
        if unicode:
            bar = "█" * full + (" ▏▎▍▌▋▊▉"[int((cells - full) * 8)] if full < room else "")
        else:
            bar = "#" * max(full, 1 if n else 0)
        table.add_row(_t(label), _t(n), Text(bar.rstrip(), style="cyan"))
    return table


# -- cards ----------------------------------------------------------------------------------------
def _field(console: Console, label: str, value: Any) -> None:
    if value in (None, "", (), []):
        return
    line = Text()
    line.append(f"{label}: ", style="bold")
    line.append(clean(str(value)))
    console.print(line)


def render_agency_card(agency: Agency, lineage: Sequence[Agency], missions: Sequence[Mission],
                       loose: Sequence[Event], agencies: Mapping[str, Agency], out: Output) -> None:
    console = make_console(out)
    title = Text(clean(agency.name), style="bold")
    if agency.abbreviation and agency.abbreviation != agency.name:
        title.append(f" ({clean(agency.abbreviation)})")
    console.print(title)
    _field(console, "Country", agency.country)
    _field(console, "Type", agency.type)
    _field(console, "Founded", agency.founded.display() if agency.founded else "unknown")
    _field(console, "Predecessors", names_of(agency.predecessors, agencies))
    _field(console, "Successors", names_of(agency.successors, agencies))
    _field(console, "Also called", ", ".join(agency.aliases))
    if len(lineage) > 1:
        _field(console, "Lineage included", names_of([a.id for a in lineage], agencies))
    console.print()
    crewed = sum(1 for m in missions if m.crewed)
    caption = f"{len(missions)} mission{'' if len(missions) == 1 else 's'} ({crewed} crewed)"
    if loose:
        caption += f"; also {len(loose)} event{'' if len(loose) == 1 else 's'} outside missions: " + "; ".join(
            f"{e.date.display()[:10]} {clean(e.title)}" for e in loose[:5]) + ("…" if len(loose) > 5 else "")
    if missions:
        console.print(_missions_table(console, missions, agencies, caption))
    else:
        console.print(Text(caption))


def render_detail(item: Event | Mission, events: Sequence[Event], agencies: Mapping[str, Agency],
                  ago: Mapping[str, str], out: Output, mission: Mission | None = None) -> None:
    console = make_console(out)
    if isinstance(item, Mission):
        head = Text(clean(item.title), style="bold")
        head.append(f"  [{item.id}]", style="dim")
        console.print(head)
        _field(console, "Also called", ", ".join(item.aliases))
        _field(console, "Agencies", names_of(item.agencies, agencies))
        _field(console, "Crew", ", ".join(item.crew))
        if item.first is not None:
            span = item.first.display() if item.first == item.last else f"{item.first.display()} to {item.last.display()}"
            _field(console, "When (UTC)", span)
        _field(console, "Summary", item.summary)
    elif mission is not None:
        _field(console, "Mission", f"{mission.title} [{mission.id}]")
    for event in events:
        console.print()
        head = Text(clean(event.title), style="bold")
        head.append(f"  [{event.id}]", style="dim")
        console.print(head)
        when = event.date.display() + (" UTC" if event.date.hour is not None else "")
        _field(console, "Date", f"{when} ({event.date.precision.label} precision), {ago.get(event.id, '')}".rstrip(", "))
        _field(console, "Kind", event.kind + (f", {event.outcome}" if event.outcome else ""))
        _field(console, "Agencies", names_of(event.agencies, agencies))
        _field(console, "Vehicle", event.vehicle)
        _field(console, "Site", event.site)
        _field(console, "COSPAR", event.cospar)
        _field(console, "Crew", ", ".join(event.crew))
        _field(console, "Also called", ", ".join(event.aliases))
        _field(console, "Summary", event.summary)
        _field(console, "Tags", ", ".join(event.tags))
        for source in event.sources:
            _field(console, "Source", f"{source.title} <{source.url}>")
        if event.origin != "bundled":
            _field(console, "From", event.origin)
