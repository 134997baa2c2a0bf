"""Reports of one happening in two languages (issue 18): syndication never calls a Spanish article a
copy of an English one, and story matching joins dated two-sided events by root, date and dyad
whatever the language of their evidence (untargeted or undated events still need shared words)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dyads.analysis import syndication
from dyads.analysis.rows import DocRow, EventRow
from dyads.analysis.similarity import evidence_similarity, same_happening
from dyads.ingest import iter_documents
from dyads.model import Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLE, OVERLAP, SAMPLE_ES = (ROOT / "corpus" / name for name in ("sample", "overlap", "sample_es"))


def _rows(paths: list[Path]) -> list[DocRow]:
    docs = [d for d in iter_documents(paths, 5_000_000) if isinstance(d, Document)]
    return [DocRow(d.doc_id, d.date, d.outlet, d.title, d.url, d.text) for d in docs]


def test_spanish_samples_are_detected_and_no_copy_of_an_english_report() -> None:
    spanish = [d for d in iter_documents([SAMPLE_ES], 5_000_000) if isinstance(d, Document)]
    assert len(spanish) == 4 and {d.lang for d in spanish} == {"es"}
    rows = _rows([SAMPLE, OVERLAP, SAMPLE_ES])
    links = syndication.detect(rows)
    groups: dict[str, set[str]] = {}
    for link in links:
        groups.setdefault(link.canonical_doc_id, set()).add(link.doc_id)
    es_ids = {d.doc_id for d in spanish}
    assert groups  # the English wire copies are still found
    assert all(not (members & es_ids) for members in groups.values())


EN = EventRow(event_id="ev-en", doc_id="wire", date="2026-02-05", date_precision="day", source="CHN", target="CUB",
              source_code="CHN", target_code="CUB", cameo="0711", root="07", goldstein=7.4, quad_class=2, modality="asserted",
              evidence="A ship carrying 30,000 tonnes of Chinese rice docked in the port of Havana on Thursday.",
              trigger="docked", speaker=None, attribution_kind="author")
ES = replace(EN, event_id="ev-es", doc_id="agencia", date="2026-02-06",
             evidence="Un buque con 30.000 toneladas de arroz enviado por China atracó este jueves en el puerto de La Habana.")


def test_dated_two_sided_reports_join_across_languages() -> None:
    assert evidence_similarity(EN, ES) < 0.1  # hardly a word in common
    assert same_happening(EN, ES)
    assert same_happening(EN, replace(ES, source="CUB", target="CHN"))  # up to role, as in one language
    assert not same_happening(EN, replace(ES, date="2026-02-12"))  # the date window still applies
    assert not same_happening(EN, replace(ES, root="04"))


def test_untargeted_or_undated_reports_still_need_shared_words() -> None:
    # the documented limit: such events join by their evidence, which two languages hardly share
    assert not same_happening(replace(EN, target=None), replace(ES, target=None))
    assert not same_happening(EN, replace(ES, date=None))
