"""Data commands: validate user files, and say what was loaded from where."""


from pathlib import Path
from typing import Annotated

import typer

from . import Format, FormatOpt, _emit_document, _output, _state, app


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="JSON or CSV event files (or folders) to check.", show_default=False, metavar="FILE")],
    strict: Annotated[bool, typer.Option("--strict", help="Hold the files to the bundled dataset's rules (ids, kinds, agencies and sources required).")] = False,
) -> None:
    """Check event files and report every problem, one line each; exit 1 if there are any.

    Example: spacetime validate club.json
    """
    from ..timeline import check_files

    count, events, problems = check_files([str(f) for f in files], strict=strict)
    if problems:
        import sys

        from ..render.text import clean

        for problem in problems:
            sys.stderr.write(clean(problem.line()) + "\n")
        sys.stderr.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(files)} "
                         f"file{'s' if len(files) != 1 else ''}.\n")
        raise typer.Exit(1)
    _output().write(f"OK: {count} file{'s' if count != 1 else ''}, {events} event{'s' if events != 1 else ''}, no problems.\n")


@app.command()
def info(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
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
    if fmt == Format.json:
        _emit_document(doc)
        return
    from ..render.text import clean

    lines = []
    if ds:
        lines.append(f"Bundled dataset: {ds.name} {ds.version}, facts as of {ds.as_of}" if state.bundled
                     else "Bundled dataset: not loaded (--no-bundled)")
    lines.append(f"Loaded: {doc['events']} events, {doc['missions']} missions, {doc['agencies']} agencies")
    user = [f for f in timeline.files if not f.bundled]
    bundled = [f for f in timeline.files if f.bundled]
    if bundled:
        lines.append(f"  bundled: {len(bundled)} files, {sum(f.events for f in bundled)} events")
    for f in user:
        lines.append(f"  {clean(f.path)}: {f.events} events, {f.missions} missions, {f.agencies} agencies")
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
    out.write("\n".join(lines) + "\n")
