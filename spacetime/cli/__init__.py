"""The `spacetime` command: each command parses its options, asks the timeline one question and
hands the answer to a renderer. Errors become one line on stderr at one boundary (`core._Group.main`).

`core.py` makes the Typer app; each command module (anniversary, browse, data, launch) registers
its commands on it when imported. A run imports only the module of the command it runs: the four
modules, with the options their signatures build, take about 7 ms to import, one about 2.
`spacetime.cli.app` is the app with every command."""

import importlib
import os
import sys

import typer

__all__ = ["COMMANDS", "app", "main"]

# Each command and the module that defines it, in the order `spacetime --help` lists them
# (tests/test_cli.py checks this against what the modules register).
COMMANDS = {
    "anniversaries": "anniversary", "today": "anniversary", "since": "anniversary", "export": "anniversary",
    "year": "browse", "agency": "browse", "missions": "browse", "show": "browse", "list": "browse",
    "search": "browse", "agencies": "browse", "stats": "browse",
    "validate": "data", "info": "data",
    "launches": "launch",
}
_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def _name(info) -> str:
    return info.name or info.callback.__name__


def _register(modules) -> typer.Typer:
    """The app, with the commands of `modules` registered (and any registered before)."""
    from typer.core import TyperCommand

    from .core import _Command, app

    for module in modules:
        importlib.import_module(f"{__name__}.{module}")
    order = list(COMMANDS)
    app.registered_commands.sort(key=lambda info: order.index(_name(info)) if _name(info) in order else len(order))
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = _Command
    return app


def __getattr__(name: str):
    if name == "app":
        return _register(_MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point (through spacetime/__main__.py). Safe to call more than once."""
    from .core import PROG, _guard_closed_streams, _prepare_streams

    _guard_closed_streams()
    _prepare_streams()
    argv = sys.argv[1:]
    module = COMMANDS.get(_command_word(argv) or "")
    completing = any(k.endswith("_COMPLETE") for k in os.environ)
    app = _register((module,) if module and not completing else _MODULES)
    try:
        _app_for(app, argv)(prog_name=PROG)
    finally:
        # The interpreter's last act is a full collection, collector on or off, over every object
        # still alive: for nothing, as the run ends. Frozen objects are passed over. It matters
        # where no timeline was loaded (and frozen) on the way: `launches 1969 -f json` 102 ms
        # without, 75 with (medians of 15 runs from a wheel install, ending by os._exit as the
        # reference).
        import gc

        gc.freeze()


_GLOBAL_VALUE_OPTIONS = ("--data", "--color")


def _command_word(argv: list[str]) -> str | None:
    """The command `argv` names, or None: none, or a help, version or completion option first."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_VALUE_OPTIONS:
            next(args, None)
        elif arg.startswith("-"):
            if arg in ("-h", "--help", "--version", "--install-completion", "--show-completion"):
                return None
        else:
            return arg
    return None


def _app_for(app: typer.Typer, argv: list[str]) -> typer.Typer:
    """The app to run for `argv`: when it names a command, a copy of `app` that registers only
    that command, else `app`. Typer builds every command's parser before it runs one: 6.5 ms for
    all 15 commands, 0.8 ms for one (median of 30, typer.main.get_command). `app` itself is never
    changed. Help, completion and unknown names get the full set, so their messages stay whole."""
    if any(k.endswith("_COMPLETE") for k in os.environ):
        return app
    word = _command_word(argv)
    chosen = [c for c in app.registered_commands if _name(c) == word]
    if word is None or len(chosen) != 1:
        return app
    import copy

    one = copy.copy(app)
    one.registered_commands = chosen
    return one
