"""The place gazetteer: names, our own table, ambiguity, datelines, distances (no spaCy)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dyads.places.gazetteer import country_info, distance_km, name_key, places, read_our_places
from dyads.places.mentions import choose, dateline_span


def test_name_key_ignores_case_accents_article_and_possessive() -> None:
    assert name_key("Córdoba") == name_key("CORDOBA") == "cordoba"
    assert name_key("the Red Sea") == "red sea"
    assert name_key("Gaza\u2019s") == "gaza"


def test_our_table_has_seas_straits_and_regions_with_plausible_coordinates() -> None:
    ours = {p.name: p for p, _ in read_our_places()}
    for name in ("Caribbean", "Red Sea", "Black Sea", "Strait of Hormuz", "Donbas", "Gaza Strip", "West Bank", "Crimea", "Sahel"):
        assert name in ours, name
    assert ours["Red Sea"].kind == "sea" and ours["Red Sea"].country == "SEA"
    assert ours["Donbas"].country == "UKR" and 46 < ours["Donbas"].lat < 50 and 36 < ours["Donbas"].lon < 41
    assert ours["Sahel"].country is None  # across borders


def test_our_table_refuses_a_bad_row(tmp_path: Path) -> None:
    bad = tmp_path / "places.tsv"
    bad.write_text("Somewhere\t\tcontinent\tXXX\t1\t2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"places.tsv:1: unknown kind 'continent'"):
        read_our_places(bad)


def test_gazetteer_knows_cities_countries_states_and_our_places() -> None:
    gaz = places()
    havana = [p for p in gaz.candidates("Havana") if p.country == "CUB"]
    assert havana and abs(havana[0].lat - 23.1) < 0.2 and abs(havana[0].lon + 82.4) < 0.2 and havana[0].geonames_id
    assert {p.kind for p in gaz.candidates("Georgia")} >= {"country", "admin1"}  # the state and the US state
    assert [p.kind for p in gaz.candidates("the Strait of Hormuz")] == ["sea"]
    cuba = gaz.country("CUB")
    assert cuba is not None and 19 < cuba.lat < 24 and -85 < cuba.lon < -74  # inside Cuba's bounding box
    assert country_info()["CUB"].fips == "CU" and country_info()["CUB"].name == "Cuba"


@pytest.mark.parametrize(("name", "doc", "country"), [
    ("Tripoli", {}, "LBY"), ("Tripoli", {"LBN": 3, "ISR": 1}, "LBN"),
    ("Santiago", {}, "CHL"), ("Santiago", {"DOM": 2}, "DOM"),
    ("San José", {"CRI": 1}, "CRI"), ("San Jose", {"USA": 2}, "USA"),
    ("Córdoba", {}, "ARG"), ("Córdoba", {"ESP": 2}, "ESP"),
    ("Victoria", {"CAN": 2}, "CAN"), ("Victoria", {"AUS": 2}, "AUS"),
    ("Georgia", {}, "GEO"),
])
def test_ambiguous_names_follow_the_document_then_population(name: str, doc: dict[str, int], country: str) -> None:
    place, how = choose(places().candidates(name), set(), Counter(doc), name_key(name))
    assert place.country == country
    named = [p for p in places().candidates(name) if name_key(p.name) == name_key(name)]
    largest = max(named, key=lambda p: p.population)
    if place.kind == "country":
        assert how == "country only"
    elif place.population >= largest.population:
        assert how == "largest"
    else:  # a smaller namesake wins only by the document's countries
        assert how == "document focus" and country in doc


def test_a_country_the_sentence_names_beats_the_document() -> None:
    place, how = choose(places().candidates("Tripoli"), {"LBN"}, Counter({"LBY": 5}), "tripoli")
    assert (place.country, how) == ("LBN", "in-sentence")


def test_a_country_named_in_the_sentence_does_not_turn_a_capital_into_a_small_namesake() -> None:
    # "Moscow" in a sentence that also names the US is the Russian capital, not the Idaho town
    place, how = choose(places().candidates("Moscow"), {"USA"}, Counter(), "moscow")
    assert (place.country, how) == ("RUS", "largest")


@pytest.mark.parametrize(("text", "place"), [
    ("HAVANA, Jan 20 (Reuters) - The minister said", "HAVANA"),
    ("MEXICO CITY, Feb. 2 (Wire) \u2014 Officials met", "MEXICO CITY"),
    ("Kabul- Officials met", "Kabul"),
    ("Headline about talks\n\nNAIROBI: Ministers met on Monday", "NAIROBI"),
    ("Baku [Azerbaijan], October 11 (Agency): Azerbaijan accused", "Baku"),
    ("Canada is imposing new sanctions on Tuesday.", None),
    ("President Lopez said on Monday that talks would go on.", None),
])
def test_dateline_is_read_at_the_head_of_the_text(text: str, place: str | None) -> None:
    span = dateline_span(text)
    assert (span.text if span else None) == place
    if span:
        assert text[span.start:span.end] == span.text


def test_distance_km_is_great_circle() -> None:
    assert distance_km(0, 0, 0, 0) == 0
    assert 340 < distance_km(51.5, -0.13, 48.86, 2.35) < 350  # London-Paris


def test_check_data_validates_our_place_table(tmp_path: Path) -> None:
    import shutil

    from dyads.datacheck import check_all
    from dyads.events.lexicon import data_dir

    problems, counts = check_all()
    assert problems == [] and counts["places of our own"] > 100
    base = tmp_path / "data"
    shutil.copytree(data_dir(), base)
    with (base / "places" / "places.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Somewhere Sea\tRed Sea\tsea\tSEA\t95\t10\n")
    problems, _ = check_all(base)
    assert "places.tsv Somewhere Sea: coordinates off the Earth" in problems
    assert "places.tsv Somewhere Sea: 'Red Sea' also names Red Sea" in problems


def test_generic_words_are_not_places() -> None:
    from dyads.places.gazetteer import places

    gaz = places()
    for word in ("North", "Airport", "Center", "Capital"):
        assert gaz.candidates(word) == [], word
    assert gaz.candidates("Salt Lake City")  # the cities themselves stay
