"""A pre-built, pre-validated copy of the bundled timeline, written into the wheel at build time.

Parsing and validating the bundled JSON takes about 10 ms per run; unpickling the same timeline
takes about 2 ms. The build hook (hatch_build.py) validates the data and writes the snapshot; at
run time it is used only if it was built from files of exactly the bytes now installed (a SHA-256
of their names and contents), else the JSON is parsed as usual. Anything unexpected about the
snapshot (not a regular file, damaged, another format, another payload) means it is ignored.
Source checkouts and editable installs have no snapshot."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

NAME = "timeline.pickle"
VERSION = 3
MAX_BYTES = 64 * 1024 * 1024  # far above any real snapshot: a bigger file is not ours


def _format() -> tuple:
    """The snapshot's format: its version and the fields of the records it holds (a pickled
    named tuple keeps only its values, in order: another field order is another format)."""
    from .model import Agency, DatasetInfo, Event, Mission, Source

    return (VERSION, *(kind._fields for kind in (Event, Mission, Agency, Source, DatasetInfo)))


def fingerprint(files: list[Path]) -> str | None:
    """SHA-256 over each file's name and bytes, or None if one cannot be read as a file."""
    from .files import read_regular

    digest = hashlib.sha256()
    for f in files:
        try:
            data = read_regular(f)
        except (OSError, ValueError):
            return None
        name = f.name.encode("utf-8", "surrogateescape")
        digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def write(timeline, data_dir: Path, out: Path) -> None:
    """Pickle `timeline`, loaded from the dataset in `data_dir` (assemble.write_snapshot), to `out`,
    atomically: a reader sees the old file or the new one, never half of one."""
    from .paths import bundled_files

    files = bundled_files(data_dir)
    stamp = fingerprint(files)
    if stamp is None:
        raise OSError(f"cannot read the dataset in {data_dir}")
    blob = pickle.dumps((_format(), stamp, timeline), protocol=pickle.HIGHEST_PROTOCOL)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read(data_dir: Path, files: list[Path]):
    """The snapshot's timeline, or None when there is none or it does not match the files."""
    from .files import read_regular

    try:
        blob = read_regular(data_dir / NAME, MAX_BYTES)
    except (OSError, ValueError):
        return None
    try:
        loaded = pickle.loads(blob)
    except Exception:  # a damaged or foreign snapshot: fall back to the JSON
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == _format()):
        return None
    _, stamp, timeline = loaded
    from .timeline import Timeline

    if not isinstance(timeline, Timeline) or not _looks_whole(timeline):
        return None
    if not isinstance(stamp, str) or stamp != fingerprint(files):
        return None
    return timeline


def _looks_whole(timeline) -> bool:
    """The attributes a run uses, of the types it expects (a pickle can hold anything)."""
    from .model import Agency, Event, Mission

    try:
        return (isinstance(timeline.events, tuple) and all(type(e) is Event for e in timeline.events)
                and isinstance(timeline.missions, dict) and all(type(m) is Mission for m in timeline.missions.values())
                and isinstance(timeline.agencies, dict) and all(type(a) is Agency for a in timeline.agencies.values())
                and isinstance(timeline.files, tuple) and isinstance(getattr(timeline, "_events_by_id", None), dict))
    except Exception:
        return False
