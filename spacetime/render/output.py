"""Where output goes: stdout or a pager, and what the terminal can show (ASCII only, colour)."""

from __future__ import annotations

import sys
from typing import TextIO


class Output:
    """Where output goes and what the terminal can take (tests pass their own).

    `color`: True (always), False (never) or None (Rich decides: a terminal, NO_COLOR,
    FORCE_COLOR). `ascii`: only ASCII in human-readable text (LANG=C, TERM=dumb). `pager`: a
    shell command; output taller than the terminal goes through it (see close())."""

    __slots__ = ("_buffer", "ascii", "color", "pager", "stderr", "stdout", "width")

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None, width: int | None = None,
                 color: bool | None = None, ascii: bool | None = None, pager: str | None = None):
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr
        self.width, self.color = width, color
        self.ascii = ascii_only() if ascii is None else ascii
        self.pager = pager if pager and self.is_terminal else None
        self._buffer: list[str] | None = [] if self.pager else None

    @property
    def is_terminal(self) -> bool:
        try:
            return bool(self.stdout.isatty())
        except (AttributeError, ValueError):
            return False

    def write(self, text: str) -> None:
        if self._buffer is not None:
            self._buffer.append(text)
        else:
            self.stdout.write(text)

    def write_utf8(self, data: bytes) -> None:
        """Text already encoded as UTF-8: straight to stdout's bytes where it takes UTF-8."""
        binary = getattr(self.stdout, "buffer", None)
        if (self._buffer is not None or binary is None
                or (getattr(self.stdout, "encoding", "") or "").lower().replace("-", "") != "utf8"):
            self.write(data.decode("utf-8"))
            return
        self.stdout.flush()
        binary.write(data)

    def human(self, text: str) -> None:
        """Text for people (tables, cards, lines): ASCII-only where the terminal needs it."""
        self.write(to_ascii(text) if self.ascii else text)

    def close(self) -> None:
        """Send what was held back for the pager: through it when taller than the screen."""
        if self._buffer is None:
            return
        text, self._buffer = "".join(self._buffer), None
        import shutil

        if text.count("\n") < shutil.get_terminal_size().lines or not _page(self.pager or "", text):
            self.stdout.write(text)
        self.stdout.flush()


def _page(command: str, text: str) -> bool:
    """Run the user's pager on `text`, as git does (through the shell). False if it cannot start."""
    import os
    import subprocess

    import signal

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        sys.stdout.flush()
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    # While the pager runs, Ctrl-C is the pager's (less uses it to stop a search), as in git:
    # spacetime neither dies of it nor leaves the pager behind on the terminal.
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # not the main thread
        previous = None
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        proc.stdin.close()
    except OSError:  # the user quit the pager early
        pass
    finally:
        proc.wait()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return True


def pager_command(no_pager: bool = False) -> str | None:
    """The pager to use on a terminal: SPACETIME_PAGER, else PAGER, else `less -R`; an empty
    value (or --no-pager) means none."""
    import os

    if no_pager:
        return None
    for name in ("SPACETIME_PAGER", "PAGER"):
        if name in os.environ:
            return os.environ[name].strip() or None
    return "less -R"


def ascii_only() -> bool:
    """True on a terminal that takes only ASCII: TERM=dumb, a C/POSIX locale, or a non-UTF
    encoding."""
    import os

    env = os.environ
    if env.get("TERM") == "dumb":
        return True
    plain = ("C", "POSIX")
    lc_all, ctype, lang = env.get("LC_ALL"), env.get("LC_CTYPE"), env.get("LANG")
    if lc_all:
        return lc_all in plain
    # Python itself sets LC_CTYPE=C.UTF-8 when it starts in the C locale (PEP 538): LANG=C then
    # still means the user's terminal is plain ASCII.
    if ctype and not (ctype == "C.UTF-8" and lang in plain):
        return ctype in plain
    if lang:
        return lang in plain
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    return not encoding.startswith("utf")


_ASCII = {"…": "...", "·": "-", "–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "█": "#",
          "★": "*", "×": "x", "°": " deg", "→": "->"}


def to_ascii(text: str) -> str:
    if text.isascii():
        return text
    import unicodedata

    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in _ASCII:
            out.append(_ASCII[ch])
        elif "\u2500" <= ch <= "\u257f":  # box drawing
            out.append("-" if ch in "─━═" else "|" if ch in "│┃║" else "+")
        elif "\u2580" <= ch <= "\u259f":  # block elements (bars)
            out.append("#" if ch in "█▉▊▋▌" else " ")
        else:
            out.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?")
    return "".join(out)
