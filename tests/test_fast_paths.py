"""The shortcuts taken for speed (README, Performance) answer exactly as the long way would: the
plain `spacetime today` answered without the CLI, the launch commands reading only the agencies
from the snapshot, the snapshot's fingerprint a checksum of the files' bytes. No timings here: the
benchmarks are in benchmarks/run.py."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pytest

from spacetime.assemble import write_snapshot

FULL_CLI = "import sys; sys.argv[0] = 'spacetime'; from spacetime.cli import main; main()"
TYPER_AFTER_MAIN = ("import sys; sys.argv[1:] = sys.argv[2:]; from spacetime.__main__ import main; main(); "
                    "sys.stderr.write('typer imported' if 'typer' in sys.modules else 'no typer')")


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("SPACETIME_DATA", "SPACETIME_DEBUG", "NO_COLOR", "FORCE_COLOR", "PAGER", "SPACETIME_PAGER")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": "100"}, **extra)
    return env


def _both(args, env):
    """(the program's answer, the full CLI's answer), each as (status, stdout, stderr)."""
    quick = subprocess.run([sys.executable, "-m", "spacetime", *args], capture_output=True, text=True, env=env, timeout=60)
    full = subprocess.run([sys.executable, "-c", FULL_CLI, *args], capture_output=True, text=True, env=env, timeout=60)
    return (quick.returncode, quick.stdout, quick.stderr), (full.returncode, full.stdout, full.stderr)


TODAYS = [["today", "--date", "2025-07-20"], ["today", "-d", "2025-07-20"], ["today", "--date=2025-07-20"],
          ["today", "--date", "2024-02-29"], ["today", "--date", "2025-02-28"], ["today", "--date", "2025-07-2"],
          ["today", "--date", "2025-13-01"], ["today", "--date", "1969"], ["today", "--date=", "extra"],
          ["today", "--date", "2025-07-20", "--country", "SU"], ["today", "--date"], ["today"]]


@pytest.mark.parametrize("args", TODAYS, ids=" ".join)
def test_today_answers_as_the_full_cli_does(args, tmp_path):
    quick, full = _both(args, _env(tmp_path))
    assert quick == full
    if args[-1] == "2025-07-20":
        assert "56 years ago today (1969-07-20): Apollo 11 lands on the Moon (NASA)" in quick[1].splitlines()


@pytest.mark.parametrize("args", [["today"], ["today", "--date", "2025-07-20"], ["today", "-d", "1999-12-31"],
                                  ["today", "--date=2025-07-20"]], ids=" ".join)
def test_a_plain_today_does_not_import_typer(args, tmp_path):
    result = subprocess.run([sys.executable, "-c", TYPER_AFTER_MAIN, "spacetime", *args], capture_output=True,
                            text=True, env=_env(tmp_path), timeout=60)
    assert result.returncode == 0 and result.stderr == "no typer"


@pytest.mark.parametrize("args", [["today", "--date", "2025-13-01"], ["today", "--date", "2025-07-20", "--country", "SU"],
                                  ["today", "--help"], ["year", "1969"]], ids=" ".join)
def test_anything_else_goes_through_the_cli(args, tmp_path):
    result = subprocess.run([sys.executable, "-c", TYPER_AFTER_MAIN, "spacetime", *args], capture_output=True,
                            text=True, env=_env(tmp_path), timeout=60)
    assert "no typer" not in result.stderr


def test_today_with_user_files_goes_through_the_cli(tmp_path):
    club = tmp_path / "club.json"
    club.write_text(json.dumps({"events": [{"title": "Club founded", "date": "1990-07-20"}]}), encoding="utf-8")
    args = ["today", "--date", "2025-07-20"]
    quick, full = _both(args, _env(tmp_path, SPACETIME_DATA=str(club)))
    assert quick == full and "35 years ago today (1990-07-20): Club founded" in quick[1]
    folder = tmp_path / "xdg" / "spacetime"
    folder.mkdir(parents=True)
    (folder / "club.json").write_text(club.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    quick, full = _both(args, _env(tmp_path))
    assert quick == full and "Club founded" in quick[1] and "broken.json" in quick[2]  # the CLI's warning


# -- the snapshot --------------------------------------------------------------------------------------------------
def test_the_fingerprint_checksums_names_lengths_and_bytes(data_copy):
    import zlib

    from spacetime import snapshot
    from spacetime.paths import bundled_files

    files = bundled_files(data_copy)
    blob = b"".join(len(f.name.encode()).to_bytes(8, "big") + f.name.encode() + len(f.read_bytes()).to_bytes(8, "big")
                    + f.read_bytes() for f in files)
    assert snapshot.fingerprint(files) == f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}-{len(blob)}"
    # A same-size edit anywhere changes it.
    path = files[-1]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    before = snapshot.fingerprint(files)
    path.write_bytes(bytes(data))
    assert snapshot.fingerprint(files) != before


def test_the_snapshot_gives_the_agencies_alone(data_copy):
    from spacetime import snapshot
    from spacetime.paths import bundled_files

    assert snapshot.read_agencies(data_copy, bundled_files(data_copy)) is None  # no snapshot yet
    write_snapshot(data_copy, data_copy / snapshot.NAME)
    agencies = snapshot.read_agencies(data_copy, bundled_files(data_copy))
    assert agencies == snapshot.read(data_copy, bundled_files(data_copy)).agencies
    assert "nasa" in agencies and "soviet" in agencies
    (data_copy / "agencies.json").write_bytes((data_copy / "agencies.json").read_bytes() + b"\n")
    assert snapshot.read_agencies(data_copy, bundled_files(data_copy)) is None  # the files changed


@pytest.mark.parametrize("agencies", [{}, {"nasa": "NASA"}, ["x"], "x"], ids=repr)
def test_a_snapshot_with_wrong_agencies_is_ignored(data_copy, agencies):
    from spacetime import snapshot
    from spacetime.paths import bundled_files

    write_snapshot(data_copy, data_copy / snapshot.NAME)
    _, stamp, (_, whole) = pickle.loads((data_copy / snapshot.NAME).read_bytes())
    (data_copy / snapshot.NAME).write_bytes(pickle.dumps((snapshot._format(), stamp, (pickle.dumps(agencies), whole))))
    assert snapshot.read_agencies(data_copy, bundled_files(data_copy)) is None
    assert snapshot.read(data_copy, bundled_files(data_copy)) is not None


@pytest.mark.parametrize("args", [["launches", "1969", "-f", "json"], ["launches", "1958", "--outcome", "failure"],
                                  ["launches", "2023", "--site", "Kourou", "-f", "csv"],
                                  ["stats", "--launches", "--by", "year", "-f", "json"],
                                  ["stats", "--launches", "--by", "agency"]], ids=" ".join)
def test_launch_commands_need_only_the_snapshots_agencies(args, data_copy, run, monkeypatch):
    from spacetime import paths, snapshot

    expected = run(*args)
    assert expected.exit_code == 0
    write_snapshot(data_copy, data_copy / snapshot.NAME)
    monkeypatch.setattr(paths, "bundled_dir", lambda: data_copy)

    def no_timeline(*args, **kwargs):
        raise AssertionError("the curated timeline was loaded")

    monkeypatch.setattr("spacetime.assemble.load", no_timeline)
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, expected.stderr)


def test_a_launch_table_does_not_import_richs_table(tmp_path):
    """A launch listing is laid out by render.table._grid: Rich's Table module (2 to 4 ms of a run)
    stays unimported."""
    code = ("import sys; sys.argv[1:] = ['launches', '1969', '--format', 'table']; from spacetime.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('rich.table imported' if 'rich.table' in sys.modules else 'no rich.table')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    assert "1969-059" in result.stdout and result.stderr == "no rich.table"


# -- the events table, laid out without Rich's Table ---------------------------------------------------------------
ODD_TITLES = ["Supercalifragilisticexpialidocious-and-an-even-longer-hyphenated-compound-word-that-goes-on",
              "Two  spaces   here and   there", "  leading spaces", "trailing spaces   ", "東京の宇宙ステーション へ 打ち上げ 成功",
              "emoji 🚀🚀 launch 🌕", "Ünïcödé àccents — dashes – and “quotes”", "", "x",
              "a b c d e f g h i j k l m n o p q r s t u v w x y z " * 3,
              "https://example.org/a/very/long/url/that/cannot/break/anywhere/at/all/ever"]


def _odd_events(timeline):
    from spacetime.dates import PartialDate

    base = timeline.events[100]
    agency_sets = [(), ("nasa",), ("nasa", "esa", "jaxa", "roscosmos", "isro", "cnsa"), ("an-unknown-agency-with-a-long-name",)]
    return [base._replace(id=f"odd-{i}", title=title, summary=ODD_TITLES[(i * 7) % len(ODD_TITLES)],
                          agencies=agency_sets[i % 4], kind=["launch", "orbit-insertion", "x"][i % 3],
                          tags=("first",) if i % 2 else (), date=PartialDate(1990 + i // 4, 1 + i % 12, 1 + i % 28))
            for i, title in enumerate(ODD_TITLES * 2)]


@pytest.mark.parametrize("width", [1, 12, 24, 39, 40, 59, 60, 69, 70, 80, 100, 119, 120, 159, 160, 200])
@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf-8", "ascii"])
def test_the_events_grid_prints_what_richs_table_prints(timeline, width, ascii_only):
    import io

    from spacetime.render import Output
    from spacetime.render import table as T

    def printed(make, events, caption):
        buffer = io.StringIO()
        console = T.make_console(Output(stdout=buffer, width=width, ascii=ascii_only, color=False))
        layout = T._events_layout(console, events, timeline.agencies)
        console.print(make(console, *layout, caption), soft_wrap=make is T._rich_grid)
        return buffer.getvalue()

    caption = "A caption long enough to be wrapped at the table's own width, which may be narrower than the console"
    for events in ([e for e in timeline.events if e.date.year == 1969], [e for e in timeline.events if 1960 <= e.date.year < 1963],
                   _odd_events(timeline)):
        for text in (caption, None):
            assert printed(T._rich_grid, events, text) == printed(T._rich_table, events, text)


@pytest.mark.parametrize("args", [["year", "1969", "--format", "json"], ["today", "--date", "2025-07-20"]], ids=" ".join)
def test_the_program_runs_without_the_cyclic_collector(args, tmp_path):
    """The entry point turns the collector off for the run (about a tenth of a table query: it
    would walk the objects of every import again and again), and the answer is the same."""
    code = ("import gc, sys; sys.argv[1:] = sys.argv[2:]; from spacetime.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('collector on' if gc.isenabled() else 'collector off')")
    result = subprocess.run([sys.executable, "-c", code, "spacetime", *args], capture_output=True, text=True,
                            env=_env(tmp_path), timeout=60)
    full = subprocess.run([sys.executable, "-c", FULL_CLI, *args], capture_output=True, text=True, env=_env(tmp_path),
                          timeout=60)
    assert result.stderr == "collector off" and result.stdout == full.stdout and "Apollo 11" in full.stdout
