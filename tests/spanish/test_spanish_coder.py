"""What Spanish does differently, each on sentences of our own (issue 18)."""

from __future__ import annotations

from typing import Any

from spanish.conftest import code, dyads, needs_model

pytestmark = needs_model


def one(events: list[Any], code_prefix: str) -> Any:
    found = [e for e in events if e.code.code.startswith(code_prefix)]
    assert len(found) == 1, [(e.code.code, e.rule) for e in events]
    return found[0]


def test_a_marks_the_state_object(pipeline: Any, spanish: Any) -> None:
    assert dyads(code(pipeline, "México condenó a Estados Unidos por las sanciones contra Cuba.")) == {("MEX", "111", "USA")}


def test_dropped_subject_from_the_previous_sentence(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "Rusia acusó a Ucrania del ataque. Además, amenazó con represalias contra Kiev.")
    threat = one(events, "13")
    assert threat.source.actor.actor_id == "RUS" and "source=previous-sentence" in threat.rule
    assert threat.target is not None and threat.target.actor.country == "UKR"


def test_dropped_subject_from_the_clause_chain(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "El Gobierno de Venezuela decidió expulsar a los embajadores de Argentina y Chile.")
    assert {(e.source.actor.actor_id, e.target.actor.actor_id) for e in events if e.target} >= {("VEN-GOV", "ARG-GOV")}
    assert all("source=clause-chain" in e.rule for e in events if e.code.code == "161")


def test_clitic_doubles_the_a_phrase(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "El Gobierno cubano le otorgó una condecoración al presidente de Venezuela.")
    assert dyads(events) == {("CUB-GOV", "070", "VEN-GOV")}


def test_clitic_alone_and_reflexive_passive_with_an_a_object(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "A Cuba se le manifestó el respaldo de México.")
    assert dyads(events) == {("MEX", "051", "CUB")}


def test_reflexive_passive_without_author_codes_nothing(pipeline: Any, spanish: Any) -> None:
    assert code(pipeline, "Se acusó al Gobierno de Venezuela de violar la tregua.") == []
    partial = code(pipeline, "Se firmó un acuerdo con Cuba.", keep_partial_events=True)
    assert all(e.source.actor.country != "CUB" for e in partial)  # the patient never becomes the author


def test_reflexive_verb_with_actors_is_active(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "El presidente de México se reunió con el presidente de Estados Unidos.")
    assert dyads(events) == {("MEX-GOV", "040", "USA-GOV")}


def test_por_agent_of_a_passive(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "El acuerdo fue firmado por Venezuela y Guyana el 30 de enero de 2026.")
    assert dyads(events) == {("VEN", "057", "GUY"), ("GUY", "057", "VEN")}
    assert all("source=passive-agent" in e.rule and e.date == "2026-01-30" for e in events)


def test_nominal_events(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "La imposición de sanciones de Estados Unidos contra Venezuela provocó protestas.")
    assert dyads(events) == {("USA", "163", "VEN")}
    events = code(pipeline, "Las conversaciones entre Rusia y China terminaron sin acuerdo.")
    assert dyads(events) == {("RUS", "040", "CHN")}
    events = code(pipeline, "El presidente de Qatar condenó el ataque israelí contra Doha.")
    assert ("QAT-GOV", "111", "ISR") in dyads(events)  # the author of the act condemned is the target


def test_attribution(pipeline: Any, spanish: Any) -> None:
    ev = one(code(pipeline, "El Gobierno de Cuba afirmó que Estados Unidos impuso sanciones a Venezuela."), "16")
    assert (ev.source.actor.actor_id, ev.target.actor.actor_id) == ("USA", "VEN")
    assert ev.attribution.kind == "reported" and ev.attribution.speaker.actor.actor_id == "CUB-GOV"
    assert ev.attribution.cue == "afirmó"
    ev = one(code(pipeline, "Según el Kremlin, Rusia atacó a Ucrania el martes."), "19")
    assert ev.attribution.speaker.actor.actor_id == "RUS-GOV" and ev.attribution.cue == "según"
    ev = one(code(pipeline, "De acuerdo con la cancillería de México, Cuba expulsó al embajador de Argentina."), "16")
    assert ev.attribution.speaker.actor.actor_id == "MEX-GOV" and ev.target.actor.actor_id == "ARG-GOV"


def test_modality(pipeline: Any, spanish: Any) -> None:
    assert dyads(code(pipeline, "Estados Unidos amenazó con imponer aranceles a México.")) == {("USA", "1312", "MEX")}
    assert dyads(code(pipeline, "China prometió enviar ayuda humanitaria a Cuba.")) == {("CHN", "0333", "CUB")}
    assert dyads(code(pipeline, "Irán negó que atacara a Israel.")) == {("IRN", "016", "ISR")}  # the attack is not coded
    assert dyads(code(pipeline, "Polonia pidió que Rusia libere a los detenidos.")) == {("POL", "020", "RUS")}
    ev = one(code(pipeline, "Rusia podría atacar a Ucrania."), "19")
    assert ev.modality == "hypothetical"
    ev = one(code(pipeline, "Rusia atacará a Ucrania."), "19")
    assert ev.modality == "intended"


def test_dates(pipeline: Any, spanish: Any) -> None:
    ev = one(code(pipeline, "Rusia atacó a Ucrania el martes.", date="2026-02-05"), "19")
    assert (ev.date, ev.date_precision) == ("2026-02-03", "day")  # the Tuesday before a Thursday article
    ev = one(code(pipeline, "Cuba firmó un acuerdo con China el 30 de enero de 2026.", date="2026-02-05"), "05")
    assert ev.date == "2026-01-30"
    ev = one(code(pipeline, "Cuba firmó un acuerdo con China en enero.", date="2026-02-05"), "05")
    assert ev.date == "2026-02-05"  # a month is not a day: the article's date


def test_dateline_is_not_an_actor(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "LA HABANA, 20 ene (EFE) - Cuba agradeció a China el donativo de arroz.")
    assert dyads(events) == {("CUB", "051", "CHN")}


def test_sports_text_gives_no_events(pipeline: Any, spanish: Any) -> None:
    text = ("España venció a Inglaterra en la final de la Eurocopa. El delantero marcó dos goles y el entrenador "
            "celebró el campeonato con la selección en el estadio; el portero paró un penalti.")
    assert code(pipeline, text) == []


def test_evaluation_by_a_speaker(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "El canciller de Venezuela calificó de inaceptable la declaración de Guyana.")
    assert ("VEN-GOV", "111", "GUY") in dyads(events)
    events = code(pipeline, "Venezuela rechazó el comunicado de Guyana. Se trata de una ridícula provocación.")
    assert any(e.code.code == "111" and e.source.actor.actor_id == "VEN" and "evaluation" in e.rule for e in events)


def test_refusal_and_su_pais(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "El presidente de Brasil afirmó que su país no negociará con Estados Unidos.")
    assert ("BRA", "125", "USA") in dyads(events)  # "no negociará": rejects negotiation; "su país" is Brazil


def test_object_control(pipeline: Any, spanish: Any) -> None:
    events = code(pipeline, "La disputa llevó al Gobierno chileno a convocar al embajador de Estados Unidos.")
    assert ("CHL-GOV", "111", "USA-GOV") in dyads(events)  # the one led to act is the object of "llevó"
