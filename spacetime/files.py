"""Reading a file that someone else controls: only regular files, never more than a limit.

`--data` may point at a FIFO (reading blocks forever), at /dev/zero (reading never ends) or at a
file far larger than any dataset. Every file spacetime reads goes through `read_regular`: the
file is opened without blocking, checked to be a regular file on the open descriptor (so a swap
after the check cannot fool it), and read to at most the limit."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

DEFAULT_MAX_MB = 256
LIMIT_VARIABLE = "SPACETIME_MAX_FILE_MB"


class NotRegularFile(OSError):
    """The path is a directory, FIFO, socket or device, not a file to read."""


class TooLarge(OSError):
    """The file is larger than the limit."""


def max_bytes() -> int:
    """The size limit for one data file: SPACETIME_MAX_FILE_MB megabytes, 256 unless set."""
    raw = os.environ.get(LIMIT_VARIABLE, "").strip()
    if raw:
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if value > 0 and value == value and value != float("inf"):
            return max(1, int(min(value, 1 << 40) * 1024 * 1024))
    return DEFAULT_MAX_MB * 1024 * 1024


def describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def is_regular(path: Path) -> bool:
    """True for a regular file (after following symbolic links); never blocks, never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (max_bytes() by default).

    Raises NotRegularFile, TooLarge or the OSError of opening or reading it."""
    limit = max_bytes() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"is {describe(info.st_mode)}, not a file to read")
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        # One read of the expected size (a regular file gives it whole), then small ones in case
        # it grew since: never more than limit + 1 bytes.
        chunks = [os.read(fd, min(info.st_size, limit) + 1)]
        total = len(chunks[0])
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(total)
        return b"".join(chunks)
    finally:
        os.close(fd)


def size_text(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB" if mb >= 0.1 else f"{n} bytes"
