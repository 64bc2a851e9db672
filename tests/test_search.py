"""Search ranking (search.py) on a small, hand-made timeline: exact names first, accents and
punctuation folded, fields weighted, the long tail cut."""

from __future__ import annotations

import pytest

from spacetime.dates import PartialDate
from spacetime.model import Event, Mission
from spacetime.search import MIN_SCORE, RELATIVE_FLOOR, WEIGHTS, search
from spacetime.timeline import Timeline


def ev(ident: str, title: str, when: str = "2000-01-01", **more) -> Event:
    return Event(id=ident, title=title, date=PartialDate.parse(when), **more)


def make(events, missions=()) -> Timeline:
    return Timeline(events, missions, [])


def scores(tl, text, limit=10):
    return [(h.item.id, h.score, h.field) for h in search(tl, text, limit)]


def test_an_exact_title_scores_120_and_beats_a_longer_one():
    tl = make([ev("a11", "Apollo 11"), ev("a1", "Apollo 1")])
    hits = search(tl, "Apollo 1")
    assert (hits[0].item.id, hits[0].score, hits[0].field) == ("a1", 120.0, "title")
    # Apollo 11 is a near miss: scored by similarity alone (2 x 8 / 17 of the letters), no bonus,
    # rounded to one decimal.
    assert (hits[1].item.id, hits[1].score) == ("a11", 94.1)


def test_exact_match_in_every_field_is_weighted():
    events = [
        ev("e-alias", "Something", aliases=("zond",)),
        ev("e-crew", "Other", crew=("zond",)),
        ev("e-vehicle", "Third", vehicle="Zond"),
        ev("e-tag", "Fourth", tags=("zond",)),
        ev("e-summary", "Fifth", summary="Zond"),
    ]
    tl = make(events)
    got = {i: (s, f) for i, s, f in scores(tl, "zond")}
    assert got == {"e-alias": (120.0, "alias"), "e-crew": (108.0, "crew"), "e-vehicle": (96.0, "vehicle"),
                   "e-tag": (90.0, "tag")}  # the summary's 72 is more than 35 below the best: cut
    assert scores(make(events[4:]), "zond") == [("e-summary", 72.0, "summary")]
    assert [i for i, _, _ in scores(tl, "zond")] == ["e-alias", "e-crew", "e-vehicle", "e-tag"]


def test_an_exact_mission_title_reaches_its_events():
    mission = Mission("m", "Zarya Flight", events=(ev("m-launch", "Launch", mission="m"),))
    got = scores(make(list(mission.events), [mission]), "zarya flight")
    assert got == [("m", 120.0, "title"), ("m-launch", 110.4, "mission")]


def test_weights_rank_names_over_people_over_prose():
    assert WEIGHTS["id"] == WEIGHTS["title"] == WEIGHTS["alias"] == 1.0
    assert WEIGHTS["title"] > WEIGHTS["mission"] > WEIGHTS["crew"] > WEIGHTS["vehicle"] > WEIGHTS["tag"] > WEIGHTS["summary"]


def test_a_whole_phrase_inside_a_text_gets_a_bonus():
    # The words appear in order, as words, in the summary: (100 + 5) x 0.6.
    tl = make([ev("eva", "Voskhod 2", summary="The first spacewalk, by Alexei Leonov")])
    assert scores(tl, "first spacewalk") == [("eva", 63.0, "summary")]
    # ... and at the start of a title: 100 + 5.
    tl = make([ev("v", "Voskhod 2 launch")])
    assert scores(tl, "voskhod 2") == [("v", 105.0, "title")]


def test_a_phrase_must_be_whole_words():
    # "spacewal" is inside "spacewalk" but is not a word of it: no bonus, so below 100.
    tl = make([ev("x", "Zzz", summary="first spacewalk ever")])
    (hit,) = search(tl, "first spacewal")
    assert hit.field == "summary"
    assert hit.score < 0.6 * 100


@pytest.mark.parametrize(("title", "query"), [
    ("Véga 1", "vega 1"), ("Vega 1", "VÉGA 1"), ("Mir–Kvant", "mir kvant"), ("apollo-soyuz", "Apollo Soyuz"),
    ("Ørsted", "ØRSTED"), ("Hayabusa2 (MUSES-C)", "hayabusa2 muses c"), ("Ｈ-ＩＩＡ", "h iia"),
])
def test_accents_case_and_punctuation_fold_to_an_exact_match(title, query):
    tl = make([ev("x", title), ev("y", "Unrelated words here")])
    assert scores(tl, query) == [("x", 120.0, "title")]


def test_accented_query_finds_plain_text_exactly():
    tl = make([ev("gagarin", "Gagarine"), ev("g2", "Gagarin")])
    assert scores(tl, "Gagárin")[0] == ("g2", 120.0, "title")
    assert scores(tl, "Gagarìne")[0] == ("gagarin", 120.0, "title")


def test_nothing_for_an_empty_or_punctuation_query():
    tl = make([ev("x", "Anything")])
    assert search(tl, "") == []
    assert search(tl, " -- / ") == []


def test_nothing_below_the_minimum_score():
    assert MIN_SCORE == 60.0
    tl = make([ev("x", "Sputnik 1")])
    assert search(tl, "qqqq zzzz") == []


def test_missions_before_events_then_earlier_then_by_id():
    mission = Mission("z-mission", "Luna", events=(ev("luna-ev", "Luna", "1959-09-13", mission="z-mission"),))
    events = [*mission.events, ev("luna-b", "Luna", "1966-01-31"), ev("luna-a", "Luna", "1966-01-31"),
              ev("luna-early", "Luna", "1958-09-23")]
    got = [(h.item.id, h.type) for h in search(make(events, [mission]), "luna")]
    assert got == [("z-mission", "mission"), ("luna-early", "event"), ("luna-ev", "event"), ("luna-a", "event"),
                   ("luna-b", "event")]


def test_a_mission_without_events_sorts_after_dated_ones():
    empty = Mission("a-empty", "Luna")
    dated = Mission("b-dated", "Luna", events=(ev("e", "Other", "1959", mission="b-dated"),))
    got = [h.item.id for h in search(make(list(dated.events), [empty, dated]), "luna") if h.type == "mission"]
    assert got == ["b-dated", "a-empty"]


def test_each_item_once_with_its_best_field():
    tl = make([ev("x", "Soyuz", aliases=("Soyuz",), summary="Soyuz", tags=("soyuz",))])
    assert scores(tl, "soyuz") == [("x", 120.0, "title")]
    # A weaker field that matches first does not hide a stronger one after it.
    tl = make([ev("soyuz-tm", "Something", summary="Soyuz", crew=("Soyuz",))])
    assert scores(tl, "soyuz") == [("soyuz-tm", 108.0, "crew")]


def test_the_long_tail_is_cut_relative_to_the_best():
    assert RELATIVE_FLOOR == 35.0
    tl = make([ev("a", "Kosmos"), ev("b", "Other", tags=("kosmos",)), ev("c", "Third", summary="Kosmos")])
    # 120 (title), 90 (tag) within 35 of the best; 72 (summary) is not.
    assert [i for i, _, _ in scores(tl, "kosmos")] == ["a", "b"]


def test_a_hit_exactly_at_the_floor_is_kept():
    # 17 of 20 letters in place: a similarity of exactly 85, 35 below the exact title's 120.
    tl = make([ev("a", "Gemini Titan Mission"), ev("b", "Gemini Titan Mixxixn"), ev("c", "Gemini Titan Mzzzizn")])
    assert scores(tl, "gemini titan mission") == [("a", 120.0, "title"), ("b", 85.0, "title")]


def test_limit():
    tl = make([ev(f"e{i}", "Kosmos", f"{1960 + i}") for i in range(8)])
    assert [h.item.id for h in search(tl, "kosmos", limit=3)] == ["e0", "e1", "e2"]
    assert len(search(tl, "kosmos", limit=10)) == 8


def test_the_index_is_built_once_and_reused(monkeypatch):
    import spacetime.search

    built = []

    class Counting(spacetime.search.SearchIndex):
        def __init__(self, timeline):
            built.append(timeline)
            super().__init__(timeline)

    monkeypatch.setattr(spacetime.search, "SearchIndex", Counting)
    tl = make([ev("x", "Kosmos")])
    first = search(tl, "kosmos")
    assert search(tl, "kosmos") == first
    assert search(tl, "other words") == []
    assert built == [tl]


def test_search_the_bundled_timeline(timeline):
    hits = search(timeline, "Apollo–11")
    assert hits[0].item.id == "apollo-11" and hits[0].score == 120.0


def test_folding_works_from_a_cold_start(monkeypatch):
    # The folding pattern is compiled on first use; test processes are warm, so reset it.
    import spacetime.names

    monkeypatch.setattr(spacetime.names, "_fold", None)
    assert spacetime.names.normalize(" Véga–1 (VeGa) ") == "vega 1 vega"
    assert spacetime.names._fold is not None


@pytest.mark.parametrize(("text", "key"), [("Apollo–Soyuz", "apollo soyuz"), ("apollo_soyuz", "apollo soyuz"),
                                           ("Ĉapek's  R.U.R.", "capek s r u r"), ("ＡＢＣ", "abc"), ("Straße", "strasse"),
                                           ("", ""), ("...", "")])
def test_normalize(text, key):
    from spacetime.timeline import normalize

    assert normalize(text) == key


def test_ten_hits_unless_asked():
    from spacetime.search import SearchIndex

    tl = make([ev(f"e{i:02d}", "Kosmos", f"{1960 + i}") for i in range(12)])
    assert [h.item.id for h in SearchIndex(tl).search("kosmos")] == [f"e{i:02d}" for i in range(10)]
    assert len(search(tl, "kosmos")) == 10
