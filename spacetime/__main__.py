"""The program: `python -m spacetime` and the `spacetime` console script both start here.

Ctrl-C must end a run quietly with status 130 at any moment, also while Python is still
importing Typer and Rich (the first 50 ms or so, before the CLI's error boundary exists). So the
first thing the program does, before any heavy import, is give SIGINT a handler that ends the
process at once. spacetime writes no files and holds no locks, so there is nothing to undo.
Importing the library (`import spacetime`) does not install it."""

import os
import signal


def _interrupted(signum, frame):
    os._exit(130)


def _install_interrupt_handler() -> None:
    try:
        signal.signal(signal.SIGINT, _interrupted)
    except (ValueError, OSError):  # not the main thread, or no signals here
        pass


_install_interrupt_handler()


def main() -> None:
    from .cli import main as run

    run()


if __name__ == "__main__":
    main()
