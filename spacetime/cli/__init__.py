"""The `spacetime` command: each command parses its options, asks the timeline one question and
hands the answer to a renderer. Errors become one line on stderr at one boundary (`app._Group.main`).

`app.py` makes the Typer app; each command module (anniversary, browse, data, launch) registers
its commands on it when imported here."""

import os
import sys

import typer
from typer.core import TyperCommand

from . import anniversary, browse, data, launch  # noqa: F401  (they register their commands)
from .app import PROG, _Command, _guard_closed_streams, _prepare_streams, app

__all__ = ["app", "main"]

for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = _Command


def main() -> None:
    """Console-script entry point (through spacetime/__main__.py). Safe to call more than once."""
    _guard_closed_streams()
    _prepare_streams()
    _app_for(sys.argv[1:])(prog_name=PROG)


_GLOBAL_VALUE_OPTIONS = ("--data", "--color")


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to run for `argv`: when it names a command, a copy of `app` that registers only
    that command, else `app`. Typer builds every command's parser before it runs one: 6.5 ms for
    all 15 commands, 0.8 ms for one (median of 30, typer.main.get_command). `app` itself is never
    changed. Help, completion and unknown names get the full set, so their messages stay whole."""
    if any(k.endswith("_COMPLETE") for k in os.environ):
        return app
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_VALUE_OPTIONS:
            next(args, None)
        elif arg.startswith("-"):
            if arg in ("-h", "--help", "--version", "--install-completion", "--show-completion"):
                return app
        else:
            chosen = [c for c in app.registered_commands if (c.name or c.callback.__name__) == arg]
            if len(chosen) != 1:
                return app
            import copy

            one = copy.copy(app)
            one.registered_commands = chosen
            return one
    return app
