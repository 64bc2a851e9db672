"""Reading GCAT's TSV files (launchlog.tsv, orgs.tsv, sites.tsv) into the launch record's structs.

Columns are found by their header names, never by position. The converter (scripts/import_gcat.py)
uses this to write the bundled table; `spacetime --data launchlog.tsv` uses it to read a newer log
that a user downloaded. Files are only read."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .dates import PartialDate
from .errors import DatasetError, DatasetErrors
from .launches import (
    CITATION,
    GCAT_URL,
    Launch,
    LaunchTable,
    Org,
    Payload,
    Provenance,
    Site,
    SourceFile,
    LAUNCH_CODE,
)

LICENCE = "CC BY 4.0"
NOTE = ("Converted from GCAT's TSV files by spacetime: one record per launch tag with its payloads; "
        "dates rewritten as ISO 8601 UTC at GCAT's own precision, '?' kept as 'uncertain'; codes kept "
        "as GCAT gives them, with names from its orgs and sites tables. Ascents from the Moon are kept "
        "but counted apart from launches from Earth.")
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                      "Nov", "Dec"), 1)}
_DATE = re.compile(r"(\d{4})(?: +([A-Z][a-z]{2})(?: +(\d{1,2})(?: +(\d{2})(\d{2})(?::(\d{2}))?)?)?)?(\?)?")
_UPDATED = re.compile(r"#\s*Updated\s+(.+?)\s*$")
LAUNCH_COLUMNS = ("Launch_Tag", "Launch_Date", "Piece", "Type", "Name", "PLName", "JCAT", "SatOwner", "SatState",
                  "LV_Type", "Flight_ID", "Platform", "Launch_Site", "Launch_Pad", "Agency", "LVState",
                  "Launch_Code")


def parse_date(text: str) -> tuple[str, bool]:
    """GCAT's `1957 Oct  4 1928:34?` as (`1957-10-04T19:28:34Z`, uncertain)."""
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"'{text.strip()}' is not a GCAT date")
    year, month, day, hour, minute, second, mark = m.groups()
    if month is not None and month not in MONTHS:
        raise ValueError(f"'{text.strip()}' has an unknown month")
    date = PartialDate(int(year), MONTHS[month] if month else None, int(day) if day else None,
                       int(hour) if hour else None, int(minute) if minute else None,
                       int(second) if second else None)
    return date.iso(), mark is not None


def _value(text: str) -> str | None:
    text = text.strip()
    return None if text in ("", "-") else text


@dataclass
class Report:
    """What a conversion read and what it could not resolve."""

    rows: int = 0
    launches: int = 0
    lunar: int = 0
    missing_agencies: Counter = field(default_factory=Counter)
    missing_owners: Counter = field(default_factory=Counter)
    missing_sites: Counter = field(default_factory=Counter)
    missing_states: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        out = [f"{self.rows} rows, {self.launches} launch tags ({self.launches - self.lunar} from Earth, "
               f"{self.lunar} from the Moon)"]
        for label, counter in (("launch agency codes", self.missing_agencies), ("payload owner codes", self.missing_owners),
                               ("site codes", self.missing_sites), ("country codes", self.missing_states)):
            if counter:
                listed = ", ".join(f"{code} ({n})" for code, n in sorted(counter.items()))
                out.append(f"{len(counter)} {label} not in the tables, kept as codes: {listed}")
        return out


class _Rows:
    """A GCAT TSV file: its header (the first line, starting with '#'), its "Updated" line, its rows."""

    def __init__(self, path: Path, label: str, required: tuple[str, ...]):
        from .loader import decode_text, read_bytes

        text = decode_text(read_bytes(path, label), label)
        self.label, self.updated = label, None
        lines = text.splitlines()
        if not lines or not lines[0].startswith("#"):
            raise DatasetError(label, "not a GCAT TSV file (the first line should be its '#' header)")
        self.header = [name.strip() for name in lines[0][1:].split("\t")]
        missing = [name for name in required if name not in self.header]
        if missing:
            raise DatasetError(label, f"GCAT header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        self.index = {name: i for i, name in enumerate(self.header)}
        self.rows: list[tuple[int, list[str]]] = []
        for number, line in enumerate(lines[1:], 2):
            if line.startswith("#"):
                m = _UPDATED.match(line)
                if m and self.updated is None:
                    self.updated = m.group(1)
                continue
            if line.strip():
                self.rows.append((number, line.split("\t")))

    def get(self, cells: list[str], name: str) -> str:
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else ""


def split_codes(text: str) -> tuple[str, ...]:
    """GCAT's composite `A/B` codes as their parts; `-` is none."""
    return tuple(code for code in text.strip().split("/") if code and code != "-")


def kind_of(path: Path) -> str | None:
    """'launchlog', 'orgs' or 'sites' from the file's header line, or None if it is not GCAT's."""
    import os

    from .files import is_regular

    if not is_regular(path):  # a FIFO or a device is never opened here: reading it says what it is
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            first = os.read(fd, 4096).split(b"\n", 1)[0].decode("utf-8-sig", "replace")
        finally:
            os.close(fd)
    except OSError:
        return None
    names = {n.strip() for n in first.lstrip("#").split("\t")}
    if not first.startswith("#"):
        return None
    if "Launch_Tag" in names:
        return "launchlog"
    if "Site" in names and "StateCode" in names:
        return "sites"
    if "Code" in names and "StateCode" in names:
        return "orgs"
    return None


def read_orgs(path: Path, label: str) -> tuple[dict[str, Org], dict[str, str], SourceFile]:
    """Organisations by code, and the country names (rows typed CY, or IGO for bodies like ESA)."""
    rows = _Rows(path, label, ("Code", "StateCode", "Type", "Name"))
    orgs: dict[str, Org] = {}
    states: dict[str, str] = {}
    for _, cells in rows.rows:
        code = rows.get(cells, "Code").strip()
        if not code or code in orgs:
            continue  # the first row of a code is its first phase; later phases keep the code's name
        name = next(filter(None, map(_value, (rows.get(cells, "EName"), rows.get(cells, "Name"),
                                              rows.get(cells, "ShortEName")))), code)
        orgs[code] = Org(name, rows.get(cells, "StateCode").strip())
        kinds = rows.get(cells, "Type").split("/")
        if "CY" in kinds or "IGO" in kinds:
            states[code] = _value(rows.get(cells, "ShortEName")) or name
    return orgs, states, SourceFile(path.name, "orgs", len(rows.rows), rows.updated)


def read_sites(path: Path, label: str) -> tuple[dict[str, Site], SourceFile]:
    rows = _Rows(path, label, ("Site", "StateCode", "Name"))
    sites: dict[str, Site] = {}
    for _, cells in rows.rows:
        code = rows.get(cells, "Site").strip()
        if not code or code in sites:
            continue
        name = _value(rows.get(cells, "Name")) or _value(rows.get(cells, "EName")) or code
        place = _value(rows.get(cells, "Location")) or _value(rows.get(cells, "ShortEName"))
        if place is not None:
            place = place.split(",")[0].strip()
        sites[code] = Site(name, rows.get(cells, "StateCode").strip(), place)
    return sites, SourceFile(path.name, "sites", len(rows.rows), rows.updated)


def read_launchlog(path: Path, label: str, report: Report | None = None) -> tuple[list[Launch], SourceFile]:
    """One Launch per launch tag, in the file's order, with its payloads. Every malformed row is
    reported with its line number (DatasetErrors)."""
    rows = _Rows(path, label, LAUNCH_COLUMNS)
    report = report if report is not None else Report()
    get = rows.get
    grouped: dict[str, list[tuple[int, list[str]]]] = {}
    problems: list[DatasetError] = []
    for number, cells in rows.rows:
        if len(cells) < len(rows.header) - 1:  # GCAT's last column (LTCite) may be cut off
            problems.append(DatasetError(label, f"{len(cells)} columns where the header has {len(rows.header)}",
                                         f"line {number}"))
            continue
        tag = get(cells, "Launch_Tag").strip()
        if not tag:
            problems.append(DatasetError(label, "no launch tag", f"line {number}", "Launch_Tag"))
            continue
        grouped.setdefault(tag, []).append((number, cells))
    launches: list[Launch] = []
    for tag, group in grouped.items():
        number, first = group[0]
        where = f"line {number}"
        try:
            date, uncertain = parse_date(get(first, "Launch_Date"))
        except ValueError as exc:
            problems.append(DatasetError(label, str(exc), where, "Launch_Date"))
            continue
        code = get(first, "Launch_Code").strip()
        if not LAUNCH_CODE.fullmatch(code):
            problems.append(DatasetError(label, f"'{code}' is not a GCAT launch code", where, "Launch_Code"))
            continue
        payloads = tuple(Payload(
            piece=get(cells, "Piece").strip(), name=get(cells, "Name").strip(), program=get(cells, "PLName").strip(),
            jcat=get(cells, "JCAT").strip(), owner=get(cells, "SatOwner").strip(), state=get(cells, "SatState").strip(),
            crewed=get(cells, "Type")[1:2] == "H",
        ) for _, cells in group)
        agency = get(first, "Agency").strip()
        launches.append(Launch(
            tag=tag, date=date, uncertain=uncertain, vehicle=get(first, "LV_Type").strip(),
            serial=_value(get(first, "Flight_ID")), site=get(first, "Launch_Site").strip(),
            pad=_value(get(first, "Launch_Pad")), platform=_value(get(first, "Platform")),
            agencies=split_codes(agency), state=get(first, "LVState").strip(),
            code=code, payloads=payloads,
        ))
    if problems:
        raise DatasetErrors(problems)
    report.rows += len(rows.rows)
    report.launches += len(launches)
    report.lunar += sum(1 for launch in launches if launch.lunar)
    return launches, SourceFile(path.name, "launch log", len(rows.rows), rows.updated)


def build_table(launchlog: Path, orgs: Path | None = None, sites: Path | None = None,
                base: LaunchTable | None = None, report: Report | None = None) -> LaunchTable:
    """A LaunchTable from GCAT files; names come from the given orgs and sites files, or from `base`
    (the bundled table) when a user gives only a launch log."""
    report = report if report is not None else Report()
    files: list[SourceFile] = []
    launches, launch_file = read_launchlog(launchlog, str(launchlog), report)
    files.append(launch_file)
    all_orgs, states = (dict(base.orgs), dict(base.states)) if base else ({}, {})
    all_sites = dict(base.sites) if base else {}
    if orgs is not None:
        read, read_states, source = read_orgs(orgs, str(orgs))
        all_orgs.update(read)
        states.update(read_states)
        files.append(source)
    if sites is not None:
        read_s, source = read_sites(sites, str(sites))
        all_sites.update(read_s)
        files.append(source)
    # Keep only what the launches use: the tables stay small and every name shipped is needed.
    used_orgs, used_sites, used_states = set(), set(), set()
    for launch in launches:
        used_sites.add(launch.site)
        used_states.add(launch.state)
        for code in launch.agencies:
            if code.rstrip("?") in all_orgs:
                used_orgs.add(code.rstrip("?"))
            else:
                report.missing_agencies[code] += 1
        for payload in launch.payloads:
            used_states.add(payload.state)
            for owner in split_codes(payload.owner):
                if owner.rstrip("?") in all_orgs:
                    used_orgs.add(owner.rstrip("?"))
                else:
                    report.missing_owners[owner] += 1
        if launch.site not in all_sites:
            report.missing_sites[launch.site] += 1
    for state in used_states:
        if state not in states and state not in ("", "-"):
            report.missing_states[state] += 1
    launches.sort(key=lambda launch: launch.date)  # time order (stable: GCAT's order within a date)
    last = max((launch.date[:10] for launch in launches), default=None)
    source = Provenance(CITATION, GCAT_URL, LICENCE, NOTE, tuple(files), last)
    return LaunchTable(
        source=source,
        states={code: name for code, name in states.items() if code in used_states},
        orgs={code: org for code, org in all_orgs.items() if code in used_orgs},
        sites={code: site for code, site in all_sites.items() if code in used_sites},
        launches=launches,
    )
