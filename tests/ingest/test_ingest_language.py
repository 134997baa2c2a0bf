"""Each document's language at ingest: detected (short and long texts, mixed, no letters), or given
by a record's lang field, a text file's lang header or --lang; the content hash follows the language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.api import with_language
from dyads.ingest import IngestError, iter_documents
from dyads.ingest.language import detect, lang_value, language_argument, normalise_code
from dyads.ingest.readers import content_hash, from_record, parse_plain
from dyads.model import Document

ES_LONG = ("El Gobierno de México anunció este martes el envío de un barco con alimentos y medicinas a Cuba, "
           "pocos días después de que Washington amenazara con aranceles a quienes vendan petróleo a la isla.")
EN_LONG = ("Mexico's government announced on Tuesday that a ship carrying food and medicine would sail for Cuba, "
           "days after Washington threatened tariffs on any country selling oil to the island.")


@pytest.mark.parametrize(("text", "lang"), [
    (ES_LONG, "es"), (EN_LONG, "en"),
    ("Cuba y México firmaron un acuerdo.", "es"), ("Cuba and Mexico signed an agreement.", "en"),
    ("Trump amenaza a México", "es"), ("Trump threatens Mexico", "en"),  # headlines: the full models, English or Spanish
    ("Le gouvernement français a annoncé lundi une nouvelle aide humanitaire pour Cuba, avec des vivres, des "
     "médicaments et du matériel électrique pour les hôpitaux de La Havane.", "fr"),  # long: six candidates
])
def test_detect_long_and_short_texts(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_a_quoted_phrase_does_not_change_the_language() -> None:
    assert detect("Sheinbaum told reporters that the shipment was 'una decisión soberana' and that Mexico would keep "
                  "helping Cuba whatever Washington decided.") == "en"
    assert detect("El secretario dijo que la política era de 'maximum pressure' y que no habría excepciones para "
                  "ningún país que envíe petróleo a la isla.") == "es"


def test_no_letters_is_undetermined() -> None:
    assert detect("") is None and detect("2026-02-03 — 30.000 / 1,500 !!") is None


def test_only_the_lead_is_read() -> None:
    assert len(ES_LONG * 30) > 5000 and detect(ES_LONG * 30 + " " + EN_LONG * 200) == "es"  # the first 5,000 characters


def test_codes_are_normalised_or_refused() -> None:
    assert [normalise_code(c) for c in ("es", "ES", "es-MX", "es_ES", "pt-BR", "Spanish", "e", "und", "es-")] == \
        ["es", "es", "es", "es", "pt", None, None, None, None]
    assert language_argument("EN-gb") == "en"
    with pytest.raises(ValueError, match="--lang 'spanish': expected a two-letter ISO 639-1 code"):
        language_argument("spanish")
    assert lang_value("und") == "und" and lang_value("Es") == "es"
    with pytest.raises(ValueError, match="lang must be a two-letter"):
        lang_value("xyz")


def test_plain_text_is_detected_and_a_lang_header_overrides() -> None:
    doc = parse_plain(f"Envío de ayuda a Cuba\ndate 2026-02-03\n\n{ES_LONG}\n", "a")
    assert doc.lang == "es" and doc.title == "Envío de ayuda a Cuba" and doc.date == "2026-02-03"
    told = parse_plain(f"Envío de ayuda a Cuba\nlang en\ndate 2026-02-03\n\n{ES_LONG}\n", "a")
    assert told.lang == "en" and "lang en" not in told.text and told.date == "2026-02-03"
    # a body line that begins with "Lang" is text, not a header
    body = parse_plain("Floods in the north\n\nLang Son province reported heavy rain on Monday and roads were closed.\n", "b")
    assert body.lang == "en" and "Lang Son" in body.text


def test_a_record_lang_field_overrides_detection_and_is_checked() -> None:
    assert from_record({"id": 1, "text": ES_LONG}, "f.jsonl", 1, "f-1").lang == "es"
    assert from_record({"id": 1, "text": ES_LONG, "lang": "EN-us"}, "f.jsonl", 1, "f-1").lang == "en"
    assert from_record({"id": 1, "html": f"<html><body><article><p>{ES_LONG}</p></article></body></html>",
                        "lang": "pt"}, "f.jsonl", 1, "f-1").lang == "pt"
    assert from_record({"id": 1, "text": ES_LONG, "lang": ""}, "f.jsonl", 1, "f-1").lang == "es"  # blank: absent
    with pytest.raises(IngestError, match=r"^f\.jsonl:3: field 'lang': expected a two-letter ISO 639-1 code such as en or es, got 'castellano'$"):
        from_record({"id": 1, "text": ES_LONG, "lang": "castellano"}, "f.jsonl", 3, "f-3")
    with pytest.raises(IngestError, match=r"field 'lang': expected a string or null, got a number"):
        from_record({"id": 1, "text": ES_LONG, "lang": 34}, "f.jsonl", 3, "f-3")


def test_a_bad_lang_line_is_that_lines_error_and_the_others_land(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in (
        {"id": "a", "text": ES_LONG}, {"id": "b", "text": EN_LONG, "lang": "english"}, {"id": "c", "text": EN_LONG, "lang": "es"})) + "\n")
    items = list(iter_documents([f], 1_000_000))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [(d.doc_id, d.lang) for d in docs] == [("a", "es"), ("c", "es")]
    assert [str(e) for e in errors] == [f"{f}:2: field 'lang': expected a two-letter ISO 639-1 code such as en or es, got 'english'"]


def test_content_hash_counts_a_language_other_than_english() -> None:
    base = Document(doc_id="d", text=EN_LONG)
    assert content_hash(base) == content_hash(Document(doc_id="d", text=EN_LONG, lang="en"))  # as before detection
    assert content_hash(Document(doc_id="d", text=EN_LONG, lang="es")) != content_hash(base)


def test_the_lang_flag_overrides_every_document_and_its_hash() -> None:
    es = parse_plain(ES_LONG, "a")
    en = parse_plain(EN_LONG, "b")
    out = with_language([es, en], "ES")
    assert [d.lang for d in out] == ["es", "es"]
    assert out[0] == es  # already Spanish: unchanged
    assert out[1].content_hash == content_hash(out[1]) != en.content_hash
    with pytest.raises(ValueError, match="--lang 'xx-'"):
        with_language([es], "xx-")


def test_a_short_english_sentence_full_of_spanish_names_stays_english() -> None:
    """English news names Spanish places and people: a short sample needs to be clearly Spanish."""
    assert detect("Argentina's president met Spain's king in Córdoba.") in (None, "en")
    assert detect("Venezuela's foreign minister met Bolivia's envoy in Santa Cruz.") in (None, "en")
    assert detect("Llega el arroz chino") == "es" and detect("China donó arroz a Cuba.") == "es"
