"""The CAMEO code table and the verb/noun lexicon, loaded from versioned data files.

Pattern semantics (all keys optional; every key present must match):
  object   lemmas of the direct object's head (or the object phrase, "medical supply")
  xcomp    lemmas of a complement verb ("threaten TO IMPOSE")
  prep     prepositions whose object is the target ("impose sanctions ON Cuba")
  particle verb particle ("cut OFF")
  subject  lemmas of the subject's head ("WARPLANES struck" is an air strike)
More specific patterns (more keys) win over less specific ones.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyads.model import CameoCode


@dataclass(frozen=True)
class Pattern:
    code: str
    object: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    note: str = ""

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.object, self.xcomp, self.particle, self.complement, self.subject)) * 2 + bool(self.prep)


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    default: str | None
    patterns: tuple[Pattern, ...]
    target_prep: frozenset[str]


@dataclass(frozen=True)
class NounEntry:
    lemma: str
    code: str
    target_prep: frozenset[str]
    support_only: bool = False  # names an act only as a light verb's object ("launched an offensive")


@dataclass(frozen=True)
class Lexicon:
    codes: dict[str, CameoCode]
    verbs: dict[str, VerbEntry]
    nouns: dict[str, NounEntry]
    discards: tuple[str, ...]
    framing: dict[str, str]
    modality: dict[str, tuple[str, ...]]
    # light verbs whose event noun object names the act ("ordered the shipment of diesel to Cuba",
    # "responded with tariffs on US goods"): the noun's code, the verb's subject as source
    support_verbs: frozenset[str] = frozenset()
    # event nouns whose possessor undergoes the act ("his arrest"): the possessor is the target
    patient_nouns: frozenset[str] = frozenset()
    # words by which a speaker condemns what someone did ("absurd", "reckless", "a failure")
    evaluations: frozenset[str] = frozenset()
    # act code (or prefix) -> the CAMEO code of an expressed intent to it ("085" -> "0354")
    intents: dict[str, str] = field(default_factory=dict)
    # act code (or prefix) -> the CAMEO code of refusing it ("085" -> "1244")
    refusals: dict[str, str] = field(default_factory=dict)
    # act code (or prefix) -> the CAMEO code of threatening it ("19" -> "1384")
    threats: dict[str, str] = field(default_factory=dict)

    def code(self, code: str) -> CameoCode:
        """The table row for ``code``, falling back to its parent codes."""
        c = code
        while c:
            if c in self.codes:
                return self.codes[c]
            c = c[:-1]
        raise KeyError(f"unknown CAMEO code {code!r}")


def _lset(values: Any) -> frozenset[str]:
    if values is None:
        return frozenset()
    if isinstance(values, (str, bool)):
        values = [values]
    return frozenset(_word(v) for v in values)


def _word(v: Any) -> str:
    """YAML 1.1 reads bare on/off/yes/no as booleans; in this lexicon they are words."""
    if v is True:
        return "on"
    if v is False:
        return "off"
    return str(v).lower()


def _code(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip().strip('"')
    return s or None


def read_codes(path: Path) -> dict[str, CameoCode]:
    out: dict[str, CameoCode] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out[r["code"]] = CameoCode(
                code=r["code"], name=r["name"], root=r["root"], goldstein=float(r["goldstein"]),
                quad_class=int(r["quad_class"]), plover_event=r.get("plover_event") or None,
                plover_mode=r.get("plover_mode") or None, plover_context=r.get("plover_context") or None,
            )
    return out


def parse_verbs(data: dict[str, Any]) -> tuple[dict[str, VerbEntry], dict[str, NounEntry]]:
    verbs: dict[str, VerbEntry] = {}
    for lemma, spec in (data.get("verbs") or {}).items():
        spec = spec or {}
        patterns = tuple(
            Pattern(
                code=str(_code(p["code"])), object=_lset(p.get("object")), xcomp=_lset(p.get("xcomp")),
                prep=_lset(p.get("prep")), particle=_lset(p.get("particle")),
                complement=_lset(p.get("complement")), subject=_lset(p.get("subject")), note=str(p.get("note") or ""),
            )
            for p in spec.get("patterns") or []
        )
        verbs[str(lemma).lower()] = VerbEntry(
            lemma=str(lemma).lower(), default=_code(spec.get("default")),
            patterns=tuple(sorted(patterns, key=lambda p: -p.specificity)),
            target_prep=_lset(spec.get("target_prep")),
        )
    nouns = {
        str(lemma).lower(): NounEntry(str(lemma).lower(), str(_code(spec["code"])), _lset(spec.get("target_prep")),
                                      bool(spec.get("support_only", False)))
        for lemma, spec in (data.get("nouns") or {}).items()
    }
    return verbs, nouns


def _add_object_table(verbs: dict[str, VerbEntry], data: dict[str, Any], table: str) -> None:
    """Every verb of a class reads every object of its table: stance verbs ("voice", "reiterate")
    stance objects ("support", "concern"); transfer verbs ("give", "fly") what is handed over."""
    objects = data.get(f"{table}_objects") or {}
    extra = tuple(Pattern(code=str(_code(code)), object=_lset(words)) for code, words in objects.items())
    preps = _lset(data.get(f"{table}_target_prep"))
    for lemma in sorted(_lset(data.get(f"{table}_verbs"))):
        old = verbs.get(lemma) or VerbEntry(lemma=lemma, default=None, patterns=(), target_prep=frozenset())
        patterns = tuple(sorted((*old.patterns, *extra), key=lambda p: -p.specificity))  # stable: its own first on ties
        verbs[lemma] = VerbEntry(lemma, old.default, patterns, old.target_prep | preps)


def _add_extensions(verbs: dict[str, VerbEntry], data: dict[str, Any]) -> None:
    """``verb_extensions``: patterns added to a verb's entry, wherever that entry comes from (the
    bulk lexicon's "seek" keeps its own patterns and gains "seek a loan" = 023)."""
    more, _ = parse_verbs({"verbs": data.get("verb_extensions") or {}})
    for lemma, ext in more.items():
        old = verbs.get(lemma) or VerbEntry(lemma=lemma, default=None, patterns=(), target_prep=frozenset())
        patterns = tuple(sorted((*ext.patterns, *old.patterns), key=lambda p: -p.specificity))  # the extension first on ties
        verbs[lemma] = VerbEntry(lemma, ext.default or old.default, patterns, old.target_prep | ext.target_prep)


def read_list(path: Path) -> list[str]:
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.startswith("#") else ""
        if line.strip():
            rows.append(line)
    return rows


def _load_yaml(fh: Any) -> Any:
    """Safe YAML through libyaml when available (the bulk verb lexicon is large)."""
    return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def data_dir() -> Path:
    return Path(str(resources.files("dyads") / "data"))


def load(base: Path | None = None, lang: str = "en") -> Lexicon:
    """The lexicon of ``lang``: English from ``cameo/``, another language from ``cameo/<lang>/`` (its
    verbs, nouns, modality cues, discards and framing terms); the code table and the intent and
    refusal tables are the shared ``cameo/`` ones (CAMEO codes are language-free)."""
    shared = (base or data_dir()) / "cameo"
    base = shared if lang == "en" else shared / lang
    nouns: dict[str, NounEntry] = {}
    mined = base / "nouns_support.yaml"  # lowest precedence: nouns mined from light-verb patterns
    if mined.is_file():
        with mined.open(encoding="utf-8") as fh:
            nouns.update(parse_verbs(_load_yaml(fh))[1])
    with (base / "verbs.yaml").open(encoding="utf-8") as fh:
        verbs, bulk_nouns = parse_verbs(_load_yaml(fh))
    nouns.update(bulk_nouns)
    support: set[str] = set()
    patients: set[str] = set()
    evaluations: set[str] = set()
    for extra in sorted(base.glob("verbs_*.yaml")):  # hand-written overrides win over derived bulk
        with extra.open(encoding="utf-8") as fh:
            data = _load_yaml(fh)
        more_v, more_n = parse_verbs(data)
        verbs.update(more_v)
        nouns.update(more_n)
        support |= _lset(data.get("support_verbs"))
        patients |= _lset(data.get("patient_possessor_nouns"))
        evaluations |= _lset(data.get("negative_evaluations"))
        _add_object_table(verbs, data, "stance")
        _add_object_table(verbs, data, "transfer")
        _add_object_table(verbs, data, "demand")
        _add_extensions(verbs, data)
    framing: dict[str, str] = {}
    for line in read_list(base / "framing.txt"):
        term, _, category = line.partition("\t")
        framing[term.strip().lower()] = category.strip() or "loaded"
    with (base / "modality.yaml").open(encoding="utf-8") as fh:
        mod = _load_yaml(fh) or {}
    modality = {k: tuple(str(v).lower() for v in vs) for k, vs in mod.items() if isinstance(vs, list)}
    intents: dict[str, str] = {}
    refusals: dict[str, str] = {}
    threats: dict[str, str] = {}
    if (shared / "intents.yaml").is_file():
        with (shared / "intents.yaml").open(encoding="utf-8") as fh:
            table = _load_yaml(fh) or {}
        intents = {str(k): str(v) for k, v in (table.get("intent_of") or {}).items()}
        refusals = {str(k): str(v) for k, v in (table.get("refusal_of") or {}).items()}
        threats = {str(k): str(v) for k, v in (table.get("threat_of") or {}).items()}
    return Lexicon(
        codes=read_codes(shared / "codes.csv"), verbs=verbs, nouns=nouns, intents=intents, refusals=refusals, threats=threats,
        discards=tuple(x.strip().lower() for x in read_list(base / "discards.txt")),
        framing=framing, modality=modality, support_verbs=frozenset(support),
        patient_nouns=frozenset(patients), evaluations=frozenset(evaluations),
    )


@lru_cache(maxsize=4)
def default_lexicon(lang: str = "en") -> Lexicon:
    return load(lang=lang)
