"""The streamed listing (stream.py): `list --format json|csv` over a large file writes exactly what
the whole timeline's listing writes, and where it cannot be sure of that it steps aside."""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bulk import _document

from spacetime import bulk, loader, stream
from spacetime.assemble import load
from spacetime.errors import DatasetErrors
from spacetime.render import Output, emit, emit_rows

# A few seconds of examples in CI; SPACETIME_STREAM_EXAMPLES=400 for a longer search.
EXAMPLES = int(os.environ.get("SPACETIME_STREAM_EXAMPLES", "40"))
_FAST = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 40,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def _small_chunks(monkeypatch) -> None:
    monkeypatch.setattr(loader, "FAST_PATH_BYTES", 0)  # every user JSON file is offered to bulk.py
    monkeypatch.setattr(bulk, "_CHUNK", 3)  # events are checked and grouped in chunks: several here


def _streamed(paths: list[str], fmt: str, binary: bool = False) -> str | None:
    rows = stream.open_stream(paths)
    if rows is None:
        return None
    if binary:  # a real stdout: text over bytes, which takes the UTF-8 straight
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        emit_rows(rows, fmt, Output(out))
        out.flush()
        return raw.getvalue().decode("utf-8")
    text = io.StringIO()
    emit_rows(rows, fmt, Output(text))
    return text.getvalue()


def _listed(timeline, fmt: str) -> str:
    text = io.StringIO()
    emit("events", timeline.events, fmt, Output(text))
    return text.getvalue()


def _agrees(paths: list[str], binary: bool = False) -> bool:
    """True if the stream wrote what the timeline writes, in JSON and CSV; False if it stepped aside."""
    try:
        timeline = load(paths)
    except DatasetErrors as exc:
        with pytest.raises(DatasetErrors) as streamed:  # a file with problems never streams
            stream.listing(paths)
        assert [p.line() for p in streamed.value.problems] == [p.line() for p in exc.problems]
        return False
    streamed = {fmt: _streamed(paths, fmt, binary) for fmt in ("json", "csv")}
    if streamed["json"] is None:
        return False
    assert streamed == {fmt: _listed(timeline, fmt) for fmt in ("json", "csv")}
    return True


# Valid events crowded onto a few days, at every precision, with missions (the bundled Apollo 11's
# among them), agencies by any name, unnamed events, tags to lower: what ordering and resolving
# have to get right.
_DAYS = ["1969-07-16", "1969-07-20", "1969-07-21", "1969-08-01", "1970-01-01"]
_WHEN = st.one_of(
    st.tuples(st.sampled_from(_DAYS), st.sampled_from(["", "T20:17Z", "T20:17:40Z", "T20:17:00Z", "T02:56Z", "T13:32:00Z"]))
    .map("".join),
    st.sampled_from(["1969", "1969-07", "1970", "1969-08"]),
)
_EVENT = st.fixed_dictionaries(
    {"title": st.sampled_from(["Launch", "Landing on the Moon", "Splashdown", "Ünïcode ☄ title", "Bell\u0085 rings",
                               "=1+1", "A\u202eB"]),
     "date": _WHEN},
    optional={"id": st.integers(0, 400).map(lambda n: f"user-{n}"),
              "mission": st.sampled_from(["apollo-11", "synthetic-a", "synthetic-b", "my-mission"]),
              "agencies": st.lists(st.sampled_from(["nasa", "NASA", "esa", "European Space Agency", "Soviet space program"]),
                                   max_size=3),
              "kind": st.sampled_from(["launch", "landing", "docking"]),
              "crewed": st.booleans(),
              "crew": st.lists(st.sampled_from(["Neil Armstrong", "Buzz Aldrin"]), max_size=2),
              "tags": st.lists(st.sampled_from(["Moon", "first", "FIRST"]), max_size=2),
              "summary": st.sampled_from(["One small step.", "Tab\tinside"]),
              "sources": st.just([{"title": "NASA", "url": "https://nasa.gov/x"}])})


def _unique_ids(events: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for event in events:
        key = event.get("id") or (event["title"], event["date"][:10])
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


@_FAST
@given(events=st.lists(_EVENT, min_size=1, max_size=40), missions=st.booleans(), layout=st.sampled_from([None, 2]))
def test_the_stream_writes_what_the_timeline_writes(monkeypatch, tmp_path, events, missions, layout):
    _small_chunks(monkeypatch)
    doc: dict = {"events": _unique_ids(events)}
    if missions:
        doc["missions"] = [{"id": "synthetic-a", "title": "Synthetic A"}]
    path = tmp_path / "events.json"
    path.write_text(json.dumps(doc, indent=layout, ensure_ascii=False), encoding="utf-8")
    assert _agrees([str(path)])


@_FAST
@given(text=_document())
def test_any_file_the_stream_takes_it_lists_as_the_timeline_does(monkeypatch, tmp_path, text):
    _small_chunks(monkeypatch)
    path = tmp_path / "events.json"
    path.write_text(text, encoding="utf-8")
    _agrees([str(path)])


def _write(tmp_path, events: list[dict], name: str = "big.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"events": events}, separators=(",", ":")), encoding="utf-8")
    return str(path)


def _many(n: int, prefix: str = "e") -> list[dict]:
    return [{"id": f"{prefix}-{i}", "title": f"Event {i}", "date": f"{1960 + i % 60}-{1 + i % 12:02d}-{1 + i % 28:02d}"}
            for i in range(n)]


@pytest.mark.parametrize("joined", [True, False])
def test_a_large_file_streams_the_same_bytes_to_a_real_stdout(monkeypatch, tmp_path, joined):
    _small_chunks(monkeypatch)
    monkeypatch.setattr(bulk, "JOINED_LINES", joined)  # events grouped with and without line breaks
    events = [*_many(500), {"title": "Apollo 11 again", "date": "1969-07-20", "mission": "apollo-11", "tags": ["Moon"]}]
    assert _agrees([_write(tmp_path, events)], binary=True)


def test_a_day_only_event_of_a_mission_follows_that_mission_s_last_timed_event(monkeypatch, tmp_path):
    _small_chunks(monkeypatch)
    events = [{"id": "after-the-landing", "title": "After the landing", "date": "1969-07-20", "mission": "apollo-11"},
              {"id": "before-anything", "title": "Before anything", "date": "1969-07-20"}]
    path = _write(tmp_path, events)
    assert _agrees([path])
    ids = [row["id"] for row in json.loads(_streamed([path], "json")) if row["date"].startswith("1969-07-20")]
    assert ids.index("before-anything") < ids.index("apollo-11-landing") < ids.index("after-the-landing")


def test_two_large_files_stream_in_the_order_given(monkeypatch, tmp_path):
    _small_chunks(monkeypatch)
    first = _write(tmp_path, _many(50, "a"), "a.json")
    second = _write(tmp_path, _many(50, "b"), "b.json")
    assert _agrees([first, second])
    assert _agrees([second, first])


@pytest.mark.parametrize("change", [
    {"date": "1969-07-20T21:17+01:00"},  # a date with an offset: the timeline converts it
    {"title": " Padded "},  # text the careful parser trims
    {"id": "apollo-11-landing"},  # an id the bundled dataset has: the later replaces the earlier
    {"agencies": ["mystery-agency"]},  # an agency nobody knows: an error to report
    {"mission": "Apollo Eleven"},  # a mission name that is not an id may fold onto another
])
def test_the_stream_steps_aside_where_it_cannot_be_sure(monkeypatch, tmp_path, change):
    _small_chunks(monkeypatch)
    events = _many(20)
    events[7] = {**events[7], **change}
    path = _write(tmp_path, events)
    try:
        assert stream.open_stream([path]) is None
    except DatasetErrors:
        assert "agencies" in change  # the one error here: listed as the timeline lists it
    assert _agrees([path]) is False


def test_a_small_file_after_a_large_one_is_listed_by_the_timeline(monkeypatch, tmp_path):
    _small_chunks(monkeypatch)
    big = _write(tmp_path, _many(30))
    small = tmp_path / "small.csv"
    small.write_text("title,date\nA club launch,1999-01-01\n", encoding="utf-8")
    assert stream.open_stream([big, str(small)]) is None
    assert stream.open_stream([str(small), big]) is not None
    assert _agrees([str(small), big])


def _counting(monkeypatch) -> tuple[list, list]:
    """What the command line asked for (stream.listing) and which files bulk.py read."""
    answers, reads = [], []
    listing, read = stream.listing, bulk.read
    monkeypatch.setattr(stream, "listing", lambda *a: answers.append(listing(*a)) or answers[-1])
    monkeypatch.setattr(bulk, "read", lambda path, *rest: reads.append(path) or read(path, *rest))
    return answers, reads


def test_the_cli_streams_a_large_file_and_lists_it_as_the_timeline_would(run, monkeypatch, tmp_path):
    _small_chunks(monkeypatch)
    path = _write(tmp_path, _many(300))
    answers, reads = _counting(monkeypatch)
    for fmt in ("json", "csv"):
        streamed = run("--data", path, "list", "--format", fmt)
        assert streamed.exit_code == 0, streamed.stderr
        whole = run("--data", path, "list", "--format", fmt, "--limit", "100000")  # a limit loads the timeline
        assert streamed.stdout == whole.stdout
    assert [type(answer).__name__ for answer in answers] == ["EventStream", "EventStream"]
    assert len(reads) == 4  # each run read the file once


def test_a_large_file_that_cannot_stream_is_read_once(run, monkeypatch, tmp_path):
    _small_chunks(monkeypatch)
    events = _many(40)
    events[5]["date"] = "1969-07-20T21:17+01:00"
    path = _write(tmp_path, events)
    answers, reads = _counting(monkeypatch)
    result = run("--data", path, "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [type(answer).__name__ for answer in answers] == ["Timeline"]
    assert len(reads) == 1
    assert '"date":"1969-07-20T20:17Z"' in result.stdout


def test_the_cli_reports_a_large_file_s_problem_as_the_timeline_does(run, monkeypatch, tmp_path):
    _small_chunks(monkeypatch)
    events = _many(40)
    events[3]["agencies"] = ["mystery-agency"]
    result = run("--data", _write(tmp_path, events), "list", "--format", "json")
    assert result.exit_code == 1
    assert "unknown agency 'mystery-agency'" in result.stderr
    assert result.stdout == ""
