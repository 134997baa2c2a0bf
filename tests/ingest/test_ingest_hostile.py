"""Hostile and awkward input at the readers (issue 9): every problem is one line naming the file
(and line), the other documents still come through, ids are unique by source, and metadata is
never invented or silently coerced."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dyads.ingest import IngestError, IngestWarning, iter_documents, read_path
from dyads.ingest.readers import feed_item_id
from dyads.model import Document
from spine_support import write

MAX = 5_000_000


def split(items: list[Document | IngestError]) -> tuple[list[Document], list[IngestError], list[IngestWarning]]:
    docs = [i for i in items if isinstance(i, Document)]
    warnings = [i for i in items if isinstance(i, IngestWarning)]
    errors = [i for i in items if isinstance(i, IngestError) and not isinstance(i, IngestWarning)]
    return docs, errors, warnings


# -- item 3: one bad record or file name never stops the rest --------------------------------

@pytest.mark.parametrize(("record", "field", "given"), [
    ({"id": "x", "text": "Cuba thanked Mexico.", "url": 12}, "url", "a number"),
    ({"id": "x", "text": "Cuba thanked Mexico.", "outlet": ["a"]}, "outlet", "an array"),
    ({"id": "x", "text": 12345}, "text", "a number"),
    ({"id": "x", "text": ["list"]}, "text", "an array"),
    ({"id": "x", "text": "Cuba thanked Mexico.", "title": {"a": 1}}, "title", "an object"),
    ({"id": "x", "text": "Cuba thanked Mexico.", "date": 20260101}, "date", "a number"),
    ({"id": True, "text": "Cuba thanked Mexico."}, "id", "a boolean"),
])
def test_wrong_json_types_are_line_errors_and_the_rest_lands(tmp_path: Path, record: dict[str, object],
                                                               field: str, given: str) -> None:
    good = {"id": "ok", "text": "Mexico sent food to Cuba."}
    p = write(tmp_path / "mixed.jsonl", "\n".join(json.dumps(r) for r in (good, record, {**good, "id": "ok2"})) + "\n")
    docs, errors, _ = split(list(read_path(p, MAX)))
    assert [d.doc_id for d in docs] == ["ok", "ok2"]
    assert len(errors) == 1 and errors[0].line == 2
    assert f"field {field!r}" in str(errors[0]) and given in str(errors[0]) and "mixed.jsonl:2" in str(errors[0])


def test_json_top_level_not_an_object(tmp_path: Path) -> None:
    p = write(tmp_path / "a.json", json.dumps([1, {"id": "b", "text": "Cuba thanked Mexico."}]))
    docs, errors, _ = split(list(read_path(p, MAX)))
    assert [d.doc_id for d in docs] == ["b"] and "expected a JSON object, got a number" in str(errors[0])


def test_unknown_date_warns_by_file_and_line(tmp_path: Path) -> None:
    p = write(tmp_path / "d.jsonl", json.dumps({"id": "a", "date": "yesterday", "text": "Cuba thanked Mexico."}) + "\n")
    docs, errors, warnings = split(list(read_path(p, MAX)))
    assert not errors and docs[0].date is None
    assert len(warnings) == 1 and "d.jsonl:1" in str(warnings[0]) and "'yesterday' not understood" in str(warnings[0])


@pytest.mark.skipif(os.name != "posix", reason="byte file names")
def test_file_name_not_utf8_is_read_and_named(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    bad = os.fsdecode(b"r\xe9port.txt")
    (d / bad).write_text("Title\n\nCuba thanked Mexico.\n", encoding="utf-8")
    write(d / "ok.txt", "Title\n\nMexico sent food to Cuba.\n")
    docs, errors, _ = split(list(iter_documents([d], MAX)))
    assert not errors and sorted(x.doc_id for x in docs) == ["ok", "r%E9port"]  # the byte kept, as %XX
    for doc in docs:  # everything stored is valid UTF-8
        assert (doc.path or "").encode("utf-8") and doc.doc_id.encode("utf-8")


def test_newline_in_file_name_stays_out_of_doc_id(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "two\nlines.txt").write_text("Title\n\nCuba thanked Mexico.\n", encoding="utf-8")
    (d / "empty\nfile.txt").write_text("", encoding="utf-8")
    docs, errors, _ = split(list(iter_documents([d], MAX)))
    assert [x.doc_id for x in docs] == ["two lines"]
    assert len(errors) == 1 and "\n" not in str(errors[0]) and "empty\\nfile.txt" in str(errors[0])


# -- item 4: ids unique by source -------------------------------------------------------------

def test_feed_ids_keep_host_and_path() -> None:
    assert feed_item_id("https://a.example/news/1", None, "", "f-1") == "a.example/news/1"
    assert feed_item_id("https://b.example/story/1", None, "", "f-1") == "b.example/story/1"
    assert feed_item_id("t-2026-02-10-aid", "https://t.example/b", "feed.example", "f-1") == "t.example/t-2026-02-10-aid"
    assert feed_item_id("guid-7", None, "feed.example", "f-1") == "feed.example/guid-7"
    assert feed_item_id("", None, "", "f-3") == "f-3"


def test_same_file_name_in_two_folders_gives_two_ids(tmp_path: Path) -> None:
    write(tmp_path / "root" / "a" / "report.txt", "A\n\nCuba thanked Mexico.\n")
    write(tmp_path / "root" / "b" / "report.txt", "B\n\nMexico sent food to Cuba.\n")
    docs, errors, _ = split(list(iter_documents([tmp_path / "root"], MAX)))
    assert not errors and [d.doc_id for d in docs] == ["a/report", "b/report"]


# -- item 9: HTML blocks and dates ------------------------------------------------------------

def test_html_headline_and_blocks_are_separate_paragraphs(tmp_path: Path) -> None:
    page = ("<html><head><title>Cuba Rejects Demands</title></head><body><article>"
            "<h1>Cuba Rejects Demands</h1><p>Foreign Minister Bruno Rodriguez rejected the demands on Monday "
            "in Havana, calling them an insult to the Cuban people and their history.</p>"
            "<p>Mexico sent food to Cuba on Tuesday, officials in Mexico City said, and more ships are expected.</p>"
            "</article></body></html>")
    doc = next(d for d in read_path(write(tmp_path / "p.html", page), MAX) if isinstance(d, Document))
    assert doc.text.startswith("Cuba Rejects Demands\n\nForeign Minister")
    assert "history.\n\nMexico sent" in doc.text


def test_html_date_never_from_a_base64_image(tmp_path: Path) -> None:
    img = "data:image/png;base64,iVBORw0KGgo" + "19950101" + "AAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    page = (f"<html><head><title>Talks</title></head><body><article><img src=\"{img}\"/>"
            "<p>Mexico and Cuba held talks on trade and energy supplies, officials from both governments said "
            "after a long meeting that ended without a joint statement.</p></article></body></html>")
    doc = next(d for d in read_path(write(tmp_path / "p.html", page), MAX) if isinstance(d, Document))
    assert doc.date is None


# -- item 11: feed text entities ----------------------------------------------------------------

def test_feed_text_entities_are_decoded(tmp_path: Path) -> None:
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example</link>
<item><title>Trade</title><guid isPermaLink="false">g1</guid>
<description>Mexico &amp;amp; Cuba signed a trade deal on Monday, officials said.</description></item>
</channel></rss>"""
    docs, errors, _ = split(list(read_path(write(tmp_path / "f.xml", feed), MAX)))
    assert not errors and "&amp;" not in docs[0].text and "Mexico & Cuba" in docs[0].text
