"""Kinds of event the coder missed on real news (issue 17), each as a general fact of reporting,
pinned with sentences of our own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events.conftest import find

Coded = list[dict[str, Any]]


def test_a_verbs_own_target_preposition_directs_fire_at_a_unit(code: Callable[..., Coded]) -> None:
    """"fire at", "launch at": the lexicon names the preposition that carries the target, so a ship
    or a unit after it is the target, not a place where the act happened."""
    events = code("Yemeni rebels fired missiles at an American destroyer in the Gulf.")
    hit = find(events, "YEM", "USA", "19")
    assert "target=prep:at" in hit["rule"]
    assert find(code("Russian troops fired at Ukrainian soldiers near the river."), "RUS", "UKR", "19")


def test_at_stays_a_place_for_verbs_that_name_no_target_preposition(code: Callable[..., Coded]) -> None:
    """"gathered at the embassy": the default prepositions keep "at" locative."""
    events = code("Protesters gathered at the American embassy on Sunday.")
    assert not [e for e in events if (e["target"] or {}).get("country") == "USA"]


def test_the_attack_told_again_is_the_attack_told_before(code: Callable[..., Coded]) -> None:
    """A definite act noun of material conflict with no author in its own sentence names the happening
    told a few sentences before: its author and target are that event's."""
    text = ("Armed militants attacked a Nigerian army post near the border on Tuesday. Three soldiers were wounded. "
            "A farmer who saw the attack said it lasted two hours.")
    events = code(text)
    told_again = [e for e in events if e["evidence"]["trigger"]["text"] == "attack" and "source=event-anaphora" in e["rule"]]
    assert told_again and (told_again[0]["target"] or {}).get("country") == "NGA"
    first = [e for e in events if e["evidence"]["trigger"]["text"] == "attacked"]
    assert first and first[0]["source"]["actor_id"] == told_again[0]["source"]["actor_id"]


def test_an_indefinite_or_distant_act_noun_names_no_earlier_happening(code: Callable[..., Coded]) -> None:
    text = ("Armed militants attacked a Nigerian army post near the border on Tuesday. "
            "Officials fear an attack on the capital.")
    assert not [e for e in code(text) if "event-anaphora" in e["rule"]]
    far = ("Armed militants attacked a Nigerian army post on Tuesday. " + "The weather was dry. " * 7 +
           "Villagers still talk about the attack.")
    assert not [e for e in code(far) if "source=event-anaphora" in e["rule"]]


def test_the_day_between_subject_and_verb(code: Callable[..., Coded]) -> None:
    """"Azerbaijan Sunday accused Armenia": wire style puts the day after the subject; the parser
    hangs the name on the day, and the name is still the subject."""
    hit = find(code("Azerbaijan Sunday accused Armenia of violating the ceasefire."), "AZE", "ARM", "11")
    assert "source=subject-before-date" in hit["rule"] and hit["source"]["text"] == "Azerbaijan"


def test_a_state_name_the_parser_took_for_a_body_is_the_state_beside_another_state(code: Callable[..., Coded]) -> None:
    """An ambiguous state name read as an organisation ("Armenia") is the state when its sentence
    names another state unambiguously."""
    find(code("Azerbaijan accused Armenia of violating the ceasefire."), "AZE", "ARM", "11")


def test_each_conjunct_after_the_target_preposition_is_a_target(code: Callable[..., Coded]) -> None:
    """"strikes on Ukraine and Moldova": both states are struck."""
    events = code("Russia launched strikes on Ukraine and Moldova.")
    for state in ("UKR", "MDA"):
        assert "target=prep:on" in find(events, "RUS", state, "19")["rule"]


def test_a_passive_names_its_parties_between(code: Callable[..., Coded]) -> None:
    """"agreements were signed between X and Y": no doer, but both parties, each to the other."""
    events = code("Several agreements were signed between Kenya and Uganda on Saturday.")
    assert "source=between" in find(events, "KEN", "UGA", "05")["rule"]
    find(events, "UGA", "KEN", "05")


def test_a_projectile_fired_from_a_state_was_fired_by_it(code: Callable[..., Coded]) -> None:
    events = code("Dozens of rockets were launched from Syria towards northern Israel.")
    assert "source=passive-origin" in find(events, "SYR", "ISR", "19")["rule"]


def test_an_envoy_is_summoned_by_the_state_it_serves_in(code: Callable[..., Coded]) -> None:
    """The summoner of a passive "was summoned" is the host: the ministry the envoy was called to."""
    events = code("The Iranian envoy in Rome was summoned to the Italian Foreign Ministry on Monday.")
    assert "source=envoy-host" in find(events, "ITA", "IRN", "11")["rule"]


def test_a_passive_with_no_party_named_stays_without_a_doer(code: Callable[..., Coded]) -> None:
    assert not [e for e in code("The Russian ambassador was summoned on Monday.") if e["target"] and e["source"]]


def test_a_quotation_of_its_own_continues_the_speaker_before(code: Callable[..., Coded]) -> None:
    """"X told reporters ... 'We thanked Y'": a quote opening its own sentence with no speaker is the
    previous sentence's subject speaking."""
    events = code('Kenyan President William Ruto spoke to reporters on Monday. "We thanked Uganda for its help."')
    assert "source=quote-speaker-before" in find(events, "KEN", "UGA", "05")["rule"]


def test_an_agency_dateline_in_parentheses_is_not_the_subject(code: Callable[..., Coded]) -> None:
    """"Nairobi, May 3 (AFP) Foreign Minister ... held talks": the place of the dateline is no actor."""
    events = code("Nairobi, May 3 (AFP) Kenyan Foreign Minister Musalia Mudavadi on Tuesday held talks with Uganda.")
    assert find(events, "KEN", "UGA", "04")["source"]["text"] != "Nairobi"


def test_a_counterpart_belongs_to_another_state_than_its_possessor(code: Callable[..., Coded]) -> None:
    """"his counterparts from X and Y": one counterpart of each named state, never of his own."""
    events = code("Kenyan Foreign Minister Musalia Mudavadi held talks with his counterparts from Uganda and Tanzania.")
    for state in ("UGA", "TZA"):
        find(events, "KEN", state, "04")
    assert not [e for e in events if (e["target"] or {}).get("country") == "KEN"]


def test_agreeing_to_a_ceasefire_is_a_ceasefire_between_both(code: Callable[..., Coded]) -> None:
    """"X and Y agreed to a ceasefire": what is agreed to (a prepositional object) is the act, 0871, each to the other."""
    events = code("Kenya and Uganda agreed to a ceasefire on Saturday.")
    assert find(events, "KEN", "UGA")["cameo"] == "0871" and find(events, "UGA", "KEN")["cameo"] == "0871"


def test_a_side_warning_of_its_own_attack_threatens_it(code: Callable[..., Coded]) -> None:
    """"Kenya warned that its army would strike ...": announcing one's own act of force is a threat of it
    (1384), which replaces the bare warning; a warning about what another state will do is no threat by the warner."""
    events = code("Kenya warned that its army would strike al-Shabaab bases in Uganda.")
    hit = find(events, "KEN", "UGA", "13")
    assert hit["cameo"] == "1384" and hit["modality"] == "threatened"
    assert not [e for e in events if e["cameo"] == "130"]
    other = code("Kenya warned that Uganda would attack Tanzania.")
    assert not [e for e in other if e["source"]["country"] == "UGA" and e["cameo"].startswith("13")]


def test_a_dateline_dash_glued_to_the_first_word_still_ends_the_dateline(code: Callable[..., Coded]) -> None:
    """"NAIROBI, Kenya --The Ugandan envoy ...": the tokenizer glues the dash to "The"; the place is no subject."""
    events = code("NAIROBI, Kenya --The Ugandan ambassador to Kenya accused Tanzania of arming rebels.")
    assert find(events, "UGA", "TZA", "11")


def test_a_reaction_to_an_act_named_in_its_own_sentence_targets_its_author(code: Callable[..., Coded]) -> None:
    """"Kenya condemned the cross-border raid from Somalia": the act condemned is coded from the noun; the
    condemnation is aimed at its author."""
    events = code("Kenya strongly condemned the cross-border raid from Somalia.")
    assert "target=object-event-author" in find(events, "KEN", "SOM", "11")["rule"]


def test_two_sides_agreeing_to_an_act_named_by_a_noun_do_it_to_each_other(code: Callable[..., Coded]) -> None:
    """"X and Y agreed to a prisoner exchange": the act noun under a reciprocal verb relates the two parties."""
    events = code("Kenya and Uganda agreed to a prisoner exchange on Friday.")
    assert "target=co-participant" in find(events, "KEN", "UGA")["rule"]
    find(events, "UGA", "KEN")
