"""Mechanism tests on hand-built events: stories, syndication and contradictions without spaCy."""

from __future__ import annotations

import random

from analysis_helpers import doc, ev

from dyads.analysis.build import compute
from dyads.analysis.contradictions import find
from dyads.analysis.rows import DocRow, QuantityRow
from dyads.analysis.stories import build_stories, cluster, same_happening
from dyads.analysis.syndication import detect

WIRE = ("MEXICO CITY, Feb 2 (Caribbean Wire) - Mexico's state oil company PEMEX has paused a planned shipment of crude "
        "oil to Cuba, two sources familiar with the company's export schedule said on Monday, days after Washington "
        "threatened tariffs on countries that supply fuel to the island. The tanker, which had been scheduled to load at "
        "the port of Pajaritos in Veracruz this week, was taken off the loading program on Sunday, one of the sources said.")


def test_same_dyad_up_to_role_and_window_groups() -> None:
    a = ev("e1", "d1", "MEX", "CUB", "162")
    b = ev("e2", "d2", "CUB", "MEX", "162", date="2026-02-04")
    assert same_happening(a, b)


def test_incompatible_roots_and_far_dates_do_not_group() -> None:
    a = ev("e1", "d1", "USA", "CUB", "163")
    assert not same_happening(a, ev("e2", "d2", "USA", "CUB", "130"))  # sanction is not a threat
    assert not same_happening(a, ev("e3", "d3", "USA", "CUB", "172"))  # nor coercion
    assert not same_happening(a, ev("e4", "d4", "USA", "CUB", "163", date="2026-02-10"))


def test_undated_events_need_similar_evidence() -> None:
    a = ev("e1", "d1", "MEX", "CUB", "162")
    assert same_happening(a, ev("e2", "d2", "MEX", "CUB", "162", date=None))
    assert not same_happening(a, ev("e3", "d3", "MEX", "CUB", "162", date=None, evidence="Officials met in Geneva."))


def test_a_month_or_year_date_matches_only_the_same_period_stated_alike() -> None:
    day, month, year = (ev(f"e{i}", f"d{i}", "MEX", "CUB", "162", date=d) for i, d in
                        enumerate(("2026-02-03", "2026-02", "2026")))
    assert same_happening(month, ev("e9", "d9", "CUB", "MEX", "162", date="2026-02"))
    assert not same_happening(day, month) and not same_happening(month, year) and not same_happening(day, year)
    # so a month-dated report does not bridge reports three weeks apart into one story
    late = ev("e5", "d5", "MEX", "CUB", "162", date="2026-02-25")
    assert len(cluster([day, month, late])) == 3


def test_a_story_keeps_to_one_calendar_week() -> None:
    sunday, monday = ev("e1", "d1", "MEX", "CUB", "162", date="2026-02-08"), ev("e2", "d2", "CUB", "MEX", "162", date="2026-02-09")
    assert same_happening(sunday, monday) and len(cluster([sunday, monday])) == 2
    # daily reports of one dyad: stories cut by the calendar, so a late report moves no later story
    daily = [ev(f"e{d}", f"d{d}", "MEX", "CUB", "162", date=f"2026-02-{d:02d}") for d in range(2, 23)]
    weeks = [[e.date for e in g] for g in cluster(daily)]
    assert [(w[0], w[-1]) for w in weeks] == [("2026-02-02", "2026-02-08"), ("2026-02-09", "2026-02-15"),
                                              ("2026-02-16", "2026-02-22")]
    late = ev("late", "dl", "MEX", "CUB", "162", date="2026-02-01")
    assert [g for g in cluster([late, *daily]) if g[0] is not late] == cluster(daily)


def test_story_ids_are_stable_across_runs_and_input_order() -> None:
    events = [ev(f"e{i}", f"d{i}", "MEX", "CUB", "162", date=f"2026-02-0{2 + i % 3}") for i in range(6)]
    events.append(ev("x1", "d9", "CHN", "CUB", "073"))
    docs = [doc(f"d{i}", f"Outlet {i}") for i in range(10)]
    first = build_stories(events, docs, {})
    shuffled = events[:]
    random.Random(3).shuffle(shuffled)
    again = build_stories(shuffled, docs, {})
    assert [(s.story_id, s.event_ids) for s in first] == [(s.story_id, s.event_ids) for s in again]
    assert len(first) == 2 and first[0].reports == 6


def test_syndicated_copy_counts_once() -> None:
    docs = [DocRow("wire", "2026-02-02", "Caribbean Wire", None, None, WIRE),
            DocRow("copy", "2026-02-02", "Gulf Coast Courier", "Retitled",
                   None, "Retitled\n\n" + WIRE.replace("MEXICO CITY, Feb 2 (Caribbean Wire)", "MEXICO CITY (Caribbean Wire)")),
            DocRow("own", "2026-02-03", "Euro Observer", None, None, "The FT says Mexico has cancelled a crude cargo to Cuba.")]
    links = detect(docs)
    assert {(x.doc_id, x.canonical_doc_id) for x in links} == {("wire", "wire"), ("copy", "wire")}
    events = [ev("e1", "wire", "MEX", "CUB", "162"), ev("e2", "copy", "MEX", "CUB", "162"), ev("e3", "own", "MEX", "CUB", "162")]
    result = compute(events, docs)
    (story,) = result.stories
    assert story.reports == 3 and story.independent_reports == 2 and len(story.outlets) == 3


def test_quantity_modality_and_date_conflicts_with_speakers() -> None:
    bpd = "barrel"
    events = [
        ev("q1", "patriot", "MEX", "CUB", "061", quantities=(QuantityRow("20,000 barrels a day", 20000, bpd, "day"),)),
        ev("q2", "today", "MEX", "CUB", "061", speaker="Jorge Medina Arriaga",
           quantities=(QuantityRow("about 7,000 barrels a day", 7000, bpd, "day"),)),
        ev("q3", "third", "MEX", "CUB", "061", quantities=(QuantityRow("21,000 barrels a day", 21000, bpd, "day"),)),
        ev("m1", "euro", "MEX", "CUB", "162", speaker="Financial Times"),
        ev("m2", "today", "MEX", "CUB", "162", modality="negated", speaker="Claudia Sheinbaum"),
        ev("m3", "wire", "MEX", "CUB", "162", modality="threatened"),
        ev("d1", "beijing", "CHN", "CUB", "070", date="2026-02-05"),
        ev("d2", "havana", "CHN", "CUB", "070", date="2026-02-06"),
    ]
    docs = [doc("patriot", "Patriot Review", "2026-02-03"), doc("today", "Mexico Today", "2026-02-03"),
            doc("third", "Third", "2026-02-03"), doc("euro", "Euro Observer", "2026-02-03"),
            doc("wire", "Caribbean Wire"), doc("beijing", "Beijing Herald", "2026-02-06"),
            doc("havana", "Havana Daily", "2026-02-07")]
    stories = build_stories(events, docs, {})
    found = {c.kind: c for c in find(stories, events, docs, {})}
    assert set(found) == {"quantity", "modality", "date"}
    q = {s.value: s.speaker for s in found["quantity"].sides}
    assert q["about 7,000 barrels a day"] == "Jorge Medina Arriaga" and q["20,000 barrels a day"] == "Patriot Review"
    m = {s.value: s.speaker for s in found["modality"].sides}
    assert m == {"asserted": "Financial Times", "negated": "Claudia Sheinbaum"}  # the threat takes no side
    assert {s.value for s in found["date"].sides} == {"2026-02-05", "2026-02-06"}


def test_agreeing_reports_are_not_contradictions() -> None:
    events = [ev("a", "d1", "CHN", "CUB", "070", quantities=(QuantityRow("30,000 tons", 30000, "ton", None),)),
              ev("b", "d2", "CHN", "CUB", "070", quantities=(QuantityRow("30,000 tonnes", 30000, "ton", None),))]
    docs = [doc("d1", "A"), doc("d2", "B")]
    stories = build_stories(events, docs, {})
    assert find(stories, events, docs, {}) == []
    assert len(cluster(events)) == 1
