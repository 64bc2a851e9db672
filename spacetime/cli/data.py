"""Data commands: validate user files, and say what was loaded from where."""


from pathlib import Path
from typing import Annotated

import typer

from .core import _emit_document, _output, _state, app
from .options import DocFormatOpt, ReportFormatOpt


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="JSON or CSV event files (or folders) to check.", show_default=False, metavar="FILE...")],
    strict: Annotated[bool, typer.Option("--strict", help="Hold the files to the bundled dataset's rules (ids, kinds, agencies and sources required).")] = False,
    fmt: ReportFormatOpt = None,
) -> None:
    """Check event files and report every problem with its file and line; exit 1 if there are any.

    Example: spacetime validate club.json
    """
    from ..assemble import check_files

    count, events, problems = check_files([str(f) for f in files], strict=strict)
    rows = _located(problems)
    fmt_name = "text" if fmt is None else fmt.value
    out = _output()
    if fmt_name == "json":
        _emit_document(rows)
    elif fmt_name == "csv":
        import csv

        writer = csv.writer(out.stdout, lineterminator="\n")
        writer.writerow(("file", "line", "record", "field", "problem"))
        for row in rows:
            writer.writerow(["" if row[k] is None else row[k] for k in ("file", "line", "record", "field", "problem")])
    else:
        from ..render.text import clean

        text = []
        for row in rows:
            where = row["file"] + (f":{row['line']}" if row["line"] else "")
            what = ": ".join(str(row[k]) for k in ("record", "field") if row[k])
            text.append(clean(f"{where}: {what + ': ' if what else ''}{row['problem']}"))
        files_text = _n(count, "file")
        if rows:
            text.append(f"{_n(len(rows), 'problem')} in {files_text}.")
        else:
            text.append(f"OK: {files_text}, {_n(events, 'event')}, no problems.")
        out.human("\n".join(text) + "\n")
    if rows:
        raise typer.Exit(1)


def _located(problems: list) -> list[dict]:
    """Problems as rows with their line numbers, sorted by file, then line."""
    import re

    from ..locate import line_of, record_lines

    lines: dict[str, tuple] = {}
    rows = []
    for problem in problems:
        if problem.file not in lines:
            lines[problem.file] = record_lines(problem.file)
        record = problem.record
        at_line = re.fullmatch(r"line (\d+)", record or "")  # a problem located by its line alone
        if at_line:
            line, record = int(at_line.group(1)), None
        else:
            line = line_of(record, lines[problem.file])
        if line is None:
            found = re.search(r"\bat line (\d+)", problem.reason)
            line = int(found.group(1)) if found else None
        rows.append({"file": problem.file, "line": line, "record": record, "field": problem.field,
                     "problem": problem.reason})
    rows.sort(key=lambda r: (r["file"], r["line"] or 0))
    return rows


@app.command()
def info(ctx: typer.Context, fmt: DocFormatOpt = None) -> None:
    """What was loaded from where: the bundled dataset's version, the launch record, user files, counts.

    The launch record is converted from GCAT (J. McDowell, planet4589.org/space/gcat), CC BY 4.0.

    Example: spacetime info
    """
    from ..paths import user_data_dir

    state = _state(ctx)
    timeline = state.timeline()
    ds = timeline.info
    doc = {
        "dataset": {"name": ds.name, "version": ds.version, "as_of": ds.as_of.iso() if ds.as_of else None} if ds else None,
        "events": len(timeline.events),
        "missions": len(timeline.missions),
        "agencies": len(timeline.agencies),
        "user_data_dir": str(user_data_dir() or ""),
        "files": [{"path": f.path, "bundled": f.bundled, "events": f.events, "missions": f.missions,
                   "agencies": f.agencies} for f in timeline.files],
    }
    from .launch import record as launch_record
    from .launch import source_doc

    launches = launch_record(ctx)
    earth = len(launches.earth())
    doc["launches"] = {"launches_from_earth": earth, "ascents_from_the_moon": len(launches) - earth,
                       "first": launches.launches[0].date[:10] if earth else None,
                       "last": launches.source.last_launch, "user_files": list(launches.files[1:]),
                       "source": source_doc(launches)}
    out = _output()
    if fmt is not None and fmt.value == "json":
        _emit_document(doc)
        return
    from ..render.text import clean

    lines = []
    if not state.bundled:
        lines.append("Bundled dataset: events left out (--no-bundled); its agency registry loaded")
    elif ds:
        lines.append(f"Bundled dataset: {ds.name} {ds.version}, facts as of {ds.as_of}")
    lines.append(f"Loaded: {doc['events']} events, {doc['missions']} missions, {doc['agencies']} agencies")
    user = [f for f in timeline.files if not f.bundled]
    bundled = [f for f in timeline.files if f.bundled]
    if bundled:
        lines.append(f"  bundled: {_n(len(bundled), 'file')}, {_n(sum(f.events for f in bundled), 'event')}")
    for f in user:
        lines.append(f"  {clean(f.path)}: {_n(f.events, 'event')}, {_n(f.missions, 'mission')}, "
                     f"{f.agencies} agenc{'y' if f.agencies == 1 else 'ies'}")
    info_launches = doc["launches"]
    if earth:
        lines.append(f"Launch record: {earth} orbital launch attempts from Earth, {info_launches['first']} to "
                     f"{info_launches['last']}, and {info_launches['ascents_from_the_moon']} ascents from the Moon")
    else:
        lines.append("Launch record: not loaded (--no-bundled and no launch log given)")
    for path in info_launches["user_files"]:
        lines.append(f"  {clean(path)}: a GCAT launch log, merged over the bundled record")
    lines.append(f"  {clean(launches.attribution())}")
    lines.append(f"User folder (read automatically): {clean(doc['user_data_dir']) or 'none (HOME not set)'}")
    out.human("\n".join(lines) + "\n")


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
