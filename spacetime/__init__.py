"""spacetime: an offline explorer of spaceflight history.

Use it as a library::

    import spacetime
    tl = spacetime.load()
    tl.get("Apollo 11").events

    from spacetime.search import search
    search(tl, "first spacewalk")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = [
    "Agency",
    "DatasetError",
    "Event",
    "Mission",
    "PartialDate",
    "Precision",
    "SpacetimeError",
    "Timeline",
    "UsageError",
    "load",
]

if TYPE_CHECKING:  # pragma: no cover
    from .dates import PartialDate, Precision
    from .errors import DatasetError, SpacetimeError, UsageError
    from .model import Agency, Event, Mission
    from .timeline import Timeline


def load(paths=(), bundled: bool = True) -> Timeline:
    """Load the bundled dataset plus `paths`: one file or folder, or a list of them (str or
    pathlib.Path). Returns the whole Timeline, every event of every file.

    Raises DatasetError if any file is wrong (its `problems` lists them all), TypeError for
    arguments of the wrong type."""
    import os

    from .assemble import load as _load

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif isinstance(paths, (bytes, bytearray)) or not hasattr(paths, "__iter__"):
        raise TypeError(f"spacetime.load: paths must be a path (str or pathlib.Path) or a list of paths, "
                        f"got {type(paths).__name__}")
    paths = list(paths)
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"spacetime.load: each path must be a str or pathlib.Path, got {type(path).__name__}")
    if not isinstance(bundled, bool):
        raise TypeError(f"spacetime.load: bundled must be True or False, got {type(bundled).__name__}")
    return _load([os.fspath(p) for p in paths], bundled=bundled)


def __getattr__(name: str):
    # Lazy re-exports keep `import spacetime` cheap for the CLI's start-up.
    modules = {
        "Timeline": "timeline", "Event": "model", "Mission": "model", "Agency": "model",
        "PartialDate": "dates", "Precision": "dates", "SpacetimeError": "errors",
        "UsageError": "errors", "DatasetError": "errors",
    }
    if name in modules:
        import importlib

        return getattr(importlib.import_module(f".{modules[name]}", __name__), name)
    raise AttributeError(name)
