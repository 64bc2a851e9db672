"""Every command as a user runs it, through typer.testing.CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# -- year --------------------------------------------------------------------------------------------
def test_year_1969_lists_apollo_11_in_order(run):
    result = run("year", "1969")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Apollo 11 lands on the Moon" in out
    assert out.index("1969-07-16 13:32") < out.index("1969-07-20 20:17") < out.index("1969-07-24")
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_year_json_has_stable_fields(run, timeline):
    rows = json.loads(run("year", "1969", "--format", "json").stdout)
    assert rows and all(r["date"].startswith("1969") for r in rows)
    for field in ("id", "title", "date", "precision", "kind", "agencies", "mission"):
        assert field in rows[0]
    assert [r["id"] for r in rows] == [e.id for e in timeline.in_years(1969, 1969)]


def test_year_range_and_decade(run, timeline):
    rows = json.loads(run("year", "1969..1972", "-f", "json").stdout)
    assert {int(r["date"][:4]) for r in rows} <= set(range(1969, 1973))
    assert len(rows) == len(timeline.in_years(1969, 1972))
    decade = json.loads(run("year", "1960s", "-f", "json").stdout)
    assert len(decade) == len(timeline.in_years(1960, 1969)) > len(rows) / 2


def test_whole_dataset_by_year_range(run):
    rows = json.loads(run("year", "1950..2030", "--format", "json").stdout)
    assert len(rows) >= 300


def test_year_csv_has_a_header(run):
    text = run("year", "1957", "--format", "csv").stdout
    reader = list(csv.DictReader(io.StringIO(text)))
    assert reader[0]["id"] == "sputnik-1-launch"
    assert reader[0]["date"] == "1957-10-04T19:28:34Z"
    assert text.splitlines()[0].startswith("id,title,date,precision,kind,agencies,mission")


def test_month_precision_dates_print_at_their_precision(run, timeline):
    month_events = [e for e in timeline.events if e.date.precision.label == "month"]
    if not month_events:
        pytest.skip("no month-precision event in the data")
    event = month_events[0]
    rows = json.loads(run("year", str(event.date.year), "-f", "json").stdout)
    (row,) = [r for r in rows if r["id"] == event.id]
    assert row["date"] == event.date.iso() and len(row["date"]) == 7 and row["precision"] == "month"


@pytest.mark.parametrize("args", [["year", "19x9"], ["year", "1975..1969"], ["show", "no-such-thing-xyz"],
                                  ["agency", "NASAA"], ["year", "1969", "--format", "xml"], ["missions", "--year", "19x9"],
                                  ["list", "--kind", "lunch"], ["list", "--from", "1970", "--to", "1969"],
                                  ["anniversaries", "--date", "2025-02-30"], ["anniversaries", "--within", "-1"],
                                  ["anniversaries", "--every", "0"], ["nosuchcommand"], ["year"]])
def test_bad_usage_is_one_line_and_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert len(lines(result.stderr)) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_unknown_agency_suggests(run):
    result = run("agency", "NASAA")
    assert "Unknown agency 'NASAA'. Did you mean NASA" in result.stderr


def test_no_arguments_shows_help_and_exits_2(run):
    result = run()
    assert result.exit_code == 2
    assert "Usage" in result.stderr


# -- agency ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["USSR", "Soviet", "Soviet space program", "soviet", "SOVIET SPACE PROGRAMME"])
def test_agency_names_reach_the_same_agency(run, name):
    doc = json.loads(run("agency", name, "--format", "json").stdout)
    assert doc["id"] == "soviet"


def test_agency_card_lists_joint_missions_under_both_partners(run):
    soviet = run("agency", "Soviet")
    nasa = run("agency", "NASA")
    assert soviet.exit_code == nasa.exit_code == 0
    assert "Apollo-Soyuz" in soviet.stdout and "Apollo-Soyuz" in nasa.stdout
    assert "Country: SU" in soviet.stdout
    assert "Successors: Roscosmos" in soviet.stdout


def test_agency_lineage_adds_predecessors(run):
    plain = json.loads(run("agency", "Roscosmos", "-f", "json").stdout)
    lineage = json.loads(run("agency", "Roscosmos", "--lineage", "-f", "json").stdout)
    assert plain["lineage"] == ["roscosmos"]
    assert "soviet" in lineage["lineage"]
    plain_ids = {m["id"] for m in plain["missions"]}
    lineage_ids = {m["id"] for m in lineage["missions"]}
    assert plain_ids < lineage_ids and "sputnik-1" in lineage_ids


def test_agency_esa_and_cnsa_are_substantial(run):
    for name in ("ESA", "CNSA"):
        doc = json.loads(run("agency", name, "-f", "json").stdout)
        assert doc["events"] >= 10 and len(doc["missions"]) >= 5, name


# -- missions ----------------------------------------------------------------------------------------
def test_missions_filter_agency_and_crewed(run, timeline):
    rows = json.loads(run("missions", "--agency", "NASA", "--crewed", "-f", "json").stdout)
    ids = {r["id"] for r in rows}
    assert {"apollo-11", "apollo-soyuz", "sts-1"} <= ids
    assert all(r["crewed"] and "nasa" in r["agencies"] for r in rows)
    assert "voyager-1" not in ids
    table = run("missions", "--agency", "NASA", "--crewed")
    assert "Apollo 11" in table.stdout


def test_missions_by_year(run):
    rows = json.loads(run("missions", "--year", "1969", "-f", "json").stdout)
    assert "apollo-11" in {r["id"] for r in rows}
    assert all(r["first"] <= "1969-12-31" and r["last"] >= "1969" for r in rows)


def test_all_missions(run):
    rows = json.loads(run("missions", "-f", "json").stdout)
    assert len(rows) >= 120


# -- show --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["apollo-11", "Apollo 11", "APOLLO 11", "apollo 11"])
def test_show_accepts_id_title_or_alias(run, name):
    result = run("show", name, "--date", "2025-07-21")
    assert result.exit_code == 0
    assert "Apollo 11 lands on the Moon" in result.stdout
    assert "1969-07-20 20:17 UTC" in result.stdout
    assert "56 years and 1 day ago" in result.stdout


def test_show_progress_92(run):
    result = run("show", "Progress 92", "--date", "2025-11-24")
    assert result.exit_code == 0
    out = result.stdout
    assert "Progress MS-31" in out and "2025-07-03 19:32:40 UTC" in out and "Soyuz-2.1a" in out and "Baikonur" in out


def test_show_astp_json(run):
    doc = json.loads(run("show", "ASTP", "-f", "json").stdout)
    assert doc["id"] == "apollo-soyuz" and len(doc["events"]) >= 6


def test_show_event(run):
    doc = json.loads(run("show", "sputnik-1-launch", "-f", "json").stdout)
    assert doc["date"] == "1957-10-04T19:28:34Z"


def test_show_several_matches_lists_them_and_exits_2(run, write_json):
    path = write_json("dup.json", {"events": [
        {"id": "a-one", "title": "Same name", "date": "2001-01-01"},
        {"id": "a-two", "title": "Same name", "date": "2002-01-01"}]})
    result = run("--data", str(path), "show", "same name")
    assert result.exit_code == 2
    assert "a-one" in result.stderr and "a-two" in result.stderr


# -- anniversaries, today, since -----------------------------------------------------------------------
def test_apollo_soyuz_50th(run):
    result = run("anniversaries", "--date", "2025-07-15", "--within", "3", "-f", "json")
    rows = json.loads(result.stdout)
    astp = [r for r in rows if r["mission"] == "apollo-soyuz"]
    assert {r["id"] for r in astp} >= {"apollo-soyuz-soyuz-19-launch", "apollo-soyuz-apollo-launch", "apollo-soyuz-docking"}
    assert all(r["years"] == 50 for r in astp)
    assert [r["anniversary"] for r in rows] == sorted(r["anniversary"] for r in rows)
    table = run("anniversaries", "--date", "2025-07-15", "--within", "3", "-f", "table")
    assert "50th" in table.stdout and "Tue" in table.stdout


def test_anniversaries_planning_year(run):
    rows = json.loads(run("anniversaries", "--year", "2027", "--every", "10", "-f", "json").stdout)
    assert rows and all(r["years"] % 10 == 0 and r["anniversary"].startswith("2027") for r in rows)
    assert any(r["id"] == "sputnik-1-launch" and r["years"] == 70 for r in rows)


def test_anniversaries_month(run):
    rows = json.loads(run("anniversaries", "--month", "2026-07", "-f", "json").stdout)
    assert rows and all(r["anniversary"].startswith("2026-07") for r in rows)


def test_anniversaries_window_crosses_new_year(run):
    rows = json.loads(run("anniversaries", "--date", "2025-12-24", "--within", "10", "-f", "json").stdout)
    assert any(r["anniversary"].startswith("2026-01") for r in rows)
    assert any(r["anniversary"].startswith("2025-12") for r in rows)


def test_today_prints_plain_lines(run):
    result = run("today", "--date", "2025-07-20")
    assert "56 years ago today (1969-07-20): Apollo 11 lands on the Moon (NASA)" in result.stdout.splitlines()
    assert "\x1b" not in result.stdout


def test_today_prints_nothing_when_nothing_happened(run, write_json):
    path = write_json("one.json", {"events": [{"title": "Only event", "date": "2000-01-01"}]})
    result = run("--no-bundled", "--data", str(path), "today", "--date", "2025-06-01")
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""


def test_since(run):
    result = run("since", "apollo-11-landing", "--date", "2025-07-21")
    assert result.stdout.strip() == "Apollo 11 lands on the Moon: 56 years and 1 day ago (1969-07-20T20:17Z)"
    mission = run("since", "Apollo 11", "--date", "2025-07-21")
    assert len(lines(mission.stdout)) >= 4


# -- search, list, agencies, stats, export ---------------------------------------------------------------
@pytest.mark.parametrize(("query", "target"), [("Apolo 11", "apollo-11"), ("sputnk", "sputnik-1"), ("ASTP", "apollo-soyuz"),
                                               ("Progress 92", "progress-ms-31"), ("Gagarin", "vostok-1"),
                                               ("first spacewalk", "voskhod-2")])
def test_search_finds_targets_near_the_top(run, query, target):
    rows = json.loads(run("search", query, "-f", "json").stdout)
    top = [r["mission"] or r["id"] for r in rows[:3]]
    assert target in top, (query, [r["id"] for r in rows[:5]])


def test_list_filters_combine(run):
    rows = json.loads(run("list", "--agency", "ESA", "--kind", "launch", "-f", "json").stdout)
    assert rows and all(r["kind"] == "launch" and "esa" in r["agencies"] for r in rows)
    year = json.loads(run("list", "--from", "1961", "--to", "1961", "-f", "json").stdout)
    assert year and all(r["date"].startswith("1961") for r in year)
    to_july = json.loads(run("list", "--from", "1969-07", "--to", "1969-07", "-f", "json").stdout)
    assert "apollo-11-splashdown" in {r["id"] for r in to_july}


def test_list_sort_reverse_limit(run):
    rows = json.loads(run("list", "--sort", "date", "--reverse", "--limit", "3", "-f", "json").stdout)
    assert len(rows) == 3 and rows[0]["date"] >= rows[1]["date"] >= rows[2]["date"]


def test_list_csv_has_the_json_fields(run):
    text = run("list", "--agency", "ESA", "--kind", "launch", "--format", "csv").stdout
    header = text.splitlines()[0].split(",")
    first = json.loads(run("list", "--agency", "ESA", "--kind", "launch", "-f", "json").stdout)[0]
    assert header == list(first)


def test_agencies_listing(run):
    rows = json.loads(run("agencies", "-f", "json").stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["nasa"]["events"] > 50 and by_id["roscosmos"]["predecessors"] == ["soviet"]


def test_stats_by_decade_draws_bars(run):
    result = run("stats", "--by", "decade", "-f", "table")
    assert result.exit_code == 0
    assert "1960s" in result.stdout and "█" in result.stdout
    counts = json.loads(run("stats", "--by", "decade", "-f", "json").stdout)
    assert sum(c["count"] for c in counts) == len(json.loads(run("list", "-f", "json").stdout))


def test_timelinejs_export(run):
    doc = json.loads(run("export", "--format", "timelinejs", "--mission", "apollo-11").stdout)
    first = doc["events"][0]
    assert first["start_date"] == {"year": "1969", "month": "7", "day": "16", "hour": "13", "minute": "32", "second": "0"}
    assert first["unique_id"] == "apollo-11-launch" and first["group"] == "NASA"
    assert "Mission: Apollo 11" in first["text"]["text"]
    assert first["text"]["headline"]


def test_info_reports_the_dataset(run):
    doc = json.loads(run("info", "-f", "json").stdout)
    assert doc["dataset"]["version"] and doc["events"] >= 300
    assert any(f["bundled"] for f in doc["files"])


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("spacetime")


# -- terminals ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("columns", ["40", "200"])
def test_tables_fit_the_width(run, columns):
    result = run("year", "1969", "-f", "table", env={"COLUMNS": columns})
    width = int(columns)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    assert "Apollo 11" in result.stdout


def test_every_command_has_help_with_an_example(run):
    from spacetime.cli import app

    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example: spacetime" in result.stdout, name


TABLE_COMMANDS = [["year", "1969"], ["agency", "NASA", "--lineage"], ["missions"], ["show", "apollo-11"], ["show", "sputnik-1-launch"],
                  ["anniversaries", "--date", "2025-07-15"], ["anniversaries", "--year", "2027", "--every", "25"],
                  ["search", "apollo"], ["list", "--limit", "20"], ["agencies"], ["stats", "--by", "agency"], ["info"],
                  ["since", "apollo-11", "--date", "2025-07-21"], ["today", "--date", "2025-07-20"]]


@pytest.mark.parametrize("columns", ["20", "40", "100", "300"])
@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=lambda a: " ".join(a))
def test_every_table_command_renders_at_any_width(run, args, columns):
    result = run(*args, env={"COLUMNS": columns, "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(("words", "cword", "expected"), [("spacetime agency NA", "2", "NASA"),
                                                          ("spacetime show apollo-1", "2", "apollo-11"),
                                                          ("spacetime list --agency ros", "3", "roscosmos")])
def test_shell_completion_offers_agencies_and_ids(run, words, cword, expected):
    result = run(env={"_SPACETIME_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    assert expected in result.stdout.split()


def test_user_leap_day_event_on_feb_28_as_its_65th(run, write_json):
    path = write_json("leap.json", {"events": [{"title": "Club founded", "date": "1960-02-29"}]})
    rows = json.loads(run("--data", str(path), "anniversaries", "--date", "2025-02-28", "--within", "0", "-f", "json").stdout)
    (row,) = [r for r in rows if r["title"] == "Club founded"]
    assert (row["anniversary"], row["years"]) == ("2025-02-28", 65)


# -- one process, several runs ------------------------------------------------------------------------
def test_main_runs_any_number_of_times_in_one_process(monkeypatch, capsys):
    """main() picks the command the command line names without changing the app: a second run of
    another command, and the full command list, are still there."""
    from spacetime.cli import app, main

    commands = len(app.registered_commands)
    codes = []
    for argv in (["year", "1969", "-f", "json"], ["show", "apollo-11", "-f", "json"], ["--help"]):
        monkeypatch.setattr("sys.argv", ["spacetime", *argv])
        with pytest.raises(SystemExit) as info:
            main()
        codes.append(info.value.code)
        out = capsys.readouterr().out
        assert argv[0] != "show" or json.loads(out)["id"] == "apollo-11"
    assert codes == [0, 0, 0]
    assert "since" in out and "anniversaries" in out  # the help still lists every command
    assert len(app.registered_commands) == commands


def test_the_runner_runs_the_app_twice(run):
    first, second = run("year", "1969", "-f", "json"), run("agencies", "-f", "json")
    assert first.exit_code == second.exit_code == 0
    assert json.loads(first.stdout) and json.loads(second.stdout)
    assert run("year", "1969", "-f", "json").stdout == first.stdout


def test_bare_spacetime_shows_the_help_as_a_usage_error(run):
    result = run()
    assert result.exit_code == 2 and "Usage: spacetime" in result.stderr and "Commands" in result.stderr


def test_the_cli_names_its_option_where_the_library_names_its_argument(run, timeline):
    from datetime import date

    from spacetime.anniversaries import in_window
    from spacetime.errors import UsageError

    with pytest.raises(UsageError) as info:
        in_window(timeline.events, date(2025, 7, 15), within=400)
    assert "--" not in str(info.value) and "within 400" in str(info.value)
    result = run("anniversaries", "--date", "2025-07-15", "--within", "400")
    assert result.exit_code == 2 and "Invalid --within 400: at most 366 days" in result.stderr
    result = run("anniversaries", "--year", "2027", "--every", "0")
    assert result.exit_code == 2 and "Invalid --every 0" in result.stderr


def test_the_command_table_names_each_command_and_its_module_in_help_order():
    from spacetime import cli

    registered = [(cli._name(c), c.callback.__module__.rsplit(".", 1)[1]) for c in cli.app.registered_commands]
    assert registered == list(cli.COMMANDS.items())


def test_a_run_imports_only_its_command_s_module(tmp_path):
    import subprocess
    import sys

    code = ("import sys; sys.argv[1:] = ['year', '1969', '--format', 'json']\nfrom spacetime.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.startswith('spacetime.cli.'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert '"apollo-11-landing"' in result.stdout
    assert result.stderr == "spacetime.cli.browse spacetime.cli.core spacetime.cli.options"
