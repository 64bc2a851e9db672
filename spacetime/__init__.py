"""spacetime: an offline explorer of spaceflight history.

Use it as a library::

    import spacetime
    tl = spacetime.load()
    tl.get("Apollo 11").events
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
    """Load the bundled dataset plus any `paths` (files or folders) and return the Timeline.

    Raises DatasetError if any file is wrong."""
    from .timeline import load as _load

    return _load([str(p) for p in paths], bundled=bundled)


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
