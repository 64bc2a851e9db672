#!/usr/bin/env python3
"""Convert GCAT's launch log, orgs and sites tables into the bundled launch record.

    python scripts/import_gcat.py                      # ../shared/data/gcat-*-2024.tsv -> data/launches.json
    python scripts/import_gcat.py --launchlog launchlog.tsv --orgs orgs.tsv --sites sites.tsv

Columns are read by header name. The output is deterministic: the same inputs give the same bytes.
It also writes data/launches.schema.json, generated from the record's definition. Run by hand; the
tool and its tests never read GCAT's files, only what this script wrote."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacetime.gcat import Report, build_table  # noqa: E402
from spacetime.launches import encode_table, schema  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launchlog", type=Path, default=SHARED / "gcat-launchlog-2024.tsv")
    parser.add_argument("--orgs", type=Path, default=SHARED / "gcat-orgs-2024.tsv")
    parser.add_argument("--sites", type=Path, default=SHARED / "gcat-sites-2024.tsv")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "launches.json")
    parser.add_argument("--schema", type=Path, default=ROOT / "data" / "launches.schema.json")
    args = parser.parse_args(argv)

    report = Report()
    table = build_table(args.launchlog, args.orgs, args.sites, report=report)
    args.out.write_bytes(encode_table(table))
    args.schema.write_text(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for line in report.lines():
        print(line)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) and {args.schema}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
