"""The listing filters (query.py) on a small, hand-made timeline where every answer is known."""

from __future__ import annotations

import pytest

from spacetime.cli.options import filters
from spacetime.dates import PartialDate
from spacetime.errors import UsageError
from spacetime.model import Agency, Event, Mission
from spacetime.query import Filters, check_kind, filter_hits, select, select_missions, sort_events
from spacetime.search import Hit
from spacetime.timeline import Timeline

# A lineage chain old -> mid -> new (each names its successor only, the way the data does it),
# and an unrelated agency in another country.
AGENCIES = [
    Agency("old", "OLD", "Old Agency", country="SU", successors=("mid",)),
    Agency("mid", "MID", "Middle Agency", country="RU", predecessors=("old",), successors=("new",)),
    Agency("new", "NEW", "New Agency", country="RU", predecessors=("mid",)),
    Agency("other", "OTH", "Other Agency", country="US"),
]


def ev(ident: str, when: str, agencies: tuple[str, ...] = ("other",), kind: str = "launch", **more) -> Event:
    return Event(id=ident, title=more.pop("title", ident.title()), date=PartialDate.parse(when), kind=kind,
                 agencies=agencies, **more)


EVENTS = [
    ev("o1", "1961-04-12", ("old",), crewed=True, tags=("first", "crewed"), mission="m-old"),
    ev("o2", "1961-04-12T09:00Z", ("old",), kind="landing", mission="m-old"),
    ev("m1", "1995-03", ("mid",), kind="docking", tags=("station",)),
    ev("n1", "2004-06-01", ("new",), tags=("moon", "station"), mission="m-new"),
    ev("x1", "1969-07-20", ("other",), kind="landing", crewed=True, tags=("moon", "first"), mission="m-x"),
    ev("x2", "1969", ("other",), kind="milestone"),
    ev("x3", "1969-12-31", ("other", "old"), kind="eva", title="alpha"),
]
MISSIONS = [
    Mission("m-old", "Old Mission", events=tuple(e for e in EVENTS if e.mission == "m-old")),
    Mission("m-new", "New Mission", events=tuple(e for e in EVENTS if e.mission == "m-new")),
    Mission("m-x", "X Mission", events=tuple(e for e in EVENTS if e.mission == "m-x")),
]


@pytest.fixture(scope="module")
def tl() -> Timeline:
    return Timeline(EVENTS, MISSIONS, AGENCIES)


def ids(events) -> list[str]:
    return sorted(e.id for e in events)


def test_no_filter_is_everything(tl):
    assert not Filters().any
    assert ids(select(tl, Filters())) == ids(EVENTS)


@pytest.mark.parametrize("filters", [
    Filters(start=PartialDate(1969)), Filters(end=PartialDate(1969)), Filters(agencies=("old",)),
    Filters(kinds=("eva",)), Filters(countries=("US",)), Filters(tags=("moon",)), Filters(crewed=True),
    Filters(crewed=False), Filters(mission="m-x"), Filters(years=(1969, 1969)),
])
def test_every_filter_on_its_own_narrows(filters):
    assert filters.any


def test_lineage_is_off_by_default(tl):
    assert ids(select(tl, Filters(agencies=("mid",)))) == ["m1"]
    assert ids(select(tl, filters(agency=["mid"]))) == ["m1"]
    assert ids(select(tl, filters(agency=["mid"], lineage=True))) == ["m1", "n1", "o1", "o2", "x3"]


@pytest.mark.parametrize("start", ["old", "mid", "new"])
def test_lineage_follows_predecessors_and_successors_transitively(tl, start):
    # From any link of the chain, --lineage reaches every link, in both directions.
    got = ids(select(tl, Filters(agencies=(start,), lineage=True)))
    assert got == ["m1", "n1", "o1", "o2", "x3"]


def test_lineage_from_the_first_agency_needs_successors(tl):
    # 'old' names no predecessors: only its successors lead on to mid and new.
    assert tl.lineage("old") == ["old", "mid", "new"]
    assert tl.lineage("new") == ["new", "mid", "old"]
    assert tl.lineage("other") == ["other"]


def test_lineage_skips_agencies_not_in_the_timeline():
    agencies = [Agency("a", "A", "A", successors=("gone", "b")), Agency("b", "B", "B", predecessors=("a",))]
    timeline = Timeline([ev("e", "2000", ("b",))], [], agencies)
    assert timeline.lineage("a") == ["a", "b"]
    assert ids(select(timeline, Filters(agencies=("A",), lineage=True))) == ["e"]


def test_several_agencies_combine_with_or(tl):
    assert ids(select(tl, Filters(agencies=("mid", "new")))) == ["m1", "n1"]


def test_an_event_of_several_agencies_counts_for_each(tl):
    assert ids(select(tl, Filters(agencies=("old",)))) == ["o1", "o2", "x3"]


def test_tag_filter_keeps_only_tagged_events(tl):
    assert ids(select(tl, Filters(tags=("first",)))) == ["o1", "x1"]
    assert ids(select(tl, Filters(tags=("station", "first")))) == ["m1", "n1", "o1", "x1"]
    assert select(tl, Filters(tags=("nothing",))) == []


def test_tags_typed_in_any_case(tl):
    # filters() lowers what the user typed; tags in the data are lower case.
    assert ids(select(tl, filters(tag=["MOON"]))) == ["n1", "x1"]


@pytest.mark.parametrize(("crewed", "expected"), [(True, ["o1", "x1"]), (False, ["m1", "n1", "o2", "x2", "x3"]),
                                                  (None, sorted(e.id for e in EVENTS))])
def test_crewed_and_uncrewed(tl, crewed, expected):
    assert ids(select(tl, Filters(crewed=crewed))) == expected


def test_filters_combine_with_and(tl):
    assert ids(select(tl, Filters(tags=("first",), crewed=True, agencies=("other",)))) == ["x1"]
    assert ids(select(tl, Filters(kinds=("landing",), agencies=("old",)))) == ["o2"]
    assert select(tl, Filters(tags=("station",), crewed=True)) == []


def test_kind_filter(tl):
    assert ids(select(tl, filters(kind=["Landing", "eva"]))) == ["o2", "x1", "x3"]


def test_country_filter(tl):
    assert ids(select(tl, Filters(countries=("Russia",)))) == ["m1", "n1"]
    assert ids(select(tl, Filters(countries=("USSR", "RU")))) == ["m1", "n1", "o1", "o2", "x3"]


def test_date_bounds_are_inclusive_at_their_precision(tl):
    # --from 1969-07-20 keeps that day; --to 1969-07 runs to the end of July.
    assert ids(select(tl, filters(start="1969-07-20", end="1969-07"))) == ["x1"]
    assert ids(select(tl, filters(start="1969-07-21", end="1969"))) == ["x3"]
    # A year-precision event starts on 1 January: it is inside --to 1969-01-01 and outside --from 1969-01-02.
    assert "x2" in ids(select(tl, filters(end="1969-01-01")))
    assert "x2" not in ids(select(tl, filters(start="1969-01-02")))
    assert ids(select(tl, filters(start="1995-03-31"))) == ["n1"]
    assert ids(select(tl, filters(end="1961-04-11"))) == []


def test_year_span_is_inclusive(tl):
    assert ids(select(tl, filters(year="1969"))) == ["x1", "x2", "x3"]
    assert ids(select(tl, filters(year="1990s"))) == ["m1"]
    assert ids(select(tl, filters(year="1961..1995"))) == ["m1", "o1", "o2", "x1", "x2", "x3"]


def test_mission_filter(tl):
    assert ids(select(tl, Filters(mission="m-old"))) == ["o1", "o2"]
    # An event of a mission stands for its mission.
    assert ids(select(tl, Filters(mission="o2"))) == ["o1", "o2"]
    with pytest.raises(UsageError, match="without a mission"):
        select(tl, Filters(mission="x2"))


def test_select_from_given_events_only(tl):
    assert ids(select(tl, Filters(crewed=True), [EVENTS[0], EVENTS[1], EVENTS[2]])) == ["o1"]
    assert ids(select(tl, Filters(), [EVENTS[2]])) == ["m1"]


def test_the_filter_builder_checks_what_the_user_typed():
    with pytest.raises(UsageError, match="--to 1960 is before --from 1961"):
        filters(start="1961", end="1960")
    # The same month or day at both ends is a range, not an error.
    assert filters(start="1969-07", end="1969-07").start == PartialDate(1969, 7)
    assert filters(start="1969-07-20", end="1969-07-20").end == PartialDate(1969, 7, 20)
    with pytest.raises(UsageError, match="Invalid --from date"):
        filters(start="1969-13")
    with pytest.raises(UsageError, match="Invalid --to date"):
        filters(end="soon")
    with pytest.raises(UsageError):
        filters(year="1970..1960")
    f = filters(agency=["NASA"], lineage=True, country=["CN"], tag=["First"], crewed=False,
                             mission="apollo-11", year="1960s")
    assert (f.agencies, f.lineage, f.countries, f.tags, f.crewed, f.mission, f.years) == (
        ("NASA",), True, ("CN",), ("first",), False, "apollo-11", (1960, 1969))


def test_unknown_kind_suggests_the_closest():
    with pytest.raises(UsageError, match=r"Unknown kind 'lanch'\. Did you mean launch\?"):
        check_kind("lanch")
    with pytest.raises(UsageError, match=r"Unknown kind 'zzzz'\. Kinds: launch, "):
        check_kind("zzzz")
    assert check_kind("LAUNCH") == "launch"
    with pytest.raises(UsageError, match=r"Did you mean landing\?"):
        check_kind("LANDNG")


def test_missions_are_crewed_as_a_whole(tl):
    assert [m.id for m in select_missions(tl, Filters(crewed=True))] == ["m-old", "m-x"]
    assert [m.id for m in select_missions(tl, Filters(crewed=False))] == ["m-new"]
    assert [m.id for m in select_missions(tl, Filters())] == ["m-old", "m-x", "m-new"]


def test_missions_by_their_events_and_agencies(tl):
    assert [m.id for m in select_missions(tl, Filters(years=(1960, 1970)))] == ["m-old", "m-x"]
    assert [m.id for m in select_missions(tl, Filters(agencies=("new",), lineage=True))] == ["m-old", "m-new"]
    assert [m.id for m in select_missions(tl, Filters(), agency_ids=["other", "new"])] == ["m-x", "m-new"]
    assert [m.id for m in select_missions(tl, Filters(years=(1960, 1970)), agency_ids=["new"])] == []
    # The crewed test is the mission's: an uncrewed event of a crewed mission still selects it.
    assert [m.id for m in select_missions(tl, Filters(crewed=True, kinds=("landing",)))] == ["m-old", "m-x"]


def test_filter_hits_keeps_events_and_missions_that_pass(tl):
    hits = [Hit(tl.missions["m-old"], 90.0, "title"), Hit(tl.event("x1"), 80.0, "title"),
            Hit(tl.missions["m-new"], 70.0, "title"), Hit(tl.event("m1"), 60.0, "title")]
    assert filter_hits(tl, Filters(), hits) == hits
    assert [h.item.id for h in filter_hits(tl, Filters(crewed=True), hits)] == ["m-old", "x1"]
    assert [h.item.id for h in filter_hits(tl, Filters(agencies=("mid",)), hits)] == ["m1"]
    assert [h.item.id for h in filter_hits(tl, Filters(agencies=("new",)), hits)] == ["m-new"]


def test_sort_keys(tl):
    events = list(tl.events)
    assert [e.id for e in sort_events(tl, events)] == [e.id for e in tl.events]
    assert [e.id for e in sort_events(tl, events[::-1])] == [e.id for e in tl.events]
    assert [e.id for e in sort_events(tl, events, reverse=True)] == [e.id for e in tl.events][::-1]
    assert [e.id for e in sort_events(tl, events, "title")] == ["x3", "m1", "n1", "o1", "o2", "x1", "x2"]
    # docking, eva, landing, launch, milestone; by date within a kind.
    assert [e.id for e in sort_events(tl, events, "kind")] == ["m1", "x3", "o2", "x1", "o1", "n1", "x2"]
    assert [e.id for e in sort_events(tl, events, "agency")] == ["m1", "n1", "o1", "o2", "x2", "x1", "x3"]
    # By mission id; events without a mission last, by date.
    assert [e.id for e in sort_events(tl, events, "mission")] == ["n1", "o1", "o2", "x1", "x2", "x3", "m1"]
    with pytest.raises(UsageError, match="Unknown sort key 'size'"):
        sort_events(tl, events, "size")


def test_title_sort_ignores_case_and_ties_go_by_date():
    events = [ev("b", "2001", title="beta"), ev("a2", "2000", title="Alpha"), ev("a1", "1999", title="alpha")]
    timeline = Timeline(events, [], AGENCIES)
    assert [e.id for e in sort_events(timeline, events, "title")] == ["a1", "a2", "b"]


def test_agency_sort_ignores_case_and_unknown_agencies():
    agencies = [Agency("nasa", "NASA", "NASA"), Agency("ispace", "ispace", "ispace, inc."), Agency("jaxa", "JAXA", "JAXA")]
    events = [ev("n", "2000", ("nasa",)), ev("i", "2001", ("ispace",)), ev("j", "2002", ("jaxa",)),
              ev("u", "1999", ("gone", "nasa"))]
    timeline = Timeline(events, [], agencies)
    # ispace < JAXA < NASA whatever the case; an agency not in the timeline is left out of the key.
    assert [e.id for e in sort_events(timeline, events, "agency")] == ["i", "j", "u", "n"]


def test_events_not_on_the_timeline_sort_last_by_date(tl):
    stranger = ev("stranger", "1900")
    assert [e.id for e in sort_events(tl, [stranger, *tl.events])][-1] == "stranger"


def test_a_country_code_only_the_data_uses():
    agencies = [Agency("x", "X", "X Agency", country="QX"), Agency("y", "Y", "Y Agency", country="US")]
    timeline = Timeline([ev("e", "2000", ("x",)), ev("f", "2000", ("y",))], [], agencies)
    assert ids(select(timeline, Filters(countries=("qx",)))) == ["e"]
    with pytest.raises(UsageError, match=r"Unknown country 'QY'\. Known countries: .*\bQX\b"):
        select(timeline, Filters(countries=("QY",)))


def test_an_unknown_sort_key_lists_the_keys(tl):
    with pytest.raises(UsageError, match=r"^Unknown sort key 'size': use one of date, title, kind, agency, mission$"):
        sort_events(tl, [], "size")


def test_sorting_by_date_keeps_the_timeline_order_whatever_order_it_is_given(tl):
    events = list(tl.events)
    assert sort_events(tl, events) == events
    assert sort_events(tl, events[::-1]) == events
    assert sort_events(tl, [events[3], events[1]]) == [events[1], events[3]]
    assert sort_events(tl, [events[1], events[3]], reverse=True) == [events[3], events[1]]
    stranger = events[0]._replace(id="not-in-the-timeline")
    assert sort_events(tl, [stranger, events[0]]) == [events[0], stranger]


def test_agency_ids_add_the_lineage_only_when_asked(tl):
    assert tl.agency_ids("MID") == ["mid"]
    assert tl.agency_ids("MID", lineage=True) == ["mid", "old", "new"]
    assert tl.agency_ids("Russia") == ["mid", "new"]  # a country's agencies
    assert tl.agency_ids("Russia", lineage=True) == ["mid", "old", "new"]
