#!/usr/bin/env python3
"""Mine event nouns governed by light verbs from the PETRARCH-2 verb dictionary.

usage: python tools/derive_support_nouns.py ../shared/reference/cameo/petrarch_verbs_CAMEO.2.0.txt
       [--out src/dyads/data/cameo/nouns_support.yaml]

PETRARCH groups verbs into blocks ("--- START [---] ---" followed by its member verbs) with object
patterns ("- * OFFENSIVE [190]"). Where a block's members include one of dyads' light verbs
(``support_verbs`` in verbs_core.yaml: launch, conduct, hold, issue, extend, lodge, ...), the
object noun names the act: "launch an offensive" is an offensive, "lodge a complaint" a
complaint. Each such object (a word, a {multi word} phrase, or a member of an &SYNSET) becomes
a noun entry with the block's code; a noun found under several codes keeps the majority code
when two thirds of its readings share a root, and is dropped otherwise. Patterns with
prepositional or actor slots are skipped (they are not nouns alone).

The entries are marked ``support_only``: the coder uses them only as the object of a light
verb, never as free-standing nouns (so "the state" does not become a state of emergency).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from dyads.events.roles import INSTRUMENT_NOUNS

TARGET_PREPS = {  # by root: where the target of a nominal act of that kind usually stands
    "01": ["to", "on"], "02": ["to", "for", "on"], "03": ["with", "to"], "04": ["with", "to"], "05": ["with", "to", "for"],
    "06": ["with", "to"], "07": ["to", "for"], "08": ["to", "with", "on", "for"], "09": ["into", "of", "on"],
    "10": ["to", "on", "of"], "11": ["against", "of", "on", "with", "to"], "12": ["of", "to"], "13": ["against", "to", "on"],
    "14": ["against"], "15": ["against", "near", "on"], "16": ["on", "against", "with", "to"],
    "17": ["on", "against", "of"], "18": ["on", "against", "of"], "19": ["on", "against", "at", "into"],
    "20": ["on", "against", "in"],
}
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
PATTERN = re.compile(r"^-\s+\*\s+(\{[^}]*\}|&?[A-Z][A-Z_\-]*)\s+\[([0-9]{2,4})(?::[0-9]+)?\]")


def synsets(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("&"):
            current = s
            out[current] = []
        elif s.startswith("+") and current:
            out[current].append(s[1:].replace("_", " ").strip())
        elif s.startswith("---"):
            current = None
    return out


def support_verbs(core: Path) -> set[str]:
    data = yaml.safe_load(core.read_text(encoding="utf-8"))
    return {str(v).lower().split()[0] for v in data.get("support_verbs") or []}


def mine(lines: list[str], light: set[str]) -> dict[str, Counter[str]]:
    sets = synsets(lines)
    found: dict[str, Counter[str]] = defaultdict(Counter)
    members: list[str] = []
    in_patterns = False
    for line in lines:
        s = line.split("#", 1)[0].rstrip()
        if HEADER.match(s):
            members, in_patterns = [], False
            continue
        if s.startswith("- "):
            in_patterns = True
            if not {m.lower() for m in members} & light:
                continue
            m = PATTERN.match(s)
            if m is None or s[m.end():].strip():
                continue  # a prepositional or actor slot after the object: not a noun alone
            obj, code = m.group(1), m.group(2)
            words = [obj.strip("{}")] if not obj.startswith("&") else sets.get(obj, [])
            for w in words:
                w = w.replace("_", " ").strip().lower()
                if w and not any(ch in w for ch in "&$+%^()"):
                    found[w][code] += 1
            continue
        if not in_patterns and s.strip() and not s.startswith(("#", "&", "+")):
            members.append(s.split()[0])
    return found


def agent_nouns(agents: Path) -> set[str]:
    """People and groups ("activist", "soldier") are actors, never the act a light verb names."""
    rows = agents.read_text(encoding="utf-8").splitlines()[1:]
    return {r.split(",", 1)[0].strip().lower() for r in rows if r.strip()}


def decide(found: dict[str, Counter[str]], agents: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for noun, codes in found.items():
        if noun in agents or noun.rstrip("s") in agents or noun.endswith("ly") or len(noun) < 3:
            continue
        if noun in INSTRUMENT_NOUNS or noun.rstrip("s") in INSTRUMENT_NOUNS:
            continue  # documents ("signed an order") are what actors act through, read by the coder's instrument rule
        roots = Counter()
        for code, n in codes.items():
            roots[code[:2]] += n
        root, n = roots.most_common(1)[0]
        if n * 3 < 2 * sum(roots.values()):
            continue  # readings disagree: no entry
        out[noun] = max((c for c in codes if c[:2] == root), key=lambda c: (codes[c], -len(c)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dictionary", type=Path)
    ap.add_argument("--core", type=Path, default=Path("src/dyads/data/cameo/verbs_core.yaml"))
    ap.add_argument("--agents", type=Path, default=Path("src/dyads/data/actors/agents.csv"))
    ap.add_argument("--out", type=Path, default=Path("src/dyads/data/cameo/nouns_support.yaml"))
    a = ap.parse_args()
    lines = a.dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    nouns = decide(mine(lines, support_verbs(a.core)), agent_nouns(a.agents))
    body = {n: {"code": c, "target_prep": TARGET_PREPS.get(c[:2], ["on", "to"]), "support_only": True}
            for n, c in sorted(nouns.items())}
    head = ("# Event nouns governed by light verbs, mined from the PETRARCH-2 verb dictionary (MIT,\n"
            "# openeventdata/petrarch2) by tools/derive_support_nouns.py. Do not edit by hand: entries in\n"
            "# verbs.yaml and verbs_core.yaml win over these. See NOTICE-cameo.md.\n")
    lines_out = [head.rstrip("\n"), "version: 1", "nouns:"]
    for n, spec in body.items():
        preps = ", ".join(f'"{p}"' for p in spec["target_prep"])
        lines_out.append(f'  "{n}": {{code: "{spec["code"]}", target_prep: [{preps}], support_only: true}}')
    a.out.write_text("\n".join(lines_out) + "\n", encoding="utf-8")
    print(f"{len(body)} nouns -> {a.out}")


if __name__ == "__main__":
    main()
