"""Property-based fuzzing of every reader (issue 9): thousands of generated inputs, structured and
raw, must each give documents or one-line errors naming the file, never an unhandled exception.

Budget (examples): plain 2,500 + markdown 1,000 + JSON lines 2,000 + JSON 1,000 + HTML 1,000 +
feeds 1,000 + raw bytes through `read_path` 1,200 = 9,700, plus 800 through `code_text` in
tests/test_fuzz_code_text.py: 10,500 in all.
Runs derandomized (the same inputs every run) so CI is reproducible.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.ingest import IngestError, read_path
from dyads.ingest.readers import parse_html, parse_plain, read_feed, read_json_lines
from dyads.model import Document

# feedparser's notice about its updated/published fallback, once per generated feed
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")

FUZZ = settings(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])

# Characters that matter to the readers: line breaks of every kind, markup, entities, quotes,
# header words, datelines, NUL and other controls, and some non-ASCII.
SPECIAL = st.sampled_from(["\n", "\n\n", "\r", "\r\n", "\t", " ", "<", ">", "&", "&amp;", "\"", "'", "#", "# ",
                           "date ", "date: 2026-01-30", "outlet ", "url ", "HAVANA, Jan 20 (Reuters) - ",
                           "\x00", "\x0b", "\u2028", "\u00e9", "\u4e2d", "\U0001f600", "\ufeff", "--", ".", "2026"])
TEXT = st.lists(st.one_of(SPECIAL, st.text(max_size=12)), max_size=25).map("".join)


def check(items: list[Document | IngestError]) -> None:
    for item in items:
        if isinstance(item, IngestError):
            assert "\n" not in str(item) and str(item)
        else:
            assert isinstance(item, Document)
            assert item.text.strip() and len(item.content_hash) == 32
            assert "\n" not in item.doc_id and item.doc_id
            item.text.encode("utf-8")  # storable: no lone surrogates
            assert item.date is None or item.date[:4].isdigit()


def plain(raw: str, markdown: bool) -> list[Document | IngestError]:
    try:
        return [parse_plain(raw, "fuzz", "fuzz.md" if markdown else "fuzz.txt", markdown=markdown)]
    except IngestError as err:
        return [err]


@settings(FUZZ, max_examples=2_500)
@given(TEXT)
def test_plain_text(raw: str) -> None:
    check(plain(raw, markdown=False))


@settings(FUZZ, max_examples=1_000)
@given(TEXT)
def test_markdown(raw: str) -> None:
    check(plain(raw, markdown=True))


JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT)
JSON_VALUE = st.recursive(JSON_SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                          max_leaves=6)
FIELDS = st.sampled_from(["id", "url", "title", "date", "outlet", "text", "html", "other"])
RECORD = st.one_of(st.dictionaries(FIELDS, JSON_VALUE, max_size=7), JSON_VALUE)


@settings(FUZZ, max_examples=2_000)
@given(st.lists(st.one_of(RECORD.map(json.dumps), TEXT), max_size=4))
def test_json_lines(lines: list[str]) -> None:
    check(list(read_json_lines("\n".join(lines), Path("fuzz.jsonl"))))


@settings(FUZZ, max_examples=1_000)
@given(st.one_of(RECORD.map(json.dumps), st.lists(RECORD, max_size=3).map(json.dumps), TEXT))
def test_json_documents(raw: str) -> None:
    check(list(read_json_lines(raw, Path("fuzz.json"))))


TAGS = st.sampled_from(["p", "div", "h1", "article", "script", "style", "nav", "footer", "time", "img", "br", "table"])
HTML_PART = st.one_of(TEXT, st.builds(lambda t, body: f"<{t}>{body}</{t}>", TAGS, TEXT),
                      st.builds(lambda t: f"<{t}", TAGS), st.just("<meta name=\"date\" content=\"2026-02-03\">"))


@settings(FUZZ, max_examples=1_000)
@given(st.lists(HTML_PART, max_size=8).map("".join))
def test_html(body: str) -> None:
    raw = f"<html><head><title>t</title></head><body>{body}</body></html>" if len(body) % 2 else body
    try:
        items: list[Document | IngestError] = [parse_html(raw, "fuzz", "fuzz.html")]
    except IngestError as err:
        items = [err]
    check(items)


def _item(title: str, guid: str, date: str, desc: str) -> str:
    return f"<item><title>{title}</title><guid>{guid}</guid><pubDate>{date}</pubDate><description>{desc}</description></item>"


FEED_ITEM = st.builds(_item, TEXT, st.one_of(TEXT, st.just("https://a.example/news/1")), TEXT, TEXT)


@settings(FUZZ, max_examples=1_000)
@given(st.lists(FEED_ITEM, max_size=3), st.booleans(), TEXT)
def test_feeds(items: list[str], atom: bool, raw: str) -> None:
    if atom:
        doc = f"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title>{''.join(items)}{raw}</feed>"
    else:
        doc = f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>{''.join(items)}</channel></rss>{raw}"
    check(list(read_feed(doc, Path("fuzz.xml"))))


@settings(FUZZ, max_examples=1_200)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ".xml", ".bin"]))
def test_raw_bytes_through_read_path(tmp_path_factory: pytest.TempPathFactory, data: bytes, ext: str) -> None:
    path = tmp_path_factory.mktemp("raw") / f"f{ext}"
    path.write_bytes(data)
    check(list(read_path(path, 10_000)))
