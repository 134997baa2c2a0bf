"""Readers: every supported format, the header/dateline forms, and errors that name the file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dyads.ingest import IngestError, iter_documents, read_path
from dyads.ingest.dates import year_near
from dyads.ingest.readers import content_hash, parse_plain
from dyads.model import Document
from spine_support import SAMPLE, write

MAX = 5_000_000


def read_all(path: Path, max_bytes: int = MAX) -> tuple[list[Document], list[IngestError]]:
    docs, errors = [], []
    for item in read_path(path, max_bytes):
        (errors if isinstance(item, IngestError) else docs).append(item)
    return docs, errors


def read_one(path: Path) -> Document:
    docs, errors = read_all(path)
    assert not errors, [str(e) for e in errors]
    assert len(docs) == 1
    return docs[0]


def assert_offsets_ok(doc: Document) -> None:
    assert doc.text == doc.text.strip("\n")
    assert doc.content_hash and len(doc.content_hash) == 32


# -- plain text ------------------------------------------------------------------------------

def test_txt_title_and_date_header(tmp_path: Path) -> None:
    p = write(tmp_path / "us_order.txt",
              "Trump signs order threatening tariffs\ndate 2026-01-30\n\nThe United States threatened tariffs on Mexico.\n\n"
              "Mexico said it would respond.\n")
    doc = read_one(p)
    assert doc.doc_id == f"{tmp_path.name}/us_order"  # a file by itself: its folder and name
    assert doc.title == "Trump signs order threatening tariffs"
    assert doc.date == "2026-01-30" and doc.date_precision == "day"
    assert doc.path == str(p)
    # the header line is metadata, not text; the title stays in the text
    assert "date 2026-01-30" not in doc.text
    assert doc.text.startswith("Trump signs order threatening tariffs\n")
    assert "Mexico said it would respond." in doc.text
    assert_offsets_ok(doc)


def test_txt_outlet_and_url_headers(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "A headline\ndate 2026-01-04\noutlet Havana Daily\nurl https://x.example/a\n\nBody text here.\n")
    doc = read_one(p)
    assert (doc.title, doc.date, doc.outlet, doc.url) == ("A headline", "2026-01-04", "Havana Daily", "https://x.example/a")
    assert "Havana Daily" not in doc.text


def test_title_ending_with_full_stop_before_header(tmp_path: Path) -> None:
    """A headline that ends with '.' is still the title when the date header follows it."""
    p = write(tmp_path / "op.txt", "Opinion: Cut off the oil. Finish the job.\ndate 2026-01-31\n\nBy a columnist\n\nThe order is right.\n")
    doc = read_one(p)
    assert doc.title == "Opinion: Cut off the oil. Finish the job."
    assert doc.date == "2026-01-31"


def test_sentence_first_line_is_not_a_title(tmp_path: Path) -> None:
    p = write(tmp_path / "s.txt", "Russia condemned the strikes on Monday.\n\nIt called them illegal.\n")
    doc = read_one(p)
    assert doc.title is None
    assert doc.text.startswith("Russia condemned")


def test_glued_date_header(tmp_path: Path) -> None:
    """`" date 2026-01-30 In a rambling ..."`: header and first paragraph on one line, leading space."""
    p = write(tmp_path / "glued.txt", " date 2026-01-30 In a rambling address, the president threatened tariffs on Mexico.\n\n"
                                      "Mexico rejected the threat.\n")
    doc = read_one(p)
    assert doc.date == "2026-01-30" and doc.date_precision == "day"
    assert doc.text.startswith("In a rambling address")
    assert "2026-01-30" not in doc.text


def test_wire_dateline_year_from_text(tmp_path: Path) -> None:
    p = write(tmp_path / "wire.txt", "Cuba rejects order\n\nHAVANA, Jan 20 (Reuters) - Cuba rejected the order on Tuesday, "
                                     "calling it the worst measure since 2024 and 2026 alike.\n")
    doc = read_one(p)
    assert doc.date == "2026-01-20" and doc.date_precision == "inferred"  # the latest year the text mentions
    assert doc.outlet == "Reuters"
    assert doc.text.startswith("Cuba rejects order\n\nHAVANA, Jan 20 (Reuters) -")  # dateline stays in the text


def test_wire_dateline_abbreviated_month_em_dash(tmp_path: Path) -> None:
    p = write(tmp_path / "mx.txt", "MEXICO CITY, Feb. 2 (Wire) \u2014 Mexico paused a shipment to Cuba, officials said in 2026.\n")
    doc = read_one(p)
    assert (doc.date, doc.outlet, doc.title) == ("2026-02-02", "Wire", None)


def test_dateline_without_any_year_uses_named_weekday(tmp_path: Path) -> None:
    """No year anywhere: Feb. 7 'on Saturday' is 2026-02-07 (the sample's cuba_blackouts file)."""
    doc = read_one(SAMPLE / "cuba_blackouts_fuel_shortage.txt")
    assert doc.date == "2026-02-07"
    assert doc.outlet == "Caribbean Report"


def test_no_date_anywhere_is_none_not_today(tmp_path: Path) -> None:
    p = write(tmp_path / "nodate.txt", "An editorial\n\nThe blockade is criminal. The people will not kneel.\n")
    doc = read_one(p)
    assert doc.date is None and doc.date_precision is None
    granma = read_one(SAMPLE / "granma_style_blockade_editorial.txt")
    assert granma.date is None


def test_header_date_wins_over_dateline(tmp_path: Path) -> None:
    p = write(tmp_path / "both.txt", "Title here\ndate 2026-03-01\n\nHAVANA, Feb. 7 (Wire) - Text in 2026.\n")
    assert read_one(p).date == "2026-03-01"


def test_crlf_normalised(tmp_path: Path) -> None:
    p = write(tmp_path / "crlf.txt", b"Title line\r\ndate 2026-01-02\r\n\r\nBody one.\r\n\r\nBody two.\r\n")
    doc = read_one(p)
    assert "\r" not in doc.text
    assert doc.date == "2026-01-02"
    assert doc.text == "Title line\n\nBody one.\n\nBody two."


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    p = write(tmp_path / "bom.txt", "\ufeffTitle\ndate 2026-01-02\n\nBody.\n".encode())
    doc = read_one(p)
    assert doc.title == "Title" and not doc.text.startswith("\ufeff")


# -- markdown --------------------------------------------------------------------------------

def test_md_title_and_date_colon(tmp_path: Path) -> None:
    p = write(tmp_path / "rice.md", "# China delivers rice to Cuba\n\ndate: 2026-02-06\n\nA ship carrying rice docked in Mariel.\n")
    doc = read_one(p)
    assert doc.title == "China delivers rice to Cuba"
    assert doc.date == "2026-02-06"
    assert doc.text.startswith("China delivers rice to Cuba")  # the "# " marker is not part of the text
    assert "date:" not in doc.text


def test_md_sample_file() -> None:
    doc = read_one(SAMPLE / "opinion_murderous_sanctions.md")
    assert doc.title is not None and doc.title.startswith("Opinion: Trump's murderous sanctions")
    assert doc.date == "2026-02-02"
    assert "*By a guest contributor*" in doc.text


# -- html ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Cuba and Mexico sign a deal | Site</title>
<meta property="article:published_time" content="2026-02-05T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<form><input name="q" placeholder="Search"></form>
<article><h1>Cuba and Mexico sign a deal</h1>
<p>Mexico and Cuba signed an energy cooperation agreement in Havana on Thursday, officials from both governments said.</p>
<p>The agreement covers oil deliveries, repairs to power plants and the training of engineers, according to Cuba&#39;s
energy ministry, which called it a sign of solidarity.</p>
<p>Mexican President Claudia Sheinbaum said the accord was humanitarian and would not violate any international rule.</p>
</article>
<footer>Copyright 2026 Example Media. All rights reserved. Cookie settings. Subscribe to our newsletter.</footer>
</body></html>"""


def test_html_main_text_title_and_meta_date(tmp_path: Path) -> None:
    p = write(tmp_path / "deal.html", PAGE)
    doc = read_one(p)
    assert doc.doc_id == f"{tmp_path.name}/deal"
    assert doc.title and "Cuba and Mexico sign a deal" in doc.title
    assert doc.date == "2026-02-05"
    assert doc.text.startswith(doc.title)
    assert "energy cooperation agreement" in doc.text
    assert "Cuba's" in doc.text  # entities decoded
    for boilerplate in ("Copyright", "All rights reserved", "Cookie", "Search", "Sport"):
        assert boilerplate not in doc.text, boilerplate


def test_html_sample_boilerplate_removed() -> None:
    doc = read_one(SAMPLE / "analysis_cuba_fuel_supply.html")
    assert doc.date == "2026-02-03"
    assert doc.title and doc.title.startswith("Analysis:")
    low = doc.text.lower()
    assert "newsletter" not in low and "cookie" not in low
    assert "Piñón" in doc.text  # &ntilde; / &iacute; decoded


def test_html_without_main_text_is_an_error(tmp_path: Path) -> None:
    p = write(tmp_path / "empty.html", "<html><head><title></title></head><body><div></div></body></html>")
    docs, errors = read_all(p)
    assert not docs and len(errors) == 1
    assert str(p) in str(errors[0])


# -- json lines ------------------------------------------------------------------------------

def record(i: int, **extra: object) -> dict[str, object]:
    rec: dict[str, object] = {"id": f"r{i}", "url": f"https://w.example/{i}", "title": f"Headline {i}",
                              "date": "2026-01-31", "outlet": "Meridian Wire",
                              "text": f"HAVANA, Jan 31 (Meridian Wire) - Cuba rejected order {i}.\n\nSecond paragraph."}
    rec.update(extra)
    return rec


def test_jsonl_records(tmp_path: Path) -> None:
    p = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(record(i)) for i in (1, 2)) + "\n")
    docs, errors = read_all(p)
    assert not errors
    assert [d.doc_id for d in docs] == ["r1", "r2"]
    d = docs[0]
    assert (d.title, d.date, d.url, d.outlet, d.path) == ("Headline 1", "2026-01-31", "https://w.example/1", "Meridian Wire", str(p))
    assert d.text == "Headline 1\n\nHAVANA, Jan 31 (Meridian Wire) - Cuba rejected order 1.\n\nSecond paragraph."


def test_jsonl_html_record_keeps_record_title(tmp_path: Path) -> None:
    html = PAGE.replace("<title>Cuba and Mexico sign a deal | Site</title>", "")
    p = write(tmp_path / "h.jsonl", json.dumps({"id": "h1", "title": "Record title", "date": "2026-02-04", "html": html}) + "\n")
    doc = read_one(p)
    assert doc.title == "Record title"
    assert doc.date == "2026-02-04"  # the record's date wins over the page's meta
    assert "energy cooperation agreement" in doc.text and "Copyright" not in doc.text


def test_jsonl_without_date_uses_dateline(tmp_path: Path) -> None:
    p = write(tmp_path / "nd.jsonl", json.dumps(record(3, date=None, outlet=None)) + "\n")
    doc = read_one(p)
    # the dateline names no year and no weekday: the year is the ingest date's, flagged inferred
    today = date.today()
    assert doc.date == f"{year_near(1, 31, today)}-01-31" and doc.date_precision == "inferred"
    p2 = write(tmp_path / "nd2.jsonl", json.dumps(record(4, date=None, outlet=None, text="HAVANA, Jan 31 (Meridian Wire) - "
                                                                                      "In 2026 Cuba rejected the order.")) + "\n")
    doc2 = read_one(p2)
    assert (doc2.date, doc2.date_precision, doc2.outlet) == ("2026-01-31", "inferred", "Meridian Wire")


def test_jsonl_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    lines = [json.dumps(record(1)), '{"id": "broken", "text": ', json.dumps(record(3)), "", json.dumps({"id": "notext"})]
    p = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    docs, errors = read_all(p)
    assert [d.doc_id for d in docs] == ["r1", "r3"]
    assert len(errors) == 2
    assert errors[0].path == str(p) and errors[0].line == 2
    assert f"{p}:2" in str(errors[0]) and "malformed JSON" in str(errors[0])
    assert errors[1].line == 5 and "neither 'text' nor 'html'" in str(errors[1])


def test_jsonl_id_falls_back_to_stem_and_line(tmp_path: Path) -> None:
    p = write(tmp_path / "noid.jsonl", json.dumps({"text": "Russia condemned the strikes."}) + "\n")
    assert read_one(p).doc_id == f"{tmp_path.name}/noid-1"


def test_json_array_file(tmp_path: Path) -> None:
    p = write(tmp_path / "arr.json", json.dumps([record(1), record(2)]))
    docs, errors = read_all(p)
    assert not errors and [d.doc_id for d in docs] == ["r1", "r2"]


def test_sample_jsonl() -> None:
    docs, errors = read_all(SAMPLE / "wire_batch.jsonl")
    assert not errors
    assert [d.doc_id for d in docs] == ["wb-2026-0131-001", "wb-2026-0203-002", "wb-2026-0209-003"]
    assert all(d.outlet == "Meridian Wire" and d.date and d.url for d in docs)


# -- feeds -----------------------------------------------------------------------------------

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Desk</title><link>https://t.example</link><description>d</description>
<item><title>Israel strikes Lebanon</title><link>https://t.example/a</link>
<pubDate>Sun, 08 Feb 2026 10:00:00 +0000</pubDate><guid isPermaLink="true">https://t.example/world/israel-strikes/</guid>
<description>&lt;p&gt;Israeli air strikes hit villages in southern Lebanon on Sunday, the health ministry said.&lt;/p&gt;&lt;p&gt;Lebanon condemned the strikes as a violation of the truce and appealed to France for help.&lt;/p&gt;</description></item>
<item><title>Mexico sends aid</title><link>https://t.example/b</link>
<pubDate>Tue, 10 Feb 2026 15:40:00 +0000</pubDate><guid isPermaLink="false">t-2026-02-10-aid</guid>
<description>Mexico will send two navy ships with food to Cuba, the president said.

Cuba thanked Mexico.</description></item>
</channel></rss>"""


def test_rss_feed_one_doc_per_item(tmp_path: Path) -> None:
    p = write(tmp_path / "news.xml", FEED)
    docs, errors = read_all(p)
    assert not errors
    assert [d.doc_id for d in docs] == ["t.example/world/israel-strikes", "t.example/t-2026-02-10-aid"]  # host + GUID
    a, b = docs
    assert (a.date, b.date) == ("2026-02-08", "2026-02-10")
    assert (a.title, b.title) == ("Israel strikes Lebanon", "Mexico sends aid")
    assert a.outlet == b.outlet == "Test Desk"
    assert a.url == "https://t.example/a"
    assert "<p>" not in a.text and "violation of the truce" in a.text
    assert b.text == "Mexico sends aid\n\nMexico will send two navy ships with food to Cuba, the president said.\n\nCuba thanked Mexico."


def test_sample_feed_items_have_titles_and_dates() -> None:
    docs, errors = read_all(SAMPLE / "feed.xml")
    assert not errors and len(docs) == 2
    assert [d.date for d in docs] == ["2026-02-10", "2026-02-08"]
    assert all(d.title and d.text.startswith(d.title) for d in docs)


def test_not_a_feed(tmp_path: Path) -> None:
    p = write(tmp_path / "junk.xml", "this is not xml at all <<<")
    docs, errors = read_all(p)
    assert not docs and len(errors) == 1 and str(p) in str(errors[0])


# -- bad files -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, problem", [
    ("bin.txt", b"GIF89a\x00\x01\x02\x00\x00binary", "binary"),
    ("latin1.txt", "Caf\u00e9 in Havana, the ministry said.".encode("latin-1"), "invalid UTF-8"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n \n", "empty"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type"),
])
def test_bad_files_name_the_file(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    p = write(tmp_path / name, content)
    docs, errors = read_all(p)
    assert not docs and len(errors) == 1
    assert errors[0].path == str(p)
    assert str(p) in str(errors[0]) and problem in str(errors[0])


def test_oversize_file(tmp_path: Path) -> None:
    p = write(tmp_path / "big.txt", "Title\n\n" + "Russia condemned the strikes. " * 100)
    docs, errors = read_all(p, max_bytes=1000)
    assert not docs and len(errors) == 1
    assert str(p) in str(errors[0]) and "max_file_bytes" in str(errors[0])
    assert read_all(p, max_bytes=10_000)[0]


def test_only_headers_no_text(tmp_path: Path) -> None:
    p = write(tmp_path / "hdr.txt", "date 2026-01-02\n")
    docs, errors = read_all(p)
    assert not docs and errors and str(p) in str(errors[0])


# -- directories, ids, hashes ----------------------------------------------------------------

def test_iter_documents_directory(tmp_path: Path) -> None:
    write(tmp_path / "c" / "b.txt", "Title B\n\nBody b.\n")
    write(tmp_path / "c" / "sub" / "a.txt", "Title A\n\nBody a.\n")
    write(tmp_path / "c" / "README.md", "# not an article\n")
    write(tmp_path / "c" / ".hidden.txt", "x\n")
    write(tmp_path / "c" / "image.png", b"\x89PNG\x00")
    items = list(iter_documents([tmp_path / "c", tmp_path / "missing"], MAX))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.doc_id for d in docs] == ["b", "sub/a"]  # sorted paths; ids relative to the ingested root
    assert len(errors) == 1 and "missing" in str(errors[0])


def test_sample_corpus_reads_cleanly() -> None:
    items = list(iter_documents([SAMPLE], MAX))
    errors = [i for i in items if isinstance(i, IngestError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert not errors
    assert len(docs) == 25 and len({d.doc_id for d in docs}) == 25
    undated = [d.doc_id for d in docs if d.date is None]
    assert undated == ["granma_style_blockade_editorial"]


def test_content_hash_stable_and_sensitive() -> None:
    a = parse_plain("Title\ndate 2026-01-02\n\nRussia condemned the strikes.\n", "doc")
    b = parse_plain("Title\ndate 2026-01-02\n\nRussia condemned the strikes.\n", "doc")
    c = parse_plain("Title\ndate 2026-01-02\n\nRussia praised the strikes.\n", "doc")
    d = parse_plain("Title\ndate 2026-01-03\n\nRussia condemned the strikes.\n", "doc")
    assert a.content_hash == b.content_hash == content_hash(a)
    assert len({a.content_hash, c.content_hash, d.content_hash}) == 3
    assert content_hash(Document(**{**a.__dict__, "path": "/elsewhere"})) == a.content_hash  # the path is not content


def test_glued_date_header_after_title_keeps_the_paragraph(tmp_path: Path) -> None:
    p = write(tmp_path / "g2.txt", "Trump threatens Mexico\n date 2026-01-30 In a rambling address, Trump threatened Mexico.\n\nMore.\n")
    doc = read_one(p)
    assert (doc.title, doc.date) == ("Trump threatens Mexico", "2026-01-30")
    assert "In a rambling address, Trump threatened Mexico." in doc.text and "2026-01-30" not in doc.text


@pytest.mark.parametrize("header", ["date: Friday, January 30, 2026", "date 30 January 2026", "Date: 2026-01-30T08:00:00Z",
                                    "date: Fri, 30 Jan 2026 15:40:00 +0000"])
def test_date_header_forms(tmp_path: Path, header: str) -> None:
    doc = read_one(write(tmp_path / "h.txt", f"A title\n{header}\n\nBody text.\n"))
    assert (doc.title, doc.date, doc.text) == ("A title", "2026-01-30", "A title\n\nBody text.")


def test_body_line_starting_with_date_is_text(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "palm.txt", "Palm harvest\n\nDate palms were planted on May 3, 2026 in the oasis.\n"))
    assert doc.date is None and "Date palms were planted" in doc.text
