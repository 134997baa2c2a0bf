"""How much a sentence triage could save: the share of sentences and tokens that could skip spaCy's
expensive pipes (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) because they can hold
neither an actor nor an event, and whether the coder really found nothing in them.

    .venv/bin/python benchmarks/triage_estimate.py FILE_OR_DIR [FILE_OR_DIR ...] [--articles N]

A sentence is *kept* (may hold an actor or an event) when any of these holds:

- a capitalised word other than its first token (a name: "... said Abbas Araghchi");
- its first token, lower-cased, is an agent noun or a title of the gazetteer, or names an actor
  ("Police fired ...", "Iran said ...");
- a token's lemma is a lexicon verb or event noun (CAMEO cue: "attacked", "talks");
- a token's lower-cased form or lemma is an agent noun or title ("protesters", "the minister").

The word lists are read through the existing loaders (`default_lexicon`, `default_gazetteer`).
This is an *upper bound* on what a real triage could skip: it reads lemmas and sentence boundaries
from the full parse, which a triage running before the parser would not have (it would need a
cheap splitter and inflection matching, both of which would keep at least as much). It then runs
the full per-article path (`Pipeline.analyse`) over the same documents and counts the events,
mentions and quantities that fall in sentences the triage would skip: a sound triage skips none.
Nothing here is run by the test suite; see docs/benchmarks.md, "Ratio to spaCy alone".
"""

from __future__ import annotations

import argparse
import os
import resource
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Span

from dyads.actors.gazetteer import Gazetteer
from dyads.events.lexicon import Lexicon
from dyads.ingest import iter_documents
from dyads.model import Document
from dyads.pipeline import Pipeline
from dyads.settings import Settings


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cue_words(lexicon: Lexicon, gazetteer: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """(event lemmas, actor words): lexicon verbs, event nouns and light verbs; agent nouns and
    every word of a title ("prime minister" gives "prime" and "minister")."""
    events = frozenset(lexicon.verbs) | frozenset(lexicon.nouns) | lexicon.support_verbs
    actors = {w for term in (*gazetteer.agents, *gazetteer.titles) for w in term.split()}
    return events, frozenset(actors)


def may_hold(sent: Span, events: frozenset[str], actors: frozenset[str], gazetteer: Gazetteer) -> bool:
    """True when the sentence may hold an actor or an event (see the module docstring)."""
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return False
    first = toks[0]
    if first.lower_ in actors or gazetteer.lookup(first.text):
        return True
    for t in toks:
        if t.i != first.i and t.is_alpha and (t.is_title or (t.is_upper and len(t) > 1)):
            return True
        if t.lemma_.lower() in events or t.lower_ in actors or t.lemma_.lower() in actors:
            return True
    return False


def read(paths: Iterable[Path], limit: int) -> list[Document]:
    docs = [d for d in iter_documents(list(paths), 50_000_000) if isinstance(d, Document)]
    return docs[:limit] if limit else docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", type=Path, nargs="+")
    ap.add_argument("--articles", type=int, default=0, help="at most this many documents (0: all)")
    a = ap.parse_args()
    docs = read(a.paths, a.articles)
    pipe = Pipeline(Settings(progress=False))
    events, actors = cue_words(pipe.lexicon, pipe.gazetteer)
    load, c = os.getloadavg()[0], _cpu()
    skip: list[list[bool]] = []  # per document, per sentence: would the triage skip it?
    n_sent = n_tok = s_sent = s_tok = 0
    for doc in pipe.nlp.pipe([d.text for d in docs], batch_size=16):
        flags = []
        for sent in doc.sents:
            keep = may_hold(sent, events, actors, pipe.gazetteer)
            flags.append(not keep)
            n_sent += 1
            n_tok += len(sent)
            if not keep:
                s_sent += 1
                s_tok += len(sent)
        skip.append(flags)
    parse_cpu = _cpu() - c
    lost_events = lost_mentions = lost_sentences_with_events = n_events = n_mentions = 0
    for flags, analysis in zip(skip, pipe.analyse(docs)):
        if len(analysis.sentences) != len(flags):
            raise SystemExit(f"{analysis.document.doc_id}: sentence count differs (long text cut in pieces?)")
        n_events += len(analysis.events)
        n_mentions += len(analysis.mentions)
        lost = [e for e in analysis.events if flags[e.sentence_index]]
        lost_events += len(lost)
        lost_sentences_with_events += len({e.sentence_index for e in lost})
        lost_mentions += sum(1 for m in analysis.mentions if flags[m.sentence_index])
    print(f"documents {len(docs)}: sentences {n_sent}, tokens {n_tok} (parse {parse_cpu:.1f} CPU s, load {load:.1f})")
    print(f"triage would skip: {s_sent} sentences ({s_sent / max(n_sent, 1):.1%}), "
          f"{s_tok} tokens ({s_tok / max(n_tok, 1):.1%})")
    print(f"coded in those sentences by the full path: {lost_events} of {n_events} events "
          f"(in {lost_sentences_with_events} sentences), {lost_mentions} of {n_mentions} actor mentions")


if __name__ == "__main__":
    main()
