#!/usr/bin/env bash
# Mutation testing (mutmut) of the modules listed under [tool.mutmut] in pyproject.toml, with the
# tests listed there: which deliberate bugs would the tests miss? Run by hand; it takes a while
# (about half an hour for the launch record's two modules on 2 cores).
#
#   scripts/mutation.sh            # run, then print the counts and the kill rate
#   JOBS=1 scripts/mutation.sh     # fewer parallel test runs
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "mutmut==3.8.1"
rm -rf mutants
mutmut run --max-children "${JOBS:-2}" >/dev/null 2>&1 || true
mutmut results --all true > mutants/results.txt 2>/dev/null || true
python - <<'PY'
import collections, pathlib
rows = [line.rsplit(": ", 1) for line in pathlib.Path("mutants/results.txt").read_text().splitlines() if ": " in line]
counts = collections.Counter(status.strip() for _, status in rows)
killed, survived = counts.get("killed", 0), counts.get("survived", 0)
tested = killed + survived + counts.get("timeout", 0)
print(", ".join(f"{n} {status}" for status, n in counts.most_common()))
if tested:
    print(f"kill rate: {(killed + counts.get('timeout', 0)) / tested:.1%} of {tested} mutants the tests reach")
PY
