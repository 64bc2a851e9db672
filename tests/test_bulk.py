"""The fast path for large files (spacetime/bulk.py) against the careful parser.

For any file, loading through the fast path must give exactly what the careful parser gives: the
same events and missions, or the same problems. A year query's scoped load must answer
`in_years` exactly as the whole timeline does. The fast path is forced on for small files here
by lowering the size from which it is tried, and files are decoded in chunks of a few events."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacetime import bulk, loader
from spacetime.errors import DatasetErrors
from spacetime.assemble import load, load_years, timeline_from_files

_TITLES = st.sampled_from(["Apollo 11 lands", " Padded title ", "   ", "", "Ünïcode ☄ title", "x" * 301, "Tab\there"])
_MISSIONS = st.sampled_from(["apollo-11", "Apollo 11", "apollo 11", "synthetic-a", "Synthetic A", "Čandra", "Candra",
                             "candra", "x-1", "X 1", " spaced ", "mir"])
_AGENCIES = st.sampled_from(["nasa", "NASA", "soviet", "Soviet space program", "esa", "mystery-agency", "roscosmos", " nasa"])
_DATES = st.one_of(
    st.sampled_from(["1969-07-20T20:17:40Z", "1969-07-20T20:17Z", "1969-07-20", "1969-07", "1969", "1970-01-01T02:00+05:00",
                     "1969-12-31T23:30-01:00", "1969-07-20 20:17", "2024-02-29", "2023-02-29", "1969-06-31", "1969-13-01",
                     "0000", "١٩٦٩", " 1969-07-20", "1968-12-24T15:00:00Z", "1970-04-14", "2025-07-03T19:32:40Z"]),
    st.dates().map(lambda d: d.isoformat()),
    st.integers(1957, 2030),
)
_IDS = st.one_of(st.sampled_from(["apollo-11-landing", "sputnik-1-launch", "my-event", "my-event", "Bad Id", "a--b",
                                  "x" * 201]), st.integers(0, 30).map(lambda n: f"event-{n}"))
_TEXT = st.one_of(st.sampled_from(["Eagle", " Eagle ", "", "  ", "Saturn V", "x" * 1001]), st.none())
_SOURCES = st.lists(st.one_of(
    st.fixed_dictionaries({"title": st.sampled_from(["NASA", " NASA ", "  ", ""]),
                           "url": st.sampled_from(["https://nasa.gov/x", "ftp://x", "https://a b", " https://nasa.gov "])}),
    st.sampled_from(["https://example.org"])), max_size=2)

_OPTIONAL = {
    "id": _IDS,
    "kind": st.sampled_from(["launch", "landing", "lunch", " launch", "event"]),
    "agencies": st.lists(_AGENCIES, max_size=3),
    "aliases": st.lists(st.sampled_from(["Eagle", "", " x ", "LM-5"]), max_size=2),
    "mission": st.one_of(_MISSIONS, st.none()),
    "crewed": st.one_of(st.booleans(), st.none(), st.just(1)),
    "crew": st.lists(st.sampled_from(["Neil Armstrong", " Buzz Aldrin "]), max_size=2),
    "vehicle": _TEXT,
    "site": _TEXT,
    "cospar": st.sampled_from(["1969-059A", "1969-59", "1969-059A\n"]),
    "outcome": st.sampled_from(["success", "failure", "win"]),
    "summary": _TEXT,
    "tags": st.lists(st.sampled_from(["first", "Moon", "moon", " x"]), max_size=3),
    "sources": _SOURCES,
    "notes": st.just("a field of the user's own"),
}


@st.composite
def _event(draw):
    record = {"title": draw(_TITLES), "date": draw(_DATES)}
    if draw(st.integers(0, 9)) == 0:
        record.pop(draw(st.sampled_from(["title", "date"])))
    for name in draw(st.lists(st.sampled_from(sorted(_OPTIONAL)), max_size=8, unique=True)):
        if name == "notes" and draw(st.integers(0, 3)):
            continue
        record[name] = draw(_OPTIONAL[name])
    return record


_VALID = st.fixed_dictionaries(
    {"id": st.integers(0, 10_000).map(lambda n: f"event-{n}"), "title": st.sampled_from(["Launch", "Docking at Mir"]),
     "date": st.dates().map(lambda d: d.isoformat()), "agencies": st.lists(st.sampled_from(["nasa", "esa"]), max_size=2),
     "mission": st.sampled_from(["synthetic-a", "synthetic-b", "mir"])},
    optional={"kind": st.sampled_from(["launch", "docking"]), "crewed": st.booleans(),
              "sources": st.just([{"title": "NASA", "url": "https://nasa.gov"}])})


@st.composite
def _document(draw):
    # Mostly well-formed events, so that the fast path accepts many files whole.
    events = draw(st.lists(st.one_of(_VALID, _event()), min_size=1, max_size=12))
    if draw(st.booleans()):
        events = draw(st.lists(_VALID, min_size=1, max_size=12, unique_by=lambda e: e["id"]))
    doc: object = {"events": events}
    shape = draw(st.integers(0, 4))
    if shape == 1:
        doc = events
    elif shape == 2:
        doc["missions"] = [{"id": "synthetic-a", "title": "Synthetic A", "aliases": ["SA"]}]
    elif shape == 3:
        doc["$schema"] = "spacetime.schema.json"
        doc["dataset"] = {"name": "mine", "version": "1"}
    style = draw(st.integers(0, 3))
    if style == 0:
        text = json.dumps(doc, ensure_ascii=False)
    elif style == 1:
        text = json.dumps(doc, separators=(",", ":"))
    elif style == 2:
        text = json.dumps(doc, indent=2)
    else:
        text = json.dumps(doc, separators=(",", " : "))
    if draw(st.integers(0, 6)) == 0:  # a repeated key, which decoding alone would hide
        text = text.replace('"title":', '"title": "first", "title":', 1)
    return text


def _load(monkeypatch, path, fast: bool, years=None):
    monkeypatch.setattr(loader, "FAST_PATH_BYTES", 0 if fast else 1 << 62)
    monkeypatch.setattr(bulk, "_CHUNK", 3)  # events are decoded and checked in chunks: several here
    try:
        return "ok", load([str(path)]) if years is None else load_years([str(path)], True, years)
    except DatasetErrors as exc:
        return "errors", [p.line() for p in exc.problems]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_document(), span=st.tuples(st.integers(1955, 2030), st.integers(0, 3)))
def test_the_fast_path_loads_exactly_what_the_careful_parser_loads(monkeypatch, tmp_path, text, span):
    path = tmp_path / "events.json"
    path.write_text(text, encoding="utf-8")
    careful = _load(monkeypatch, path, fast=False)
    fast = _load(monkeypatch, path, fast=True)
    start, end = span[0], span[0] + span[1]
    scoped = _load(monkeypatch, path, fast=True, years=(start, end))
    assert fast[0] == careful[0] == scoped[0]
    if careful[0] == "errors":
        assert fast[1] == careful[1] and scoped[1] == careful[1]
        return
    whole, quick, few = careful[1], fast[1], scoped[1]
    assert quick.events == whole.events
    assert quick.missions == whole.missions
    assert quick.agencies == whole.agencies
    assert [f.events for f in quick.files] == [f.events for f in whole.files]
    assert few.in_years(start, end) == whole.in_years(start, end)


def _write_events(tmp_path, events, name="big.json", **dump):
    path = tmp_path / name
    path.write_text(json.dumps({"events": events}, **dump), encoding="utf-8")
    return path


def _valid(n: int, offset: int = 0) -> list[dict]:
    return [{"id": f"e-{i}", "title": f"Event {i}", "date": f"{1957 + i % 60}-0{1 + i % 9}-1{i % 9}",
             "agencies": ["nasa"], "mission": f"m-{i // 3}", "sources": [{"title": "T", "url": f"https://x.org/{i}"}]}
            for i in range(offset, offset + n)]


def test_a_well_formed_file_takes_the_fast_path(tmp_path):
    path = _write_events(tmp_path, _valid(50))
    pending = bulk.read(path, str(path))
    assert pending is not None and len(pending) == 50
    assert [e.id for e in pending.build()] == [f"e-{i}" for i in range(50)]


@pytest.mark.parametrize("text", [
    '{"events": [{"title": "a", "title": "b", "date": "2000"}]}',          # repeated key in an event
    '{"events": [{"title": "a", "date": "2000", "sources": [{"title": "t", "url": "https://a.org", "url": "https://b.org"}]}]}',
    '{"events": [], "events": [{"title": "a", "date": "2000"}]}',          # repeated top-level key
    '{"events": [{"title" : "a\\u00e9", "date": "2000"}]}',                  # an escape, and a space before a colon
    '{"events": [{"title": "a \\"quoted\\"", "date": "2000", "date": "2001"}]}',  # escaped quotes, repeated key
    '{"events": [{"title": "a", "date": "2000", "notes": "own field"}]}',   # a field of the user's own
    '{"events": [{"title": "a", "date": "2000", "vehicle": null}]}',        # null: the careful parser's business
    '{"events": [{"title": "a", "date": "2000-02-30"}]}',
    '{"events": [{"title": "a", "date": "2023-02-29"}]}',
    '{"events": [{"title": "a", "date": "2000"}, {"id": "a-20000101", "title": "b", "date": "2001"}, {"title": "a", "date": "2000"}]}',
    '\ufeff{oops',
])
def test_the_fast_path_hands_doubtful_files_to_the_careful_parser(tmp_path, text):
    path = tmp_path / "doubt.json"
    path.write_text(text, encoding="utf-8")
    assert bulk.read(path, str(path)) is None


@pytest.mark.parametrize("text", [
    '{"events": [{"title" : "a", "date" : "2000"}]}',                       # no escapes: quotes are counted
    '{"events": [{"title": "a \\"quoted\\" title: yes", "date": "2000"}]}',  # escapes: keys are counted
    '[{"title": "a", "date": "2000"}]',
])
def test_the_fast_path_takes_well_formed_files_in_any_layout(tmp_path, text):
    path = tmp_path / "fine.json"
    path.write_text(text, encoding="utf-8")
    pending = bulk.read(path, str(path))
    assert pending is not None and len(pending.build()) == 1


def test_text_to_trim_is_built_by_the_careful_parser(monkeypatch, tmp_path):
    path = tmp_path / "trim.json"
    path.write_text('{"events": [{"title": " Apollo 11 lands ", "date": "1969-07-20", "tags": ["Moon"]}]}', encoding="utf-8")
    pending = bulk.read(path, str(path))
    assert pending is not None and pending.build() is None
    monkeypatch.setattr(loader, "FAST_PATH_BYTES", 0)
    [event] = load([str(path)], bundled=False).events
    assert (event.title, event.tags, event.id) == ("Apollo 11 lands", ("moon",), "apollo-11-lands-19690720")


def test_a_repeated_key_in_a_large_file_is_still_an_error(monkeypatch, tmp_path, run):
    events = _valid(3000)
    text = json.dumps({"events": events}).replace('"title":', '"title": "x", "title":', 1)
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > loader.FAST_PATH_BYTES
    result = run("--data", str(path), "year", "1960")
    assert result.exit_code == 1 and "duplicate key 'title'" in result.stderr


def test_a_year_query_on_a_large_file_builds_only_that_year(tmp_path):
    events = _valid(3000)  # six chunks of 500
    events[2700]["date"] = "1970-01-01T02:00+05:00"  # 1969 in UTC, in the sixth chunk
    del events[2701]["id"]  # named after its title and date, as the careful parser names it
    events[2701]["date"] = "1969-05-05"
    path = _write_events(tmp_path, events)
    scoped = load_years([str(path)], True, (1969, 1969))
    whole = load([str(path)])
    assert scoped.in_years(1969, 1969) == whole.in_years(1969, 1969)
    built = [e for e in scoped.events if e.origin != "bundled"]
    assert len(built) == 52 and all(e.date.year == 1969 for e in built)  # 3,000 events over 60 years
    assert {"e-2700", "event-2701-19690505"} <= {e.id for e in built}
    assert [f.events for f in scoped.files] == [f.events for f in whole.files]


def test_a_year_query_still_reports_problems_outside_the_year(monkeypatch, tmp_path):
    events = _valid(3000)
    for i in (5, 1805, 2605):  # 1962, 1962, 1982: in the first, fourth and sixth chunks
        events[i]["agencies"] = ["no-such-agency"]
    del events[1805]["id"]  # reported by its place and title
    path = _write_events(tmp_path, events)
    _, problems = timeline_from_files([str(path)], years=(1969, 1969))
    monkeypatch.setattr(loader, "FAST_PATH_BYTES", 1 << 62)
    _, careful = timeline_from_files([str(path)])
    assert len(problems) == 3 and [p.line() for p in problems] == [p.line() for p in careful]
    assert problems[0].line() == f"{path}: event 6 'e-5': agencies: unknown agency 'no-such-agency'"


def test_a_year_query_keeps_an_override_in_its_place(tmp_path):
    first = _write_events(tmp_path, _valid(1000), "a.json")
    second = _valid(1)
    second[0].update(date="1969-07-20", title="Replaced")  # replaces e-0 (1957) with a 1969 event
    later = _write_events(tmp_path, second, "b.json")
    scoped = load_years([str(first), str(later)], True, (1969, 1969))
    whole = load([str(first), str(later)])
    assert scoped.in_years(1969, 1969) == whole.in_years(1969, 1969)
    assert any(e.title == "Replaced" for e in scoped.in_years(1969, 1969))


def test_the_cli_year_command_agrees_with_list(run, tmp_path):
    path = _write_events(tmp_path, _valid(3000))
    year = json.loads(run("--data", str(path), "year", "1969", "--format", "json").stdout)
    listed = json.loads(run("--data", str(path), "list", "--from", "1969", "--to", "1969", "--format", "json").stdout)
    assert year and year == listed


def _large(tmp_path, tail: bytes, name: str = "large.json") -> str:
    """A file big enough for the fast path whose end is `tail` instead of `]}`."""
    head = json.dumps({"events": _valid(3000)}).encode()[:-2]
    path = tmp_path / name
    path.write_bytes(head + tail)
    assert path.stat().st_size > loader.FAST_PATH_BYTES
    return str(path)


@pytest.mark.parametrize("tail", [
    b', {"title": "caf\xe9", "date": "2000"}]}',               # not UTF-8
    b', {"title": "a", "date": NaN}]}',
    b', ' + b'[' * 100_000 + b']' * 100_000 + b']}',          # nested too deeply
    b', {"title": "a", "date": "2000", "date": "2001"}]}',     # a repeated key
    b', {"title": "a", "date": "2000"}] garbage',
    b', {"title": "a\x1b[31m", "date": "2000"}]}',             # a raw control character
])
def test_a_malformed_large_file_gets_one_line_and_exit_1(run, tmp_path, tail):
    path = _large(tmp_path, tail)
    result = run("--data", path, "year", "1969")
    assert result.exit_code == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1 and path in result.stderr


def test_hostile_text_in_a_large_file_never_reaches_the_terminal(run, tmp_path):
    hostile = "[bold red]x[/] \u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ \u001b[2J \u009b31m"
    tail = b", " + json.dumps({"id": "hostile", "title": hostile, "date": "1969-07-21", "summary": hostile}).encode() + b"]}"
    path = _large(tmp_path, tail)
    for fmt in ("table", "json", "csv"):
        result = run("--data", path, "year", "1969", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert not any(ch in result.stdout for ch in "\x1b\x9b\x07"), fmt
        assert "[bold red]x[/]" in result.stdout or fmt == "table"


@given(st.lists(st.text(alphabet="ab1-\n_ A", max_size=6), max_size=6))
def test_all_slugs_agrees_with_the_slug_pattern(ids):
    assert bulk.all_slugs(ids, loader.SLUG) == all(loader.SLUG.fullmatch(i) for i in ids)


_date_like = st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda y, m, d, h, mi, s: f"{y:04d}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}" + ("" if s is None else f":{s:02d}") + "Z",
              st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31), st.integers(0, 25), st.integers(0, 61),
              st.one_of(st.none(), st.integers(0, 61))),
    st.sampled_from(["1969", "1969-07", "1969-07-20T20:17+05:00", "1969-07-20 20:17", " 1969-07-20", "١٩٦٩-07-20",
                     "1969-07-201969-07-20", "", "1969-07-20T20", "19690720", "1969-W29-7", "1969-07-20T20:17:40.5Z"]),
)


@settings(max_examples=400)
@given(st.lists(_date_like, min_size=1, max_size=5))
def test_dates_are_checked_as_the_careful_parser_checks_them(dates):
    from spacetime.dates import PartialDate

    try:
        years = [PartialDate.parse(d).year for d in dates]
    except ValueError:
        years = None
    found = bulk._irregular_dates(list(dates), "\n".join(dates))
    assert (found is None) == (years is None)
    if found:
        assert all(years[i] == year for i, year in found.items())


_url_parts = st.sampled_from(["http://", "https://", "a", ".", " ", "\n", "\x85", "\u200b", "é", "ftp:", "/"])


@given(st.lists(st.lists(_url_parts, max_size=5).map("".join), min_size=1, max_size=5))
def test_all_urls_agrees_with_the_url_pattern(urls):
    assert bulk.all_urls(urls, loader.URL) == all(loader.URL.fullmatch(u) for u in urls)


@given(st.lists(st.sampled_from(["1969", "1969-07", "1969-07-20", "1968-12-31T23:59Z", "1970-01-01", "2001-02-03T04:05:06Z",
                                 "1970-01-01T02:00+05:00", "1969-12-31T23:30-01:00", "0001", "1969-07-20\n", "\n1970"]),
                max_size=12),
       st.integers(1960, 1975), st.integers(0, 3))
def test_events_in_years_are_found_as_their_dates_say(dates, start, span):
    from spacetime.dates import PartialDate

    irregular = bulk._irregular_dates(list(dates), "\n".join(dates))
    checked = bulk._Checked(escapes=False)
    checked.dates, checked.joined, checked.irregular = list(dates), "\n".join(dates), irregular or {}
    pending = bulk.Pending(bulk._Document(), [], checked, "x")
    want = [i for i, d in enumerate(dates) if start <= PartialDate.parse(d).year <= start + span]
    assert pending.indices_in_years(start, start + span) == want


@given(st.lists(st.sampled_from(["1969", "1969-07", "1969-07-20", "1968-07-20T23:59Z", "1970-07-21", "2001-07-20T04:05:06Z",
                                 "1970-07-21T02:00+05:00", "1969-07-20T23:30-01:00", "1972-02-29", "1973-02-28"]),
                max_size=12),
       st.sets(st.sampled_from(["07-20", "07-21", "02-28", "02-29", "12-31"]), max_size=3))
def test_events_on_days_include_every_event_whose_utc_day_is_one_of_them(dates, days):
    """`today` builds only these: every event on one of the days must be among them (events in
    an uncommon form are checked by the caller, so they may be too)."""
    from spacetime.dates import PartialDate

    irregular = bulk._irregular_dates(list(dates), "\n".join(dates))
    checked = bulk._Checked(escapes=False)
    checked.dates, checked.joined, checked.irregular = list(dates), "\n".join(dates), irregular or {}
    pending = bulk.Pending(bulk._Document(), [], checked, "x")
    found = pending.indices_on_days(days)
    assert found == sorted(set(found))
    for i, text in enumerate(dates):
        when = PartialDate.parse(text)
        on_a_day = when.day is not None and f"{when.month:02d}-{when.day:02d}" in days
        assert (i in found) == (on_a_day or i in (irregular or {}))


def test_a_year_scoped_timeline_refuses_other_years_and_the_library_loads_everything(tmp_path):
    import spacetime

    path = _write_events(tmp_path, _valid(3000))
    scoped = load_years([str(path)], True, (1969, 1969))
    assert scoped.scope == (1969, 1969) and scoped.in_years(1969)
    with pytest.raises(ValueError, match=r"only the events of 1969\.\.1969"):
        scoped.in_years(1970)
    whole = spacetime.load(path)
    assert whole.scope is None
    assert len([e for e in whole.events if e.origin != "bundled"]) == 3000


def test_today_over_a_large_file_builds_only_the_day_and_answers_as_the_whole_timeline(tmp_path, run):
    """`today` scopes the load to the anniversaries' days: the answer is the whole timeline's."""
    from datetime import date

    from spacetime import anniversaries
    from spacetime.assemble import load_days

    events = _valid(3000)
    events += [{"id": "leap", "title": "Leap day", "date": "1972-02-29", "agencies": ["NASA"]},
               {"id": "offset", "title": "Offset", "date": "1969-02-28T23:30-01:00", "agencies": ["nasa"]}]
    path = _write_events(tmp_path, events)
    for day in (date(2025, 3, 14), date(2023, 2, 28), date(2024, 3, 1)):
        days = anniversaries.window_days(day, within=0)
        scoped = load_days([str(path)], True, days)
        whole = load([str(path)])
        assert scoped.days == days and whole.days is None
        mine = [e for e in scoped.events if e.origin != "bundled"]
        assert len(mine) < len(events) / 20
        assert anniversaries.in_window(scoped.events, day, within=0) == anniversaries.in_window(whole.events, day, within=0)
        with pytest.raises(ValueError, match="some days of the year"):
            scoped.in_years(1969)
        lines = run("--data", str(path), "today", "--date", day.isoformat()).stdout.splitlines()
        rows = anniversaries.in_window(whole.events, day, within=0)
        assert lines and len(lines) == len(rows)
        assert all(f"({row.event.date.iso()[:10]}): {row.event.title}" in line for line, row in zip(lines, rows, strict=True))
    assert "Leap day" in run("--data", str(path), "today", "--date", "2023-02-28").stdout
    assert "Offset" in run("--data", str(path), "today", "--date", "2025-03-01").stdout
    week = run("--data", str(path), "anniversaries", "--date", "2025-03-10", "--within", "7", "-f", "json").stdout
    whole_week = anniversaries.in_window(load([str(path)]).events, date(2025, 3, 10), within=7)
    assert [row["id"] for row in json.loads(week)] == [row.event.id for row in whole_week]
