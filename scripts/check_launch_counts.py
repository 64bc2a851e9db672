#!/usr/bin/env python3
"""Check the bundled launch record against GCAT's launch log, year by year (run by hand).

    python scripts/check_launch_counts.py [--launchlog ../shared/data/gcat-launchlog-2024.tsv]

For every year, the number of launch attempts from Earth that `spacetime launches YEAR` lists must
equal the number of distinct launch tags GCAT gives that year (launch code not X). The log is read
here with the csv module by header name, independently of the converter. Exits 1 on any difference."""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacetime.launches import LaunchRecord, decode_table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launchlog", type=Path, default=ROOT.parent / "shared" / "data" / "gcat-launchlog-2024.tsv")
    parser.add_argument("--table", type=Path, default=ROOT / "data" / "launches.json")
    args = parser.parse_args(argv)

    expected: dict[int, set[str]] = defaultdict(set)
    with args.launchlog.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("# "))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            tag = row["#Launch_Tag"].strip()
            if not row["Launch_Code"].strip().startswith("X"):
                expected[int(row["Launch_Date"].strip()[:4])].add(tag)

    record = LaunchRecord(decode_table(args.table.read_bytes(), str(args.table)))
    differences = 0
    for year in range(min(expected), max(expected) + 1):
        got = {launch.tag for launch in record.in_years(year, year)}
        want = expected.get(year, set())
        status = "ok" if got == want else "DIFFERENT"
        if got != want:
            differences += 1
        print(f"{year}: GCAT {len(want):4d}  spacetime {len(got):4d}  {status}")
        for tag in sorted(want - got)[:10]:
            print(f"    missing {tag}")
        for tag in sorted(got - want)[:10]:
            print(f"    extra   {tag}")
    total = sum(len(tags) for tags in expected.values())
    print(f"{total} launch attempts from Earth in the log; {differences} year(s) differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
