#!/usr/bin/env bash
# Mutation testing (mutmut) of the modules listed under [tool.mutmut] in pyproject.toml, with the
# tests listed there: which deliberate bugs would the tests miss? Run by hand; it takes a while
# (about 40 minutes on 2 cores without timeline.py, whose survivors cost a minute each). Modules
# are run one at a time; results are kept in mutants/ (git-ignored).
#
#   scripts/mutation.sh                    # every module, then counts and kill rate per module
#   scripts/mutation.sh dates render.ics   # only these modules (names under spacetime/)
#   JOBS=1 scripts/mutation.sh             # fewer parallel test runs
#   FRESH=1 scripts/mutation.sh            # start over (rm -rf mutants)
#
# `mutmut results` lists the survivors, `mutmut show NAME` shows one; docs/mutation.md explains
# the ones no test can tell apart from the original.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet "mutmut==3.8.1"
if [ "${FRESH:-0}" = 1 ]; then rm -rf mutants; fi
if [ "$#" -eq 0 ]; then
  set -- $(python - <<'PY'
import tomllib
paths = tomllib.load(open("pyproject.toml", "rb"))["tool"]["mutmut"]["only_mutate"]
print(" ".join(p.removeprefix("spacetime/").removesuffix(".py").replace("/", ".") for p in paths))
PY
)
fi
for module in "$@"; do
  echo "mutmut: spacetime.$module" >&2
  mutmut run --max-children "${JOBS:-2}" "spacetime.$module.*" >/dev/null 2>&1 || true
done
mutmut results --all true > mutants/results.txt 2>/dev/null || true
python - "$@" <<'PY'
import collections, pathlib, re, sys
wanted = {f"spacetime.{m}" for m in sys.argv[1:]}
counts = collections.defaultdict(collections.Counter)
for line in pathlib.Path("mutants/results.txt").read_text().splitlines():
    if ": " not in line:
        continue
    name, status = (part.strip() for part in line.rsplit(": ", 1))
    module = re.split(r"\.x[_ǁ]", name, maxsplit=1)[0]
    if module in wanted:
        counts[module][status] += 1
print(f"{'module':28} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} {'no tests':>8} {'unrun':>5} {'killed':>7}")
total = collections.Counter()
for module in sorted(counts):
    c = counts[module]
    total.update(c)
    n = sum(c.values())
    tried = n - c["not checked"]
    rate = f"{(c['killed'] + c['timeout']) / tried:7.1%}" if tried else "      -"
    print(f"{module:28} {n:7} {c['killed']:6} {c['timeout']:7} {c['survived']:8} {c['no tests']:8} {c['not checked']:5} {rate}")
n = sum(total.values())
tried = n - total["not checked"]
if tried:
    print(f"{'all':28} {n:7} {total['killed']:6} {total['timeout']:7} {total['survived']:8} {total['no tests']:8} "
          f"{total['not checked']:5} {(total['killed'] + total['timeout']) / tried:7.1%}")
print("killed: killed or timed out, of the mutants tried (unrun: not tried, e.g. outside the functions asked for)")
other = {s: k for s, k in total.items() if s not in ("killed", "survived", "timeout", "no tests", "not checked")}
if other:
    print("also:", ", ".join(f"{k} {s}" for s, k in other.items()))
PY
