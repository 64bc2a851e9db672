"""The launch record as a run uses it: the bundled table (data/launches.json), with the GCAT files
a user names merged over it. Apart from assemble.py, which builds the curated timeline, so that the
launch commands load neither the timeline nor its modules."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DatasetError

if TYPE_CHECKING:  # pragma: no cover
    from .launches import LaunchRecord


def load_record(paths: Iterable[str | Path] = (), bundled: bool = True) -> LaunchRecord:
    """The bundled launch record, with any GCAT files among `paths` merged over it: launch logs
    (`launchlog.tsv`, newer than the bundled one), and orgs and sites tables for their names.
    Files and folders are only read; folders are searched for `*.tsv`."""
    from .launches import LaunchRecord, LaunchTable, read_bundled
    from .paths import bundled_dir

    base = read_bundled(bundled_dir() / "launches.json")
    # Without the bundled launches, their tables still name the codes of the user's logs.
    record = base if bundled else LaunchRecord(LaunchTable(base.source, base.table.states, base.table.orgs,
                                                           base.table.sites, []), ())
    files = tsv_files(paths)
    if not files:
        return record
    from .gcat import build_table, kind_of

    kinds: dict[str, list[Path]] = {"launchlog": [], "orgs": [], "sites": []}
    from .loader import read_bytes

    for path in files:
        kind = kind_of(path)
        if kind is None:
            read_bytes(path, str(path))  # a missing, unreadable, special or empty file says so here
            raise DatasetError(str(path), "not a GCAT launch log, orgs or sites table (expected a '#' header line "
                                          "with Launch_Tag, or Code and StateCode, or Site)")
        kinds[kind].append(path)
    logs = kinds["launchlog"]
    if not logs:
        raise DatasetError(str(files[0]), "a GCAT orgs or sites table needs a launch log (launchlog.tsv) beside it")
    for log in logs:
        table = build_table(log, kinds["orgs"][0] if kinds["orgs"] else None,
                            kinds["sites"][0] if kinds["sites"] else None, base=record.table)
        record = record.merged(table, str(log))
    return record


def tsv_files(paths: Iterable[str | Path]) -> list[Path]:
    """The `.tsv` files named in `paths`, and those inside named folders."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".tsv" and p.is_file()))
        elif path.suffix.lower() == ".tsv":
            out.append(path)
    return out
