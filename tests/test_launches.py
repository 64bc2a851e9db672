"""The launch record: converter, bundled table, commands, and agreement with the curated timeline."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacetime.dates import PartialDate
from spacetime.gcat import MONTHS, Report, build_table, parse_date
from spacetime.record import load_record
from spacetime.launches import (
    LaunchFilters,
    LaunchTable,
    disagreements,
    encode_table,
    normalize_tag,
    outcome_of,
    project_agencies,
    schema,
    select,
    vehicle_matches,
)
from spacetime.model import Agency
from spacetime.paths import bundled_dir

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = ("#Launch_Tag\tLaunch_Date\tPiece\tType\tName\tPLName\tJCAT\tSatOwner\tSatState\tLV_Type\tFlight_ID\t"
          "Platform\tLaunch_Site\tLaunch_Pad\tAscent_Site\tAscent_Pad\tAgency\tLVState\tLaunch_Code\tLTCite")


@pytest.fixture(scope="module")
def record():
    return load_record()


def gcat_row(tag="2025-001", date="2025 Jan  3 1327:00", piece="2025-001A", type_="P", name="Sat-A", program="Sat",
             jcat="S99001", owner="SPX", sat_state="US", vehicle="Falcon 9", serial="B1080", platform="-",
             site="CC", pad="SLC40", agency="SPX", state="US", code="OS") -> str:
    return "\t".join((tag, date, piece, type_, name, program, jcat, owner, sat_state, vehicle, serial, platform,
                      site, pad, "-", "-", agency, state, code, "Ref"))


def write_log(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


ORGS = ("#Code\tUCode\tStateCode\tType\tClass\tTStart\tTStop\tShortName\tName\tLocation\tLongitude\tLatitude\tError\t"
        "Parent\tShortEName\tEName\tUName\n# Updated 2026 Feb 25\n"
        "SPX\tSPX\tUS\tO/LA\tB\t2002\t*\tSpaceX\tSpace Exploration Technologies Corp.\t-\t-\t-\t-\t-\tSpaceX\t-\t-\n"
        "RVSN\tRVSN\tSU\tO/LA\tD\t1959\t1992\tRVSN\tRaketnye Voyska\t-\t-\t-\t-\t-\tRVSN\tStrategic Rocket Forces\t-\n"
        "VKSR\tVKSR\tRU\tO/LA\tD\t1992\t*\tVKS\tVoyenno-kosmicheskiye sily\t-\t-\t-\t-\t-\tVKS\tRussian Military Space Forces\t-\n"
        "US\tUS\tUS\tCY\tC\t1776\t-\tUSA\tUnited States of America\t-\t-\t-\t-\t-\tUSA\tUnited States\t-\n")


# -- the bundled table ------------------------------------------------------------------------------
def test_committed_schema_is_the_generated_one():
    committed = json.loads((DATA / "launches.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(schema()))


def test_committed_table_is_in_the_converters_exact_form():
    """Re-encoding the bundled table gives the committed bytes: the converter's output was not edited
    by hand, and the encoder is deterministic."""
    data = (DATA / "launches.json").read_bytes()
    table = msgspec.json.decode(data, type=LaunchTable)
    assert encode_table(table) == data


def test_bundled_table_carries_its_attribution(record):
    assert record.source.citation == "data from GCAT (J. McDowell, planet4589.org/space/gcat)"
    assert "onverted" in record.source.note
    assert [f.role for f in record.source.files] == ["launch log", "orgs", "sites"]
    assert record.source.last_launch == max(launch.date[:10] for launch in record.launches)
    assert "converted by spacetime" in record.attribution()


def test_launches_are_in_time_order_and_tags_unique(record):
    dates = [launch.date for launch in record.launches]
    assert dates == sorted(dates)
    assert len({launch.tag for launch in record.launches}) == len(record.launches)


def test_year_slice_equals_filtering_every_launch(record):
    everything = record.launches
    for year in (1957, 1961, 1969, 1999, 2023, 2024):
        expected = [x for x in everything if x.date.startswith(str(year)) and not x.lunar]
        assert record.in_years(year, year) == expected


def test_counts_per_year_add_up_and_match_the_reference_totals(record):
    total = sum(len(record.in_years(y, y)) for y in range(1957, 2025))
    assert total == len(record.earth())
    # Totals McDowell publishes, as the reference README states them.
    assert len(record.in_years(1969, 1969)) == 125
    assert len(record.in_years(2022, 2022)) == 186
    assert len(record.in_years(2023, 2023)) == 223


def test_lunar_ascents_are_kept_apart(record):
    ascents = [x for x in record.launches if x.lunar]
    assert ascents and all(x.code.startswith("X") for x in ascents)
    assert not any(x.lunar for x in record.earth())
    assert record.get("1969-U01").payloads[0].name == "Eagle"


@pytest.mark.parametrize(("text", "tag"), [
    ("1957 ALP", "1957 ALP"), ("1957-alp", "1957 ALP"), ("1957 ALP 2", "1957 ALP"), ("1963-001", "1963-001"),
    ("1958-F01", "1958-F01"), ("1958 f01", "1958-F01"), ("1969-059A", "1969-059"), ("1961 A ALP", "1961 A ALP"),
])
def test_every_tag_form_finds_its_launch(record, text, tag):
    assert record.get(text).tag == tag


# -- conversion ---------------------------------------------------------------------------------------
@given(st.integers(1957, 2100), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23), st.integers(0, 59),
       st.one_of(st.none(), st.integers(0, 59)), st.booleans(), st.sampled_from(["day", "minute", "second", "month"]))
def test_gcat_dates_keep_their_precision(year, month, day, hour, minute, second, mark, precision):
    name = next(k for k, v in MONTHS.items() if v == month)
    text = f"{year} {name} {day:2d}"
    expected = PartialDate(year, month, day)
    if precision == "month":
        text, expected = f"{year} {name}", PartialDate(year, month)
    elif precision == "minute" or (precision == "second" and second is None):
        text += f" {hour:02d}{minute:02d}"
        expected = PartialDate(year, month, day, hour, minute)
    elif precision == "second":
        text += f" {hour:02d}{minute:02d}:{second:02d}"
        expected = PartialDate(year, month, day, hour, minute, second)
    iso, uncertain = parse_date(text + ("?" if mark else ""))
    assert iso == expected.iso()
    assert uncertain is mark


@pytest.mark.parametrize("bad", ["1957 Okt  4", "1957 Oct 32", "57 Oct  4", "1957 Oct  4 2460", "yesterday"])
def test_bad_gcat_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


@pytest.mark.parametrize(("code", "outcome"), [("OS", "success"), ("DS", "success"), ("OF", "failure"),
                                               ("OS75", "partial"), ("OF40", "partial"), ("OE", "pad-explosion"),
                                               ("OU", "unknown"), ("XS", "success")])
def test_outcome_from_launch_code(code, outcome):
    assert outcome_of(code) == outcome


def test_converter_groups_payloads_by_tag_and_reads_columns_by_name(tmp_path):
    rows = [gcat_row(piece="2025-001A", name="Sat-A"), gcat_row(piece="2025-001B", name="Sat-B", owner="SPX/NASA"),
            gcat_row(tag="2025-F01", date="2025 Feb  1?", piece="2025-F01", name="Lost", code="OF", agency="SPX/ZZZ",
                     site="NOWHERE")]
    log = write_log(tmp_path / "launchlog.tsv", rows)
    orgs = tmp_path / "orgs.tsv"
    orgs.write_text(ORGS, encoding="utf-8")
    report = Report()
    table = build_table(log, orgs, None, report=report)
    assert [x.tag for x in table.launches] == ["2025-001", "2025-F01"]
    assert [p.name for p in table.launches[0].payloads] == ["Sat-A", "Sat-B"]
    failed = table.launches[1]
    assert (failed.date, failed.uncertain, failed.outcome, failed.agencies) == ("2025-02-01", True, "failure", ("SPX", "ZZZ"))
    assert report.missing_agencies == {"ZZZ": 1} and report.missing_owners == {"NASA": 1}
    assert report.missing_sites == {"CC": 1, "NOWHERE": 1}
    assert [f.updated for f in table.source.files] == [None, "2026 Feb 25"]
    # The same columns in another order make the same table.
    columns = HEADER.lstrip("#").split("\t")
    order = list(reversed(range(len(columns))))
    shuffled = ["#" + "\t".join(columns[i] for i in order)]
    for row in rows:
        cells = row.split("\t")
        shuffled.append("\t".join(cells[i] for i in order))
    other = tmp_path / "shuffled.tsv"
    other.write_text("\n".join(shuffled) + "\n", encoding="utf-8")
    again = build_table(other, orgs, None)
    assert again.launches == table.launches
    assert encode_table(again) == encode_table(build_table(other, orgs, None))


def test_converter_reports_malformed_rows_with_their_line(tmp_path):
    from spacetime.errors import DatasetErrors

    log = write_log(tmp_path / "launchlog.tsv", [gcat_row(), gcat_row(tag="2025-002", date="2025 Jan 45"),
                                                gcat_row(tag="2025-003", code="QQ"), "2025-004\tshort"])
    with pytest.raises(DatasetErrors) as caught:
        build_table(log)
    lines = [p.line() for p in caught.value.problems]
    assert any("line 5" in line and "columns" in line for line in lines)
    assert any("line 3" in line and "Launch_Date" in line for line in lines)
    assert any("line 4" in line and "Launch_Code" in line for line in lines)


def test_a_header_without_a_needed_column_is_refused(tmp_path):
    from spacetime.errors import DatasetError

    log = write_log(tmp_path / "launchlog.tsv", [gcat_row()], header=HEADER.replace("Launch_Code", "Code"))
    with pytest.raises(DatasetError, match="Launch_Code"):
        build_table(log)


# -- queries ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("query", "vehicle", "match"), [
    ("Falcon 9", "Falcon 9", True), ("Falcon 9", "Falcon Heavy", False), ("falcon", "Falcon Heavy", True),
    ("Soyuz", "Soyuz-2-1A", True), ("Soyuz", "Soyuz-U", True), ("Soyuz-U", "Soyuz-U-PVB", True),
    ("Saturn V", "Saturn V", True), ("Saturn V", "Saturn IB", False), ("Long March 5", "Chang Zheng 5", True),
    ("Long March 5", "Chang Zheng 5B", False), ("Sat", "Saturn V", False),
])
def test_vehicle_family_match(query, vehicle, match):
    assert vehicle_matches(query, vehicle) is match


def _agency(ident, founded=None, dissolved=None):
    return Agency(ident, ident.upper(), ident, founded=PartialDate.parse(founded) if founded else None,
                  dissolved=PartialDate.parse(dissolved) if dissolved else None)


def test_soviet_and_russian_launches_are_credited_to_whoever_existed(record):
    agencies = {"soviet": _agency("soviet", None, "1991-12-26"), "roscosmos": _agency("roscosmos", "1992-02-25")}

    def credited(date, code):
        launch = record.launches[0].__class__(
            tag="X", date=date, uncertain=False, vehicle="Soyuz", serial=None, site="GIK-5", pad=None, platform=None,
            agencies=(code,), state="RU", code="OS", payloads=())
        return project_agencies(launch, record.table.orgs, agencies)

    assert credited("1990-05-01", "RVSN") == ("soviet",)
    assert credited("2000-05-01", "VKSR") == ("roscosmos",)
    assert credited("1992-01-15", "VKSR") == ()  # between the two: neither existed
    assert credited("2000-05-01", "ILSK") == ()  # a commercial joint venture


def test_filters_combine(record, timeline):
    found = select(record, LaunchFilters(years=(1969, 1969), outcomes=frozenset({"failure"})), timeline.agencies)
    assert found and all(x.outcome == "failure" and x.year == 1969 for x in found)
    crewed = select(record, LaunchFilters(years=(1969, 1969), crewed=True), timeline.agencies)
    assert {x.tag for x in crewed} >= {"1969-059"} and all(x.crewed for x in crewed)


# -- one truth: the curated timeline agrees with the record -----------------------------------------
def test_every_curated_launch_agrees_with_the_launch_record(timeline, record):
    problems = disagreements(timeline.events, record)
    assert problems == [], "\n".join(problems)


def test_a_wrong_curated_launch_date_is_caught(timeline, record):
    event = timeline.event("apollo-11-launch")
    wrong = event._replace(date=PartialDate(1969, 7, 16, 13, 33))
    assert disagreements([wrong], record) == [
        "apollo-11-launch: dated 1969-07-16T13:33Z, the launch record has 1969-07-16T13:32:00Z for 1969-059"]
    assert disagreements([event._replace(launch="1969-999")], record)
    assert disagreements([event._replace(date=PartialDate(1969, 7))], record) == []


# -- commands -------------------------------------------------------------------------------------------
def launch_json(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_launches_1969_json_has_every_attempt(run, record):
    doc = launch_json(run("launches", "1969", "-f", "json"))
    assert [row["tag"] for row in doc["launches"]] == [x.tag for x in record.in_years(1969, 1969)]
    assert doc["source"]["citation"].startswith("data from GCAT")
    assert "converted" in doc["source"]["attribution"]


def test_launches_1958_failures(run, record):
    doc = launch_json(run("launches", "1958", "--outcome", "failure", "-f", "json"))
    expected = [x.tag for x in record.in_years(1958, 1958) if x.outcome == "failure"]
    assert [row["tag"] for row in doc["launches"]] == expected and expected
    table = run("launches", "1958", "--outcome", "failure", "-f", "table")
    assert table.stdout.count("FAILURE") == len(expected)
    lines = run("launches", "1958", "--outcome", "failure").stdout.splitlines()
    assert [line.split("\t")[1] for line in lines] == expected
    assert all(line.split("\t")[5] == "FAILURE" for line in lines)


def test_launches_from_kourou_as_csv(run):
    result = run("launches", "--site", "Kourou", "2023", "-f", "csv")
    assert result.exit_code == 0
    first, *rest = result.stdout.splitlines()
    assert first.startswith("# data from GCAT")
    rows = list(csv.DictReader(io.StringIO("\n".join(rest))))
    assert rows and {row["site"] for row in rows} == {"CSG"}
    assert all(row["date"].startswith("2023") for row in rows)


@pytest.mark.parametrize(("args", "check"), [
    (("--country", "USSR", "1961"), lambda row: row["state"] == "SU"),
    (("--country", "Soviet Union", "1961"), lambda row: row["state"] == "SU"),
    (("--vehicle", "Saturn V"), lambda row: row["vehicle"] == "Saturn V"),
    (("--site", "Baikonur", "1961"), lambda row: "Baykonur" in row["site_name"]),
    (("--agency", "Roscosmos", "2010"), lambda row: row["credited"] == ["roscosmos"]),
    (("--agency", "Roscosmos", "--lineage", "1975"), lambda row: row["credited"] == ["soviet"]),
    (("--crewed", "1965..1966"), lambda row: row["crewed"]),
])
def test_launch_filters_from_the_command_line(run, args, check):
    doc = launch_json(run("launches", *args, "-f", "json"))
    assert doc["launches"] and all(check(row) for row in doc["launches"])


@pytest.mark.parametrize("args", [("launches", "--outcome", "sideways"), ("launches", "--site", "Atlantis"),
                                  ("launches", "--country", "Narnia"), ("launches", "--vehicle", "Falcn 9"),
                                  ("launches", "1969", "-f", "ics"), ("year", "1969", "--launches", "-f", "csv"),
                                  ("stats", "--launches", "--kind", "landing"), ("export", "-f", "sqlite")])
def test_launch_usage_errors_are_one_line_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_apollo_11_launch(run):
    result = run("show", "1969-059", "-f", "table")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("Saturn V", "SA-506", "Kennedy Space Center", "LC39A", "Apollo 11 CSM", "Apollo 11 LM",
                 "Apollo 11 launches", "apollo-11", "data from GCAT"):
        assert text in out, text
    doc = launch_json(run("show", "1957 ALP", "-f", "json"))
    assert doc["tag"] == "1957 ALP" and doc["payloads"][0]["name"] == "1-y ISZ"
    assert run("show", "1958-F01", "-f", "json").exit_code == 0


def test_year_with_launches_tells_them_apart(run, record):
    doc = launch_json(run("year", "1969", "--launches", "-f", "json"))
    assert len(doc["launches"]) == len(record.in_years(1969, 1969))
    assert any(e["id"] == "apollo-11-landing" for e in doc["events"])
    table = run("year", "1969", "--launches", "-f", "table").stdout
    assert "Curated events" in table and "Launch record: 125 orbital launch attempts in 1969" in table
    events, launches = run("year", "1969", "--launches").stdout.split("\n\n")
    assert "apollo-11-landing" in events and "1969-059" not in events
    assert len(launches.splitlines()) == 125 and all("\t1969-" in line for line in launches.splitlines())


def test_agency_launch_counts_by_year(run, record, timeline):
    doc = launch_json(run("agency", "Roscosmos", "--launches", "-f", "json"))
    rows = doc["launches"]["by_year"]
    credited = record.credited(timeline.agencies)
    assert sum(r["launches"] for r in rows) == sum(1 for x in record.earth() if "roscosmos" in credited[x.tag])
    assert all(r["launches"] == sum(r[o] for o in ("success", "failure", "partial", "pad-explosion", "unknown"))
               for r in rows)


@pytest.mark.parametrize("by", ["year", "decade", "country", "agency", "vehicle", "site", "outcome"])
def test_launch_stats_in_every_grouping(run, record, by):
    doc = launch_json(run("stats", "--launches", "--by", by, "-f", "json"))
    counts = {row["group"]: row["count"] for row in doc["counts"]}
    if by in ("year", "decade", "country", "vehicle", "site", "outcome"):
        assert sum(counts.values()) == len(record.earth())
    assert run("stats", "--launches", "--by", by, "-f", "table").exit_code == 0
    assert run("stats", "--launches", "--by", by, "-f", "csv").stdout.startswith("# data from GCAT")


def test_info_and_help_carry_the_attribution(run):
    assert "data from GCAT (J. McDowell, planet4589.org/space/gcat)" in run("info").stdout
    assert "planet4589.org/space/gcat" in run("launches", "--help").stdout


def test_sqlite_export_has_everything_with_keys(run, tmp_path, record, timeline):
    path = tmp_path / "spacetime.db"
    result = run("export", "-f", "sqlite", "-o", str(path))
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM launches").fetchone()[0] == len(record.launches)
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == len(timeline.events)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    (vehicle,) = db.execute("SELECT l.vehicle FROM events e JOIN launches l ON e.launch_tag = l.tag "
                            "WHERE e.id = 'apollo-11-launch'").fetchone()
    assert vehicle == "Saturn V"
    assert "GCAT" in db.execute("SELECT value FROM meta WHERE key = 'launch_record'").fetchone()[0]


# -- a newer launch log from the user -------------------------------------------------------------------
def test_a_users_newer_launch_log_adds_launches(run, tmp_path):
    log = write_log(tmp_path / "launchlog.tsv", [gcat_row(tag="2025-001", date="2025 Jan  3 1327:00"),
                                                gcat_row(tag="1969-059", date="1969 Jul 16 1332:00", vehicle="Saturn V",
                                                         site="KSC", agency="MSFC", code="DS")])
    before = log.read_bytes()
    doc = launch_json(run("--data", str(log), "launches", "2025", "-f", "json"))
    assert [row["tag"] for row in doc["launches"]] == ["2025-001"]
    assert [f["file"] for f in doc["source"]["files"]][-1] == "launchlog.tsv"
    assert run("--data", str(tmp_path), "launches", "2025", "-f", "json").exit_code == 0
    assert run("--data", str(log), "year", "1969").exit_code == 0  # the events still load
    assert log.read_bytes() == before


def test_a_malformed_user_log_is_a_located_data_error(run, tmp_path):
    log = write_log(tmp_path / "launchlog.tsv", [gcat_row(), gcat_row(tag="2025-002", date="2025 Jan 45")])
    result = run("--data", str(log), "launches", "2025")
    assert result.exit_code == 1
    assert "line 3" in result.stderr and "Launch_Date" in result.stderr


def test_bundled_dir_has_the_launch_table():
    assert (bundled_dir() / "launches.json").is_file()
    assert normalize_tag("1969 059") == normalize_tag("1969-059A")


@pytest.mark.parametrize("columns", ["40", "60", "80", "100", "140", "200"])
def test_launch_table_keeps_date_tag_and_outcome_whole_at_any_width(run, columns, record):
    expected = [x for x in record.in_years(1958, 1958) if x.outcome == "failure"]
    out = run("launches", "1958", "--outcome", "failure", "-f", "table", env={"COLUMNS": columns}).stdout
    assert out.count("FAILURE") == len(expected)
    for launch in expected:
        assert launch.tag in out and launch.date[:10] in out


def test_completion_offers_sites_and_rockets():
    from spacetime.cli.launch import _complete_site, _complete_vehicle

    assert "Baykonur" in _complete_site("bay") or "baykonur" in _complete_site("bay")
    assert {"Falcon 9", "Falcon Heavy"} <= set(_complete_vehicle("Falcon"))
    assert all(name.lower().startswith("sat") for name in _complete_vehicle("Sat"))


def test_heads_are_the_launches_without_their_payloads():
    lazy = load_record()
    heads = lazy.heads()
    full = load_record().launches
    assert [h.tag for h in heads] == [x.tag for x in full]
    assert all(not hasattr(h, "payloads") for h in heads)
    assert [(h.date, h.code, h.agencies, h.outcome) for h in heads] == [(x.date, x.code, x.agencies, x.outcome) for x in full]


# -- counting, checked against counts made here independently --------------------------------------
def test_count_by_year_and_decade_keep_empty_buckets_in_time_order(record):
    from collections import Counter

    from spacetime.launches import count_by

    some = [x for x in record.earth() if x.year in (1957, 1959, 1961)]
    by_year = Counter(int(x.date[:4]) for x in some)
    assert count_by(record, some, "year") == [("1957", by_year[1957]), ("1958", 0), ("1959", by_year[1959]),
                                              ("1960", 0), ("1961", by_year[1961])]
    two = [x for x in record.earth() if x.year in (1959, 1971)]
    assert count_by(record, two, "decade") == [("1950s", sum(1 for x in two if x.year == 1959)),
                                               ("1960s", 0), ("1970s", sum(1 for x in two if x.year == 1971))]
    assert count_by(record, [], "year") == [] and count_by(record, [], "country") == []


@pytest.mark.parametrize("by", ["country", "agency", "vehicle", "site", "outcome"])
def test_count_by_names_sorted_by_count(record, by):
    from collections import Counter

    from spacetime.launches import count_by

    launches = record.in_years(1969, 1970)
    expected: Counter = Counter()
    for x in launches:
        if by == "country":
            expected[record.table.states.get(x.state, x.state)] += 1
        elif by == "agency":
            for name in {record.org_name(code) for code in x.agencies}:
                expected[name] += 1
        elif by == "vehicle":
            expected[x.vehicle] += 1
        elif by == "site":
            expected[record.site_name(x.site)] += 1
        else:
            expected[x.outcome] += 1
    got = count_by(record, launches, by)
    assert dict(got) == dict(expected)
    assert got == sorted(got, key=lambda kv: (-kv[1], kv[0]))


def test_an_unknown_grouping_lists_the_groupings(record):
    from spacetime.errors import UsageError
    from spacetime.launches import count_by

    with pytest.raises(UsageError) as caught:
        count_by(record, [], "planet")
    assert str(caught.value) == "Unknown grouping 'planet': use one of year, decade, country, agency, vehicle, site, outcome"
