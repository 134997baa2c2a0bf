"""Generate a large corpus by recombining the team-written texts in corpus/ (no outside text).

    .venv/bin/python benchmarks/gen_corpus.py OUT_DIR [--articles 4000] [--batch 200] [--seed 7]
        [--days 730] [--late 0.1] [--copies 0.05]

Each article is a title and paragraphs drawn from different bundled documents until it has at
least ``--words`` (230) words, dated on one of ``--days`` days and published by one of 40
outlets. Articles are written as JSON lines, ``--batch`` per file (``batch_0000.jsonl``, ...), in
date order as a feed would deliver them, except that a ``--late`` share of each batch is dated
earlier (late or archive arrivals, which the incremental analysis must fit into old stories).
A ``--copies`` share are syndicated copies of an earlier article (other outlet, same or next
day, last paragraph sometimes cut), so syndication has work to do.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = [f"{city} {kind}" for city in ("Northport", "Lakeside", "Eastbridge", "Riverton", "Hillcrest", "Bayview",
                                          "Westfield", "Stonegate")
           for kind in ("Herald", "Courier", "Times", "Post", "Observer")]


def paragraphs() -> list[tuple[str, str]]:
    """(title, paragraph) pairs from every bundled document (paragraphs of 12+ words)."""
    from dyads.ingest import iter_documents
    from dyads.model import Document

    out = []
    for doc in iter_documents([ROOT / "corpus" / "sample", ROOT / "corpus" / "overlap"], 50_000_000):
        if not isinstance(doc, Document):
            continue
        text = doc.text[len(doc.title):] if doc.title and doc.text.startswith(doc.title) else doc.text
        for para in re.split(r"\n\s*\n", text):
            para = " ".join(para.split())
            if len(para.split()) >= 12:
                out.append((doc.title or "Report", para))
    return out


def generate(out: Path, articles: int, batch: int, seed: int, days: int, late: float, copies: float,
             words: int = 230) -> int:
    rng = random.Random(seed)
    pool = paragraphs()
    start = date(2024, 1, 1)
    out.mkdir(parents=True, exist_ok=True)
    made: list[dict[str, str]] = []
    for b in range(0, articles, batch):
        lines = []
        for i in range(b, min(b + batch, articles)):
            day = start + timedelta(days=int(days * i / articles))
            if rng.random() < late:
                day = start + timedelta(days=rng.randrange(0, max(1, (day - start).days + 1)))
            outlet = rng.choice(OUTLETS)
            if made and rng.random() < copies:
                src = rng.choice(made[-500:])
                paras = src["text"].split("\n\n")
                if len(paras) > 3 and rng.random() < 0.5:
                    paras = paras[:-1]
                rec = {"title": src["title"], "text": "\n\n".join(paras),
                       "date": (date.fromisoformat(src["date"]) + timedelta(days=rng.randrange(2))).isoformat()}
            else:
                title, first = rng.choice(pool)
                paras = [first]
                while sum(len(p.split()) for p in paras) < words:
                    paras.append(rng.choice(pool)[1])
                rec = {"title": title, "text": "\n\n".join(paras), "date": day.isoformat()}
            rec.update(id=f"gen{i:06d}", outlet=outlet, url=f"https://{outlet.lower().replace(' ', '')}.example/{i}")
            made.append(rec)
            lines.append(json.dumps({**rec, "text": rec["title"] + "\n\n" + rec["text"]}, ensure_ascii=False))
        (out / f"batch_{b // batch:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(made)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--late", type=float, default=0.1)
    ap.add_argument("--copies", type=float, default=0.05)
    ap.add_argument("--words", type=int, default=230)
    a = ap.parse_args()
    n = generate(a.out, a.articles, a.batch, a.seed, a.days, a.late, a.copies, a.words)
    print(f"{n} articles in {a.out}")


if __name__ == "__main__":
    main()
