"""The other plain renderers (render/plain.py): streamed JSON, TimelineJS, one-record lines and
Markdown, each checked against what it should say for a few hand-made records."""

from __future__ import annotations

import io
import json

import pytest

from spacetime.anniversaries import in_year
from spacetime.dates import PartialDate
from spacetime.model import Agency, Event, Mission, Source
from spacetime.render import Output
from spacetime.render.plain import (dumps, render_json, render_markdown, render_text, render_timelinejs,
                                    text_lines)
from spacetime.search import Hit

AGENCIES = {"nasa": Agency("nasa", "NASA", "National Aeronautics and Space Administration", country="US", type="government",
                           founded=PartialDate(1958, 10, 1)),
            "esa": Agency("esa", "ESA", "European Space Agency", country="EU")}


def ev(ident: str, when: str, **more) -> Event:
    return Event(id=ident, title=more.pop("title", ident.title()), date=PartialDate.parse(when),
                 kind=more.pop("kind", "launch"), **more)


def output() -> tuple[Output, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Output(stdout=out, stderr=err, ascii=False), out, err


# -- JSON -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [0, 1, 1999, 2000, 2001, 4500])
def test_streamed_json_is_one_array_however_many_chunks(n):
    pairs = [(f"g{i}", i) for i in range(n)]
    o, out, _ = output()
    render_json("counts", pairs, o)
    text = out.getvalue()
    assert json.loads(text) == [{"group": g, "count": c} for g, c in pairs]
    assert text.endswith("\n")
    if n:
        assert text.startswith("[\n  {") and text.endswith("}\n]\n")
        assert text.count("\n") == n + 2  # one record a line
    else:
        assert text == "[]\n"


@pytest.mark.parametrize("n", [0, 2, 2001])
def test_json_with_a_source_is_an_object(n):
    pairs = [(f"g{i}", i) for i in range(n)]
    o, out, _ = output()
    render_json("counts", pairs, o, source={"attribution": "data from X", "note": "é\u202e"})
    doc = json.loads(out.getvalue())
    assert list(doc) == ["source", "counts"]
    assert doc == {"source": {"attribution": "data from X", "note": "é\u202e"},
                   "counts": [{"group": g, "count": c} for g, c in pairs]}
    assert "\u202e" not in out.getvalue() and "\\u202e" in out.getvalue()
    assert out.getvalue().endswith("]\n}\n")


@pytest.mark.parametrize(("text", "escaped"), [
    ("caf\u00e9", "caf\u00e9"),                       # readable non-ASCII stays
    ("a\u0085b", "a\\u0085b"), ("\u009b31m", "\\u009b31m"),  # C1 controls
    ("x\u202ey", "x\\u202ey"), ("\u200b", "\\u200b"),  # format characters
    ("\U000e0001", "\\udb40\\udc01"),                  # beyond the BMP: a surrogate pair
    ("\U000110bd!", "\\ud804\\udcbd!"),
])
def test_json_escapes_what_a_terminal_would_obey(text, escaped):
    assert dumps(text) == f'"{escaped}"'
    assert json.loads(dumps(text)) == text
    o, out, _ = output()
    render_json("counts", [(text, 1)], o)
    assert f'"group":"{escaped}"' in out.getvalue()
    assert json.loads(out.getvalue()) == [{"group": text, "count": 1}]


@pytest.mark.parametrize("text", ["a\x7fb", "caf\u00e9 a\x7fb"])
def test_json_escapes_del_in_ascii_text_too(text):
    # DEL was written raw when the rest of the output was ASCII, escaped when it was not.
    assert "\x7f" not in dumps(text) and "\\u007f" in dumps(text)
    o, out, _ = output()
    render_json("counts", [(text, 1)], o)
    assert "\x7f" not in out.getvalue() and "\\u007f" in out.getvalue()
    assert json.loads(out.getvalue()) == [{"group": text, "count": 1}]


def test_dumps_indents_documents():
    assert dumps({"a": [1]}) == '{\n  "a": [\n    1\n  ]\n}'


# -- TimelineJS -----------------------------------------------------------------------------------------
def test_timelinejs_items_at_every_precision():
    events = [ev("y", "1957"), ev("m", "1957-10"), ev("d", "1957-10-04"), ev("min", "1957-10-04T19:28Z"),
              ev("s", "1957-10-04T19:28:34Z")]
    o, out, _ = output()
    render_timelinejs(events, o, {}, {})
    doc = json.loads(out.getvalue())
    assert doc["title"] == {"text": {"headline": "spacetime", "text": "Spaceflight history"}}
    assert [e["start_date"] for e in doc["events"]] == [
        {"year": "1957"}, {"year": "1957", "month": "10"}, {"year": "1957", "month": "10", "day": "4"},
        {"year": "1957", "month": "10", "day": "4", "hour": "19", "minute": "28"},
        {"year": "1957", "month": "10", "day": "4", "hour": "19", "minute": "28", "second": "34"}]
    assert all("group" not in e for e in doc["events"])


def test_timelinejs_text_names_agencies_source_and_mission():
    event = ev("a11", "1969-07-20", title="Eagle <lands> & \"stays\"", summary="One small step", agencies=("nasa", "x"),
               mission="apollo-11", sources=(Source("NASA & co", "https://nasa.example/?a=1&b=\"2\""), Source("Two", "https://t")))
    missions = {"apollo-11": Mission("apollo-11", "Apollo <11>", events=(event,))}
    o, out, _ = output()
    render_timelinejs([event], o, AGENCIES, missions)
    (item,) = json.loads(out.getvalue())["events"]
    assert item["unique_id"] == "a11"
    assert item["text"]["headline"] == "Eagle &lt;lands&gt; &amp; &quot;stays&quot;"
    assert item["text"]["text"] == ('One small step (NASA, x) <a href="https://nasa.example/?a=1&amp;b=&quot;2&quot;">'
                                    'NASA &amp; co</a> <em>Mission: Apollo &lt;11&gt;</em>')
    assert item["group"] == "NASA"


def test_timelinejs_without_agencies_or_mission():
    event = ev("x", "2000", summary="Plain", agencies=("unknown-agency",), mission="gone")
    o, out, _ = output()
    render_timelinejs([event, ev("bare", "2001", summary="Bare")], o, AGENCIES, {})
    first, bare = json.loads(out.getvalue())["events"]
    assert first["text"]["text"] == "Plain (unknown-agency)"
    assert first["group"] == "unknown-agency"
    assert bare["text"]["text"] == "Bare" and "group" not in bare


def test_timelinejs_through_the_cli(run, timeline):
    doc = json.loads(run("export", "-f", "timelinejs", "--mission", "apollo-11").stdout)
    assert [e["unique_id"] for e in doc["events"]] == [e.id for e in timeline.missions["apollo-11"].events]
    assert all(e["group"] == "NASA" for e in doc["events"])


# -- one record per line --------------------------------------------------------------------------------
def test_event_lines():
    events = [ev("sputnik", "1957-10-04T19:28:34Z", title="Sputnik\t1\nflies ", agencies=("nasa", "esa", "zz")),
              ev("bare", "1958")]
    assert text_lines("events", events, agencies=AGENCIES) == [
        "1957-10-04 19:28:34\tSputnik 1 flies\tlaunch\tNASA,ESA,zz\tsputnik", "1958\tBare\tlaunch\t\tbare"]


def test_mission_lines():
    a = ev("a", "1969-07-16T13:32Z", agencies=("nasa",), crewed=True)
    b = ev("b", "1969-07-24", agencies=("nasa", "esa"))
    missions = [Mission("m", "Apollo 11", events=(a, b)), Mission("u", "Uncrewed", events=(b,)), Mission("e", "Empty")]
    assert text_lines("missions", missions, agencies=AGENCIES) == [
        "1969-07-16\t1969-07-24\tApollo 11\t2\tcrewed\tNASA,ESA\tm",
        "1969-07-24\t1969-07-24\tUncrewed\t1\tuncrewed\tNASA,ESA\tu",
        "\t\tEmpty\t0\tuncrewed\t\te"]


def test_agency_lines():
    rows = [(AGENCIES["nasa"], [ev("a", "1960")]), (AGENCIES["esa"], [])]
    assert text_lines("agencies", rows) == [
        "1958-10-01\tNASA\tNational Aeronautics and Space Administration\tUS\tgovernment\t1",
        "-\tESA\tEuropean Space Agency\tEU\tgovernment\t0"]


def test_anniversary_lines_mark_round_ones():
    rows = in_year([ev("a", "1975-07-15T10:00Z", agencies=("nasa",)), ev("b", "1974-07")], 2025)
    assert text_lines("anniversaries", rows, agencies=AGENCIES) == [
        "2025-07\t51st\tB\t\t1974-07\tb", "2025-07-15\t50th*\tA\tNASA\t1975-07-15 10:00\ta"]


def test_hit_and_count_lines():
    e = ev("e", "1969-07-20", kind="landing")
    hits = [Hit(Mission("m", "Mission", events=(e,)), 120.0, "title"), Hit(e, 90.0, "alias"),
            Hit(Mission("empty", "Empty"), 80.0, "id")]
    assert text_lines("hits", hits) == ["1969-07-20\tMission\tmission\tm\ttitle", "1969-07-20\tE\tlanding\te\talias",
                                        "\tEmpty\tmission\tempty\tid"]
    assert text_lines("counts", [("1960s", 3), ("", 0)]) == ["1960s\t3", "\t0"]


def test_a_launch_line_joins_agencies_and_payloads():
    row = _launch_row(agencies=["ABMA", "JPL"])
    row["payloads"] = [{**row["payloads"][0], "name": "One"}, {**row["payloads"][0], "name": "Two"}]
    (line,) = text_lines("launches", [row])
    assert line.split("\t")[4:] == ["ABMA/JPL", "success", "One; Two"]


def test_launch_lines(run):
    lines = run("launches", "1958", "--outcome", "failure", "-f", "text").stdout.splitlines()
    assert lines[0].split("\t")[:6] == ["1958-02-05 07:33", "1958-F01", "Vanguard", "Canaveral", "NRL", "FAILURE"]
    good = run("launches", "1957", "-f", "text").stdout.splitlines()
    assert good[0].split("\t")[5] == "success"
    assert good[0].split("\t")[6] == "1-y ISZ"


def test_an_uncertain_launch_date_has_a_question_mark(run):
    doc = json.loads(run("launches", "-f", "json").stdout)
    uncertain = next(r for r in doc["launches"] if r["uncertain"])
    lines = run("launches", uncertain["date"][:4], "-f", "text").stdout.splitlines()
    (line,) = [li for li in lines if li.split("\t")[1] == uncertain["tag"]]
    assert line.split("\t")[0].endswith("?")
    assert sum(li.split("\t")[0].endswith("?") for li in lines) == sum(
        1 for r in doc["launches"] if r["uncertain"] and r["date"][:4] == uncertain["date"][:4])


def test_text_output_and_its_empty_message():
    o, out, err = output()
    render_text("counts", [("a", 1), ("b", 2)], o)
    assert (out.getvalue(), err.getvalue()) == ("a\t1\nb\t2\n", "")
    o, out, err = output()
    render_text("counts", [], o, empty="Nothing \x1b[31mhere")
    assert (out.getvalue(), err.getvalue()) == ("", "Nothing here\n")
    o, out, err = output()
    render_text("counts", [], o)
    assert (out.getvalue(), err.getvalue()) == ("", "")


# -- Markdown -------------------------------------------------------------------------------------------
def test_markdown_plan():
    rows = in_year([ev("a", "1975-07-15T10:00Z", agencies=("nasa", "zz"), title="Apollo *[ASTP]*"),
                    ev("b", "1974-07", title="B_b"), ev("c", "1974-08-02")], 2025)
    o, out, _ = output()
    render_markdown(rows, o, agencies=AGENCIES, caption="Plan #1")
    assert out.getvalue().splitlines() == [
        "# Plan \\#1", "",
        "- 2025-07: 51st anniversary: B\\_b (1974-07)",
        "- 2025-07-15 (Tue): **50th anniversary**: Apollo \\*\\[ASTP\\]\\* (1975-07-15 10:00 UTC; NASA, zz)",
        "- 2025-08-02 (Sat): 51st anniversary: C (1974-08-02)",
    ]


def test_markdown_with_nothing_in_it():
    o, out, _ = output()
    render_markdown([], o)
    assert out.getvalue() == "# Spaceflight anniversaries\n\nNo anniversaries.\n"
    o, out, _ = output()
    render_markdown([], o, empty="Nothing <here>", caption="")
    assert out.getvalue() == "# Spaceflight anniversaries\n\nNothing \\<here\\>\n"


def test_without_an_agency_table_lines_show_agency_ids():
    events = [ev("x", "2000", agencies=("nasa", "esa"))]
    assert text_lines("events", events) == ["2000\tX\tlaunch\tnasa,esa\tx"]
    o, out, _ = output()
    render_text("events", events, o, agencies=AGENCIES)
    assert out.getvalue() == "2000\tX\tlaunch\tNASA,ESA\tx\n"
    o, out, _ = output()
    render_markdown(in_year(events, 2025), o)
    assert out.getvalue().splitlines()[-1] == "- 2025: **25th anniversary**: X (2000; nasa, esa)"


def _launch_row(**changes):
    from spacetime.record import load_record
    from spacetime.records import launch_record

    record = load_record()
    launch = next(x for x in record.launches if x.tag == "1958 ALP")
    row = launch_record(launch, record)
    row.update(changes)
    return row


def test_a_launch_line_leaves_a_missing_field_empty():
    row = _launch_row(place=None)
    (line,) = text_lines("launches", [row])
    assert line.split("\t")[:5] == ["1958-02-01 03:47:56", "1958 ALP", "Jupiter C", "", "ABMA"]


def test_payload_cells_keep_their_separator_unambiguous():
    row = _launch_row()
    row["payloads"] = [{**row["payloads"][0], "name": "Explorer;1", "piece": "1958 ALP 1"},
                       {**row["payloads"][0], "name": "Second", "piece": "1958;X"}]
    from spacetime.render.plain import render_csv

    o, out, _ = output()
    render_csv("launches", [row], o)
    import csv

    header, values = list(csv.reader(io.StringIO(out.getvalue())))
    assert dict(zip(header, values, strict=True))["payloads"] == "Explorer,1 (1958 ALP 1);Second (1958,X)"
