"""Reading GCAT's own TSV files: headers, names, whitespace, errors (spacetime/gcat.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacetime.errors import DatasetError, DatasetErrors
from spacetime.gcat import Report, build_table, kind_of, read_launchlog, read_orgs, read_sites, split_codes
from spacetime.record import load_record
from spacetime.launches import LaunchRecord, country_code, disagreements
from spacetime.model import Event

from test_launches import HEADER, ORGS, gcat_row, write_log

SITES = ("#Site\tCode\tUCode\tType\tStateCode\tTStart\tTStop\tShortName\tName\tLocation\tLongitude\tLatitude\tError\t"
         "Parent\tShortEName\tEName\tGroup\tUName\n# Updated 2024 Jan 13 23:13:29\n"
         "NIIP-5\t-\tGIK-5\tLS\tSU\t1956\t1989\tNIIP-5\tNIIP-5, Baykonur, Kazakstan\t-\t63.0\t46.0\t0.02\tRVSN\tBaykonur\t-\t-\t-\n"
         "NIIP-53\t-\tGIK-1\tLS\tSU\t1957\t1991\tNIIP-53\t53-y NIIP\tPlesetsk, Rossiya\t40.6\t62.9\t0.02\tRVSN\t-\t-\tPL\t-\n"
         "KSC\t-\tKSC\tLS\tUS\t1966\t*\tKSC\tNASA Kennedy Space Center, Florida\t-\t-80.6\t28.6\t0.0\tNASA\t-\t-\tCC\t-\n"
         "KSC\t-\tKSC\tLS\tUS\t2020\t*\tKSC\tA later phase\t-\t-80.6\t28.6\t0.0\tNASA\t-\t-\tCC\t-\n")


@pytest.fixture
def files(tmp_path):
    orgs = tmp_path / "orgs.tsv"
    orgs.write_text(ORGS + "SPX\tSPX\tUS\tO/LA\tB\t2030\t*\tX\tA later phase of SpaceX\t-\t-\t-\t-\t-\tX\tLater\t-\n"
                    "NONAME\tNONAME\tUS\tO\tB\t-\t-\tNN\t-\t-\t-\t-\t-\t-\t-\t-\t-\n"
                    "I-ESA\tI-ESRO\tI-ESA\tIGO\tC\t1975\t*\tESA\tEuropean Space Agency\t-\t-\t-\t-\t-\tESA\tEuropean Space Agency\t-\n",
                    encoding="utf-8")
    sites = tmp_path / "sites.tsv"
    sites.write_text(SITES, encoding="utf-8")
    return orgs, sites


def test_each_gcat_file_is_known_by_its_header(tmp_path, files):
    orgs, sites = files
    log = write_log(tmp_path / "launchlog.tsv", [gcat_row()])
    assert (kind_of(log), kind_of(orgs), kind_of(sites)) == ("launchlog", "orgs", "sites")
    other = tmp_path / "other.tsv"
    other.write_text("#Name\tValue\n", encoding="utf-8")
    plain = tmp_path / "plain.tsv"
    plain.write_text("Launch_Tag\tLaunch_Date\n", encoding="utf-8")
    assert kind_of(other) is None and kind_of(plain) is None and kind_of(tmp_path / "missing.tsv") is None


def test_orgs_take_english_names_first_phase_and_countries(files):
    orgs, _ = files
    table, states, source = read_orgs(orgs, "orgs.tsv")
    assert table["RVSN"].name == "Strategic Rocket Forces"  # EName before Name
    assert table["SPX"].name == "Space Exploration Technologies Corp."  # EName '-': Name; the first phase wins
    assert table["NONAME"].name == "NONAME"  # no name at all: the code
    assert (table["RVSN"].state, table["VKSR"].state) == ("SU", "RU")
    assert states == {"US": "USA", "I-ESA": "ESA"}  # CY and IGO rows, by their short English name
    assert (source.file, source.role, source.rows, source.updated) == ("orgs.tsv", "orgs", 7, "2026 Feb 25")


def test_sites_keep_name_place_and_first_phase(files):
    _, sites = files
    table, source = read_sites(sites, "sites.tsv")
    assert table["NIIP-5"].name == "NIIP-5, Baykonur, Kazakstan" and table["NIIP-5"].place == "Baykonur"
    assert table["NIIP-53"].place == "Plesetsk"  # Location, up to its first comma
    assert table["KSC"].name == "NASA Kennedy Space Center, Florida" and table["KSC"].place is None
    assert table["NIIP-5"].state == "SU"
    assert source.updated == "2024 Jan 13 23:13:29" and source.rows == 4


def test_launch_rows_are_trimmed_and_dashes_are_nothing(tmp_path):
    row = gcat_row(tag="1957 ALP  ", date="1957 Oct  4 1928:34 ", piece=" 1957 ALP 2", type_="PH H",
                   name=" Sputnik ", serial="-", platform="-", pad=" LC1 ", agency="MVS/OKB1", state=" SU ")
    launches, source = read_launchlog(write_log(tmp_path / "log.tsv", [row]), "log.tsv")
    (launch,) = launches
    assert (launch.tag, launch.date, launch.serial, launch.platform, launch.pad) == (
        "1957 ALP", "1957-10-04T19:28:34Z", None, None, "LC1")
    assert launch.agencies == ("MVS", "OKB1") and launch.state == "SU"
    assert launch.payloads[0].piece == "1957 ALP 2" and launch.payloads[0].name == "Sputnik"
    assert launch.payloads[0].crewed and launch.crewed
    assert source.updated is None and source.rows == 1 and source.role == "launch log"


def test_a_launch_is_crewed_when_any_payload_is(tmp_path):
    rows = [gcat_row(piece="2025-001A", type_="PP"), gcat_row(piece="2025-001B", type_="PH")]
    (launch,), _ = read_launchlog(write_log(tmp_path / "log.tsv", rows), "log.tsv")
    assert [p.crewed for p in launch.payloads] == [False, True] and launch.crewed


def test_gcat_updated_line_is_kept(tmp_path):
    log = tmp_path / "log.tsv"
    log.write_text(HEADER + "\n# Updated 2026 Feb 25 10:00:00\n" + gcat_row() + "\n", encoding="utf-8")
    _, source = read_launchlog(log, "log.tsv")
    assert source.updated == "2026 Feb 25 10:00:00"


@pytest.mark.parametrize(("text", "reason"), [
    ("Launch_Tag\tLaunch_Date\n2025-001\t2025 Jan  1\n", "not a GCAT TSV file (the first line should be its '#' header)"),
    ("", "file is empty"),
])
def test_files_that_are_not_gcat_say_so(tmp_path, text, reason):
    log = tmp_path / "log.tsv"
    log.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        read_launchlog(log, "log.tsv")
    assert caught.value.line() == f"log.tsv: {reason}"


def test_missing_columns_are_named(tmp_path):
    header = HEADER.replace("\tLV_Type", "").replace("\tAgency", "")
    with pytest.raises(DatasetError) as caught:
        read_launchlog(write_log(tmp_path / "log.tsv", [gcat_row()], header=header), "log.tsv")
    assert caught.value.line() == "log.tsv: GCAT header lacks the columns LV_Type, Agency"


def test_every_bad_row_is_reported_at_its_line(tmp_path):
    rows = [gcat_row(tag=""), gcat_row(tag="2025-002", code="ZZ"), "2025-003\tonly\tthree"]
    with pytest.raises(DatasetErrors) as caught:
        read_launchlog(write_log(tmp_path / "log.tsv", rows), "log.tsv")
    assert [p.line() for p in caught.value.problems] == [
        "log.tsv: line 2: Launch_Tag: no launch tag",
        "log.tsv: line 4: 3 columns where the header has 20",
        "log.tsv: line 3: Launch_Code: 'ZZ' is not a GCAT launch code",
    ]


def test_split_codes():
    assert split_codes(" JSC/MSFC ") == ("JSC", "MSFC")
    assert split_codes("-") == () and split_codes("") == () and split_codes("KVR?") == ("KVR?",)


def test_the_report_counts_codes_missing_from_the_tables(tmp_path, files):
    orgs, sites = files
    rows = [gcat_row(agency="SPX/NOPE", owner="SPX/GONE", site="KSC", sat_state="ZZ"),
            gcat_row(tag="2025-002", piece="2025-002A", agency="NOPE", owner="GONE", site="NOWHERE")]
    report = Report()
    table = build_table(write_log(tmp_path / "log.tsv", rows), orgs, sites, report=report)
    assert report.missing_agencies == {"NOPE": 2} and report.missing_owners == {"GONE": 2}
    assert report.missing_sites == {"NOWHERE": 1} and report.missing_states == {"ZZ": 1}
    assert set(table.orgs) == {"SPX"} and set(table.sites) == {"KSC"} and set(table.states) == {"US"}
    lines = report.lines()
    assert lines[0] == "2 rows, 2 launch tags (2 from Earth, 0 from the Moon)"
    assert "1 launch agency codes not in the tables, kept as codes: NOPE (2)" in lines
    assert "1 site codes not in the tables, kept as codes: NOWHERE (1)" in lines
    assert table.source.last_launch == "2025-01-03"


def test_a_user_log_merges_over_the_bundled_record(tmp_path):
    base = load_record()
    log = write_log(tmp_path / "launchlog.tsv", [
        gcat_row(tag="1957 ALP", date="1957 Oct  4 1928:35", vehicle="Changed", site="NIIP-5", agency="MVS",
                 state="SU"),
        gcat_row(tag="2030-001", date="2030 Jan  1")])
    record = load_record([log])
    assert len(record) == len(base) + 1
    assert record.get("1957 ALP").vehicle == "Changed" and base.get("1957 ALP").vehicle != "Changed"
    assert record.launches[-1].tag == "2030-001" and record.source.last_launch == "2030-01-01"
    assert record.files == ("bundled", str(log))
    assert record.site_name("NIIP-5") == "Baykonur"  # names still come from the bundled tables
    only = load_record([log], bundled=False)
    assert [x.tag for x in only.launches] == ["1957 ALP", "2030-001"]


def test_a_tsv_that_is_not_gcat_is_a_data_error(tmp_path):
    other = tmp_path / "notes.tsv"
    other.write_text("#Name\tValue\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="not a GCAT launch log"):
        load_record([other])
    folder = tmp_path / "gcat"
    folder.mkdir()
    (folder / "orgs.tsv").write_text(ORGS, encoding="utf-8")
    with pytest.raises(DatasetError, match="needs a launch log"):
        load_record([folder])


@pytest.mark.parametrize(("name", "code"), [("USSR", "SU"), ("Soviet Union", "SU"), ("china", "CN"), ("France", "F"),
                                            ("Japan", "J"), ("UK", "UK"), ("Europe", "I-ESA"), ("F", "F"),
                                            ("New Zealand", "NZ"), ("Kazakhstan", "KZ")])
def test_countries_by_any_name(name, code):
    assert country_code(load_record(), name) == code


def test_an_unknown_country_suggests():
    from spacetime.errors import UsageError

    with pytest.raises(UsageError, match=r"Unknown country 'Frnace'\. Did you mean France"):
        country_code(load_record(), "Frnace")


def test_lazy_and_decoded_records_answer_alike():
    lazy = load_record()
    decoded = LaunchRecord(lazy.table.__class__(lazy.table.source, lazy.table.states, lazy.table.orgs,
                                                lazy.table.sites, list(lazy.table.launches)))
    full = load_record()
    full.launches  # noqa: B018 - decode everything first
    for tag in ("1957 ALP", "1969-059A", "1958-F01", "2024-U02", "1990-001", "2024-215"):
        assert lazy.get(tag) == full.get(tag) is not None
    assert lazy.get("2031-001") is None and full.get("2031-001") is None
    assert len(lazy) == len(full.launches) == len(decoded.table.launches)
    assert lazy.in_years(1961, 1962) == full.in_years(1961, 1962)


def test_events_after_the_record_or_without_a_tag_are_not_judged():
    record = load_record()
    from spacetime.dates import PartialDate

    late = Event("late", "Late launch", PartialDate(2026, 1, 1), "launch", launch="2026-001")
    untagged = Event("plain", "No tag", PartialDate(1969, 1, 1), "launch")
    early = Event("early", "Early cospar", PartialDate(1957, 10, 4), "launch", cospar="1957-001B")
    landing = Event("landing", "A landing", PartialDate(1969, 7, 20), "landing", launch="1969-059")
    assert disagreements([late, untagged, early, landing], record) == []
    missing = Event("missing", "Missing tag", PartialDate(1970, 1, 1), "landing", launch="1970-999")
    assert disagreements([missing], record) == ["missing: launch tag 1970-999 is not in the launch record"]


def test_helper_files_exist():
    assert Path(__file__).with_name("test_launches.py").is_file()


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_launch_log_is_refused_without_blocking(run, tmp_path):
    import os

    fifo = tmp_path / "launchlog.tsv"
    os.mkfifo(fifo)
    result = run("--data", str(fifo), "launches", "2024")  # would block forever if it were opened
    assert result.exit_code == 1 and "FIFO" in result.stderr
    assert run("--data", str(tmp_path / "missing.tsv"), "launches", "2024").exit_code == 1


def test_a_launch_log_in_the_data_folder_is_read(run, tmp_path, monkeypatch):
    folder = tmp_path / "xdg" / "spacetime"
    folder.mkdir(parents=True)
    write_log(folder / "launchlog.tsv", [gcat_row(tag="2025-001", date="2025 Jan  3 1327:00")])
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    out = run("launches", "2025").stdout
    assert "2025-001" in out
    monkeypatch.setenv("SPACETIME_DATA", str(folder / "launchlog.tsv"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    assert "2025-001" in run("launches", "2025").stdout


def test_without_the_bundled_record_only_the_users_launches_remain(tmp_path):
    empty = load_record([], bundled=False)
    assert len(empty) == 0 and empty.launches == [] and empty.files == ()
    assert empty.site_name("NIIP-5") == "Baykonur" and empty.state_name("SU") == "USSR"  # names are kept
    assert empty.source.citation.startswith("data from GCAT")


def test_a_users_orgs_and_sites_tables_name_their_launches(tmp_path, files):
    orgs, sites = files
    log = write_log(tmp_path / "launchlog.tsv", [gcat_row(tag="2030-001", date="2030 Jan  1", agency="RVSN",
                                                          site="NIIP-53", state="SU")])
    record = load_record([log, orgs, sites], bundled=False)
    (launch,) = record.launches
    assert record.org_name("RVSN") == "Strategic Rocket Forces"
    assert record.site_full_name("NIIP-53") == "53-y NIIP (Plesetsk)"
    # The bundled tables' files stay in the attribution: their names may still be shown.
    assert [f.role for f in record.source.files][-3:] == ["launch log", "orgs", "sites"]
    assert launch.site == "NIIP-53"


def test_problems_name_the_file_they_are_in(tmp_path):
    log = write_log(tmp_path / "launchlog.tsv", [gcat_row(tag="2025-002", date="2025 Jan 45")])
    with pytest.raises(DatasetErrors) as caught:
        load_record([log])
    assert caught.value.problems[0].file == str(log)
    other = tmp_path / "notes.tsv"
    other.write_text("#Name\tValue\n", encoding="utf-8")
    with pytest.raises(DatasetError) as refused:
        load_record([other])
    assert refused.value.line() == (f"{other}: not a GCAT launch log, orgs or sites table (expected a '#' header "
                                    "line with Launch_Tag, or Code and StateCode, or Site)")
    folder = tmp_path / "only-orgs"
    folder.mkdir()
    (folder / "orgs.tsv").write_text(ORGS, encoding="utf-8")
    with pytest.raises(DatasetError) as alone:
        load_record([folder])
    assert alone.value.line() == f"{folder / 'orgs.tsv'}: a GCAT orgs or sites table needs a launch log (launchlog.tsv) beside it"


def test_a_header_needs_both_code_columns_to_be_an_orgs_table(tmp_path):
    half = tmp_path / "half.tsv"
    half.write_text("#Name\tStateCode\n", encoding="utf-8")
    spaced = tmp_path / "spaced.tsv"
    spaced.write_text("#Launch Tag\tLaunch Date\n", encoding="utf-8")
    assert kind_of(half) is None and kind_of(spaced) is None


def test_every_column_lands_in_its_field(tmp_path, files):
    from spacetime.launches import Launch, Payload

    orgs, _ = files
    rows = [gcat_row(tag="1969-059", date="1969 Jul 16 1332:00", piece="1969-059A", type_="PH HD", name="Apollo 11 CSM",
                     program="Apollo CM-107", jcat="S04039", owner="MSC", sat_state="US", vehicle="Saturn V",
                     serial="SA-506", platform="LUT1", site="KSC", pad="LC39A", agency="MSFC", state="US", code="DS"),
            gcat_row(tag="1969-U01", date="1969 Jul 21 1754:01", piece="1969-U01", type_="PP HX", name="Eagle",
                     program="LM 5 Ascent Stage", jcat="A00001", owner="MSC", vehicle="LM AS", serial="-",
                     site="TRAN", pad="LM5-DS", agency="MSC", code="XS"),
            gcat_row(tag="1970-001", date="1970 Jan 1", agency="KVR?", state="SU", code="OS")]
    report = Report()
    table = build_table(write_log(tmp_path / "log.tsv", rows), orgs, None, report=report)
    assert table.launches[0] == Launch(
        tag="1969-059", date="1969-07-16T13:32:00Z", uncertain=False, vehicle="Saturn V", serial="SA-506", site="KSC",
        pad="LC39A", platform="LUT1", agencies=("MSFC",), state="US", code="DS",
        payloads=(Payload(piece="1969-059A", name="Apollo 11 CSM", program="Apollo CM-107", jcat="S04039", owner="MSC",
                          state="US", crewed=True),))
    assert table.launches[1].lunar and not table.launches[1].payloads[0].crewed
    assert (report.rows, report.launches, report.lunar) == (3, 3, 1)
    assert report.lines()[0] == "3 rows, 3 launch tags (2 from Earth, 1 from the Moon)"
    assert report.missing_agencies == {"MSFC": 1, "MSC": 1, "KVR?": 1}


def test_an_uncertain_code_is_credited_like_the_code():
    from spacetime.launches import Launch, Org, project_agencies
    from spacetime.model import Agency

    agencies = {"soviet": Agency("soviet", "USSR", "Soviet space program")}
    orgs = {"KVR": Org("Russian Space Forces", "SU")}
    launch = Launch("1970-001", "1970-01-01", False, "Soyuz", None, "GIK-1", None, None, ("KVR?",), "SU", "OS", ())
    assert project_agencies(launch, orgs, agencies) == ("soviet",)
    nasa = Launch("1970-002", "1970-01-01", False, "Delta", None, "CC", None, None, ("GSFC?",), "US", "OS", ())
    assert project_agencies(nasa, orgs, {"nasa": Agency("nasa", "NASA", "NASA")}) == ("nasa",)
