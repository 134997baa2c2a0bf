"""Import PETRARCH/TABARI actor dictionaries as a dyads user actors file (``dyads actors import``).

Format (Open Event Data Alliance dictionaries, MIT), read as PETRARCH reads it: ``#`` starts a
comment, lines starting with ``<`` are comments, ``---STOP---`` ends the file. A column-0 line not
starting with ``+`` is a phrase (``_`` joins words; trailing ``_`` allowed; ``{...}`` removed) with
zero or more ``[CODE ...]`` blocks; ``+PHRASE`` lines are synonyms; indented lines add code blocks.
A phrase line with no code shares the next phrase's codes (it becomes a synonym). Code blocks:
``[CODE]``, ``[CODE START-END]``, ``[CODE START-]``, ``[CODE -END]``, ``[CODE >START]``,
``[CODE <END]`` (spaces after ``<``/``>`` allowed), ``[CODE DATE]`` (a start). Dates: ``YYMMDD``
(00-30 → 20xx, else 19xx) or ``YYYYMMDD``; other lengths, impossible dates and ends before starts
drop the code, as do ``[---]`` placeholders and ``~CODE`` agent codes.
Invariants of ``convert``: each entry, dropped code or stray line yields a row or a ``skipped`` count;
- An entry with a dated code is a person; home country: that of its latest-starting dated code
  (IGO/NGO: none); roles: its home-country or sector-only codes, undated (fall-back) first, then by
  start. Other entries are organisations with their first code. Entries with a bare geographic
  code (``[AFG]``, ``[USR]``) are countries, which dyads bundles: skipped.
- Ids are ``petrarch:`` + a slug of the name, made unique; a repeated identical entry is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyads.actors.names import slug
from dyads.datacheck import SECTORS

_SMALL = {"of", "the", "and", "for", "de", "del", "du", "des", "la", "le", "el", "al", "van", "von", "der", "da", "di", "y", "in", "on", "to", "at", "a", "an"}
_ACRONYMS = {"UN", "EU", "AU", "US", "UK", "USA", "NATO", "OPEC", "ASEAN", "OSCE", "IMF", "WTO", "WHO", "NGO"}
_SUPRA = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS"}  # code prefix -> sector; no country


@dataclass(frozen=True)
class Code:
    """One ``[CODE ...]`` block: the CAMEO code and its ISO date restriction, if any."""
    code: str
    start: str | None = None
    end: str | None = None  # Code.start or Code.end set: a dated (person's) code


@dataclass(frozen=True)
class Block:
    """One entry: its phrase and synonyms as written, its valid codes, and its first line."""
    phrase: str
    synonyms: tuple[str, ...] = ()
    codes: tuple[Code, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Dictionary:
    """A parsed file: the entries, and per reason how many codes or lines were dropped."""
    blocks: tuple[Block, ...]
    dropped: Mapping[str, int]


@dataclass(frozen=True)
class Conversion:
    """The dyads user-YAML rows, and per reason how many entries, codes or lines were skipped."""
    people: tuple[dict[str, Any], ...]
    organisations: tuple[dict[str, Any], ...]
    skipped: Mapping[str, int]

    def data(self) -> dict[str, Any]:
        return {"version": 1, "organisations": list(self.organisations), "people": list(self.people)}

    def summary(self) -> str:
        why = "; ".join(f"{k}: {v}" for k, v in sorted(self.skipped.items(), key=lambda kv: -kv[1])) or "none"
        return f"{len(self.people)} people, {len(self.organisations)} organisations; skipped {sum(self.skipped.values())} ({why})"


def iso_date(digits: str) -> str:
    """``YYMMDD`` (00-30 → 20xx, else 19xx) or ``YYYYMMDD`` → ``YYYY-MM-DD``; ValueError otherwise."""
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"bad date {digits!r}")
    digits = f"{20 if int(digits[:2]) <= 30 else 19}{digits}" if len(digits) == 6 else digits
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()


def parse_code(content: str) -> Code | str:
    """The inside of one ``[...]``: a Code, or the reason it is dropped."""
    m = re.fullmatch(r"\s*(~?[A-Za-z0-9]+)\s*(.*?)\s*", content)
    if not m or m.group(1).startswith("~"):
        return "code: agent code (~)" if m else "code: placeholder or unreadable ([---])"
    code, rest = m.group(1).upper(), m.group(2).replace(" ", "")
    try:
        if rest[:1] in ("<", ">"):
            day = iso_date(rest[1:])
            return Code(code, end=day) if rest[0] == "<" else Code(code, start=day)
        a, _, b = rest.partition("-")
        start, end = (iso_date(a) if a else None), (iso_date(b) if b else None)
    except ValueError:
        return "code: bad date"
    return "code: end before start" if start and end and end < start else Code(code, start, end)


def parse(text: str) -> Dictionary:
    """Read a PETRARCH actor dictionary (see the module docstring for the syntax)."""
    raw_blocks: list[dict[str, Any]] = []
    dropped: Counter[str] = Counter()
    cur: dict[str, Any] | None = None

    def codes_in(body: str) -> list[Code]:
        parsed = [parse_code(c) for c in re.findall(r"\[([^\]]*)\]", body)]
        dropped.update([c for c in parsed if isinstance(c, str)] + ["code: unclosed bracket"] * (body.count("[") != body.count("]")))
        return [c for c in parsed if isinstance(c, Code)]

    for n, raw in enumerate(text.splitlines(), 1):
        if "---STOP---" in raw:
            break
        body = raw.split("#", 1)[0].rstrip()
        if not body.strip() or body.lstrip().startswith("<"):
            continue
        if body[0] in " \t[+":
            if cur is None:
                dropped["line: code or synonym outside an entry"] += 1
            elif body[0] == "+":
                cur["syn"] += [body[1:].strip()] if body[1:].strip() else []
            else:
                cur["codes"] += codes_in(body)
                cur["coded"] = cur["coded"] or "[" in body
        elif cur is not None and not cur["coded"]:  # a code-less phrase shares the next codes
            cur["syn"].append(body.split("[", 1)[0].strip())
            cur["codes"] += codes_in(body)
            cur["coded"] = "[" in body
        else:
            cur = {"phrase": body.split("[", 1)[0].strip(), "syn": [], "codes": codes_in(body), "line": n, "coded": "[" in body}
            raw_blocks.append(cur)
    blocks = (Block(b["phrase"], tuple(b["syn"]), tuple(b["codes"]), b["line"]) for b in raw_blocks)
    return Dictionary(tuple(blocks), dict(dropped))


def _cap(w: str) -> str:
    i = next((i for i, ch in enumerate(w) if ch.isalpha()), 0)
    return w[:i] + w[i:i + 1].upper() + w[i + 1:].lower()


def _word(w: str, first: bool, org: bool) -> str:
    bare = w.strip("(),")
    if "." in w or any(c.isdigit() for c in w) or (org and (bare in _ACRONYMS or w != bare and len(bare) <= 5)):
        return w.upper()  # U.N., A.G., UN, (CBA)
    if org and not first and w.lower() in _SMALL:
        return w.lower()
    parts = w.split("'")
    if len(parts) == 2 and len(parts[0]) > 1:  # People's, not O'Brien
        return _cap(parts[0]) + "'" + parts[1].lower()
    return "'".join("-".join(_cap(h) for h in p.split("-")) for p in parts)


def display_name(phrase: str, org: bool = False) -> str:
    """``KOFI_ATTA_ANNAN_`` → ``Kofi Atta Annan``; for organisations acronyms stay (``UN``, ``NATO``)."""
    s = re.sub(r"\{[^}]*\}", "", phrase).replace("_", " ").replace("`", "").replace("\ufffd", "")
    if "(" in s and ")" not in s:  # "STANKO_TODOROV (ACTING_"
        s = s[: s.index("(")]
    words = s.strip(" ,;").split()
    if org and len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
        return words[0]  # UN, PLA, ANSF
    return " ".join(_word(w, i == 0, org) for i, w in enumerate(words))


def bundled_countries() -> dict[str, str]:
    """CAMEO or ISO code → dyads iso3, from the bundled countries.yaml."""
    rows = yaml.safe_load((resources.files("dyads") / "data" / "actors" / "countries.yaml").read_text(encoding="utf-8"))["countries"]
    return {**{r["iso3"]: r["iso3"] for r in rows}, **{r["cameo"]: r["iso3"] for r in rows if r.get("cameo")}}


def split_code(code: str, countries: Mapping[str, str]) -> tuple[str, str | None, str | None]:
    """A code → (kind, country, sector); kind: supra (IGO/NGO/MNC), country, sector, geo or unknown."""
    head = code[:3]
    if head in _SUPRA:
        return "supra", None, _SUPRA[head]
    if head in countries:
        chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
        return ("geo" if len(code) == 3 else "country"), countries[head], next((c for c in chunks if c in SECTORS), None)
    if head in SECTORS:
        return "sector", None, head
    return ("geo" if len(code) == 3 else "unknown"), None, None


def _row(block: Block, countries: Mapping[str, str], skipped: Counter[str]) -> dict[str, Any] | None:
    """One person or organisation row (id left empty), or None with the reason counted."""
    org = not any(c.start or c.end for c in block.codes)
    name = display_name(block.phrase, org)
    names = [name] + [display_name(s, org) for s in block.synonyms]
    row: dict[str, Any] = {"id": "", "name": name, "aliases": [a for i, a in enumerate(names) if a and a not in names[:i]]}
    split = [(c, *split_code(c.code, countries)) for c in block.codes]
    if org:
        kind, country, sector = split[0][1:]
        if kind == "unknown":
            skipped["entry: code's country not known to dyads"] += 1
            return None
        skipped["code: organisation's extra code"] += len(split) - 1
        return {**row, "code": split[0][0].code, "country": country, "sector": sector}
    dated = sorted((s for s in split if (s[0].start or s[0].end) and s[1] in ("country", "supra")), key=lambda s: s[0].start or "")
    if not dated:
        skipped["entry: person's country not known to dyads"] += 1
        return None
    home, roles = dated[-1][2], []
    for c, kind, country, sector in sorted(split, key=lambda s: (bool(s[0].start or s[0].end), s[0].start or "")):
        if kind == "sector" or (kind in ("country", "supra") and country == home):
            roles.append({"title": c.code, "sector": sector, "start": c.start, "end": c.end})
        else:
            skipped["code: person's role elsewhere (other country or unknown code)"] += 1
    return {**row, "country": home, "roles": roles}


def convert(d: Dictionary, countries: Mapping[str, str] | None = None) -> Conversion:
    """Turn parsed entries into dyads ``people`` / ``organisations`` rows (see the module docstring)."""
    countries = bundled_countries() if countries is None else countries
    skipped: Counter[str] = Counter(d.dropped)
    out: dict[str, list[dict[str, Any]]] = {"people": [], "organisations": []}
    ids: set[str] = set()
    identical: set[tuple[object, ...]] = set()
    for block in d.blocks:
        same = (block.phrase, block.synonyms, block.codes)
        if not display_name(block.phrase):
            skipped["entry: empty name"] += 1
        elif not block.codes:
            skipped["entry: no usable code"] += 1
        elif any(split_code(c.code, countries)[0] == "geo" for c in block.codes):
            skipped["entry: country (dyads bundles countries)"] += 1
        elif same in identical:
            skipped["entry: repeated identical entry"] += 1
        elif (row := _row(block, countries, skipped)) is not None:
            base = f"petrarch:{slug(row['name'])}"
            ident = next(i for i in (f"{base}-{k}" if k > 1 else base for k in range(1, len(ids) + 2)) if i not in ids)
            ids.add(ident)
            identical.add(same)
            out["people" if "roles" in row else "organisations"].append({**row, "id": ident})
    return Conversion(tuple(out["people"]), tuple(out["organisations"]), {k: v for k, v in skipped.items() if v})


def to_yaml(conv: Conversion, source: str = "") -> str:
    """The user actors file: a header comment, then ``version``, ``organisations`` and ``people``."""
    body = yaml.dump(conv.data(), Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False, allow_unicode=True, width=200)
    return f"# dyads user actors imported from the PETRARCH dictionary {source}\n# {conv.summary()}\n{body}"


def import_file(path: Path, countries: Mapping[str, str] | None = None) -> Conversion:
    """Parse and convert one dictionary file (UTF-8; undecodable bytes are replaced and then dropped)."""
    return convert(parse(path.read_text(encoding="utf-8", errors="replace")), countries)
