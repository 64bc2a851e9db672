#!/usr/bin/env python3
"""Cross-check the curated events against GCAT's launch log (run by hand, never by the tool or tests).

    python scripts/audit_launches.py [--gcat PATH] [FILE ...]

Every bundled event (or every event of the given files) that carries a `launch` tag, or a `cospar`
id from which the launch tag follows, is checked against the log:
- the tag exists in the log;
- a `launch` event is dated as GCAT dates the launch, at the event's precision (both in UTC); an
  event more precise than GCAT cannot be confirmed and is listed too;
- any other event (a landing, a docking) is not dated before its launch;
- `launch` and `cospar` name the same launch;
- a `launch` event with neither is listed as untagged (GCAT has orbital launches only: suborbital
  hops and launches after the log's end have no tag, and say so in the list).

Lists every disagreement and exits 1 if there is any, 0 otherwise. The log is read by its header
names, so a newer GCAT file with more or reordered columns works as well.
GCAT: J. McDowell, planet4589.org/space/gcat (CC BY).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GCAT = ROOT.parent / "shared" / "data" / "gcat-launchlog-2024.tsv"

GREEK = ("ALP", "BET", "GAM", "DEL", "EPS", "ZET", "ETA", "THE", "IOT", "KAP", "LAM", "MU", "NU", "XI",
         "OMI", "PI", "RHO", "SIG", "TAU", "UPS", "PHI", "CHI", "PSI", "OME")
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                      "Nov", "Dec"), start=1)}
NAMES = {1: "year", 2: "month", 3: "day", 5: "minute", 6: "second"}
GCAT_DATE = re.compile(r"(\d{4})(?: +([A-Z][a-z]{2})(?: +(\d{1,2})(?: +(\d{2})(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?)?")
EVENT_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?Z)?)?)?")
COSPAR = re.compile(r"(\d{4})-(\d{3})[A-Z]{0,3}")


class Launch:
    __slots__ = ("code", "date", "names", "precision", "tag", "text")

    def __init__(self, tag: str, text: str, date: tuple[int, ...], precision: int, code: str):
        self.tag, self.text, self.date, self.precision, self.code = tag, text, date, precision, code
        self.names: set[str] = set()


def parse_gcat_date(text: str) -> tuple[tuple[int, ...], int] | None:
    """`1957 Oct  4 1928:34` -> ((1957, 10, 4, 19, 28, 34), 6). A trailing `?` (uncertain) makes the
    date one step coarser: an uncertain time is known to the day, an uncertain day to the month."""
    uncertain = text.endswith("?")
    m = GCAT_DATE.fullmatch(text.rstrip("?").strip())
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    parts = [int(year)]
    if month:
        parts.append(MONTHS[month])
        if day:
            parts.append(int(day))
            if hour:
                parts += [int(hour), int(minute)]
                if second:
                    parts.append(int(second))
    precision = len(parts)
    if uncertain:
        precision = 3 if precision >= 5 else max(1, precision - 1)
    return tuple(parts[:precision]), precision


def read_gcat(path: Path) -> dict[str, Launch]:
    launches: dict[str, Launch] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [h.strip().lstrip("#").strip() for h in next(reader)]
        col = {name: i for i, name in enumerate(header)}
        for needed in ("Launch_Tag", "Launch_Date"):
            if needed not in col:
                raise SystemExit(f"{path}: no '{needed}' column in the header")

        def get(row: list[str], name: str) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        for row in reader:
            if not row or row[0].startswith("#"):
                continue
            tag = get(row, "Launch_Tag")
            launch = launches.get(tag)
            if launch is None:
                text = get(row, "Launch_Date")
                parsed = parse_gcat_date(text)
                if parsed is None:
                    print(f"warning: {path}: launch {tag}: unreadable date '{text}'", file=sys.stderr)
                    continue
                launch = launches[tag] = Launch(tag, text, parsed[0], parsed[1], get(row, "Launch_Code"))
            launch.names.update(n for n in (get(row, "Name"), get(row, "PLName")) if n and n != "-")
    return launches


def tag_from_cospar(cospar: str) -> str | None:
    """The launch tag GCAT uses for a COSPAR id: `1969-059A` -> `1969-059`, `1961-012A` -> `1961 MU`."""
    m = COSPAR.fullmatch(cospar)
    if not m:
        return None
    year, number = int(m.group(1)), int(m.group(2))
    if year >= 1963:
        return f"{year}-{number:03d}"
    if number <= len(GREEK):
        return f"{year} {GREEK[number - 1]}"
    outer, inner = divmod(number - 1, len(GREEK))
    return f"{year} {chr(ord('A') + outer - 1)} {GREEK[inner]}"


def parse_event_date(text: str) -> tuple[tuple[int, ...], int] | None:
    m = EVENT_DATE.fullmatch(text)
    if not m:
        return None
    parts = tuple(int(g) for g in m.groups() if g is not None)
    return parts, len(parts)


def show(date: tuple[int, ...]) -> str:
    text = f"{date[0]:04d}"
    if len(date) > 1:
        text += f"-{date[1]:02d}"
    if len(date) > 2:
        text += f"-{date[2]:02d}"
    if len(date) > 4:
        text += f"T{date[3]:02d}:{date[4]:02d}"
    if len(date) > 5:
        text += f":{date[5]:02d}"
    return text + ("Z" if len(date) > 4 else "")


STOPWORDS = frozenset("the and for with from its into first launches launch launched orbit rocket mission flight "
                      "satellite space makes".split())


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("'", "")) if len(w) > 2 and w not in STOPWORDS}


def untagged_candidates(event: dict, launches: dict[str, Launch]) -> list[str]:
    """GCAT launches on an untagged launch event's day whose payload names share a word with it."""
    parsed = parse_event_date(event.get("date", ""))
    if parsed is None or parsed[1] < 3:
        return []
    day = parsed[0][:3]
    wanted = words(" ".join([event.get("title", ""), event.get("mission") or "", event.get("vehicle") or "",
                             *event.get("aliases", [])]).replace("-", " "))
    found = []
    for launch in launches.values():
        if launch.date[:3] == day and launch.precision >= 3 and wanted & words(" ".join(launch.names)):
            found.append(f"{launch.tag} ({', '.join(sorted(launch.names))}, '{launch.text}')")
    return found


def untagged_note(event: dict, launches: dict[str, Launch], last: tuple[int, ...]) -> str:
    parsed = parse_event_date(event.get("date", ""))
    if parsed and parsed[0][:3] > last[:3]:
        return "after the end of the GCAT log"
    return "no GCAT launch on that day shares a name with it (suborbital, or not in the orbital log)"


def check_event(event: dict, launches: dict[str, Launch]) -> list[str]:
    problems: list[str] = []
    kind = event.get("kind", "event")
    tag = event.get("launch")
    cospar = event.get("cospar")
    derived = tag_from_cospar(cospar) if cospar else None
    if cospar and derived is None:
        problems.append(f"cospar '{cospar}' is not a COSPAR id")
    if tag and derived and tag != derived:
        problems.append(f"launch tag '{tag}' and cospar '{cospar}' (launch {derived}) disagree")
    tag = tag or derived
    if not tag:
        if kind == "launch":
            candidates = untagged_candidates(event, launches)
            if candidates:
                problems.append("launch without a launch tag, but GCAT has " + "; ".join(candidates))
        return problems
    launch = launches.get(tag)
    if launch is None:
        problems.append(f"launch tag '{tag}' is not in the GCAT log")
        return problems
    parsed = parse_event_date(event.get("date", ""))
    if parsed is None:
        problems.append(f"date '{event.get('date')}' is not a date")
        return problems
    date, precision = parsed
    if kind == "launch":
        common = min(precision, launch.precision)
        if date[:common] != launch.date[:common]:
            problems.append(f"dated {show(date)} but GCAT dates launch {tag} {show(launch.date)} ('{launch.text}')")
        elif precision > launch.precision:
            problems.append(f"dated {show(date)} to the {NAMES[precision]}, but GCAT knows launch {tag} only to "
                            f"the {NAMES[launch.precision]} ({show(launch.date)}, '{launch.text}')")
    else:
        common = min(precision, launch.precision)
        if date[:common] < launch.date[:common]:
            problems.append(f"dated {show(date)}, before its launch {tag} ({show(launch.date)})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gcat", type=Path, default=DEFAULT_GCAT, help="GCAT launch log (TSV)")
    parser.add_argument("files", nargs="*", type=Path, help="event files (default: data/events/*.json)")
    args = parser.parse_args(argv)
    if not args.gcat.is_file():
        print(f"error: no GCAT launch log at {args.gcat} (use --gcat PATH)", file=sys.stderr)
        return 2
    launches = read_gcat(args.gcat)
    files = args.files or sorted((ROOT / "data" / "events").glob("*.json"))
    checked = disagreements = 0
    last = max(launch.date for launch in launches.values())
    untagged: list[str] = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        events = doc.get("events", []) if isinstance(doc, dict) else doc
        try:
            shown = path.resolve().relative_to(ROOT)
        except ValueError:
            shown = path
        for number, event in enumerate(events, start=1):
            if not (event.get("launch") or event.get("cospar") or event.get("kind") == "launch"):
                continue
            where = f"{shown}: event {number} '{event.get('id', '?')}'"
            tag = event.get("launch") or (tag_from_cospar(event["cospar"]) if event.get("cospar") else None)
            parsed = parse_event_date(event.get("date", ""))
            if tag and tag not in launches and parsed and parsed[0][:3] > last[:3]:
                untagged.append(f"{where}: launch {tag} is after the end of the GCAT log")
                continue
            problems = check_event(event, launches)
            if not problems and not (event.get("launch") or event.get("cospar")):
                untagged.append(f"{where}: {untagged_note(event, launches, last)}")
                continue
            checked += 1
            for problem in problems:
                disagreements += 1
                print(f"{where}: {problem}")
    if untagged:
        print(f"Not checked: {len(untagged)} event{'s' if len(untagged) != 1 else ''} that GCAT cannot date "
              "(suborbital, or after the log's end):")
        for line in untagged:
            print(f"  {line}")
    print(f"{checked} events checked against {len(launches)} GCAT launches ({args.gcat.name}): "
          f"{disagreements} disagreement{'s' if disagreements != 1 else ''}")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
