"""Issue 21: document ids that distinguish what they come from: a file given by itself keeps its
folder's name, undecodable bytes of file names stay distinct, bidi controls never reach an id."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dyads.ingest.readers import doc_id_for, feed_item_id, read_path
from dyads.model import Document
from spine_support import write


def test_a_single_file_keeps_its_folder_whatever_the_working_directory(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    a = write(tmp_path / "a" / "report.txt", "x")
    monkeypatch.chdir(tmp_path / "a")
    assert doc_id_for(Path("report.txt")) == "a/report" == doc_id_for(a)
    assert doc_id_for(tmp_path / "b" / "report.txt") == "b/report"
    assert doc_id_for(a, tmp_path) == "a/report"  # found under a directory: relative to it (unchanged)
    assert doc_id_for(tmp_path / "a" / "x" / "y.md", tmp_path / "a") == "x/y"


def test_non_utf8_file_names_stay_distinct(tmp_path: Path) -> None:
    first = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    second = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe8.txt"))
    ids = {doc_id_for(first), doc_id_for(second)}
    assert len(ids) == 2 and all(i.endswith(("caf%E9", "caf%E8")) for i in ids)
    assert doc_id_for(tmp_path / "café.txt").endswith("/café")


def test_bidi_controls_never_reach_an_id(tmp_path: Path) -> None:
    assert feed_item_id("news\u202e1", "https://a.example/x", "", "f-1") == "a.example/news1"
    path = write(tmp_path / "r.jsonl", '{"id": "gpj.\\u202etxt", "text": "Cuba praised Mexico."}\n')
    doc = next(d for d in read_path(path, 10_000) if isinstance(d, Document))
    assert doc.doc_id == "gpj.txt"
