"""Where datasets live: the one bundled with the package and the user's own folder.

Kept apart from the loader so that a run served by the pre-built snapshot never imports the
parser and its patterns."""

from __future__ import annotations

import os
from pathlib import Path


def bundled_dir() -> Path:
    """The dataset shipped inside the package (falls back to the source tree's `data/`)."""
    here = Path(__file__).parent / "data"
    if here.is_dir():  # an installed wheel on a file system: what importlib.resources would give
        return here
    from importlib import resources

    packaged = resources.files("spacetime").joinpath("data")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data"  # a source checkout


def bundled_files(base: Path | None = None) -> list[Path]:
    base = bundled_dir() if base is None else base
    files = [base / "dataset.json", base / "agencies.json", *sorted((base / "events").glob("*.json"))]
    return [f for f in files if f.is_file()]


def user_data_dir(environ: dict[str, str] | None = None) -> Path | None:
    """`$XDG_DATA_HOME/spacetime` or `~/.local/share/spacetime`, when it can be found."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_DATA_HOME")
    if not base:
        home = env.get("HOME")
        if not home:
            return None
        base = os.path.join(home, ".local", "share")
    return Path(base) / "spacetime"

