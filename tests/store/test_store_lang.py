"""Document languages in the store: the lang column, the records' lang, the --lang filter of events,
the page query and exports (GDELT keeps 61 columns; PLOVER and the events table carry it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.model import Actor, Analysis, Attribution, CameoCode, Document, Event, Evidence, Mention, Span
from dyads.store import Store, views
from dyads.store import event_query as eq

MEX = Actor("MEX", "Mexico", "country", "MEX", None, "MEX")
CUB = Actor("CUB", "Cuba", "country", "CUB", None, "CUB")
TEXTS = {  # our own sentences; the actors' names are spelt alike in both languages
    "en1": ("Mexico sent food to Cuba on Tuesday.", "en", "sent"),
    "es1": ("Mexico envió alimentos a Cuba el martes.", "es", "envió"),
    "un1": ("Mexico -> Cuba.", None, "->"),
}


def _analysis(doc_id: str) -> Analysis:
    text, lang, trigger = TEXTS[doc_id]
    doc = Document(doc_id=doc_id, text=text, date="2026-02-03", date_precision="day", outlet=f"Outlet {doc_id}",
                   content_hash=f"h-{doc_id}", lang=lang)

    def mention(word: str, actor: Actor) -> Mention:
        s = text.index(word)
        return Mention(doc_id, 0, s, s + len(word), word, actor, "alias")

    t = text.index(trigger)
    event = Event(event_id=f"ev-{doc_id}", doc_id=doc_id, date="2026-02-03", date_precision="day",
                  source=mention("Mexico", MEX), target=mention("Cuba", CUB),
                  code=CameoCode("0711", "Provide food aid", "07", 7.4, 2, "AID", "humanitarian"), modality="asserted",
                  attribution=Attribution("author"), evidence=Evidence(Span(text, 0, len(text)), Span(trigger, t, t + len(trigger))),
                  confidence=0.9)
    return Analysis(doc, (), (mention("Mexico", MEX), mention("Cuba", CUB)), (event,))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("lang") / "lang.duckdb")
    with Store.open(path) as store:
        store.write([_analysis(d) for d in TEXTS])
    return path


@pytest.fixture
def store(db: str) -> Store:
    with Store.open(db, read_only=True) as s:
        yield s  # type: ignore[misc]


def test_documents_and_records_carry_the_language(store: Store) -> None:
    assert store.query("SELECT doc_id, lang FROM documents ORDER BY doc_id")[1] == [("en1", "en"), ("es1", "es"), ("un1", None)]
    recs = {r["doc_id"]: r for r in views.events(store)}
    assert {d: r["lang"] for d, r in recs.items()} == {"en1": "en", "es1": "es", "un1": None}
    assert list(recs["es1"])[-1] == "lang"  # last, as migrated records have it
    assert [d["lang"] for d in views.documents(store)] == ["en", "es", None]


@pytest.mark.parametrize(("lang", "docs"), [("es", {"es1"}), ("EN", {"en1"}), ("es-MX", {"es1"}), ("und", {"un1"}), ("fr", set())])
def test_the_lang_filter_in_every_event_query(store: Store, lang: str, docs: set[str]) -> None:
    f = eq.EventFilter.from_mapping({"lang": lang})
    assert {r["doc_id"] for r in eq.records(store, f)} == docs
    assert eq.page(store, f).total == len(docs)
    value = f.lang
    assert {r["doc_id"] for r in views.events(store, lang=value)} == docs
    assert {json.loads(line)["doc_id"] for line in views.iter_event_lines(store, lang=value)} == docs
    assert f.as_query() == {"lang": value}


def test_a_bad_lang_filter_is_one_clear_error() -> None:
    with pytest.raises(ValueError, match=r"^lang must be a two-letter ISO 639-1 code such as en or es, or und, not 'spanish'$"):
        eq.EventFilter.from_mapping({"lang": "spanish"})


def test_exports_name_the_language_where_a_document_field_belongs(store: Store) -> None:
    from dyads.analysis.exports import gdelt, plover, tables
    from dyads.analysis.exports.common import load
    from dyads.analysis.exports.subset import download

    by_doc = {ev.record["doc_id"]: plover.record(ev) for ev in load(store)}
    assert by_doc["es1"]["source"] == {"doc_id": "es1", "url": None, "publisher": "Outlet es1",
                                       "publication_date": "2026-02-03", "language": "es"}
    assert by_doc["un1"]["source"]["language"] is None
    frame = tables.events_frame(store)
    assert frame.columns[-1] == "lang" and sorted(zip(frame["doc_id"], frame["lang"])) == [
        ("en1", "en"), ("es1", "es"), ("un1", None)]
    tsv = download(store, eq.EventFilter(lang="es"), "gdelt").body.decode().splitlines()
    assert tsv[0].split("\t") == list(gdelt.COLUMNS) and len(tsv) == 2
    assert len(tsv[1].split("\t")) == 61  # the GDELT layout is unchanged


def test_cli_events_and_export_take_lang(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from dyads.cli.main import main

    assert main(["events", "--db", db, "--lang", "es", "--format", "jsonl"]) == 0
    assert [json.loads(x)["doc_id"] for x in capsys.readouterr().out.splitlines()] == ["es1"]
    out = tmp_path / "und.csv"
    assert main(["export", "events-csv", "--db", db, "--lang", "und", "--out", str(out)]) == 0
    assert "1 rows written" in capsys.readouterr().err and out.read_text().count("\n") == 2
    with pytest.raises(SystemExit):
        main(["events", "--db", db, "--lang", "castellano"])
    assert "argument --lang: expected a two-letter ISO 639-1 code such as en or es, or und, not 'castellano'" in capsys.readouterr().err
    assert main(["export", "icews", "--db", db, "--lang", "es"]) == 2
    assert "--min-confidence and --lang filter events: use them with gdelt" in capsys.readouterr().err
    assert main(["docs", "--db", db]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["doc_id", "date", "lang"] and table[4].split()[:3] == ["un1", "2026-02-03", "und"]
