"""What a Spanish article costs against an English one of the same length (issue 18: at most 1.5x).

    python benchmarks/language_cost.py ../shared/benchmarks [--chars 1300] [--rounds 3]

Reads the real articles of BENCH/news_es (Spanish) and BENCH/news_real (English) by path (nothing is
copied), keeps those of at least ``--chars`` characters, cuts each at its last sentence end within
``--chars`` and takes the same number from each language. Then, in one process with both models
loaded and warmed up before the clock, it times in alternating rounds (English, Spanish, English, ...,
so a load from other work falls on both alike):

- ``spacy``: the language's spaCy model alone (`dyads.nlp.load_model`, ``nlp.pipe``);
- ``dyads``: the whole coding pipeline (`Pipeline.analyse`: parse, actors, events, places; no store).

Printed: per language the best round's seconds, ms per article and per 1,000 characters, and the
Spanish/English ratio per 1,000 characters (the articles' lengths differ a little after the cut).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from dyads.ingest import iter_documents
from dyads.model import Document
from dyads.pipeline import Pipeline
from dyads.settings import load

_SENTENCE_END = re.compile(r"[.!?\u201d\"](?=\s)")


def cut(text: str, chars: int) -> str:
    """``text`` up to its last sentence end within ``chars`` characters."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text[:chars + 1])]
    return text[:ends[-1]] if ends else text[:chars]


def articles(path: Path, lang: str, chars: int) -> list[Document]:
    docs = [d for d in iter_documents([path], 50_000_000) if isinstance(d, Document) and len(d.text) >= chars]
    return [replace(d, text=cut(d.text, chars), lang=lang, title=None) for d in docs]


def timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path, help="the shared benchmarks folder (news_es and news_real in it)")
    ap.add_argument("--chars", type=int, default=1300)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    es = articles(a.bench / "news_es" / "docs.jsonl", "es", a.chars)
    en = articles(a.bench / "news_real" / "docs.jsonl", "en", a.chars)
    n = min(len(es), len(en))
    sets = {"en": en[:n], "es": es[:n]}
    pipeline = Pipeline(load(progress=False))
    models = {}
    for lang, docs in sets.items():
        tools = pipeline.tools(lang)
        if isinstance(tools, str):
            raise SystemExit(tools)
        models[lang] = tools.nlp
        list(pipeline.analyse(docs[:2]))  # warm up: models, gazetteer, lexicons, date library
    best: dict[tuple[str, str], float] = {}
    for _ in range(a.rounds):
        for lang, docs in sets.items():
            texts = [d.text for d in docs]
            for what, s in (("spacy", timed(lambda: list(models[lang].pipe(texts)))),  # noqa: B023 (called at once)
                            ("dyads", timed(lambda: list(pipeline.analyse(docs))))):  # noqa: B023
                best[(lang, what)] = min(s, best.get((lang, what), s))
    chars = {lang: sum(len(d.text) for d in docs) for lang, docs in sets.items()}
    print(f"{n} articles per language, cut to at most {a.chars} characters "
          f"(en {chars['en'] / n:.0f}, es {chars['es'] / n:.0f} on average); best of {a.rounds} rounds; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| language | part | seconds | ms / article | ms / 1,000 characters |")
    print("|---|---|---:|---:|---:|")
    for (lang, what), s in sorted(best.items()):
        print(f"| {lang} | {what} | {s:.2f} | {1000 * s / n:.0f} | {1e6 * s / chars[lang]:.1f} |")
    for what in ("spacy", "dyads"):
        ratio = (best[("es", what)] / chars["es"]) / (best[("en", what)] / chars["en"])
        print(f"Spanish / English per 1,000 characters, {what}: {ratio:.2f}")


if __name__ == "__main__":
    sys.exit(main())
