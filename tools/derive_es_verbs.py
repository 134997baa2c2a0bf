"""Derive the bulk Spanish verb lexicon (src/dyads/data/cameo/es/verbs.yaml) from UniversalPetrarch's
Spanish verb dictionary (verbpatterns_es_190128.txt, MIT; see NOTICE).

Only the verb classes are taken: each verb listed under a ``--- CLASS [code] ---`` header gets the
class's CAMEO code (or the code written beside it). The phrase patterns ("- * PLAN [---]") are not
used: many are machine-translated from the English dictionary and do not parse as Spanish. Verbs of
classes without a code ("[---]"), multiword entries and lines that are not infinitives are skipped.
Hand-checked entries in verbs_core.yaml override these.

usage: python tools/derive_es_verbs.py ../shared/reference/cameo_es/verbpatterns_es_190128.txt > src/dyads/data/cameo/es/verbs.yaml
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HEADER = re.compile(r"^---\s+(\S+)\s+\[([0-9-]+)\]")
VERB = re.compile(r"^([A-ZÁÉÍÓÚÑÜ]+(?:AR|ER|IR|ÍR))\s*(?:\[([0-9]+)\])?\s*(?:#.*)?$")


CODES = Path(__file__).resolve().parents[1] / "src" / "dyads" / "data" / "cameo" / "codes.csv"


def known(code: str, codes: set[str]) -> str | None:
    """The code as the table spells it ("90" is "090"), else its nearest known parent ("0110" -> "011")."""
    for c in (code, code.zfill(3)):
        while c:
            if c in codes:
                return c
            c = c[:-1]
    return None


def derive(path: Path) -> dict[str, tuple[str, str]]:
    codes = {line.split(",", 1)[0] for line in CODES.read_text(encoding="utf-8").splitlines()[1:]}
    out: dict[str, tuple[str, str]] = {}
    code: str | None = None
    group = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        head = HEADER.match(line)
        if head:
            group, code = head.group(1), (None if "-" in head.group(2) else head.group(2))
            continue
        m = VERB.match(line)
        if m is None or code is None and not m.group(2):
            continue
        lemma = m.group(1).lower()
        found = known(m.group(2) or str(code), codes)
        if found is not None:
            out.setdefault(lemma, (found, group))  # the first class a verb is listed in
    return out


def main() -> None:
    verbs = derive(Path(sys.argv[1]))
    print("# Spanish verb classes derived by tools/derive_es_verbs.py from UniversalPetrarch's Spanish")
    print("# verb dictionary verbpatterns_es_190128.txt (MIT, credited in NOTICE); regenerate, do not edit.")
    print("# Hand-checked entries in verbs_core.yaml override these (the source dates from 2017-2019).")
    print("version: 1")
    print("verbs:")
    for lemma in sorted(verbs):
        code, group = verbs[lemma]
        print(f'  {lemma}: {{default: "{code}"}}  # {group}')


if __name__ == "__main__":
    main()
