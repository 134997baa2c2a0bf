"""File readers. Each yields `Document`s or raises `IngestError` naming the file (and line).

Supported: .txt/.md (title line, ``date``/``outlet``/``url``/``lang`` header lines, wire datelines),
.html/.htm (main text through trafilatura), .jsonl/.json (``id``, ``url``, ``title``, ``date``,
``outlet``, ``lang``, ``text`` or ``html``), RSS/Atom feeds (.xml/.rss/.atom). Every document's
language is the one given (a ``lang`` field or header), else detected (`dyads.ingest.language`).

Document ids are unique by source: a file's path relative to the ingested root (without the
extension; a file given by itself: its folder's name and its name), a feed item's host and GUID. Warnings (`IngestWarning`: a date not understood) are
yielded next to the documents they concern.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from dyads.ingest.dates import parse_date, parse_dateline
from dyads.ingest.errors import IngestError, IngestWarning, printable
from dyads.ingest.language import detect, normalise_code
from dyads.ingest.records import validate_record
from dyads.model import DatePrecision, Document

TEXT_EXT = {".txt", ".md"}
HTML_EXT = {".html", ".htm"}
JSON_EXT = {".jsonl", ".json", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom"}
SUPPORTED = TEXT_EXT | HTML_EXT | JSON_EXT | FEED_EXT

HEADER_RE = re.compile(r"^\s*(?P<key>date|outlet|url|source|lang)\s*:?\s+(?P<value>\S[^\n]*?)\s*$", re.I)
INLINE_DATE_RE = re.compile(r"^\s*date\s*:?\s*(\d{4}-\d{2}-\d{2})\s+", re.I)


def content_hash(doc: Document) -> str:
    """What makes a stored document current. Its language counts when it is one dyads codes other
    than as English: an English or undetermined document keeps the hash it had before dyads
    detected languages, a Spanish one stored then (coded as English) is coded again."""
    h = hashlib.sha256()
    lang = () if doc.lang in (None, "en") else (f"lang={doc.lang}",)
    for part in (doc.doc_id, doc.text, doc.title or "", doc.date or "", doc.url or "", doc.outlet or "", *lang):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def _finish(doc: Document) -> Document:
    """The document with its language (given, else detected) and its content hash."""
    if not doc.text.strip():
        raise IngestError(doc.path or doc.doc_id, "document has no text")
    doc = Document(**{**doc.__dict__, "lang": doc.lang or detect(doc.text)})
    return Document(**{**doc.__dict__, "content_hash": content_hash(doc)})


def _precision(p: str | None) -> DatePrecision | None:
    return p if p in ("day", "month", "year", "inferred") else None  # type: ignore[return-value]


def _read_bytes(path: Path, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(str(path), f"file is {size} bytes, over the limit of {max_bytes} (setting max_file_bytes)")
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise IngestError(str(path), "file is empty")
    if b"\x00" in raw[:8192]:
        raise IngestError(str(path), "file looks binary (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(str(path), f"invalid UTF-8 at byte {exc.start}") from exc


# "date 2026-01-30 In a rambling ...": an ISO date header with the first paragraph on the same line
GLUED_DATE_RE = re.compile(r"^\s*date\s*:?\s*(\d{4}-\d{2}-\d{2})[ \t]+(?=\S)", re.I)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
DATE_VALUE_RE = re.compile(  # a header value that is a date and nothing else (times and zones allowed)
    r"\d{4}-\d{2}(?:-\d{2})?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|" + _WEEKDAY + r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Za-z]{3,9}\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+\d{4}"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[A-Z]{2,4}|\s*[+-]\d{4})?)?", re.I)


def _is_header(line: str) -> bool:
    """``date|outlet|url|source [:] value``; a date header's value must be a date and nothing more, so
    body lines such as "Date palms were planted on May 3, 2026" are text, not metadata."""
    hm = HEADER_RE.match(line)
    if hm is None:
        return False
    if hm["key"].lower() == "lang":  # "lang es" (or es-MX); "Lang Son province ..." is text
        return normalise_code(hm["value"]) is not None
    if hm["key"].lower() != "date":
        return True
    return DATE_VALUE_RE.fullmatch(hm["value"]) is not None and parse_date(hm["value"])[0] is not None


def parse_plain(raw: str, doc_id: str, path: str | None = None, markdown: bool = False) -> Document:
    """Plain text or Markdown: optional title line, header lines, dateline; body kept verbatim."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    m = INLINE_DATE_RE.match(text)
    if m:  # " date 2026-01-30 In a rambling ..." — header glued to the first paragraph
        meta["date"] = m.group(1)
        text = text[m.end():]
    lines = text.split("\n")
    title: str | None = None
    kept: list[str] = []
    for i, line in enumerate(lines):
        gm = GLUED_DATE_RE.match(line) if i < 8 and "date" not in meta else None
        if gm:  # keep the paragraph, take the date
            meta["date"] = gm.group(1)
            line = line[gm.end():]
        stripped = line.strip()
        if gm is None and i < 8 and _is_header(line):
            hm = HEADER_RE.match(line)
            assert hm is not None
            meta[hm["key"].lower()] = hm["value"]
            continue
        if title is None and not kept and stripped and gm is None:
            candidate = stripped[2:].strip() if markdown and stripped.startswith("# ") else stripped
            next_header = i + 1 < len(lines) and (_is_header(lines[i + 1]) or GLUED_DATE_RE.match(lines[i + 1]) is not None)
            next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
            # A short line followed by a header line ("date 2026-01-31") is the title even when it ends
            # with a full stop ("... Finish the job."); otherwise a sentence-final line is body text.
            looks_title = (markdown and stripped.startswith("# ")) or (len(candidate) < 200 and (
                next_header or (not candidate.endswith((".", '"', "\u201d")) and next_blank)))
            if looks_title:
                title = candidate
                kept.append(candidate)
                continue
        kept.append(line)
    body = "\n".join(kept).strip("\n")
    lang = normalise_code(meta["lang"]) if "lang" in meta else detect(body)
    iso, precision = parse_date(meta["date"], lang=lang or "en") if "date" in meta else (None, None)
    outlet = meta.get("outlet") or meta.get("source")
    if iso is None:
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        first = paragraphs[1] if title and len(paragraphs) > 1 else (paragraphs[0] if paragraphs else "")
        iso, precision, dl_outlet, _ = parse_dateline(first.strip(), body, fallback=date.today(), lang=lang or "en")
        outlet = outlet or dl_outlet
    return _finish(Document(
        doc_id=doc_id, text=body, title=title, date=iso, date_precision=_precision(precision),
        url=meta.get("url"), outlet=outlet, path=path, lang=lang,
    ))


def parse_html(raw: str, doc_id: str, path: str | None = None, url: str | None = None,
               title: str | None = None, lang: str | None = None) -> Document:
    """Main text through trafilatura. ``title`` (from a JSONL record or feed item) wins over the page's;
    ``lang`` (a record's) over detection. The page's own ``lang`` attribute is not read: templates
    declare one language for every article of a site."""
    import trafilatura  # heavy import kept local

    try:  # dates from metadata only (no extensive search of the markup: base64 images are not dates)
        extracted = trafilatura.bare_extraction(raw, url=url, with_metadata=True, favor_precision=True,
                                                date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises assorted parser errors
        raise IngestError(path or doc_id, f"HTML could not be parsed: {exc}") from exc
    if extracted is None:
        raise IngestError(path or doc_id, "no main text found in HTML")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    # trafilatura puts one block per line: each block (and the headline) becomes its own paragraph
    body = "\n\n".join(line.strip() for line in str(data.get("text") or "").splitlines() if line.strip())
    if not body:
        raise IngestError(path or doc_id, "no main text found in HTML")
    title = (title or "").strip() or data.get("title") or None
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    text = f"{title}\n\n{body}" if title and body else body or title or ""
    lang = lang or detect(text)
    iso, precision = parse_date(str(data["date"]), lang=lang or "en") if data.get("date") else (None, None)
    if iso is None:  # visible text: a wire dateline in the lead paragraph
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        iso, precision, _, _ = parse_dateline(paragraphs[0].strip() if paragraphs else "", body,
                                              fallback=date.today(), lang=lang or "en")
    return _finish(Document(
        doc_id=doc_id, text=text, title=title, date=iso, date_precision=_precision(precision),
        url=url or data.get("url"), outlet=data.get("sitename") or None, path=path, lang=lang,
    ))


def from_record(raw: object, where: str, line: int | None, fallback_id: str,
                warnings: list[IngestWarning] | None = None) -> Document:
    """A JSON record (or feed item) as a `Document`; wrong field types are an `IngestError`, a date
    that is not understood is stored as unknown with a warning appended to ``warnings``."""
    rec = validate_record(raw, where, line)
    doc_id = _clean_id(str(rec.id)) if rec.id is not None else fallback_id
    if rec.html and not rec.text:
        try:
            doc = parse_html(rec.html, doc_id, path=where, url=rec.url, title=rec.title, lang=rec.lang)
        except IngestError as err:
            raise IngestError(where, err.problem, line) from err
    elif rec.text:
        body = rec.text.replace("\r\n", "\n").strip()
        text_ = f"{rec.title}\n\n{body}" if rec.title and not body.startswith(rec.title) else body
        doc = Document(doc_id=doc_id, text=text_, title=rec.title, path=where, lang=rec.lang)
    else:
        raise IngestError(where, "record has neither 'text' nor 'html'", line)
    lang = doc.lang or detect(doc.text)
    doc = Document(**{**doc.__dict__, "lang": lang})
    iso, precision = parse_date(rec.date, lang=lang or "en") if rec.date else (doc.date, doc.date_precision)
    if rec.date and iso is None and warnings is not None:
        warnings.append(IngestWarning(where, f"date {rec.date!r} not understood; the document is stored without a date "
                                             "unless its text has a dateline", line))
    outlet = rec.outlet or doc.outlet
    if iso is None:  # no usable date field: a wire dateline in the lead paragraph still dates the record
        paragraphs = [p for p in doc.text.split("\n\n") if p.strip()]
        lead = paragraphs[1] if doc.title and len(paragraphs) > 1 else (paragraphs[0] if paragraphs else "")
        iso, precision, dl_outlet, _ = parse_dateline(lead.strip(), doc.text, fallback=date.today(), lang=lang or "en")
        outlet = outlet or dl_outlet
    return _finish(Document(**{
        **doc.__dict__, "date": iso, "date_precision": _precision(precision),
        "url": rec.url or doc.url, "outlet": outlet, "path": where,
    }))


def _record_items(raw: object, where: str, line: int, fallback_id: str) -> Iterator[Document | IngestError]:
    """One record's document (after its warnings), or its error."""
    warnings: list[IngestWarning] = []
    try:
        doc = from_record(raw, where, line, fallback_id, warnings)
    except IngestError as err:
        yield err
        return
    yield from warnings
    yield doc


def read_json_lines(raw: str, path: Path, stem: str | None = None) -> Iterator[Document | IngestError]:
    """One document per line; a bad line is reported and the others still come through.
    Records without an ``id`` get ``STEM-N`` (N the line or position)."""
    stem = stem or path.stem
    where = printable(str(path))
    if path.suffix == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"malformed JSON: {exc.msg}", exc.lineno)
            return
        records = data if isinstance(data, list) else [data]
        for i, rec in enumerate(records, 1):
            yield from _record_items(rec, where, i, f"{stem}-{i}")
        return
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"malformed JSON line: {exc.msg}", lineno)
            continue
        except RecursionError:
            yield IngestError(where, "JSON nested too deeply", lineno)
            continue
        yield from _record_items(rec, where, lineno, f"{stem}-{lineno}")


def read_feed(raw: str, path: Path, stem: str | None = None) -> Iterator[Document | IngestError]:
    import feedparser

    where = printable(str(path))
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield IngestError(where, f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
        return
    feed_host = urlsplit(str(feed.feed.get("link") or "")).netloc
    for i, entry in enumerate(feed.entries, 1):
        content = entry.get("content")
        html = content[0].get("value") if content else entry.get("summary") or entry.get("description")
        html = html if isinstance(html, str) else None
        link = entry.get("link")
        guid = str(entry.get("id") or entry.get("guid") or "")
        rec: dict[str, object] = {
            "id": feed_item_id(guid, link, feed_host, f"{stem or path.stem}-{i}"),
            "url": link, "title": entry.get("title"),
            "date": entry.get("published") or entry.get("updated"), "outlet": feed.feed.get("title"),
        }
        warnings: list[IngestWarning] = []
        try:
            if html and "<" in html:
                try:
                    doc = from_record({**rec, "html": f"<html><body><article>{html}</article></body></html>"},
                                      where, None, str(rec["id"]), warnings)
                except IngestError:
                    warnings.clear()
                    doc = from_record({**rec, "text": html_lib.unescape(re.sub(r"<[^>]+>", " ", html))},
                                      where, None, str(rec["id"]), warnings)
            else:
                doc = from_record({**rec, "text": html_lib.unescape(html or "")}, where, None, str(rec["id"]), warnings)
        except IngestError as err:  # one bad item must not stop the rest of the feed
            yield err
            continue
        yield from warnings
        yield doc


def feed_item_id(guid: str, link: object, feed_host: str, fallback: str) -> str:
    """Unique by source: ``host/path`` for a URL GUID, ``host/GUID`` otherwise (the host of the item's
    link, else of the feed); the position in the feed when there is no GUID at all."""
    guid = guid.strip()
    if not guid:
        return fallback
    parts = urlsplit(guid)
    if parts.scheme in ("http", "https") and parts.netloc:
        return _clean_id(parts.netloc + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else ""))
    host = urlsplit(link).netloc if isinstance(link, str) else ""
    host = host or feed_host
    return _clean_id(f"{host}/{guid}" if host else guid)


_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def _clean_id(value: str) -> str:
    """An id as one printable line (no control characters, no bidi controls that would reorder it
    on a page, no surrounding slashes or blanks)."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", _BIDI.sub("", value)).strip(" /") or "item"


def doc_id_for(path: Path, root: Path | None = None) -> str:
    """The file's path relative to the ingested ``root`` without the extension, '/'-separated; for a
    file given by itself, the name of its folder (of the absolute path, whatever the working
    directory) and its name: ``a/report.txt`` and ``b/report.txt`` are ``a/report`` and
    ``b/report`` however they were named on the command line. Bytes of a file name that are not
    UTF-8 become ``%XX`` (so two such names stay two ids), control characters spaces."""
    if root is not None and root != path and root in path.parents:
        rel = path.relative_to(root)
    else:
        folder = Path(os.path.abspath(path)).parent.name
        rel = Path(folder, path.name) if folder else Path(path.name)
    stemmed = rel.with_name(rel.stem) if rel.suffix else rel
    return _clean_id(_escape_undecodable(stemmed.as_posix()))


def _escape_undecodable(name: str) -> str:
    """File-system text (undecodable bytes held as lone surrogates) with each such byte as ``%XX``."""
    return "".join(f"%{ord(c) - 0xDC00:02X}" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in name)


def read_path(path: Path, max_bytes: int, root: Path | None = None) -> Iterator[Document | IngestError]:
    """Read one file; yields documents, warnings and per-item errors (never raises for bad content).
    ``root`` is the directory the file was found under (for its id)."""
    ext = path.suffix.lower()
    where = printable(str(path))
    if ext not in SUPPORTED:
        yield IngestError(where, f"unsupported file type {ext or '(none)'}; expected one of {', '.join(sorted(SUPPORTED))}")
        return
    doc_id = doc_id_for(path, root)
    try:
        raw = _read_bytes(path, max_bytes)
        if ext in TEXT_EXT:
            yield parse_plain(raw, doc_id, where, markdown=ext == ".md")
        elif ext in HTML_EXT:
            yield parse_html(raw, doc_id, where)
        elif ext in JSON_EXT:
            yield from read_json_lines(raw, path, doc_id)
        else:
            yield from read_feed(raw, path, doc_id)
    except IngestError as err:
        yield err
    except RecursionError:  # pathologically nested markup
        yield IngestError(where, "markup nested too deeply to read")


def list_files(paths: list[Path]) -> Iterator[Path | IngestError]:
    """The article files under ``paths`` (directories recursively, sorted for reproducible runs);
    a missing path is an `IngestError`. Shared by `iter_documents` and the Spark engine."""
    for root in paths:
        if not root.exists():
            yield IngestError(printable(str(root)), "no such file or directory")
            continue
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for f in files:
            if root.is_dir() and (f.suffix.lower() not in SUPPORTED or f.name.startswith(".") or f.name.upper().startswith(("README", "MANIFEST"))):
                continue  # directories: only article files; README/MANIFEST describe the folder
            yield f


def iter_documents(paths: list[Path], max_bytes: int) -> Iterator[Document | IngestError]:
    """Files and directories (recursively, in sorted order for reproducible runs). A file found in a
    directory gets its id from its path relative to that directory (`read_path`)."""
    for root in paths:
        for f in list_files([root]):
            if isinstance(f, IngestError):
                yield f
            else:
                yield from read_path(f, max_bytes, root if root.is_dir() else None)
