"""A corpus of hostile and odd data files (issue 17): each gives one clear, located line on
stderr and exit status 1, never a hang, never `internal error`; `validate` lists every problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from spacetime import loader
from spacetime.dates import PartialDate
from spacetime.errors import DatasetError

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")


def _one_line_exit_1(result, where: str) -> str:
    assert result.exit_code == 1, (result.exit_code, result.stdout[:300], result.stderr)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert where in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return result.stderr


def _within(seconds: float, call):
    """Run `call` in a thread; fail (instead of hanging the suite) if it takes longer."""
    box: dict = {}

    def target():
        try:
            box["value"] = call()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it blocks"
    if "error" in box:
        raise box["error"]
    return box.get("value")


# -- files that are not files -------------------------------------------------------------------------
@needs_fifo
def test_a_fifo_is_refused_without_blocking(run, tmp_path):
    fifo = tmp_path / "events.json"
    os.mkfifo(fifo)
    result = _within(20, lambda: run("--data", str(fifo), "list"))
    assert "FIFO" in _one_line_exit_1(result, str(fifo))


@needs_fifo
@pytest.mark.parametrize("how", ["env", "validate", "folder"])
def test_a_fifo_through_every_door(run, tmp_path, how):
    fifo = tmp_path / "a.json"
    os.mkfifo(fifo)
    if how == "env":  # a file found on its own is left out with a warning (issue 16), never waited on
        result = _within(20, lambda: run("list", env={"SPACETIME_DATA": str(fifo)}))
        assert result.exit_code == 0 and result.stdout
        (warning,) = result.stderr.splitlines()
        assert str(fifo) in warning and "spacetime validate" in warning
    elif how == "validate":  # the report is on stdout
        result = _within(20, lambda: run("validate", str(fifo)))
        assert result.exit_code == 1 and "FIFO" in result.stdout
    else:  # a folder that holds only such entries says so
        result = _within(20, lambda: run("--data", str(tmp_path), "list"))
        message = _one_line_exit_1(result, str(tmp_path))
        assert "no regular .json or .csv files" in message and "a.json" in message


@needs_dev_zero
def test_a_symlink_to_dev_zero_is_refused_at_once(run, tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    result = _within(20, lambda: run("--data", str(link), "list"))
    assert "device" in _one_line_exit_1(result, str(link))


def test_a_file_over_the_limit_says_how_to_raise_it(run, write_json, monkeypatch):
    events = [{"title": f"Event {i}", "date": "1990-01-01"} for i in range(40_000)]
    path = write_json("big.json", {"events": events})
    assert path.stat().st_size > 1024 * 1024
    result = run("--data", str(path), "list", env={"SPACETIME_MAX_FILE_MB": "1"})
    message = _one_line_exit_1(result, str(path))
    assert "too large" in message and "SPACETIME_MAX_FILE_MB" in message
    raised = run("--no-bundled", "--data", str(path), "year", "1990", "-f", "json", env={"SPACETIME_MAX_FILE_MB": "100"})
    assert raised.exit_code == 0 and len(json.loads(raised.stdout)) == 40_000


@pytest.mark.parametrize("value, expected", [("", 256), ("2", 2), ("0.5", 0.5), ("nope", 256), ("-3", 256), ("inf", 256),
                                             ("nan", 256)])
def test_the_size_limit_setting(monkeypatch, value, expected):
    from spacetime import files

    monkeypatch.setenv("SPACETIME_MAX_FILE_MB", value)
    assert files.max_bytes() == int(expected * 1024 * 1024)


def test_read_regular_never_reads_past_the_limit(tmp_path):
    from spacetime import files

    path = tmp_path / "f.json"
    path.write_bytes(b"x" * 5000)
    assert files.read_regular(path, 5000) == b"x" * 5000
    with pytest.raises(files.TooLarge):
        files.read_regular(path, 4999)
    with pytest.raises(files.NotRegularFile):
        files.read_regular(tmp_path, 10)


def test_an_unreadable_file_is_a_data_problem(run, write_json, monkeypatch):
    from spacetime import files

    path = write_json("secret.json", {"events": []})

    real = files.read_regular

    def refuse(target, *args, **kwargs):
        if Path(target) == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(files, "read_regular", refuse)
    assert "permission denied" in _one_line_exit_1(run("--data", str(path), "list"), str(path))


def test_a_folder_that_cannot_be_entered_is_a_data_problem(run, tmp_path, monkeypatch):
    target = tmp_path / "locked" / "x.json"

    real = Path.stat

    def refuse(self, *args, **kwargs):
        if str(self).startswith(str(tmp_path)):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", refuse)
    result = run("--data", str(target), "list")
    assert "permission denied" in _one_line_exit_1(result, str(target))


def test_a_file_named_twice_is_read_once(run, write_json, tmp_path):
    path = write_json("club.json", {"events": [{"id": "club-1", "title": "Club", "date": "2001"}]})
    rows = json.loads(run("--no-bundled", "--data", str(path), "--data", str(tmp_path), "list", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["club-1"]


# -- dates at the edge -----------------------------------------------------------------------------------
EDGE_DATES = ["9999-12-31T23:59-23:59", "0001-01-01T00:00+00:01", "0001-01-01T00:00:00+23:59", "2000-01-01T00:00+00:99",
              "2000-01-01T00:00+24:00", "0000-01-01", "0000", "99999-01-01", "2000-13-01", "2000-02-30"]


@pytest.mark.parametrize("text", EDGE_DATES)
def test_edge_dates_are_ordinary_bad_input(run, write_json, text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)
    option = run("list", "--from", text)
    assert option.exit_code == 2 and "internal error" not in option.stderr and len(option.stderr.splitlines()) == 1
    path = write_json("edge.json", {"events": [{"title": "Edge", "date": text}]})
    message = _one_line_exit_1(run("--data", str(path), "list"), str(path))
    assert "event 1" in message and "date" in message


def test_validate_lists_every_edge_date(run, write_json):
    path = write_json("edge.json", {"events": [{"title": f"E{i}", "date": d} for i, d in enumerate(EDGE_DATES)]})
    result = run("validate", str(path))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert f"{len(EDGE_DATES)} problems" in result.stdout  # the report is on stdout (issue 16)


def test_offsets_convert_to_utc_at_the_edges():
    assert PartialDate.parse("9999-12-31T22:00+01:00").iso() == "9999-12-31T21:00Z"
    assert PartialDate.parse("0001-01-01T00:30-00:30").iso() == "0001-01-01T01:00Z"


def test_the_last_day_of_the_calendar_exports_to_ics(run, write_json):
    path = write_json("end.json", {"events": [{"id": "the-end", "title": "The end", "date": "9999-12-31"}]})
    result = run("--no-bundled", "--data", str(path), "export", "-f", "ics")
    assert result.exit_code == 0, result.stderr
    assert "DTSTART;VALUE=DATE:99991231" in result.stdout and "DURATION:P1D" in result.stdout


# -- what validate finds ------------------------------------------------------------------------------------
def _csv(tmp_path, text: str, name: str = "club.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line, words", [
    ("title,title,date\na,b,2000\n", 1, "more than once"),
    ("title,date\na,2000\nb,2001,surplus\n", 3, "3 values, but the header names 2 columns"),
    ('title,date\na,2000\n"b,2001\nc,2002\n', 3, "never closed"),
    ('title,date\n"a"b,2000\n', 2, "closing quote"),
])
def test_csv_shape_problems_at_their_line(run, tmp_path, text, line, words):
    path = _csv(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:{line}: " in result.stdout and words in result.stdout, result.stdout
    _one_line_exit_1(run("--data", str(path), "list"), f"line {line}")


def test_csv_problems_are_all_listed(run, tmp_path):
    path = _csv(tmp_path, 'title,date\na,2000,x\nb,2001\nc,2002,y\n"d,2003\n')
    result = run("validate", str(path))
    assert [line.split(":")[1] for line in result.stdout.splitlines()[:-1]] == ["2", "4", "5"]


def test_empty_trailing_csv_columns_are_fine(run, tmp_path):
    path = _csv(tmp_path, "title,date\na,2000,,\n")
    assert run("validate", str(path)).exit_code == 0


def test_duplicate_ids_across_two_user_files_are_reported(run, write_json, tmp_path):
    first = write_json("a.json", {"events": [{"id": "club-1", "title": "A", "date": "2000"}]})
    second = _csv(tmp_path, "id,title,date\nclub-2,B,2001\nclub-1,C,2002\n", "b.csv")
    result = run("validate", str(first), str(second))
    assert result.exit_code == 1
    assert f"{second}:3: event 2 'club-1': id: duplicate event id 'club-1', also in {first}" in result.stdout


# -- messages in the user's words ------------------------------------------------------------------------------
def test_byte_order_marks_are_simply_accepted(run, tmp_path):
    doc = json.dumps({"events": [{"title": "Marked", "date": "2001-02-03"}]}).encode()
    for name, data in (("one.json", b"\xef\xbb\xbf" + doc), ("two.json", b"\xef\xbb\xbf\xef\xbb\xbf" + doc),
                       ("one.csv", b"\xef\xbb\xbf\xef\xbb\xbftitle,date\nMarked,2001-02-03\n")):
        path = tmp_path / name
        path.write_bytes(data)
        result = run("--data", str(path), "year", "2001", "-f", "json")
        assert result.exit_code == 0, (name, result.stderr)
        assert "Marked" in result.stdout


def test_a_huge_number_is_named_in_plain_words(run, tmp_path):
    path = tmp_path / "n.json"
    path.write_text('{"events": [{"title": "x", "date": ' + "1" * 5000 + "}]}", encoding="utf-8")
    message = _one_line_exit_1(run("--data", str(path), "list"), str(path))
    assert "sys." not in message and "5000 digits" in message


def test_python_words_never_reach_a_user():
    with pytest.raises(DatasetError) as info:
        loader.decode_json("[" + "9" * 10_000 + "]", "f.json")
    assert "set_int_max_str_digits" not in str(info.value)


# -- the snapshot ----------------------------------------------------------------------------------------------
def test_snapshot_round_trip(data_copy):
    from spacetime import assemble, snapshot
    from spacetime.paths import bundled_files

    assemble.write_snapshot(data_copy, data_copy / snapshot.NAME)
    timeline = snapshot.read(data_copy, bundled_files(data_copy))
    assert timeline is not None and len(timeline.events) > 400
    assert [p.name for p in data_copy.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_same_size_edit_is_not_ignored(data_copy):
    from spacetime import assemble, snapshot
    from spacetime.paths import bundled_files

    assemble.write_snapshot(data_copy, data_copy / snapshot.NAME)
    target = data_copy / "agencies.json"
    text = target.read_text(encoding="utf-8")
    edited = text.replace('"NASA"', '"NASB"', 1)
    assert edited != text and len(edited) == len(text)
    target.write_text(edited, encoding="utf-8")
    assert snapshot.read(data_copy, bundled_files(data_copy)) is None


@pytest.mark.parametrize("payload", ["a string", None, (), ("x", 1)])
def test_a_snapshot_with_the_right_stamp_but_a_wrong_payload_is_ignored(data_copy, payload):
    import pickle

    from spacetime import snapshot
    from spacetime.paths import bundled_files

    stamp = snapshot.fingerprint(bundled_files(data_copy))
    (data_copy / snapshot.NAME).write_bytes(pickle.dumps((snapshot._format(), stamp, payload)))
    assert snapshot.read(data_copy, bundled_files(data_copy)) is None


@needs_fifo
def test_a_fifo_in_place_of_the_snapshot_is_ignored(data_copy):
    from spacetime import snapshot
    from spacetime.paths import bundled_files

    os.mkfifo(data_copy / snapshot.NAME)
    assert _within(20, lambda: snapshot.read(data_copy, bundled_files(data_copy))) is None


def test_a_failed_snapshot_write_leaves_the_old_one(data_copy, monkeypatch):
    from spacetime import assemble, snapshot

    out = data_copy / snapshot.NAME
    out.write_bytes(b"old")

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        assemble.write_snapshot(data_copy, out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in data_copy.iterdir() if p.name.startswith(".")) == []


# -- as a real process: a FIFO must not hang the program ---------------------------------------------------------
@needs_fifo
def test_the_program_does_not_hang_on_a_fifo(tmp_path):
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "spacetime", "--data", str(fifo), "list"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "FIFO" in result.stderr


# -- big but honest files: listings are written as they are made -----------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_listings_stream_across_chunks(run, write_json, fmt):
    import csv
    import io

    from spacetime.render import plain

    count = plain._STREAM_CHUNK * 2 + 1
    events = [{"id": f"e-{i}", "title": f"Event {i}", "date": "1990-01-01"} for i in range(count)]
    path = write_json("many.json", {"events": events})
    result = run("--no-bundled", "--data", str(path), "list", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        rows = json.loads(result.stdout)
        assert [r["id"] for r in rows] == [e["id"] for e in events]
        assert result.stdout.count("\n") == count + 2  # one record per line
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [r["id"] for r in rows] == [e["id"] for e in events]


def test_a_json_listing_is_written_in_pieces(write_json, timeline):
    """The listing reaches stdout chunk by chunk: no write holds the whole output."""
    from spacetime.render import Output, plain

    writes: list[int] = []

    class Counting:
        def write(self, text):
            writes.append(len(text))

    events = list(timeline.events) * 12  # several chunks
    plain.render_json("events", events, Output(stdout=Counting()))
    assert len(writes) >= len(events) // plain._STREAM_CHUNK
    assert max(writes) < sum(writes) / 2


def test_an_absurdly_long_path_is_one_short_line(run, tmp_path):
    result = run("--data", str(tmp_path / ("a" * 5000)), "list")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1 and len(result.stderr) < 600


@pytest.mark.parametrize("args", [["validate", "a\x00b"], ["--data", "a\x00b", "list"]])
def test_a_nul_in_a_file_name_is_bad_usage_or_data(run, args):
    result = run(*args)
    assert result.exit_code in (1, 2) and "internal error" not in result.stderr and len(result.stderr.splitlines()) == 1
