"""Do the garbage-collector settings pay? Times `spacetime` commands as processes with them and
with each switched off (patched to a no-op before the program starts), turn by turn:

    python benchmarks/gc_settings.py --runs 31            # from a wheel install, not editable

Prints the median wall time of each variant: `spacetime today` and `list --limit 1` over a
synthetic 100,000-event file. The numbers quoted in spacetime/cli/core.py (gc.freeze) and
spacetime/assemble.py (gc.disable) come from this. It asserts nothing."""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import synthetic

VARIANTS = {"as is": "", "no gc.freeze": "gc.freeze = lambda: None", "no gc.disable": "gc.disable = lambda: None"}


def command(patch: str, argv: list[str]) -> list[str]:
    return [sys.executable, "-c", f"import gc\n{patch}\nimport sys\nsys.argv = {['spacetime', *argv]!r}\n"
            "from spacetime.__main__ import main\nmain()"]


def measure(argv: list[str], runs: int, cwd: str) -> None:
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(runs):
        names = list(VARIANTS)
        random.shuffle(names)
        for name in names:
            started = time.perf_counter()
            subprocess.run(command(VARIANTS[name], argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           cwd=cwd, check=False)
            times[name].append(time.perf_counter() - started)
    print(" ".join(argv[-4:]))
    for name, values in times.items():
        print(f"  {name:16s} {statistics.median(values) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        big = synthetic(args.size, Path(folder) / "big.json")
        measure(["today", "--date", "2025-07-20"], args.runs, folder)
        measure(["--data", str(big), "list", "--limit", "1"], max(3, args.runs // 4), folder)


if __name__ == "__main__":
    main()
