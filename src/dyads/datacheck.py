"""`dyads check-data`: validate the bundled data files (structure, codes, cross-references)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import yaml

from dyads.events.lexicon import data_dir, parse_verbs, read_codes

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "BUS", "MED", "EDU", "IGO", "NGO", "REB", "OPP", "PTY", "CVL", "HLH",
           "ELI", "SPY", "LAB", "REF", "CRM", "INS", "AGR", "ENV", "REL", "UAF", "HRI", "DEV", "MOD", "RAD", "SEP", "IMG"}
ORG_KEYS = {"id", "name", "aliases", "code", "country", "sector", "note"}
PERSON_KEYS = {"id", "name", "aliases", "country", "roles", "sector", "code", "note"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class DuplicateKey(yaml.YAMLError):
    """A mapping names the same key twice: YAML keeps the last silently, losing the first entry."""


class _StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise DuplicateKey(f"line {key_node.start_mark.line + 1}: key {key!r} given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        try:
            return yaml.load(fh, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
        except DuplicateKey as exc:
            raise DuplicateKey(f"{path.name}: {exc}") from None


def check_actors(base: Path, problems: list[str], counts: dict[str, int]) -> None:
    countries = _load(base / "countries.yaml")["countries"]
    iso = set()
    for c in countries:
        where = f"countries.yaml {c.get('iso3')}"
        if not re.fullmatch(r"[A-Z]{3}", str(c.get("iso3", ""))):
            problems.append(f"{where}: iso3 must be 3 capital letters")
        if c["iso3"] in iso:
            problems.append(f"{where}: duplicate iso3")
        iso.add(c["iso3"])
        for sector in (c.get("metonyms") or {}).values():
            if sector not in SECTORS:
                problems.append(f"{where}: metonym sector {sector!r} unknown")
    counts["countries"] = len(countries)
    ids: set[str] = set()
    for fname, key in (("organisations.yaml", "organisations"), ("people.yaml", "people")):
        rows = _load(base / fname)[key]
        counts[key] = len(rows)
        allowed = ORG_KEYS if key == "organisations" else PERSON_KEYS
        for r in rows:
            where = f"{fname} {r.get('id')}"
            if not r.get("id") or not r.get("name"):
                problems.append(f"{where}: id and name are required")
            if set(r) - allowed:  # e.g. an unquoted comma inside a {flow: mapping} splits a name
                problems.append(f"{where}: unexpected keys {sorted(set(r) - allowed)} (quote names containing commas)")
            if r.get("id") in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(r.get("id"))
            seen_aliases: set[str] = set()
            for alias in r.get("aliases") or []:  # an alias given twice (exactly; case variants are deliberate: matching is case-sensitive)
                if str(alias) in seen_aliases:
                    problems.append(f"{where}: duplicate alias {alias!r}")
                seen_aliases.add(str(alias))
            if r.get("country") and r["country"] not in iso:
                problems.append(f"{where}: unknown country {r['country']!r}")
            if r.get("sector") and r["sector"] not in SECTORS:
                problems.append(f"{where}: unknown sector {r['sector']!r}")
            for role in r.get("roles") or []:
                if role.get("sector") and role["sector"] not in SECTORS:
                    problems.append(f"{where}: role sector {role['sector']!r} unknown")
                for k in ("start", "end"):
                    if role.get(k) and not DATE_RE.match(str(role[k])):
                        problems.append(f"{where}: role {k} {role[k]!r} is not YYYY[-MM[-DD]]")
    _check_agents_titles(base, "", problems, counts)
    for lang in sorted(p for p in base.iterdir() if p.is_dir()):
        check_actor_language(lang, iso, ids, problems, counts)


def _check_agents_titles(base: Path, prefix: str, problems: list[str], counts: dict[str, int]) -> None:
    for fname, col in (("agents.csv", "term"), ("titles.csv", "title")):
        with (base / fname).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        counts[prefix + fname] = len(rows)
        for i, r in enumerate(rows, 2):
            if not (r.get(col) or "").strip():
                problems.append(f"{prefix}{fname}:{i}: empty {col}")
            if (r.get("sector") or "").strip() not in SECTORS:
                problems.append(f"{prefix}{fname}:{i}: unknown sector {r.get('sector')!r}")


def check_actor_language(base: Path, iso: set[str], ids: set[str], problems: list[str], counts: dict[str, int]) -> None:
    """``actors/<lang>/``: another language's names of the actors above, keyed by their ids (an
    actor id never depends on the language), and that language's titles and agent nouns."""
    prefix = f"{base.name}/"
    countries = _load(base / "countries.yaml")["countries"] or {}
    for iso3, row in countries.items():
        where = f"{prefix}countries.yaml {iso3}"
        if iso3 not in iso:
            problems.append(f"{where}: not an iso3 of countries.yaml")
        if set(row) - {"names", "adjectives", "metonyms"}:
            problems.append(f"{where}: unexpected keys {sorted(set(row) - {'names', 'adjectives', 'metonyms'})}")
        for adjective in row.get("adjectives") or []:
            if not str(adjective).islower():
                problems.append(f"{where}: adjective {adjective!r} must be lower case (masculine singular)")
        for sector in (row.get("metonyms") or {}).values():
            if sector not in SECTORS:
                problems.append(f"{where}: metonym sector {sector!r} unknown")
    counts[prefix + "countries"] = len(countries)
    for fname in ("organisations.yaml", "people.yaml"):
        aliases = _load(base / fname)["aliases"] or {}
        counts[prefix + fname.split(".")[0]] = len(aliases)
        for actor_id, names in aliases.items():
            if actor_id not in ids:
                problems.append(f"{prefix}{fname} {actor_id}: not an id of {fname}")
            if not names or not all(isinstance(n, str) and n.strip() for n in names):
                problems.append(f"{prefix}{fname} {actor_id}: aliases must be a list of names")
    _check_agents_titles(base, prefix, problems, counts)


def check_cameo(base: Path, problems: list[str], counts: dict[str, int]) -> None:
    codes = read_codes(base / "codes.csv")
    counts["cameo codes"] = len(codes)
    for root in (f"{i:02d}" for i in range(1, 21)):
        if root not in codes:
            problems.append(f"codes.csv: root {root} missing")
    for c in codes.values():
        if not c.code.startswith(c.root) or c.quad_class not in (1, 2, 3, 4) or not -10 <= c.goldstein <= 10:
            problems.append(f"codes.csv {c.code}: inconsistent root/quad_class/goldstein")
    n_verbs = n_patterns = 0
    for path in [*sorted(base.glob("verbs*.yaml")), *sorted(base.glob("nouns*.yaml"))]:
        data = _load(path)
        verbs, nouns = parse_verbs(data)
        n_verbs += len(verbs)
        extensions, _ = parse_verbs({"verbs": data.get("verb_extensions") or {}})
        for v in [*verbs.values(), *extensions.values()]:
            for code in [v.default, *(p.code for p in v.patterns)]:
                n_patterns += 1
                if code is not None and code not in codes:
                    problems.append(f"{path.name} verb {v.lemma!r}: unknown CAMEO code {code!r}")
        for n in nouns.values():
            if n.code not in codes:
                problems.append(f"{path.name} noun {n.lemma!r}: unknown CAMEO code {n.code!r}")
    counts["verb lemmas"] = n_verbs
    counts["verb patterns"] = n_patterns
    table = _load(base / "intents.yaml")
    for key, root in (("intent_of", "03"), ("refusal_of", "12")):
        for act, mapped in (table.get(key) or {}).items():
            if str(act) not in codes or str(mapped) not in codes or not str(mapped).startswith(root):
                problems.append(f"intents.yaml {key}: {act!r} -> {mapped!r} is not an act code mapped to a known {root} code")
        counts[key.replace("_of", " codes")] = len(table.get(key) or {})
    mod = _load(base / "modality.yaml")
    for key in ("negation", "threat", "intention", "commitment", "refusal", "hypothetical", "uncertain", "reporting_verbs"):
        if not mod.get(key):
            problems.append(f"modality.yaml: {key} list missing or empty")
    for lang in sorted(p for p in base.iterdir() if p.is_dir()):
        check_cameo_language(lang, codes, problems, counts)


LANGUAGE_MODALITY = ("negation", "threat", "intention", "request", "denial", "hypothetical", "reporting_verbs")


def check_cameo_language(base: Path, codes: dict[str, Any], problems: list[str], counts: dict[str, int]) -> None:
    """``cameo/<lang>/``: another language's verbs, event nouns and modality cues, coded with the
    shared code table."""
    prefix = f"{base.name}/"
    n_verbs = 0
    for path in [*sorted(base.glob("verbs*.yaml")), *sorted(base.glob("nouns*.yaml"))]:
        verbs, nouns = parse_verbs(_load(path))
        n_verbs += len(verbs)
        for v in verbs.values():
            for code in [v.default, *(p.code for p in v.patterns)]:
                if code is not None and code not in codes:
                    problems.append(f"{prefix}{path.name} verb {v.lemma!r}: unknown CAMEO code {code!r}")
        for n in nouns.values():
            if n.code not in codes:
                problems.append(f"{prefix}{path.name} noun {n.lemma!r}: unknown CAMEO code {n.code!r}")
    counts[prefix + "verb lemmas"] = n_verbs
    mod = _load(base / "modality.yaml")
    for key in LANGUAGE_MODALITY:
        if not mod.get(key):
            problems.append(f"{prefix}modality.yaml: {key} list missing or empty")


def check_places(base: Path, problems: list[str], counts: dict[str, int]) -> None:
    """places/places.tsv: six fields, a known kind, ISO3 / SEA / - country, coordinates on Earth, no
    name given twice (`dyads.places.gazetteer.read_our_places` raises for the first two)."""
    from dyads.places.gazetteer import name_key, read_our_places

    seen: dict[str, str] = {}  # name key -> the entry it names
    rows = read_our_places(base / "places.tsv")
    for place, aliases in rows:
        where = f"places.tsv {place.name}"
        if place.country is not None and not re.fullmatch(r"[A-Z]{3}", place.country):
            problems.append(f"{where}: country must be ISO3, SEA or -")
        if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            problems.append(f"{where}: coordinates off the Earth")
        for name in (place.name, *aliases):
            if seen.setdefault(name_key(name), place.name) != place.name:
                problems.append(f"{where}: {name!r} also names {seen[name_key(name)]}")
    counts["places of our own"] = len(rows)


def check_all(root: Path | None = None) -> tuple[list[str], dict[str, int]]:
    base = root or data_dir()
    problems: list[str] = []
    counts: dict[str, int] = {}
    checks = [("actors", check_actors), ("cameo", check_cameo)]
    if (base / "places").is_dir():  # a copy of the data made for a test may leave it out
        checks.append(("places", check_places))
    for name, fn in checks:
        try:
            fn(base / name, problems, counts)
        except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
            problems.append(f"{name}: cannot read data: {type(exc).__name__}: {exc}")
    return problems, counts
