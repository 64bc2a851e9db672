"""Where datasets live: the one bundled with the package and the user's own folder.

Kept apart from the loader so that a run served by the pre-built snapshot never imports the
parser and its patterns. The functions on plain strings (`*_name(s)`) let the shell start-up
path (`spacetime today`, in __main__.py) find the snapshot without importing pathlib."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path


def installed_dir_name() -> str:
    """Where an installed wheel keeps the dataset (it may not exist: a source checkout)."""
    return os.path.join(os.path.dirname(__file__), "data")


def bundled_dir() -> Path:
    """The dataset shipped inside the package (falls back to the source tree's `data/`)."""
    from pathlib import Path

    here = Path(installed_dir_name())
    if here.is_dir():  # an installed wheel on a file system: what importlib.resources would give
        return here
    from importlib import resources

    packaged = resources.files("spacetime").joinpath("data")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data"  # a source checkout


def bundled_file_names(base: str) -> list[str]:
    """The bundled dataset's files in the folder `base`, in the order they are read (and
    fingerprinted): dataset.json, agencies.json, then events/*.json by name."""
    events = os.path.join(base, "events")
    try:
        names = sorted(name for name in os.listdir(events) if name.endswith(".json"))
    except OSError:
        names = []
    files = [os.path.join(base, "dataset.json"), os.path.join(base, "agencies.json"),
             *(os.path.join(events, name) for name in names)]
    return [f for f in files if os.path.isfile(f)]


def bundled_files(base: Path | None = None) -> list[Path]:
    from pathlib import Path

    base = bundled_dir() if base is None else base
    return [Path(f) for f in bundled_file_names(os.fspath(base))]


def user_data_dir_name(environ: dict[str, str] | None = None) -> str | None:
    """`$XDG_DATA_HOME/spacetime` or `~/.local/share/spacetime`, when it can be found."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_DATA_HOME")
    if not base:
        home = env.get("HOME")
        if not home:
            return None
        base = os.path.join(home, ".local", "share")
    return os.path.join(base, "spacetime")


def user_data_dir(environ: dict[str, str] | None = None) -> Path | None:
    """`$XDG_DATA_HOME/spacetime` or `~/.local/share/spacetime`, when it can be found."""
    from pathlib import Path

    name = user_data_dir_name(environ)
    return None if name is None else Path(name)
