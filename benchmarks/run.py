"""Time whole `spacetime` commands as processes, beside reference commands, in one run.

    python benchmarks/run.py              # default: 1k/10k/100k synthetic events, 7 runs each
    python benchmarks/run.py --runs 15 --sizes 1000 10000
    python benchmarks/run.py --runs 3 --sizes --big 2000000   # big but honest: 2M short events
    python benchmarks/run.py --runs 21 --bundled-only         # only the bundled dataset's queries

Reports the median wall time and the peak memory (max RSS) of each command, and the ratios the
project targets. Commands compared in a ratio take turns run by run, so that both see the same
machine. Synthetic datasets are generated deterministically into a temporary folder (not
committed). jq is used as a reference when it is installed. This is a benchmark, not a test: it
asserts nothing."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
FLOOR = [PY, "-c", "import typer, rich.console, rich.table, dateutil.relativedelta"]
KINDS = ["launch", "landing", "docking", "eva", "flyby", "splashdown", "milestone"]
AGENCIES = ["nasa", "soviet", "esa", "cnsa", "isro", "jaxa", "spacex", "roscosmos"]


def spacetime(*args: str) -> list[str]:
    exe = shutil.which("spacetime", path=os.path.dirname(PY) + os.pathsep + os.environ.get("PATH", ""))
    return [exe, *args] if exe else [PY, "-m", "spacetime", *args]


def synthetic(n: int, path: Path, seed: int = 1957) -> Path:
    """n events spread over 1957-2025 with every common field filled in, written compactly as
    a program would: about 390 bytes each (100k events: 39 MB)."""
    rng = random.Random(seed)
    events = []
    for i in range(n):
        year = rng.randint(1957, 2025)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        if rng.random() < 0.6:
            date += f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
        events.append({
            "id": f"synthetic-{i}",
            "title": f"Synthetic mission {i} reaches orbit number {rng.randint(1, 999)}",
            "date": date,
            "kind": rng.choice(KINDS),
            "agencies": rng.sample(AGENCIES, rng.randint(1, 2)),
            "mission": f"synthetic-mission-{i // 4}",
            "crewed": rng.random() < 0.2,
            "vehicle": rng.choice(["Soyuz-2.1a", "Falcon 9", "Long March 2F", "Ariane 5", "PSLV"]),
            "site": rng.choice(["Baikonur", "Kennedy Space Center", "Jiuquan", "Kourou", "Sriharikota"]),
            "summary": "A synthetic event for scaling measurements.",
            "tags": rng.sample(["first", "moon", "station", "cargo", "crewed"], 2),
            "sources": [{"title": "Benchmark", "url": f"https://example.org/{i}"}],
        })
    path.write_text(json.dumps({"events": events}, separators=(",", ":")), encoding="utf-8")
    return path


def launchlog(path: Path) -> Path:
    """The bundled launch record written back out in GCAT's launchlog.tsv layout (23,433 payload
    rows), as a user's downloaded copy would be."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from spacetime.record import load_record

    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    header = ("#Launch_Tag\tLaunch_Date\tPiece\tType\tName\tPLName\tJCAT\tSatOwner\tSatState\tLV_Type\t"
              "Flight_ID\tPlatform\tLaunch_Site\tLaunch_Pad\tAscent_Site\tAscent_Pad\tAgency\tLVState\t"
              "Launch_Code\tLTCite")
    lines = [header]
    for x in load_record().launches:
        d = x.date
        text = d[:4] + (f" {months[int(d[5:7]) - 1]}" if len(d) > 4 else "") + (f" {int(d[8:10]):2d}" if len(d) > 7 else "")
        if len(d) > 10:
            text += f" {d[11:13]}{d[14:16]}" + (f":{d[17:19]}" if len(d) > 17 else "")
        text += "?" if x.uncertain else ""
        for p in x.payloads:
            lines.append("\t".join((x.tag, text, p.piece, "PH" if p.crewed else "P", p.name, p.program, p.jcat,
                                    p.owner, p.state, x.vehicle, x.serial or "-", x.platform or "-", x.site,
                                    x.pad or "-", "-", "-", "/".join(x.agencies) or "-", x.state, x.code, "-")))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def short(n: int, path: Path, seed: int = 1969) -> Path:
    """n events of just an id, a title and a date, as issue 17's 2-million-event file had (about
    55 bytes each: 2M events, 110 MB)."""
    rng = random.Random(seed)
    events = [{"id": f"e-{i}", "title": f"Event {i}",
               "date": f"{rng.randint(1957, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"} for i in range(n)]
    path.write_text(json.dumps({"events": events}, separators=(",", ":")), encoding="utf-8")
    return path


def generate(n: int, path: Path, kind: str = "synthetic") -> Path:
    """Write the synthetic file from a child process. Linux keeps a process's peak memory across
    exec, so commands started from this process would report its own peak, grown by building the
    data, as theirs."""
    subprocess.run([PY, __file__, f"--generate-{kind}", str(n), str(path)], check=True)
    return path


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(group: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """(median seconds, max peak RSS in MB) of each command over `runs` runs, after one warm-up.
    The commands of a group take turns, so that a ratio between two of them compares runs made
    under the same conditions (on a shared machine, speed drifts over seconds)."""
    times: dict[str, list[float]] = {label: [] for label in group}
    peaks: dict[str, list[float]] = {label: [] for label in group}
    for round_ in range(runs + 1):
        for label, cmd in group.items():
            t, m = run_once(cmd)
            if round_:
                times[label].append(t)
                peaks[label].append(m)
    return {label: (statistics.median(times[label]), max(peaks[label])) for label in group}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--big", type=int, default=0, metavar="N",
                        help="also time `today` and `list --format json` over N short events, beside jq")
    parser.add_argument("--bundled-only", action="store_true",
                        help="time only the queries of the bundled dataset and their references (no generated files)")
    parser.add_argument("--generate-synthetic", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--generate-short", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    for make, given in ((synthetic, args.generate_synthetic), (short, args.generate_short)):
        if given:
            make(int(given[0]), Path(given[1]))
            return 0

    rows: dict[str, tuple[float, float]] = {}

    def add(group: dict[str, list[str]]) -> None:
        for label, (t, m) in measure(group, args.runs).items():
            rows[label] = (t, m)
            print(f"  {label:<58} {t * 1000:8.1f} ms {m:8.1f} MB", file=sys.stderr)

    print(f"{args.runs} runs each, taking turns within a group; median wall time, peak RSS", file=sys.stderr)
    floor, table, js = ("floor: python -c 'import typer, rich..., dateutil...'", "spacetime year 1969 --format table",
                        "spacetime year 1969 --format json")
    bare, today = "bare interpreter: python -c pass", "spacetime today --date 2025-07-20"
    bundled = {
        floor: FLOOR,
        bare: [PY, "-c", "pass"],
        today: spacetime("today", "--date", "2025-07-20"),  # the shell start-up line (issue 13)
        table: spacetime("year", "1969", "--format", "table"),  # piped output is plain lines unless asked
        js: spacetime("year", "1969", "--format", "json"),
        "spacetime search 'Apolo 11' --format json": spacetime("search", "Apolo 11", "--format", "json"),
        "spacetime anniversaries --date 2025-07-15": spacetime("anniversaries", "--date", "2025-07-15"),
        "spacetime launches 1969 --format table": spacetime("launches", "1969", "--format", "table"),
        "spacetime launches 1969 (plain lines)": spacetime("launches", "1969"),
        "spacetime stats --launches --by year": spacetime("stats", "--launches", "--by", "year"),
    }
    add(bundled)
    bundled_peak = max(rows[label][1] for label in list(bundled)[2:])
    ratios = [("year 1969 (table) / floor", rows[table][0] / rows[floor][0], 1.0),
              ("year 1969 --format json / floor", rows[js][0] / rows[floor][0], 1.0),
              ("launches 1969 --format table / floor", rows["spacetime launches 1969 --format table"][0] / rows[floor][0], 1.3),
              ("stats --launches --by year / floor", rows["spacetime stats --launches --by year"][0] / rows[floor][0], 1.5),
              ("today / bare interpreter", rows[today][0] / rows[bare][0], 4.0)]
    jq = shutil.which("jq")
    if args.bundled_only:
        return report(rows, ratios, bundled_peak, jq="not asked for")
    with tempfile.TemporaryDirectory() as tmp:
        log = launchlog(Path(tmp) / "launchlog.tsv")
        user_log = "--data launchlog.tsv (23,433 rows): launches 2024"
        add({user_log: spacetime("--data", str(log), "launches", "2024")})
        ratios.append((f"{user_log}, seconds", rows[user_log][0], 2.0))
        for n in args.sizes:
            path = generate(n, Path(tmp) / f"events-{n}.json")
            ours = f"--data {n:>6} events ({path.stat().st_size / 1e6:.0f} MB): year 1969 --format json"
            group = {ours: spacetime("--data", str(path), "year", "1969", "--format", "json")}
            if n == max(args.sizes):
                # A query over the whole timeline builds every event.
                group[f"--data {n:>6} events: stats (the whole timeline)"] = spacetime("--data", str(path), "stats")
                if jq:
                    group[f"jq year-1969 filter over the {n}-event file"] = [
                        jq, '[.events[] | select(.date | startswith("1969"))]', str(path)]
            add(group)
            if jq and n == max(args.sizes):
                (t, m), (jt, jm) = rows[ours], rows[f"jq year-1969 filter over the {n}-event file"]
                ratios += [(f"{n} events: time / jq", t / jt, 0.6), (f"{n} events: memory / jq", m / jm, 0.7)]
        if args.big:  # big but honest files (issue 17): the same ratios as for 100k events
            n = args.big
            path = generate(n, Path(tmp) / f"short-{n}.json", "short")
            size = f"{path.stat().st_size / 1e6:.0f} MB"
            env_limit = ["env", f"SPACETIME_MAX_FILE_MB={max(256, path.stat().st_size // 2**20 + 1)}"]
            pairs = [(f"--data {n} short events ({size}): today --date 2025-07-20",
                      spacetime("--data", str(path), "today", "--date", "2025-07-20"),
                      f"jq: the {n} events' 07-20 anniversaries", '[.events[] | select(.date[4:10] == "-07-20")]'),
                     (f"--data {n} short events: list --format json",
                      spacetime("--data", str(path), "list", "--format", "json"),
                      f"jq: the {n} events as a list", ".events")]
            group = {}
            for label, cmd, jq_label, jq_filter in pairs:
                group[label] = env_limit + cmd
                if jq:
                    group[jq_label] = [jq, jq_filter, str(path)]
            add(group)
            if jq:
                for label, _, jq_label, _ in pairs:
                    (t, m), (jt, jm) = rows[label], rows[jq_label]
                    what = label.split(": ", 1)[1]
                    ratios += [(f"{n} short events, {what}: time / jq", t / jt, 0.6),
                               (f"{n} short events, {what}: memory / jq", m / jm, 0.7)]
    return report(rows, ratios, bundled_peak, jq)


def report(rows: dict[str, tuple[float, float]], ratios: list[tuple[str, float, float]], bundled_peak: float,
           jq: str | None) -> int:
    print("\n| command | median | peak memory |\n| --- | ---: | ---: |")
    for label, (t, m) in rows.items():
        print(f"| {label} | {t * 1000:.0f} ms | {m:.0f} MB |")
    print("\n| target | measured | limit |\n| --- | ---: | ---: |")
    for label, value, limit in ratios:
        print(f"| {label} | {value:.3f}x | {limit:.2f}x |")
    print(f"| bundled dataset, peak memory of any query above | {bundled_peak:.0f} MB | 40 MB |")
    if not jq:
        print("\n(jq is not installed: the jq comparison was skipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
