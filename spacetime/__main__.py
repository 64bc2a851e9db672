"""The program: `python -m spacetime` and the `spacetime` console script both start here.

Ctrl-C must end a run quietly with status 130 at any moment, also while Python is still
importing Typer and Rich (the first 50 ms or so, before the CLI's error boundary exists). So the
first thing the program does, before any heavy import, is give SIGINT a handler that ends the
process at once. spacetime writes no files and holds no locks, so there is nothing to undo.
Importing the library (`import spacetime`) does not install it.

`spacetime today`, the line people put in a shell start-up file, is answered here without
importing Typer (a third of the run) when it is plain: `today` with at most `--date`, only the
bundled dataset from an installed snapshot, and nothing to report. Everything else, errors
included, goes through the CLI."""

import os
import signal
import sys


def _interrupted(signum, frame):
    os._exit(130)


def _install_interrupt_handler() -> None:
    try:
        signal.signal(signal.SIGINT, _interrupted)
    except (ValueError, OSError):  # not the main thread, or no signals here
        pass


_install_interrupt_handler()


def main() -> None:
    import gc

    # A run makes hundreds of thousands of objects in its imports (Typer, Rich, the command
    # modules) and keeps them to the end; none are garbage. The cyclic collector would walk them
    # again and again as they grow: about a tenth of `year 1969 --format table` (8 to 13 ms,
    # benchmarks/run.py, typer and rich imported with and without it). The run is short-lived:
    # it ends with the collector off, as the loader already keeps it while reading files.
    gc.disable()
    if _plain_today(sys.argv[1:]):
        return
    from .cli import main as run

    run()


def _today_date(argv: list[str]) -> tuple[bool, str | None]:
    """(True, the --date text or None) when argv is `today`, `today --date D`, `today -d D` or
    `today --date=D`; (False, None) for anything else."""
    if not argv or argv[0] != "today":
        return False, None
    rest = argv[1:]
    if not rest:
        return True, None
    if len(rest) == 2 and rest[0] in ("--date", "-d") and not rest[1].startswith("-"):
        return True, rest[1]
    if len(rest) == 1 and rest[0].startswith("--date="):
        return True, rest[0][len("--date="):]
    return False, None


def _plain_today(argv: list[str]) -> bool:
    """Answer a plain `spacetime today` as the CLI would, without the CLI; False (having written
    nothing) when the CLI must answer: other options, user data files (they may need warnings),
    completion, closed streams, a bad date, anything the bundled dataset cannot answer alone."""
    wanted, text = _today_date(argv)
    if not wanted or sys.stdout is None or sys.stderr is None or any(k.endswith("_COMPLETE") for k in os.environ):
        return False
    if os.environ.get("SPACETIME_DATA"):
        return False
    from . import paths

    folder = paths.user_data_dir_name()
    if folder is not None and os.path.isdir(folder):
        return False
    from . import anniversaries, snapshot
    from .render import Output, pager_command
    from .render.text import today_lines

    try:
        if text:
            from .dates import parse_day

            day = parse_day(text)
        else:
            from datetime import date

            day = date.today()
        # An installed wheel's snapshot is what timeline.load() would return for the bundled
        # dataset alone; read here, without pathlib (3 ms). Else (a source checkout) load it.
        base = paths.installed_dir_name()
        timeline = snapshot.read(base, paths.bundled_file_names(base)) if os.path.isdir(base) else None
        if timeline is None:
            from .assemble import load

            timeline = load([], bundled=True)
        lines = today_lines(anniversaries.in_window(timeline.events, day, within=0), timeline.agencies)
    except Exception:  # a bad date, a damaged dataset, anything: the CLI says what is wrong, in its words
        return False
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    try:
        if lines:
            out = Output(pager=pager_command())
            out.human(lines)
            out.close()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: quietly, as the CLI does
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        sys.stderr.write(f"spacetime: cannot write the output: {exc.strerror or exc}\n")
        sys.exit(1)
    import gc

    gc.freeze()  # as the CLI does at exit: the last collection would walk every object for nothing
    return True


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    main()
