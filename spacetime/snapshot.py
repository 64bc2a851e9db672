"""A pre-built, pre-validated copy of the bundled timeline, written into the wheel at build time.

Parsing and validating the bundled JSON takes about 10 ms per run; unpickling the same timeline
takes about 3 to 5 ms. The agencies are pickled a second time on their own: the launch commands
need only them, and unpickling them alone takes a fraction of a millisecond. The build hook
(hatch_build.py) validates the data and writes the snapshot; at run time it is used only if it was
built from files of exactly the bytes now installed (a checksum of their names and
contents), else the JSON is parsed as usual. Anything unexpected about the
snapshot (not a regular file, damaged, another format, another payload) means it is ignored.
Source checkouts and editable installs have no snapshot."""

from __future__ import annotations

import os
import pickle
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

NAME = "timeline.pickle"
VERSION = 4  # (format, stamp, (pickled agencies, pickled timeline))
MAX_BYTES = 64 * 1024 * 1024  # far above any real snapshot: a bigger file is not ours


def _format() -> tuple:
    """The snapshot's format: its version and the fields of the records it holds (a pickled
    named tuple keeps only its values, in order: another field order is another format)."""
    from .model import Agency, DatasetInfo, Event, Mission, Source

    return (VERSION, *(kind._fields for kind in (Event, Mission, Agency, Source, DatasetInfo)))


def fingerprint(files: list[Path] | list[str]) -> str | None:
    """A checksum of each file's name, length and bytes (CRC-32 and Adler-32 together, 64 bits,
    and the total length), or None if one cannot be read as a file."""
    # Taken on every run, over 1.2 MB. What it guards against is an edit to the installed files
    # (any edit changes it, but for a chance of one in 2**64), not an attacker, who could as well
    # edit the code: so zlib's checksums (0.3 ms, and 0.3 ms to import zlib) rather than a
    # cryptographic digest (BLAKE2b took 1.2 ms, and importing hashlib, which loads OpenSSL, 2 to 3).
    import zlib

    from .files import read_regular

    crc, adler, total = 0, 1, 0
    for f in files:
        try:
            data = read_regular(f)
        except (OSError, ValueError):
            return None
        name = os.path.basename(f).encode("utf-8", "surrogateescape")
        head = len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big")
        crc, adler = zlib.crc32(data, zlib.crc32(head, crc)), zlib.adler32(data, zlib.adler32(head, adler))
        total += len(head) + len(data)
    return f"{crc:08x}{adler:08x}-{total}"


def write(timeline, data_dir: Path, out: Path) -> None:
    """Pickle `timeline`, loaded from the dataset in `data_dir` (assemble.write_snapshot), to `out`,
    atomically: a reader sees the old file or the new one, never half of one."""
    import tempfile

    from .paths import bundled_files

    files = bundled_files(data_dir)
    stamp = fingerprint(files)
    if stamp is None:
        raise OSError(f"cannot read the dataset in {data_dir}")
    parts = tuple(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL) for x in (timeline.agencies, timeline))
    blob = pickle.dumps((_format(), stamp, parts), protocol=pickle.HIGHEST_PROTOCOL)
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


def _payload(data_dir: Path | str, files: list[Path] | list[str]) -> tuple[bytes, bytes] | None:
    """The snapshot's two pickles (agencies, timeline), or None when there is no snapshot or it
    does not match the files."""
    from .files import read_regular

    try:
        blob = read_regular(os.path.join(data_dir, NAME), MAX_BYTES)
    except (OSError, ValueError):
        return None
    try:
        loaded = pickle.loads(blob)
    except Exception:  # a damaged or foreign snapshot: fall back to the JSON
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == _format()):
        return None
    _, stamp, parts = loaded
    if not (isinstance(parts, tuple) and len(parts) == 2 and all(type(p) is bytes for p in parts)):
        return None
    if not isinstance(stamp, str) or stamp != fingerprint(files):
        return None
    return parts


def _unpickled(data_dir: Path | str, files: list[Path] | list[str], index: int):
    """Part `index` of the snapshot (0: agencies, 1: timeline) unpickled, or None."""
    parts = _payload(data_dir, files)
    if parts is None:
        return None
    try:
        return pickle.loads(parts[index])
    except Exception:
        return None


def read(data_dir: Path | str, files: list[Path] | list[str]):
    """The snapshot's timeline, or None when there is none or it does not match the files."""
    timeline = _unpickled(data_dir, files, 1)
    from .timeline import Timeline

    if not isinstance(timeline, Timeline) or not _looks_whole(timeline):
        return None
    return timeline


def read_agencies(data_dir: Path | str, files: list[Path] | list[str]):
    """The snapshot's agencies (id -> Agency, as `read(...).agencies` has them) without the
    events, or None when there is no snapshot or it does not match the files."""
    agencies = _unpickled(data_dir, files, 0)
    from .model import Agency

    if not (isinstance(agencies, dict) and agencies
            and all(type(a) is Agency and a.id == k for k, a in agencies.items())):
        return None
    return agencies


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
