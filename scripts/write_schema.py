"""Write data/spacetime.schema.json, the JSON Schema of a data file, from the record definitions
in spacetime/schema.py.

    python scripts/write_schema.py          # rewrite the file
    python scripts/write_schema.py --check  # exit 1 if the committed file is out of date

tests/test_dataset.py runs the check, so the schema and the loader never drift apart."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacetime.schema import json_schema  # noqa: E402

OUT = ROOT / "data" / "spacetime.schema.json"


def text() -> str:
    return json.dumps(json_schema(), indent=2) + "\n"


def main() -> int:
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text():
            print(f"{OUT.relative_to(ROOT)} is out of date: run python scripts/write_schema.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
