"""Spanish actor names resolve to the same, language-free actor ids as English ones."""

from __future__ import annotations

from typing import Any

from dyads.actors.gazetteer import build, inflections
from spanish.conftest import needs_model


def test_inflections_of_demonyms() -> None:
    assert inflections("cubano") == ["cubano", "cubana", "cubanos", "cubanas"]
    assert set(inflections("israelí")) == {"israelí", "israelíes", "israelís"}
    assert set(inflections("francés")) == {"francés", "francesa", "franceses", "francesas"}
    assert set(inflections("estadounidense")) == {"estadounidense", "estadounidenses"}


def test_spanish_names_are_the_same_actors() -> None:
    g = build(lang="es")
    for alias in ("Estados Unidos", "EE.UU.", "EEUU"):
        assert g.lookup(alias)[0].actor.actor_id == "USA"
    assert g.lookup("Casa Blanca")[0].sector == "GOV" and g.lookup("Casa Blanca")[0].actor.actor_id == "USA"
    assert g.lookup("Minrex")[0].actor.country == "CUB"
    assert g.lookup("Unión Europea")[0].actor.actor_id == "eu"
    assert g.lookup("ONU")[0].actor.actor_id == "un"
    assert g.lookup("Zelenski")[0].actor.actor_id == "volodymyr-zelensky"
    # accents optional, one actor: Díaz-Canel whatever the article's language
    assert g.lookup("Díaz-Canel")[0].actor.actor_id == g.lookup("Diaz-Canel")[0].actor.actor_id
    assert g.lower_adjectives["mexicanas"].actor_id == "MEX"
    assert build().lower_adjectives == {}  # the English gazetteer is unchanged


def mentions(spanish: Any, text: str) -> dict[str, tuple[str, str | None, str]]:
    found = spanish.resolver.resolve(spanish.nlp(text), "t", "2026-02-05")
    return {m.text: (m.actor.actor_id, m.actor.sector, m.how) for m in found.mentions}


@needs_model
def test_offices_and_demonyms(spanish: Any) -> None:
    got = mentions(spanish, "El Gobierno cubano y el canciller de México hablaron con la Casa Blanca.")
    assert got["Gobierno"][:2] == ("CUB-GOV", "GOV")
    assert got["canciller"][:2] == ("MEX-GOV", "GOV")
    assert got["Casa Blanca"][:2] == ("USA-GOV", "GOV")
    got = mentions(spanish, "Los buques rusos llegaron a La Habana. Los ataques israelíes siguieron.")
    assert got["buques"][:2] == ("RUS-MIL", "MIL")  # a military noun with its demonym: the state's military
    assert got["israelíes"][:3] == ("ISR", None, "adjective")  # on an act: the adjective names its author
    assert got["La Habana"][:2] == ("CUB-GOV", "GOV")


@needs_model
def test_title_in_apposition_names_its_holder(spanish: Any) -> None:
    got = mentions(spanish, "El presidente ruso, Vladímir Putin, recibió al mandatario cubano.")
    assert got["presidente"][0] == "vladimir-putin"
    assert got["mandatario"][:2] == ("CUB-GOV", "GOV")


@needs_model
def test_bare_state_body_is_the_state_last_acting(spanish: Any) -> None:
    got = mentions(spanish, "México envió petróleo a Cuba. La cancillería defendió los envíos.")
    assert got["cancillería"] == ("MEX-GOV", "GOV", "coreference")  # the last subject's state, not the last named
    got = mentions(spanish, "Cuba recibió el crudo. La cancillería agradeció el envío.")
    assert got["cancillería"] == ("CUB-GOV", "GOV", "coreference")
    got = mentions(spanish, "«Nuestros representantes han llegado a un acuerdo», declaró Modi.")
    assert got["representantes"][:2] == ("IND-GOV", "GOV")  # "our": the speaker's state
    got = mentions(spanish, "México envió petróleo. La embajadora llegó.")
    assert "embajadora" not in got  # posts abroad are not guessed
