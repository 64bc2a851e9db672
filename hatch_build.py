"""Wheel build hook: validate the bundled dataset and ship a pickled snapshot of it.

A wheel cannot be built from invalid data: the hook runs the same strict loader the tests use.
The snapshot makes each run about 8 ms faster (see spacetime/snapshot.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from spacetime import assemble, snapshot
        finally:
            sys.path.remove(str(root))
        self._temp = Path(tempfile.mkdtemp(prefix="spacetime-build-"))
        out = self._temp / snapshot.NAME
        assemble.write_snapshot(root / "data", out)
        build_data["force_include"][str(out)] = f"spacetime/data/{snapshot.NAME}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        """The snapshot is inside the wheel now: remove its temporary folder."""
        temp = getattr(self, "_temp", None)
        if temp is not None:
            import shutil

            shutil.rmtree(temp, ignore_errors=True)
