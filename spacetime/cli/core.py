"""The `spacetime` app: the Typer object the command modules register on, the error boundary
(`_Group.main`: every failure becomes one line on stderr), the global options and the state a
run shares (the timeline, the output)."""


import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import SpacetimeError

PROG = "spacetime"


class ColorChoice(str, Enum):  # noqa: UP042
    auto = "auto"
    always = "always"
    never = "never"


# -- the error boundary -------------------------------------------------------------------------------
def _fail(message: str, code: int) -> NoReturn:
    from ..render.text import clean

    # A message may quote a huge value the user typed (or a path as long as the system allows):
    # keep it one readable line.
    message = _shorten_long_words(clean(message), 100 if code == 2 else 400)
    try:
        sys.stderr.write(f"{PROG}: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(code)


class _Group(TyperGroup):
    """Runs a command and turns every failure into one line on stderr and an exit code:
    2 for bad usage, 1 for bad data, 130 for Ctrl-C. No traceback reaches a user."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        _SETTINGS.clear()
        _OUTPUT.clear()
        args = _hoist_output_options(list(sys.argv[1:] if args is None else args))
        if not args and not any(k.endswith("_COMPLETE") for k in os.environ):
            # `spacetime` alone: show the help, as a user expects, and say it is a usage error.
            sys.stderr.write(self.get_help(typer.Context(self, info_name=prog_name or PROG)) + "\n")
            sys.exit(2)
        try:
            result = super().main(args=args, prog_name=prog_name or PROG, complete_var=complete_var,
                                  standalone_mode=False, **extra)
            if sys.stdout is not None:
                sys.stdout.flush()  # here, where a full disk or a closed pipe can still be reported
        except SystemExit as exc:
            if _reader_went_away(exc):  # Click and Rich exit 1 when the pipe closes: quietly 0 instead
                _silence_stdout()
                sys.exit(0)
            raise
        except SpacetimeError as exc:
            _flush_quietly()  # what was held back for the pager still shows, then the error
            _fail(_in_cli_terms(exc), exc.exit_code)
        except typer.Abort:
            _fail("Aborted.", 130)
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:
            # The reader of our output went away (`spacetime list | head -1`): stop quietly, with
            # the same status whatever the format.
            _silence_stdout()
            sys.exit(0)
        except RecursionError:
            _fail("input nested too deeply", 1)
        except ValueError as exc:
            if "embedded null" not in str(exc):  # (only a program, not a shell, can pass a NUL)
                _fail_internal(exc)
            _fail("a file name cannot contain a NUL character", 2)
        except OSError as exc:
            if exc.filename is None:  # files are read through loader.py: this is the output failing
                _silence_stdout()
                _fail(f"cannot write the output: {exc.strerror or exc}", 1)
            _fail(f"{exc.strerror or exc}: {exc.filename}", 1)
        except Exception as exc:
            if _is_click_error(exc):
                if exc.exit_code == 2:  # bad usage: say where the help is
                    ctx = getattr(exc, "ctx", None)
                    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
                    given = _given(args, getattr(exc, "param", None))
                    _fail(_plain(exc.format_message().replace("\n", " "), given) + hint, 2)
                _fail(exc.format_message(), exc.exit_code)
            _fail_internal(exc)  # the last line of defence: still one line, never a traceback
        _flush_quietly()
        sys.exit(result if isinstance(result, int) else 0)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list with each summary in full (Click would cut it at the width)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


# The library names a bad argument as Python does ('within'); the command line names its option.
_FLAGS = {"within": ("--within", " (for a whole year use --year)"), "past": ("--past", " (for a whole year use --year)"),
          "every": ("--every", "")}


def _in_cli_terms(exc: SpacetimeError) -> str:
    param = getattr(exc, "param", None)
    if param in _FLAGS:
        flag, hint = _FLAGS[param]
        return exc.renamed(flag) + hint
    return str(exc)


def _is_click_error(exc: Exception) -> bool:
    """An error Click raises (Typer runs on its own copy of Click and exports none of its
    exception classes but BadParameter): it has a message for the user and an exit code, 2 for
    bad usage."""
    return callable(getattr(exc, "format_message", None)) and type(getattr(exc, "exit_code", None)) is int


def _hoist_output_options(args: list[str]) -> list[str]:
    """`--no-pager` and `--color WHEN` belong to the whole program, but people type them after the
    command too (`spacetime year 1969 --no-pager`): move them to the front (not after `--`)."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--no-pager" or arg.startswith("--color="):
            front.append(arg)
        elif arg == "--color" and i + 1 < len(args):
            front.extend(args[i:i + 2])
            i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _given(args: list[str], param: Any) -> str | None:
    """The value typed for the option `param` (the last one, as Click takes it), if any."""
    given = None
    names = [n for n in getattr(param, "opts", ()) if n.startswith("-")]
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                given = args[i + 1]
            elif arg.startswith(name + "="):
                given = arg[len(name) + 1:]
    return given


def _plain(message: str, given: str | None = None) -> str:
    """Click's usage messages in plain English: `Invalid value for --limit: 'x' is not a whole
    number`, `Invalid value for --format: 'csv': use text or json`, `Missing NAME`. Typer 0.29
    and later words them as pydantic does: those too."""
    import re

    message = re.sub(r"'(--[\w-]+)'(?: / '-\w')?", r"\1", message)
    message = re.sub(r"is not a valid (?:int|integer)\b", "is not a whole number", message)
    message = re.sub(r"Input should be a valid integer\b[^.]*\.?",
                     f"'{given}' is not a whole number." if given is not None else "not a whole number.", message)
    message = message.replace("Value error, ", "")

    def choices(found: re.Match) -> str:
        names = re.findall(r"'([^']*)'", found.group(1))
        return ": use " + (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0])

    message = re.sub(r" is not one of ((?:'[^']*'(?:, )?)+)\.?", choices, message)
    return re.sub(r"Missing argument '([^']*)'", r"Missing \1", message)


def _fail_internal(exc: Exception) -> NoReturn:
    if os.environ.get("SPACETIME_DEBUG"):
        raise exc
    _fail(f"internal error: {type(exc).__name__}: {exc} (set SPACETIME_DEBUG=1 for details)", 1)


def _reader_went_away(exc: BaseException) -> bool:
    """True when a SystemExit was raised because a write to a closed pipe failed."""
    seen = 0
    cause = exc.__context__
    while cause is not None and seen < 10:
        if isinstance(cause, BrokenPipeError):
            return True
        cause, seen = cause.__context__, seen + 1
    return False


def _shorten_long_words(text: str, longest: int = 100) -> str:
    import re

    pattern = r"\S{" + str(longest + 1) + ",}"
    return re.sub(pattern, lambda m: m.group()[: longest // 2] + "…", text)


class _ClosedStream:
    """Stands for a standard stream that was closed before the program started (`>&-`):
    every write fails as writing to a closed descriptor does."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, name: str):
        self.name = f"<{name}>"

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "Bad file descriptor")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        import io

        raise io.UnsupportedOperation("closed stream")


def _guard_closed_streams() -> None:
    """With stdout or stderr closed, Python sets sys.stdout (or sys.stderr) to None. Put a
    stream there that fails when written to, and keep the descriptor's number taken (by
    /dev/null) so no file opened later gets it."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                if devnull != fd:
                    os.dup2(devnull, fd)
                    os.close(devnull)
            except OSError:
                pass
        setattr(sys, name, _ClosedStream(name))


def _silence_stdout() -> None:
    """After the reader of a pipe went away, point stdout at /dev/null so the interpreter's
    final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _Command(TyperCommand):
    """Usage lines that read naturally: `spacetime show NAME...`, not `{NAME}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [p.replace("{", "").replace("}", "") for p in super().collect_usage_pieces(ctx)]


app = typer.Typer(
    cls=_Group,
    name=PROG,
    help="Explore the history of spaceflight offline: years, agencies, missions, anniversaries.",
    epilog="Dates are UTC, shown at the precision they are known to. Example: spacetime year 1969",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


# -- shared state and options ---------------------------------------------------------------------------
class State:
    """What the global options chose; the timeline is loaded on first use, once."""

    def __init__(self, data: list[Path], bundled: bool, include_user_dir: bool = True):
        self.data, self.bundled, self.include_user_dir = data, bundled, include_user_dir
        self._timeline = None

    def _without_broken(self, paths: list[str], exc: Any) -> list[str]:
        """`paths` less the files found on their own (data folder, SPACETIME_DATA) that have
        problems, each named in a warning. A broken file given with --data still fails the run."""
        from ..errors import DatasetError
        from ..loader import expand_paths

        norm = os.path.normpath
        bad = {norm(p.file) for p in getattr(exc, "problems", [exc])}
        if bad & {norm(str(p)) for p in self.data}:
            raise exc
        found: list[str] = []
        for raw in paths[:len(paths) - len(self.data)]:
            try:
                found.extend(str(f) for f in expand_paths([raw]))
            except DatasetError:
                found.append(raw)
        broken = [f for f in found if norm(f) in bad]
        if not broken:
            raise exc
        for f in broken:
            sys.stderr.write(f"{PROG}: warning: left out {f}, which has problems (run 'spacetime validate {f}')\n")
        return [f for f in found if f not in broken] + [str(p) for p in self.data]

    def paths(self) -> list[str]:
        from ..paths import user_data_dir

        paths: list[str] = []
        if self.include_user_dir:
            folder = user_data_dir()
            try:
                if folder is not None and folder.is_dir() and any(
                        p.suffix.lower() in (".json", ".csv", ".tsv") for p in folder.iterdir()):
                    paths.append(str(folder))
            except OSError:
                pass
        env = os.environ.get("SPACETIME_DATA", "")
        paths.extend(p for p in env.split(os.pathsep) if p)
        paths.extend(str(p) for p in self.data)
        return paths

    def event_stream(self):
        """Every event as a stream of rows (stream.py), where the files allow one and the
        timeline is not loaded yet; else None, and the timeline is loaded from the same reading."""
        if self._timeline is not None:
            return None
        from ..errors import DatasetError
        from ..stream import EventStream, listing

        try:
            found = listing(self.paths(), self.bundled)
        except DatasetError:  # timeline() says what is wrong, or leaves an auto-found file out
            return None
        if isinstance(found, EventStream):
            return found
        self._keep(found)
        return None

    def timeline(self, years: tuple[int, int] | None = None, days: frozenset[str] | None = None):
        """The timeline, loaded on first use. `years` scopes it to a year query, for `spacetime
        year` alone (see assemble.load_years); `days` to the anniversaries on some days of the
        year, for `today` and `anniversaries` around a day (assemble.load_days)."""
        if self._timeline is None:
            from ..assemble import load, load_days, load_years
            from ..errors import DatasetError

            def read(paths: list[str]):
                if years is not None:
                    return load_years(paths, self.bundled, years)
                return load(paths, self.bundled) if days is None else load_days(paths, self.bundled, days)

            paths = self.paths()
            try:
                self._keep(read(paths))
            except DatasetError as exc:
                # A broken file found on its own (the data folder, SPACETIME_DATA) must not stop
                # every command, least of all `today` in a shell start-up: leave it out and say so.
                self._keep(read(self._without_broken(paths, exc)))
        return self._timeline

    def _keep(self, timeline) -> None:
        self._timeline = timeline
        # The timeline lives as long as the process: keep the collector from rescanning it
        # while the command runs and at exit, where it would walk every object only to find
        # nothing to collect (main() freezes again at exit, for what came after). Measured from a wheel
        # install, medians of interleaved runs on a busy 2-core machine: `spacetime today`
        # 127 ms with, 152 ms without (61 runs); `--data` a 100,000-event file `list --limit 1`
        # 2.4 s with, 5.1 s without (7 runs). benchmarks/gc_settings.py measures it.
        import gc

        gc.freeze()


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State([], True)
        ctx.find_root().obj = obj
    return obj


_OUTPUT: list = []  # the run's one Output (it may hold text back for the pager), made on first use
_SETTINGS: dict[str, Any] = {}


def _output():
    if not _OUTPUT:
        from ..render import Output, pager_command

        color = {"always": True, "never": False}.get(_SETTINGS.get("color", "auto"))
        _OUTPUT.append(Output(color=color, pager=pager_command(_SETTINGS.get("no_pager", False))))
    return _OUTPUT[0]


def _close_output() -> None:
    while _OUTPUT:
        _OUTPUT.pop().close()


def _flush_quietly() -> None:
    try:
        _close_output()
    except BrokenPipeError:
        _silence_stdout()


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"{PROG} {version('spacetime')}")
        except PackageNotFoundError:
            typer.echo(f"{PROG} (not installed)")
        raise typer.Exit()


def _today(text: str | None) -> date:
    from ..dates import parse_day

    return parse_day(text, "--date") if text else date.today()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[list[Path] | None, typer.Option("--data", help="Add events from a JSON or CSV file, launches from a GCAT launch log (.tsv), or every such file in a folder; repeatable.", metavar="PATH")] = None,
    no_bundled: Annotated[bool, typer.Option("--no-bundled", help="Use only the files given, not the bundled dataset.")] = False,
    color: Annotated[ColorChoice, typer.Option("--color", help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.", case_sensitive=False, metavar="WHEN")] = ColorChoice.auto,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page long output (also: SPACETIME_PAGER= or PAGER=).")] = False,
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)] = False,
) -> None:
    """Explore the history of spaceflight offline: years, agencies, missions, anniversaries."""
    ctx.obj = State(list(data or []), not no_bundled)
    _SETTINGS.update(color=color.value, no_pager=no_pager)


def _emit(ctx: typer.Context, kind: str, items: list, fmt: Any, **context: Any) -> None:
    from ..render import emit

    timeline = _state(ctx).timeline()
    emit(kind, items, getattr(fmt, "value", fmt), _output(), agencies=timeline.agencies, missions=timeline.missions, **context)


def _emit_stream(ctx: typer.Context, fmt: str) -> bool:
    """Every event in `fmt` (JSON or CSV) from a stream of rows (stream.py), without loading the
    timeline; False, having written nothing, when the files allow no stream."""
    stream = _state(ctx).event_stream()
    if stream is None:
        return False
    from ..render import emit_rows

    emit_rows(stream, fmt, _output())
    return True


def _emit_document(doc: Any) -> None:
    from ..render import emit_document

    emit_document(doc, _output())


def _prepare_streams() -> None:
    """Never crash on a terminal that cannot show a character: degrade it instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
