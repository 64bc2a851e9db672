"""Rich tables and cards for a terminal. Data text is always wrapped in `Text`, never parsed as
markup, and cleaned of control characters first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from ..model import Agency, Event, Mission
from .output import Output
from .text import clean

if TYPE_CHECKING:  # pragma: no cover
    from rich.table import Table

    from ..anniversaries import Anniversary


class _Sink:
    """What Rich writes to: the Output, so that ASCII-only terminals, the pager and piped output
    (no trailing spaces) are handled in one place."""

    def __init__(self, out: Output, strip: bool):
        self.out, self.strip = out, strip

    def write(self, text: str) -> int:
        if self.strip:
            text = "\n".join(line.rstrip() for line in text.split("\n"))
        self.out.human(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return self.out.is_terminal

    @property
    def encoding(self) -> str:
        return "ascii" if self.out.ascii else "utf-8"


def make_console(out: Output) -> Console:
    terminal = out.is_terminal
    width = out.width
    if width is None and terminal:
        import shutil

        width = shutil.get_terminal_size().columns
    color = out.color
    return Console(
        file=_Sink(out, strip=not terminal and not color),  # type: ignore[arg-type]
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=True if color is False else (False if color else None),
        color_system=None if color is False else "auto",
        force_terminal=True if color else None,
        legacy_windows=False,
        soft_wrap=False,
    )


def _t(value: Any, style: str = "") -> Text:
    return Text(clean("" if value is None else str(value)), style=style)


def names_of(agency_ids: Sequence[str], agencies: Mapping[str, Agency]) -> str:
    return ", ".join(agencies[a].abbreviation if a in agencies else a for a in agency_ids)


def _table(console: Console, caption: str | None = None) -> Table:
    from rich.table import Table  # here: a launch listing (a `_grid`) needs none (2 to 4 ms)

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
        table = _events_grid(console, items, agencies, context.get("caption"))
    elif kind == "missions":
        table = _missions_table(console, items, agencies, context.get("caption"))
    elif kind == "agencies":
        table = _agencies_table(console, items, context.get("caption"))
    elif kind == "hits":
        table = _hits_table(console, items, agencies, missions, context.get("caption"))
    elif kind == "counts":
        table = _counts_table(console, items, context.get("by", ""), context.get("caption"), context.get("noun", "Events"))
    elif kind == "launches":
        table = _launches_table(console, items, agencies, context.get("caption"))
    else:
        table = _anniversaries_table(console, items, agencies, missions, context.get("caption"))
    # A laid-out grid (Text) already fits the width: printing it without Rich's wrapping pass
    # takes a fifth of the time.
    console.print(table, soft_wrap=isinstance(table, Text))


def _events_layout(console: Console, events: Sequence[Event], agencies: Mapping[str, Agency]):
    """The events table: its columns, as (header, overflow, no_wrap, min_width, max_width, ratio),
    by the console's width; its rows of (text, style) cells; which rows end a year; whether it
    fills the width."""
    width = console.width
    with_kind, with_summary, with_time = width >= 70, width >= 120, width >= 60
    columns: list[tuple[str, str, bool, int | None, int | None, int | None]] = [
        ("Date (UTC)" if with_time else "Date", "ellipsis", True, None, None, None),
        ("Event", "fold", False, None, None if width >= 160 else max(24, width * 2 // 5), None),
    ]
    if with_kind:
        columns.append(("Kind", "ellipsis", True, None, None, None))
    columns.append(("Agency" if not with_kind else "Agencies", "fold", False, None, 24, None))
    if with_summary:
        columns.append(("Summary", "ellipsis", True, 12, None, 1))
    rows: list[list[tuple[str, str]]] = []
    ends: list[bool] = []
    for i, event in enumerate(events):
        when = event.date.display() if with_time else event.date.display()[:10]
        row = [(clean(when), ""), (clean(event.title), "bold" if "first" in event.tags else "")]
        if with_kind:
            row.append((clean(event.kind), ""))
        row.append((clean(names_of(event.agencies, agencies)), ""))
        if with_summary:
            row.append((clean(event.summary), "dim"))
        rows.append(row)
        ends.append(i + 1 < len(events) and events[i + 1].date.year != event.date.year)
    return columns, rows, ends, with_summary


def _events_grid(console: Console, events: Sequence[Event], agencies: Mapping[str, Agency], caption: str | None) -> Text:
    """The events table as Rich would print it (`_rich_table`), laid out by `_rich_grid`."""
    return _rich_grid(console, *_events_layout(console, events, agencies), caption)


def _rich_table(console: Console, columns: Sequence[tuple[str, str, bool, int | None, int | None, int | None]],
                rows: Sequence[Sequence[tuple[str, str]]], ends: Sequence[bool], expand: bool, caption: str | None) -> Table:
    """The Rich Table that `_rich_grid` lays out without Rich's Table (the tests compare them)."""
    table = _table(console, caption)
    table.expand = expand
    for header, overflow, no_wrap, least, most, ratio in columns:
        table.add_column(header, overflow=overflow, no_wrap=no_wrap, min_width=least, max_width=most, ratio=ratio)
    for row, end in zip(rows, ends, strict=True):
        table.add_row(*(Text(text, style=style) for text, style in row), end_section=end)
    return table


def _rich_grid(console: Console, columns: Sequence[tuple[str, str, bool, int | None, int | None, int | None]],
               rows: Sequence[Sequence[tuple[str, str]]], ends: Sequence[bool], expand: bool, caption: str | None) -> Text:
    """What Rich prints for `_rich_table(...)`, to the character, without building the table: a
    Rich Table measures and renders every cell several times (45 events took 12 ms, a third of a
    `year` run above the import floor; this takes about 3). The same column widths (Rich's
    measuring, ratio, collapsing and re-measuring steps), padding, rules and caption; cells too
    wide for their column go through Rich's own wrapping and truncation (Text.wrap, truncate).
    On a colour terminal the styles are the same, only the padding beside a styled cell is not
    styled (it shows the same)."""
    from math import ceil

    from rich.cells import cell_len as rich_cell_len
    from rich.cells import set_cell_size
    from rich.text import Span

    def cell_len(text: str) -> int:  # cleaned ASCII text is one cell a character
        return len(text) if text.isascii() else rich_cell_len(text)

    width = console.width
    n = len(columns)
    unicode = console.encoding.lower().startswith("utf")
    boxed = width >= 60  # _table: no box below 60 columns
    pads = [(0 if i == 0 else 1, 0 if i == n - 1 else 1) for i in range(n)]  # pad_edge=False
    texts = [[header for header, *_ in columns], *([text for text, _ in row] for row in rows)]
    measures = []  # (longest word, longest line) of every cell of each column, header included
    for i in range(n):
        words, lines = [], []
        for row in texts:
            text = row[i]
            line = max(map(cell_len, text.splitlines()), default=0)
            lines.append(line)
            words.append(max(map(cell_len, text.split()), default=line))
        measures.append((max(words), max(lines)))

    def measure(i: int, room: int) -> tuple[int, int]:  # Table._measure_column
        if room < 1:
            return 0, 0
        pad = sum(pads[i])
        if room - pad < 1:
            low = high = room
        else:
            low, high = measures[i]
            high = max(0, min(high, room))  # the text's measurement, normalized and limited
            low = min(max(0, low), high)
            low, high = min(low + pad, room), min(high + pad, room)  # and the padding's
        low, high = min(low, room), min(high, room)
        _, _, _, least, most, _ = columns[i]
        if least is not None:
            low, high = max(low, least + pad), max(high, least + pad)
        if most is not None:
            low, high = min(low, most + pad), min(high, most + pad)
        return low, high

    def distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
        if minimums:
            ratios = [ratio if least else 0 for ratio, least in zip(ratios, minimums, strict=True)]
        total_ratio, remaining, out = sum(ratios), total, []
        for ratio, least in zip(ratios, minimums or [0] * len(ratios), strict=True):
            share = max(least, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
            out.append(share)
            total_ratio -= ratio
            remaining -= share
        return out

    def reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
        ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
        total_ratio, remaining, out = sum(ratios), total, []
        if not total_ratio:
            return values[:]
        for ratio, most, value in zip(ratios, maximums, values, strict=True):
            if ratio and total_ratio > 0:
                share = min(most, round(ratio * remaining / total_ratio))
                out.append(value - share)
                remaining -= share
                total_ratio -= ratio
            else:
                out.append(value)
        return out

    room = width - ((n - 1) if boxed else 0)
    ranges = [measure(i, room) for i in range(n)]
    widths = [high or 1 for _, high in ranges]
    flexible = [column[5] is not None for column in columns]
    if expand and any(column[5] for column in columns):
        fixed = [0 if flex else high for (_, high), flex in zip(ranges, flexible, strict=True)]
        shares = iter(distribute(room - sum(fixed), [c[5] or 0 for c, f in zip(columns, flexible, strict=True) if f],
                                 [1 + sum(pads[i]) for i in range(n) if flexible[i]]))
        widths = [fixed[i] + next(shares) if flexible[i] else widths[i] for i in range(n)]
    total = sum(widths)
    if total > room:
        wrapable = [not no_wrap for _, _, no_wrap, *_ in columns]
        excess = total - room
        if any(wrapable):
            while total and excess > 0:
                widest = max(w for w, wrap in zip(widths, wrapable, strict=True) if wrap)
                second = max(w if wrap and w != widest else 0 for w, wrap in zip(widths, wrapable, strict=True))
                ratios = [1 if (w == widest and wrap) else 0 for w, wrap in zip(widths, wrapable, strict=True)]
                if not any(ratios) or not widest - second:
                    break
                widths = reduce(excess, ratios, [min(excess, widest - second)] * n, widths)
                total = sum(widths)
                excess = total - room
        if total > room:
            widths = reduce(total - room, [1] * n, widths, widths)
            total = sum(widths)
        widths = [measure(i, w)[1] or 0 for i, w in enumerate(widths)]
    if total < room and expand:
        widths = [w + extra for w, extra in zip(widths, distribute(room - total, widths), strict=True)]
    table_width = sum(widths) + ((n - 1) if boxed else 0)

    def cell_lines(text: str, i: int) -> list[str]:
        """The cell's lines, each exactly as wide as the column less its padding."""
        _, overflow, no_wrap, *_ = columns[i]
        inner = widths[i] - sum(pads[i])
        if inner < 1:
            return [""]
        size = cell_len(text)
        if size <= inner:
            return [text + " " * (inner - size)]
        if no_wrap:
            cut = Text(text)
            cut.truncate(inner, overflow=overflow, pad=True)
            return [cut.plain]
        return [line.plain for line in Text(text).wrap(console, inner, justify="left", overflow=overflow)]

    chunks: list[str] = []
    spans: list[Span] = []
    at = 0
    divider = ("|" if not unicode else " ") if boxed else ""

    def emit(line: str, styles: Sequence[tuple[int, int, str]] = ()) -> None:
        """One line, cut at the console's width as Rich cuts it, with its styled stretches."""
        nonlocal at
        if cell_len(line) > width:
            line = set_cell_size(line, width)
        spans.extend(Span(at + start, at + min(end, len(line)), style) for start, end, style in styles if start < len(line))
        chunks.append(line + "\n")
        at += len(line) + 1

    for r, row in enumerate([[(header, "bold") for header, *_ in columns], *rows]):
        cells = [cell_lines(text, i) for i, (text, _) in enumerate(row)]
        height = max(map(len, cells))
        for k in range(height):
            parts: list[str] = []
            styles: list[tuple[int, int, str]] = []
            start = 0
            for i, (lines, (_, style)) in enumerate(zip(cells, row, strict=True)):
                # a header sits at the bottom of its row, a cell at the top (Rich's alignment)
                j = k - (height - len(lines)) if r == 0 else k
                part = lines[j] if 0 <= j < len(lines) else ""
                left, right = pads[i]
                if style and part.strip():
                    styles.append((start + left, start + left + len(part.rstrip()), style))
                cell = " " * left + part + " " * right
                if cell_len(cell) != widths[i]:  # padded or cut to the column
                    cell = set_cell_size(cell, widths[i])
                parts.append(cell)
                start += len(cell) + len(divider)
            emit(divider.join(parts), styles)
        if boxed and r == 0:
            emit(("─" if unicode else "+").join(("─" if unicode else "-") * w for w in widths))
        elif boxed and r and ends[r - 1]:
            emit((" " if unicode else "+").join((" " if unicode else "-") * w for w in widths))
    if caption:
        for line in Text(caption).wrap(console, table_width, justify="left", overflow="fold"):
            emit(line.plain, [(0, len(line.plain.rstrip()), "table.caption")])
    return Text("".join(chunks).rstrip("\n"), spans=spans)


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
        cells = [_t(label, style), _t(row.ordinal + ("*" if row.round else ""), style), _t(title, "bold" if row.round else "")]
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


def _counts_table(console: Console, counts: Sequence[tuple[str, int]], by: str, caption: str | None,
                  noun: str = "Events") -> Table:
    table = _table(console, caption)
    table.add_column(by.capitalize() or "Group", no_wrap=True, overflow="ellipsis", max_width=32)
    table.add_column(noun, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, overflow="crop")
    label_width = min(max((len(clean(label)) for label, _ in counts), default=5), 32)
    room = max(console.width - max(label_width, len(by)) - max(len(noun), 5) - 6, 5)
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


_OUTCOME_STYLE = {"success": "", "failure": "bold red", "pad-explosion": "bold red", "partial": "yellow", "unknown": "dim"}
_OUTCOME_TEXT = {"failure": "FAILURE", "pad-explosion": "PAD EXPLOSION", "partial": "partial", "unknown": "unknown",
                 "success": "success"}


def launch_date(row: Mapping[str, Any]) -> str:
    """A launch's date as the other tables show dates, with GCAT's `?` where it is uncertain."""
    from ..dates import PartialDate

    return PartialDate.parse(row["date"]).display() + ("?" if row["uncertain"] else "")


def _launch_agency(row: Mapping[str, Any], agencies: Mapping[str, Agency]) -> str:
    codes = "/".join(row["agencies"]) or "-"
    if row["credited"]:
        names = names_of(row["credited"], agencies)
        return names if names == codes else f"{names} ({codes})"
    return ", ".join(row["agency_names"]) or codes


def _payload_names(row: Mapping[str, Any], most: int = 2) -> str:
    names = list(dict.fromkeys(p["name"] for p in row["payloads"]))
    more = len(names) - most
    return ", ".join(names[:most]) + (f" +{more} more" if more > 0 else "")


def _launches_table(console: Console, rows: Sequence[Mapping[str, Any]], agencies: Mapping[str, Agency],
                    caption: str | None) -> Text:
    """Date, tag, rocket, site, agency, payloads, outcome; failures in red capitals, so they show
    without colour too. A year's launches run to hundreds of rows: they are laid out by `_grid`."""
    width = console.width
    # (header, most width or None for a column never folded, cell of a row)
    columns: list[tuple[str, int | None, Any]] = [
        ("Date (UTC)" if width >= 60 else "Date", None,
         (lambda row: (launch_date(row), "")) if width >= 60 else (lambda row: (row["date"][:10], ""))),
        ("Tag", None, lambda row: (row["tag"], "")),
        ("Rocket", 22, lambda row: (row["vehicle"], "")),
    ]
    if width >= 100:
        columns.append(("Site", 24, lambda row: (row["place"], "")))
    if width >= 80:
        columns.append(("Agency", 22, lambda row: (_launch_agency(row, agencies), "")))
    if width >= 120:
        columns.append(("Payloads", 60, lambda row: (_payload_names(row), "dim")))
    columns.append(("Outcome", 16, lambda row: (_OUTCOME_TEXT[row["outcome"]] + (", crewed" if row["crewed"] else ""),
                                                    _OUTCOME_STYLE[row["outcome"]])))
    cells = [[cell(row) for _, _, cell in columns] for row in rows]
    return _grid(console, [(header, limit) for header, limit, _ in columns], cells, caption, gap=3 if width >= 60 else 2)


def _grid(console: Console, columns: Sequence[tuple[str, int | None]], rows: Sequence[Sequence[tuple[str, str]]],
          caption: str | None, gap: int = 3) -> Text:
    """A plain table for long listings, laid out once: each column as wide as its widest cell
    (up to its limit), the widest foldable columns narrowed until the table fits the console,
    long cells folded at spaces, no trailing spaces. Rich only styles the text: a Rich Table
    measures every cell several times (125 launches took four times as long)."""
    import textwrap

    texts = [[clean(text) for text, _ in row] for row in rows]
    widths = [max([len(header), *(len(row[i]) for row in texts)]) for i, (header, _) in enumerate(columns)]
    widths = [min(w, limit) if limit else w for w, (_, limit) in zip(widths, columns, strict=True)]
    while sum(widths) + gap * (len(widths) - 1) > console.width:
        foldable = [i for i, (_, limit) in enumerate(columns) if limit and widths[i] > 7]
        if not foldable:
            break
        widest = max(foldable, key=widths.__getitem__)
        widths[widest] -= 1
    from rich.text import Span

    chunks: list[str] = []  # the plain text, built as one string; styles are spans over it
    spans: list[Span] = []
    at = 0
    last = len(widths) - 1

    def line(parts: Sequence[tuple[str, str]]) -> None:
        nonlocal at
        text = (" " * gap).join(part.ljust(widths[i]) if i < last else part for i, (part, _) in enumerate(parts)).rstrip()
        start = at
        for i, (part, style) in enumerate(parts):
            if style and part:
                spans.append(Span(start, start + len(part), style))
            start += widths[i] + gap
        chunks.append(text + "\n")
        at += len(text) + 1

    line([(header, "bold") for header, _ in columns])
    if console.width >= 60:
        rule = "─" if console.encoding.lower().startswith("utf") else "-"
        chunks.append(rule * (sum(widths) + gap * (len(widths) - 1)) + "\n")
        at += len(chunks[-1])
    def fold(text: str, width: int) -> list[str]:
        if len(text) <= width and text.strip() and not text[-1].isspace():  # what textwrap would give
            return [text]
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]

    for row, strings in zip(rows, texts, strict=True):
        folded = [fold(text, widths[i]) if columns[i][1] else [text] for i, text in enumerate(strings)]
        for n in range(max(map(len, folded))):
            line([(cell[n] if n < len(cell) else "", style) for cell, (_, style) in zip(folded, row, strict=True)])
    plain = "".join(chunks)
    if caption:
        plain += "\n".join(textwrap.wrap(clean(caption), max(console.width, 20)))
    return Text(plain.rstrip("\n"), spans=spans)


def render_launch(row: Mapping[str, Any], events: Sequence[Event], missions: Sequence[Mission],
                  agencies: Mapping[str, Agency], attribution: str, out: Output) -> None:
    """One launch in full: rocket, site and pad, agency, every payload, outcome, and the curated
    events and mission that tell its story."""
    console = make_console(out)
    payloads = row["payloads"]
    head = Text(clean(f"Launch {row['tag']}: {row['vehicle']}"), style="bold")
    if payloads:
        head.append(clean(f" with {payloads[0]['name']}"))
    console.print(head)
    from ..dates import PartialDate

    date = PartialDate.parse(row["date"])
    when = launch_date(row) + (" UTC" if date.hour is not None else "")
    precision = date.precision.label + (", uncertain" if row["uncertain"] else "")
    _field(console, "Date", f"{when} ({precision} precision)")
    outcome = _OUTCOME_TEXT[row["outcome"]] + (" (an ascent from the Moon)" if row["lunar"] else "")
    _field(console, "Outcome", f"{outcome} (GCAT code {row['code']})")
    _field(console, "Rocket", row["vehicle"] + (f", flight {row['serial']}" if row["serial"] else ""))
    site = f"{row['site_name']} [{row['site']}]" + (f", pad {row['pad']}" if row["pad"] else "")
    _field(console, "Site", site + (f", from {row['platform']}" if row["platform"] else ""))
    _field(console, "Launch agency", ", ".join(f"{name} ({code})" for name, code in zip(row["agency_names"], row["agencies"], strict=True)))
    _field(console, "Credited to", names_of(row["credited"], agencies))
    _field(console, "Rocket's country", row["country"])
    _field(console, "Crewed", "yes" if row["crewed"] else None)
    console.print()
    table = _table(console, f"{len(payloads)} payload{'' if len(payloads) == 1 else 's'}")
    table.add_column("Piece", no_wrap=True)
    table.add_column("Payload", overflow="fold")
    if console.width >= 70:
        table.add_column("Owner", overflow="fold")
    table.add_column("Country", overflow="fold")
    for p in payloads:
        cells = [_t(p["piece"]), _t(p["name"] + (f" ({p['program']})" if p["program"] and p["program"] != p["name"] else "")
                                 + (" [crewed]" if p["crewed"] else ""))]
        if console.width >= 70:
            cells.append(_t(p["owner_name"]))
        cells.append(_t(p["country"]))
        table.add_row(*cells)
    console.print(table)
    if missions:
        console.print()
        _field(console, "Mission", ", ".join(f"{m.title} ({m.id})" for m in missions))
    if events:
        console.print()
        console.print(_events_grid(console, events, agencies, f"{len(events)} curated event{'' if len(events) == 1 else 's'} of this launch"),
                      soft_wrap=True)
    console.print()
    console.print(Text(clean(attribution), style="dim"))


def render_launch_counts(counts: Sequence[tuple[int, Mapping[str, int]]], caption: str, out: Output,
                         lines: bool = False) -> None:
    """An agency's launch attempts by year and outcome (as plain lines with `lines`)."""
    if lines:
        out.human("".join(f"{year}\t{sum(row.values())}\t{row['success']}\t{row['failure'] + row['pad-explosion']}\t"
                          f"{row['partial']}\n" for year, row in counts))
        return
    console = make_console(out)
    table = _table(console, caption)
    table.add_column("Year", no_wrap=True)
    for label in ("Launches", "Success", "Failure", "Partial"):
        table.add_column(label, justify="right", no_wrap=True)
    for year, row in counts:
        failures = row["failure"] + row["pad-explosion"]
        table.add_row(_t(year), _t(sum(row.values())), _t(row["success"]),
                      _t(failures, "bold red" if failures else ""), _t(row["partial"]))
    console.print(table)


# -- cards ----------------------------------------------------------------------------------------
def _field(console: Console, label: str, value: Any) -> None:
    if value in (None, "", (), []):
        return
    line = Text()
    line.append(f"{label}: ", style="bold")
    line.append(clean(str(value)))
    console.print(line)


def render_agency_card(heads: Sequence[Agency], lineage: Sequence[Agency], missions: Sequence[Mission],
                       loose: Sequence[Event], agencies: Mapping[str, Agency], out: Output,
                       country: str | None = None, lines: bool = False) -> None:
    """One agency's card, or a country's (its agencies in turn), then the missions: as a table, or
    with `lines` one mission per line."""
    console = make_console(out)
    console.soft_wrap = not out.is_terminal
    if country is not None:
        from ..countries import country_name

        console.print(Text(f"{country_name(country)} ({country}): {len(heads)} agenc{'y' if len(heads) == 1 else 'ies'}",
                           style="bold"))
    for i, agency in enumerate(heads):
        if i:
            console.print()
        title = Text(clean(agency.name), style="bold")
        if agency.abbreviation and agency.abbreviation != agency.name:
            title.append(f" ({clean(agency.abbreviation)})")
        console.print(title)
        _field(console, "Country", agency.country)
        _field(console, "Type", agency.type)
        _field(console, "Founded", agency.founded.display() if agency.founded else "unknown")
        _field(console, "Dissolved", agency.dissolved.display() if agency.dissolved else None)
        _field(console, "Predecessors", names_of(agency.predecessors, agencies))
        _field(console, "Successors", names_of(agency.successors, agencies))
        _field(console, "Also called", ", ".join(agency.aliases))
    if len(lineage) > len(heads):
        _field(console, "Lineage included", names_of([a.id for a in lineage], agencies))
    console.print()
    crewed = sum(1 for m in missions if m.crewed)
    caption = f"{len(missions)} mission{'' if len(missions) == 1 else 's'} ({crewed} crewed)"
    if loose:
        caption += f"; also {len(loose)} event{'' if len(loose) == 1 else 's'} outside missions: " + "; ".join(
            f"{e.date.display()[:10]} {clean(e.title)}" for e in loose[:5]) + ("…" if len(loose) > 5 else "")
    if lines:
        from .plain import text_lines

        for line in text_lines("missions", missions, agencies=agencies):
            console.print(Text(line))
        console.print(Text(caption))
    elif missions:
        console.print(_missions_table(console, missions, agencies, caption))
    else:
        console.print(Text(caption))


def render_detail(item: Event | Mission, events: Sequence[Event], agencies: Mapping[str, Agency],
                  ago: Mapping[str, str], out: Output, mission: Mission | None = None) -> None:
    console = make_console(out)
    console.soft_wrap = not out.is_terminal
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
        _field(console, "Launch tag", event.launch)
        _field(console, "Crew", ", ".join(event.crew))
        _field(console, "Also called", ", ".join(event.aliases))
        _field(console, "Summary", event.summary)
        _field(console, "Tags", ", ".join(event.tags))
        for source in event.sources:
            _field(console, "Source", f"{source.title} <{source.url}>")
        if event.origin != "bundled":
            _field(console, "From", event.origin)
