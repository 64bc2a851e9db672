"""scripts/audit_launches.py against a small launch log written here (tests never read ../shared)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit_launches.py"


@pytest.fixture(scope="module")
def audit():
    spec = importlib.util.spec_from_file_location("audit_launches", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Columns in another order than GCAT's, and one more: the script reads the log by header name.
LOG = "\n".join([
    "#Extra\tLaunch_Date\tPiece\tName\tPLName\tLaunch_Code\tLaunch_Tag",
    "x\t1957 Oct  4 1928:34\t1957 ALP 2\t1-y ISZ\tPS-1\tOS\t1957 ALP  ",
    "x\t1961 Apr 12 0607\t1961 MU 1\tVostok\tVostok-3A No. 3\tOS\t1961 MU  ",
    "x\t1961 Sep 13 1404\t1961 A ALP 1\tMercury\tMA-4\tOS\t1961 A ALP  ",
    "x\t1969 Jul 16 1332:00\t1969 059A\tApollo 11 CSM\tApollo CM-107\tDS\t1969-059 ",
    "x\t1969 Jul 21 1754:01\t1969 U01A\tEagle\tLM 5 Ascent Stage\tXS\t1969-U01  ",
    "x\t1986 Jan 28 1638:00\t1986 F01A\tChallenger (STS 51-L)\tSpace Shuttle\tOF\t1986-F01  ",
    "x\t1991 Dec 28 1200?\t1991 088A\tZhongxing 4\tDFH 2A-4\tOF40\t1991-088 ",
]) + "\n"


def _run(audit, tmp_path, events, capsys):
    log = tmp_path / "log.tsv"
    log.write_text(LOG, encoding="utf-8")
    data = tmp_path / "events.json"
    data.write_text(json.dumps({"events": events}), encoding="utf-8")
    code = audit.main(["--gcat", str(log), str(data)])
    return code, capsys.readouterr().out


def _launch(ident, date, **more):
    return {"id": ident, "title": ident, "date": date, "kind": "launch", **more}


def test_agreeing_launches_pass(audit, tmp_path, capsys):
    code, out = _run(audit, tmp_path, [
        _launch("sputnik", "1957-10-04T19:28:34Z", launch="1957 ALP", cospar="1957-001B"),
        _launch("vostok", "1961-04-12T06:07Z", cospar="1961-012A"),
        _launch("ma-4", "1961-09-13", cospar="1961-025A"),
        _launch("apollo", "1969-07-16", launch="1969-059"),
        _launch("eagle", "1969-07-21T17:54:01Z", launch="1969-U01"),
        _launch("challenger", "1986-01-28T16:38Z", launch="1986-F01"),
        _launch("zx4", "1991-12-28", launch="1991-088"),
        {"id": "landing", "title": "x", "date": "1969-07-20", "kind": "landing", "launch": "1969-059"},
        _launch("mercury-redstone-3", "1961-05-05T14:34Z"),
    ], capsys)
    assert code == 0, out
    assert "0 disagreements" in out and "mercury-redstone-3" in out  # listed as not checked


@pytest.mark.parametrize("event, expected", [
    (_launch("a", "1969-07-16T13:33Z", launch="1969-059"), "GCAT dates launch 1969-059 1969-07-16T13:32:00Z"),
    (_launch("b", "1961-04-12T06:07:00Z", launch="1961 MU"), "only to the minute"),
    (_launch("c", "1991-12-28T12:00Z", launch="1991-088"), "only to the day"),
    (_launch("d", "1969-07-16", launch="1969-099"), "not in the GCAT log"),
    (_launch("e", "1969-07-16", launch="1969-059", cospar="1969-060A"), "disagree"),
    (_launch("f", "1961-10", cospar="1961-025A"), "1961 A ALP"),
    ({"id": "g", "title": "x", "date": "1969-07-15", "kind": "landing", "launch": "1969-059"}, "before its launch"),
    (_launch("h", "1961-04-12", title="Vostok flies"), "GCAT has 1961 MU"),
])
def test_each_disagreement_is_listed_and_fails(audit, tmp_path, capsys, event, expected):
    if "title" not in event:
        event["title"] = event["id"]
    code, out = _run(audit, tmp_path, [event], capsys)
    assert code == 1 and expected in out, out


def test_tag_from_cospar(audit):
    assert audit.tag_from_cospar("1969-059A") == "1969-059"
    assert audit.tag_from_cospar("1957-001B") == "1957 ALP"
    assert audit.tag_from_cospar("1962-048A") == "1962 A OME"
    assert audit.tag_from_cospar("1962-049A") == "1962 B ALP"
