"""Actors settled by the whole document: bodies named again by their head noun, offices and
people given a country by the same office named earlier or by the article's focus."""

from __future__ import annotations


def _mentions(pipeline, text: str):  # type: ignore[no-untyped-def]
    parsed = pipeline.nlp(text)
    actors = pipeline.resolver.resolve(parsed, "t", "2026-02-05")
    pipeline.document_actors.refine(parsed, actors, "t")
    return {m.text: m for m in actors.mentions}


def test_body_named_again_by_its_head_noun(pipeline):
    found = _mentions(pipeline, "The International Monetary Fund approved a loan to Egypt. "
                                "Egypt and the Fund are already in discussions on a second one.")
    fund = found["the Fund"]
    assert fund.actor.actor_id == found["International Monetary Fund"].actor.actor_id
    assert fund.how == "body-named-again" and fund.evidence == "International Monetary Fund"


def test_office_takes_the_country_of_the_same_office_named_earlier(pipeline):
    found = _mentions(pipeline, "The Syrian Foreign Ministry condemned the raid on Monday. "
                                "Turkey and Iraq also spoke. The ministry said two soldiers died.")
    ministry = found["ministry"]
    assert ministry.actor.country == "SYR" and "context-country:same-office" in ministry.how


def test_office_in_focus_and_no_guess_on_a_tie(pipeline):
    focused = _mentions(pipeline, "Ghana's president met Ghanaian farmers in Accra. The government promised aid.")
    assert focused["government"].actor.country == "GHA"
    tied = _mentions(pipeline, "Kenya met Uganda. The government promised aid.")
    assert tied["government"].actor.country is None, "two states equally in view: no guess"


def test_group_placed_by_its_phrase(pipeline):
    found = _mentions(pipeline, "Opposition parties in Malawi demanded an audit of the voters' roll.")
    assert found["Opposition parties"].actor.country == "MWI"


def test_a_person_named_with_an_office_takes_the_country_of_that_office_named_before(pipeline):
    found = _mentions(pipeline, "Burkina Faso expelled the Italian ambassador on Monday. "
                                "State radio said Ambassador Marco Bellini was summoned by the foreign minister.")
    assert found["Ambassador Marco Bellini"].actor.country == "ITA", "the ambassador named before was Italian"


def test_a_capitalised_office_alone_is_the_state_in_focus(pipeline):
    found = _mentions(pipeline, "Chad's government closed its border with Sudan. Chad's army moved troops north. "
                                "On Friday the Minister of Foreign Affairs called in the envoy.")
    minister = found["Minister"]
    assert minister.actor.country == "TCD" and "context-country:focus" in minister.how


def test_pronouns_do_not_count_towards_the_state_in_focus(pipeline):
    found = _mentions(pipeline, "Kenya expelled the Sudanese envoy. He had insulted his hosts, he said, and he left. "
                                "Kenyan radio said the Minister of Foreign Affairs had summoned him.")
    assert found["Minister"].actor.country == "KEN", "two namings of Kenya against one of Sudan, whatever 'he' says"


def test_an_office_takes_the_state_its_own_sentence_names(pipeline):
    # the article has named Uganda most, but this sentence is about Ethiopia
    found = _mentions(pipeline, "Uganda closed the border. Officials in Kampala said Uganda would not reopen it. "
                                "Separately, Ethiopian authorities declared a curfew, and the army sent engineers there.")
    army = found["army"]
    assert army.actor.country == "ETH" and "context-country:focus-sentence" in army.how


def test_the_country_is_the_one_state_just_named(pipeline):
    found = _mentions(pipeline, "The Security Council extended its mission in South Sudan. "
                                "The resolution also renewed an arms embargo on the country.")
    assert found["country"].actor.country == "SSD"
    two = _mentions(pipeline, "Russia attacked Ukraine overnight. The country's air force said it shot down drones.")
    assert "country" not in two or two["country"].actor.country is None  # two states just named: no guess


def test_both_sides_are_the_two_in_view_people_or_states(pipeline):  # type: ignore[no-untyped-def]
    """"both sides", "the two parties": the last two actors that acted, whether named as people or states."""
    text = "Chinese Foreign Minister Wang Yi held talks with his Indian counterpart in Beijing. Both sides agreed to resume flights."
    doc = pipeline.nlp(text)
    actors = pipeline.resolver.resolve(doc, "t", None)
    sides = next(t for t in doc if t.text == "sides")
    assert {m.actor.country for m in actors.all_at(sides)} == {"CHN", "IND"}
