"""Issue 16: the CLI as people use it: one filter set everywhere, countries, names without
quotes, usage errors instead of silently ignored options, pipe-friendly output, a pager,
colour and ASCII rules, planning exports, forgiving personal files, validate and completion."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = {  # each listing command, with what it needs to run
    "year": ["year", "1969"], "list": ["list"], "missions": ["missions"], "agency": ["agency", "NASA"],
    "search": ["search", "apollo"], "anniversaries": ["anniversaries", "--year", "2019"],
    "today": ["today", "--date", "2019-07-20"], "stats": ["stats"],
}


def _json(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- one filter set, defined once ---------------------------------------------------------------------
def _options(name):
    import typer.main

    from spacetime.cli import app

    command = typer.main.get_command(app).commands[name]
    return {opt: p for p in command.params for opt in (*p.opts, *p.secondary_opts)}


@pytest.mark.parametrize("name", list(LISTINGS))
def test_every_listing_has_the_same_filter_options(name):
    options = _options(name)
    reference = _options("list")
    wanted = ["--lineage", "--kind", "--tag", "--crewed", "--uncrewed"] + (["--agency", "--country"] if name != "agency" else [])
    for opt in wanted:
        assert opt in options, f"{name} lacks {opt}"
        assert options[opt].help == reference[opt].help, f"{name} {opt} is documented differently"


@pytest.mark.parametrize("name", ["list", "missions", "agency", "search", "stats"])
def test_year_filter_where_it_makes_sense(name):
    assert "--year" in _options(name)


def test_filters_work_on_year_search_today_and_anniversaries(run, timeline):
    rows = _json(run("year", "1969", "--country", "US", "--crewed", "-f", "json"))
    assert rows and all(r["crewed"] and "nasa" in r["agencies"] for r in rows)
    hits = _json(run("search", "apollo", "--country", "USSR", "-f", "json"))
    assert hits and all(h["id"] in {e.id for e in timeline.events if "soviet" in e.agencies} | {
        m.id for m in timeline.missions.values() if "soviet" in m.agencies} for h in hits)
    soviet_today = run("today", "--date", "2025-07-20", "--country", "SU").stdout.splitlines()
    expected = [e for e in timeline.events if "soviet" in e.agencies and e.date.month == 7 and e.date.day == 20]
    assert len(soviet_today) == len(expected) and all(line.endswith("(USSR)") for line in soviet_today)
    assert "Apollo 11" not in "".join(soviet_today)
    assert "Apollo 11" in run("today", "--date", "2025-07-20", "--tag", "moon").stdout
    plan = _json(run("anniversaries", "--year", "2025", "--country", "China", "--kind", "launch", "-f", "json"))
    assert plan and {r["kind"] for r in plan} == {"launch"}
    assert {a for r in plan for a in r["agencies"]} <= {"prc", "cnsa", "cmsa"}


def test_stats_and_missions_take_year_and_country(run, timeline):
    counts = _json(run("stats", "--by", "year", "--year", "1969", "-f", "json"))
    assert [c["group"] for c in counts] == ["1969"]
    assert counts[0]["count"] == len(timeline.in_years(1969))
    missions = _json(run("missions", "--country", "China", "-f", "json"))
    assert missions and {"shenzhou-5", "chang-e-4"} <= {m["id"] for m in missions}
    assert all(set(m["agencies"]) <= {"prc", "cnsa", "cmsa"} for m in missions)


def test_agency_command_narrows_its_missions(run):
    doc = _json(run("agency", "NASA", "--year", "1969", "--crewed", "-f", "json"))
    ids = {m["id"] for m in doc["missions"]}
    assert "apollo-11" in ids and "apollo-13" not in ids and "mariner-4" not in ids


# -- countries ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("names", "agencies"), [(["China", "CN", "PRC", "cn"], {"prc", "cnsa", "cmsa"}),
                                                 (["Soviet Union", "USSR", "SU"], {"soviet"}),
                                                 (["US", "USA", "United States"], {"nasa"})])
def test_countries_by_name_code_or_alias(run, names, agencies):
    results = [[r["id"] for r in _json(run("list", "--country", n, "-f", "json"))] for n in names]
    assert results[0] and all(r == results[0] for r in results)
    found = {a for r in _json(run("list", "--country", names[0], "-f", "json")) for a in r["agencies"]}
    assert found & agencies


def test_agency_china_answers_with_the_countrys_agencies(run):
    doc = _json(run("agency", "China", "-f", "json"))
    assert doc["country"] == "CN"
    assert {a["id"] for a in doc["agencies"]} == {"prc", "cnsa", "cmsa"}
    assert {"shenzhou-5", "dong-fang-hong-1"} <= {m["id"] for m in doc["missions"]}
    text = run("agency", "China", "-f", "table").stdout
    assert "China National Space Administration" in text and "China Manned Space Agency" in text


def test_unknown_country_is_a_usage_error_with_suggestions(run):
    result = run("list", "--country", "Chna")
    assert result.exit_code == 2 and result.stdout == ""
    assert "Unknown country 'Chna'" in result.stderr and "China" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- names without quotes, best match first ------------------------------------------------------------
def test_multi_word_names_without_quotes(run, write_json):
    assert "Apollo 11  [apollo-11]" in run("show", "apollo", "11", "-f", "table").stdout
    since = run("since", "apollo", "11", "--date", "2025-07-21")
    assert since.exit_code == 0 and "Apollo 11 lands on the Moon: 56 years and 1 day ago" in since.stdout
    assert "Soviet space program" in run("agency", "soviet", "space", "program").stdout
    path = write_json("rl.json", {"agencies": [{"id": "rocket-lab", "name": "Rocket Lab", "country": "NZ", "type": "commercial"}],
                                  "events": [{"title": "Electron reaches orbit", "date": "2018-01-21", "agencies": ["Rocket Lab"]}]})
    result = run("--data", str(path), "agency", "rocket", "lab")
    assert result.exit_code == 0, result.stderr
    assert "Rocket Lab" in result.stdout and "Electron reaches orbit" in result.stdout


def test_ambiguous_or_unknown_names_list_candidates_best_first(run):
    result = run("since", "Sputnik")
    assert result.exit_code == 2
    assert result.stderr.index("sputnik-1 ") < result.stderr.index("sputnik-2 ")
    assert result.stderr.index("sputnik-1 ") < result.stderr.index("korabl-sputnik-2")


def test_an_exact_title_beats_an_alias(run, write_json):
    path = write_json("club.json", {"events": [{"id": "club-tribute", "title": "Club tribute night",
                                                "aliases": ["Apollo 11"], "date": "2019-07-20"}]})
    result = run("--data", str(path), "show", "apollo", "11", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "apollo-11"
    alias = run("--data", str(path), "show", "club", "tribute", "night", "-f", "json")
    assert json.loads(alias.stdout)["id"] == "club-tribute"


# -- options that cannot apply ------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["anniversaries", "--year", "2027", "--within", "3"],
                                  ["anniversaries", "--month", "2027-07", "--past", "2"],
                                  ["anniversaries", "--year", "2027", "--date", "2025-01-01"],
                                  ["info", "-f", "csv"], ["since", "apollo-11", "-f", "csv"],
                                  ["agencies", "-f", "ics"], ["missions", "-f", "timelinejs"],
                                  ["list", "--lineage"]])
def test_options_that_cannot_apply_are_usage_errors(run, args):
    result = run(*args)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1


def test_no_bundled_keeps_the_agency_registry(run, write_json):
    path = write_json("club.json", {"events": [{"title": "Club watches a NASA launch", "date": "2024-03-14",
                                                "agencies": ["NASA"]}]})
    result = run("--no-bundled", "--data", str(path), "list", "-f", "json")
    rows = _json(result)
    assert [r["title"] for r in rows] == ["Club watches a NASA launch"] and rows[0]["agencies"] == ["nasa"]


# -- piped output ---------------------------------------------------------------------------------------
DATED = re.compile(r"^\d{4}(-\d\d(-\d\d( \d\d:\d\d(:\d\d)?)?)?)?\t")


@pytest.mark.parametrize("args", [["year", "1969"], ["list", "--agency", "NASA"], ["missions"],
                                  ["anniversaries", "--date", "2025-07-15", "--within", "3"], ["search", "apollo"],
                                  ["agencies"]])
def test_piped_output_is_one_record_per_line(run, args):
    result = run(*args, env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        assert line == line.rstrip() and "  " not in line.replace("\t", "|"), repr(line)
        assert DATED.match(line) or (args[0] == "agencies" and re.match(r"^(\d{4}|-)", line)), repr(line)
        assert "─" not in line


def test_piped_lines_match_the_records_and_keep_the_round_marker(run):
    rows = _json(run("list", "--agency", "NASA", "-f", "json"))
    lines = run("list", "--agency", "NASA").stdout.splitlines()
    assert len(lines) == len(rows)
    assert [line.split("\t")[-1] for line in lines] == [r["id"] for r in rows]
    ann = run("anniversaries", "--date", "2025-07-15", "--within", "3").stdout
    assert re.search(r"^2025-07-15\t50th\*\tSoyuz 19", ann, re.M)
    table = run("anniversaries", "--date", "2025-07-15", "--within", "3", "-f", "table").stdout
    assert "50th*" in table and "Years" in table


def test_tables_only_when_asked_for_off_a_terminal(run):
    assert "Date (UTC)" not in run("year", "1969").stdout
    table = run("year", "1969", "-f", "table").stdout
    assert "Date (UTC)" in table
    assert all(line == line.rstrip() for line in table.splitlines())


def _pty_run(args, env, tmp_path):
    """Run the CLI on a pseudo-terminal; returns what the terminal showed."""
    import pty

    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PAGER", "SPACETIME_PAGER")}
    full_env.update({"COLUMNS": "100", "LINES": "10", "XDG_DATA_HOME": str(tmp_path), **env})
    proc = subprocess.Popen([sys.executable, "-m", "spacetime", *args], stdin=slave, stdout=slave, stderr=slave,
                            env=full_env, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path):
    paged = tmp_path / "paged.txt"
    code, shown = _pty_run(["year", "1969"], {"PAGER": f"cat > {paged}"}, tmp_path)
    assert code == 0
    assert "Apollo 11 lands on the Moon" in paged.read_text() and "Apollo 11 lands" not in shown
    assert "Date (UTC)" in paged.read_text()  # a terminal gets the table
    paged.unlink()
    for env, args in (({"PAGER": f"cat > {paged}"}, ["--no-pager", "year", "1969"]),
                      ({"PAGER": f"cat > {paged}", "SPACETIME_PAGER": ""}, ["year", "1969"]),
                      ({"PAGER": ""}, ["year", "1969"])):
        code, shown = _pty_run(args, env, tmp_path)
        assert code == 0 and "Apollo 11 lands on the Moon" in shown and not paged.exists(), (env, args)
    code, shown = _pty_run(["today", "--date", "2025-07-20"], {"PAGER": f"cat > {paged}"}, tmp_path)
    assert "Apollo 11" in shown and not paged.exists()  # short output is not paged


def test_color_option_and_environment(run):
    assert "\x1b[" in run("--color", "always", "year", "1969", "-f", "table").stdout
    assert "\x1b[" not in run("--color", "never", "year", "1969", "-f", "table", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in run("year", "1969", "-f", "table", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("year", "1969", "-f", "table").stdout
    bad = run("--color", "sometimes", "year", "1969")
    assert bad.exit_code == 2
    # typed after the command, as people do
    assert "\x1b[" in run("year", "1969", "-f", "table", "--color", "always").stdout
    assert "\x1b[" not in run("year", "1969", "-f", "table", "--color=never", "--no-pager", env={"FORCE_COLOR": "1"}).stdout


@pytest.mark.parametrize("env", [{"LANG": "C", "LC_ALL": None, "LC_CTYPE": None}, {"TERM": "dumb"}])
@pytest.mark.parametrize("args", [["year", "1969", "-f", "table"], ["stats", "-f", "table"],
                                  ["agency", "CNES"], ["agencies", "-f", "table"],
                                  ["anniversaries", "--date", "2025-07-15", "-f", "table"]])
def test_ascii_only_terminals(run, env, args):
    result = run(*args, env={"COLUMNS": "100", **env})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.isascii(), [c for c in result.stdout if not c.isascii()][:5]
    assert result.stdout.strip()


# -- wording ---------------------------------------------------------------------------------------------
def test_one_event_not_one_events(run):
    result = run("list", "--mission", "sputnik-1", "--kind", "launch", "-f", "table")
    assert "1 event " in result.stdout and "1 events" not in result.stdout
    one = run("missions", "--agency", "CMSA", "--year", "2003", "-f", "table").stdout
    assert "1 mission" in one and "1 missions" not in one


def test_one_day_ago(run, write_json):
    path = write_json("club.json", {"events": [{"id": "club-party", "title": "Club party", "date": "2025-07-20"}]})
    out = run("--data", str(path), "since", "club-party", "--date", "2025-07-21").stdout
    assert out.strip() == "Club party: 1 day ago (2025-07-20)"
    year = run("--data", str(path), "since", "club-party", "--date", "2026-07-20").stdout
    assert "1 year ago" in year and "0 months" not in year


def test_help_summaries_are_whole_and_usage_lines_read_naturally(run):
    from spacetime.cli import app

    top = run("--help", env={"COLUMNS": "80"}).stdout
    commands = top.split("Commands:", 1)[1]
    assert "..." not in commands
    squeezed = re.sub(r"\s+", "", commands)
    assert "forashellstart-upfile(nothingatalliftherearenone)." in squeezed
    assert "orinamonthoryear." in squeezed
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        text = run(name, "--help").stdout
        usage = text.splitlines()[0]
        assert "{" not in usage and "}" not in usage, usage
        assert not re.search(r"\[x?[<>]=?\d", text), name


@pytest.mark.parametrize(("args", "expected"), [
    (["list", "--limit", "-1"], "--limit must be 0 or more"),
    (["list", "--limit", "x"], "Invalid value for --limit: 'x' is not a whole number."),
    (["info", "-f", "csv"], "Invalid value for --format: 'csv': use text or json"),
    (["--color", "blue", "year", "1969"], "Invalid value for --color: 'blue': use auto, always or never"),
    (["year"], "Missing YEARS."),
])
def test_usage_errors_in_plain_english(run, args, expected):
    result = run(*args)
    assert result.exit_code == 2 and expected in result.stderr
    assert "int." not in result.stderr and "' / '-" not in result.stderr


# -- anniversaries for planning ----------------------------------------------------------------------
def test_planning_ics_has_one_dated_entry_per_anniversary(run):
    from icalendar import Calendar

    result = run("anniversaries", "--year", "2027", "--every", "25", "-f", "ics")
    assert result.exit_code == 0
    plan = _json(run("anniversaries", "--year", "2027", "--every", "25", "-f", "json"))
    events = Calendar.from_ical(result.stdout).walk("VEVENT")
    day_known = [r for r in plan if len(r["anniversary"]) == 10]
    assert len(events) == len(day_known) > 0
    for vevent in events:
        assert "RRULE" not in vevent
        assert vevent.decoded("DTSTART").year == 2027
        assert re.match(r"^\d+(st|nd|rd|th) anniversary: ", str(vevent["SUMMARY"]))
    voyager = [e for e in events if "Voyager 1" in str(e["SUMMARY"])]
    assert voyager and str(voyager[0]["SUMMARY"]).startswith("50th anniversary: ")
    assert voyager[0].decoded("DTSTART").isoformat() == "2027-09-05"
    recurring = run("export", "-f", "ics", "--mission", "voyager-1").stdout
    assert "RRULE:FREQ=YEARLY" in recurring  # the yearly calendar stays as it is


def test_planning_markdown(run):
    result = run("anniversaries", "--year", "2027", "--every", "25", "-f", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# ") and "2027" in lines[0]
    items = [line for line in lines if line.startswith("- ")]
    plan = _json(run("anniversaries", "--year", "2027", "--every", "25", "-f", "json"))
    assert len(items) == len(plan)
    assert any(line.startswith("- 2027-09-05 (Sun): **50th anniversary**: Voyager 1") for line in items)


# -- personal files -----------------------------------------------------------------------------------
BROKEN = '{"events": [{"title": "Bad", "date": "2025-02-30"}]}'


def test_broken_file_in_the_data_folder_warns_and_answers(run, tmp_path):
    folder = tmp_path / "xdg" / "spacetime"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text(BROKEN)
    (folder / "good.json").write_text('{"events": [{"title": "Club day", "date": "1990-07-20"}]}')
    result = run("today", "--date", "2025-07-20", env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert result.exit_code == 0
    assert "Apollo 11 lands on the Moon" in result.stdout and "Club day" in result.stdout
    warning = result.stderr.strip().splitlines()
    assert len(warning) == 1 and "broken.json" in warning[0] and "spacetime validate" in warning[0]
    info = run("info", env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert info.exit_code == 0 and "broken.json" in info.stderr


def test_broken_file_in_spacetime_data_warns_but_data_option_fails(run, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(BROKEN)
    result = run("year", "1969", env={"SPACETIME_DATA": str(broken)})
    assert result.exit_code == 0 and "Apollo 11" in result.stdout
    assert "broken.json" in result.stderr and "spacetime validate" in result.stderr
    missing = run("year", "1969", env={"SPACETIME_DATA": str(tmp_path / "gone.json")})
    assert missing.exit_code == 0 and "gone.json" in missing.stderr
    given = run("--data", str(broken), "year", "1969")
    assert given.exit_code == 1 and given.stdout == ""


# -- validate -----------------------------------------------------------------------------------------
CLUB = """{
  "events": [
    {"id": "club-a", "title": "A", "date": "2020-01-01"},
    {"id": "club-rocket-7", "title": "Rocket 7",
     "date": "2025-02-30"},
    {"title": "Thing", "date": "2021-01-01", "agencies": ["NASAA"]},
    {"id": "club-a", "title": "A again", "date": "2020-01-02"}
  ]
}
"""


@pytest.fixture
def club_files(tmp_path):
    folder = tmp_path / "club"
    folder.mkdir()
    (folder / "b.json").write_text(CLUB)
    (folder / "a.csv").write_text("id,title,date\nclub-z,Z,2020-01-01\nclub-b,B,2020-13-01\nclub-a,A dup,2020-01-01\n")
    return folder


def test_validate_reports_on_stdout_sorted_with_lines(run, club_files):
    result = run("validate", str(club_files / "b.json"), str(club_files / "a.csv"))
    assert result.exit_code == 1 and result.stderr == ""
    lines = result.stdout.strip().splitlines()
    a, b = str(club_files / "a.csv"), str(club_files / "b.json")
    assert lines[:6] == [
        f"{a}:3: event 2 'club-b': date: '2020-13-01' is not a valid date",
        f"{a}:4: event 3 'club-a': id: duplicate event id 'club-a', also in {b}",
        f"{b}:4: event 2 'club-rocket-7': date: '2025-02-30' is not a valid date",
        f"{b}:6: event 3: agencies: unknown agency 'NASAA'",
        f"{b}:7: event 'club-a': id: duplicate event id 'club-a' in this file",
        "5 problems in 2 files.",
    ]


def test_validate_counts_files_in_a_folder_and_reports_json_and_csv(run, club_files):
    assert run("validate", str(club_files)).stdout.strip().endswith("in 2 files.")
    rows = json.loads(run("validate", str(club_files), "-f", "json").stdout)
    assert [(Path(r["file"]).name, r["line"]) for r in rows] == [("a.csv", 3), ("b.json", 3), ("b.json", 4), ("b.json", 6), ("b.json", 7)]
    table = list(csv.DictReader(io.StringIO(run("validate", str(club_files), "-f", "csv").stdout)))
    assert [int(r["line"]) for r in table] == [3, 3, 4, 6, 7] and table[0]["field"] == "date"
    assert "also in" in table[1]["problem"]
    ok = run("validate", str(club_files / "b.json").replace("b.json", "a.csv"))
    assert ok.exit_code == 1


def test_validate_a_good_file(run, write_json):
    path = write_json("ok.json", {"events": [{"title": "Fine", "date": "2020-01-01"}]})
    result = run("validate", str(path))
    assert result.exit_code == 0 and result.stdout.strip() == "OK: 1 file, 1 event, no problems."


# -- completion ---------------------------------------------------------------------------------------
def _complete(run, shell, line):
    env = {"_SPACETIME_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split(" ")
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = run(env=env)
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_of_agencies_quotes_awkward_names(run, shell):
    out = _complete(run, shell, "spacetime list --agency IS")
    expected = {"bash": "ISA\\ \\(Iran\\)", "zsh": '"ISA (Iran)"', "fish": "ISA (Iran)"}[shell]
    assert expected in out.splitlines() or expected in out
    assert "ISRO" in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(("line", "expected"), [("spacetime list --kind lan", "landing"),
                                                ("spacetime list --country Chi", "China"),
                                                ("spacetime list --country sov", "soviet Union"),
                                                ("spacetime list --tag mo", "moon"),
                                                ("spacetime show apollo-11-la", "apollo-11-landing"),
                                                ("spacetime agency ros", "roscosmos")])
def test_completion_of_kinds_countries_tags_and_ids(run, shell, line, expected):
    out = _complete(run, shell, line)
    if shell == "bash":
        expected = expected.replace(" ", "\\ ")
    assert expected in out


# -- install ----------------------------------------------------------------------------------------
def test_readme_install_as_a_tool_and_path_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme.split("## Install and run", 1)[1].split("\n## ", 1)[0]
    assert "pipx install ." in install and "uv tool install ." in install
    assert "not on PATH" in install or "not on your PATH" in install


def test_lang_c_in_a_real_process_gives_ascii(tmp_path):
    """Python sets LC_CTYPE=C.UTF-8 itself in the C locale (PEP 538); LANG=C must still mean ASCII."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C", COLUMNS="60", XDG_DATA_HOME=str(tmp_path))
    for args in (["agency", "CNES"], ["stats", "-f", "table"], ["year", "1969", "-f", "table"]):
        out = subprocess.run([sys.executable, "-m", "spacetime", *args], env=env, cwd=ROOT,
                             capture_output=True, check=True).stdout
        assert out.isascii() and out.strip(), args


@pytest.mark.skipif(not Path("/bin/bash").exists() and not Path("/usr/bin/bash").exists(), reason="needs bash")
def test_bash_itself_reads_each_candidate_as_one_word(tmp_path):
    """Source the real completion script in bash, complete, and let bash parse each candidate as
    it would on the command line: `ISA (Iran)` and `Soviet Union` must stay one word each."""
    exe = str(Path(sys.executable).parent / "spacetime")
    if not Path(exe).exists():
        pytest.skip("console script not installed")
    script = f'''
eval "$(_SPACETIME_COMPLETE=source_bash {exe})"
for words in "list --agency IS" "list --country Sov"; do
  COMP_WORDS=(spacetime $words); COMP_CWORD=3
  _spacetime_completion {exe}
  for c in "${{COMPREPLY[@]}}"; do eval "set -- $c"; echo "$#|$1"; done
done
'''
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, check=True).stdout
    lines = out.splitlines()
    assert "1|ISA (Iran)" in lines and "1|ISRO" in lines and "1|Soviet Union" in lines
    assert all(line.startswith("1|") for line in lines), lines


def test_equally_good_matches_are_listed_best_first(run, write_json):
    path = write_json("club.json", {"events": [
        {"id": "club-late", "title": "Late club launch", "aliases": ["club launch"], "date": "2020-05-01"},
        {"id": "club-early", "title": "Early club launch", "aliases": ["club launch"], "date": "2010-05-01"},
        {"id": "club-first", "title": "First club launch", "aliases": ["club launch"], "date": "2015-05-01",
         "tags": ["first"]}]})
    result = run("--data", str(path), "show", "club launch")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    # a milestone ("first") before the others, then by date
    assert result.stderr.index("club-first") < result.stderr.index("club-early") < result.stderr.index("club-late")
