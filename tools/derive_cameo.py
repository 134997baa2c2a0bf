#!/usr/bin/env python3
"""Derive dyads' bundled CAMEO/PLOVER data files from the licensed reference sources.

Usage: python3 tools/derive_cameo.py /path/to/shared/reference [--out src/dyads/data/cameo]

Regenerates codes.csv (codes, names, Goldstein weights, quad class, PLOVER mapping).
The verb lexicon, discards, framing and modality files are hand-curated after an
initial machine conversion (see /tmp scripts in the development notes); this script
only rebuilds the deterministic table.
"""
import argparse
import csv
import os
import re

# PLOVER drops CAMEO 01 (statements) and 02 (appeals). dyads keeps a PLOVER value where a
# defensible one exists (see GOLDSTEIN.md "PLOVER notes"); pure statements stay empty.
PLOVER_01_02 = {
    "01": ("", "", ""), "010": ("", "", ""), "011": ("", "", ""), "012": ("", "", ""),
    "013": ("", "", ""), "014": ("", "", ""),
    "015": ("AGREE", "", ""),          # acknowledge responsibility (PLOVER manual's suggestion)
    "016": ("REJECT", "", ""),         # deny responsibility (PLOVER manual's suggestion)
    "017": ("", "", ""),
    "018": ("SUPPORT", "", "diplomatic"),
    "019": ("AGREE", "", "diplomatic"),
    # 02 APPEAL -> REQUEST, modes/contexts mirroring the 10x DEMAND rows
    "02": ("REQUEST", "", ""), "020": ("REQUEST", "", ""),
    "021": ("REQUEST", "assist", ""), "0211": ("REQUEST", "assist", "economic"),
    "0212": ("REQUEST", "assist", "military"), "0213": ("REQUEST", "assist", "legal"),
    "0214": ("REQUEST", "assist", "intelligence"), "022": ("REQUEST", "assist", "diplomatic"),
    "023": ("REQUEST", "assist", ""), "0231": ("REQUEST", "assist", "economic"),
    "0232": ("REQUEST", "assist", "military"), "0233": ("REQUEST", "assist", "humanitarian"),
    "0234": ("REQUEST", "assist", "peacekeeping"),
    "024": ("REQUEST", "change", "political_institutions"), "0241": ("REQUEST", "change", "executive"),
    "0242": ("REQUEST", "change", "executive"), "0243": ("REQUEST", "change", "rights_freedoms"),
    "0244": ("REQUEST", "change", "political_institutions"),
    "025": ("REQUEST", "yield", "legal"), "0251": ("REQUEST", "yield", "legal"),
    "0252": ("REQUEST", "yield", "legal"), "0253": ("REQUEST", "yield", "legal"),
    "0254": ("REQUEST", "yield", "economic"), "0255": ("REQUEST", "yield", "diplomatic"),
    "0256": ("REQUEST", "yield", "military"),
    "026": ("REQUEST", "meet", "diplomatic"), "027": ("REQUEST", "meet", "diplomatic"),
    "028": ("REQUEST", "meet", "diplomatic"),
}

# Codes in the CAMEO manual that the ICEWS table lacks.
EXTRA_CODES = {"1214": "Reject intelligence cooperation"}


def root_of(code):
    return code[:2]


def quad(root):
    r = int(root)
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


def fmt(x):
    v = float(x)
    return ("%.1f" % v) if abs(v * 10 - round(v * 10)) < 1e-9 else repr(v)


def load_plover(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\d+):\s*(.*)$", line.rstrip("\n"))
        if not m:
            continue
        code, rest = m.group(1), m.group(2).split("#")[0]
        parts = [p.strip() for p in rest.split(",")]
        parts += [""] * (3 - len(parts))
        ev, mode, ctx = parts[0], parts[1], parts[2]
        ctx = ";".join(c.strip() for c in ctx.split(";") if c.strip())
        if code in out:  # "08: CONCEDE" / "08: RETREAT": first wins
            continue
        out[code] = (ev, mode, ctx)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reference")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "src", "dyads", "data", "cameo"))
    a = ap.parse_args()
    ref = a.reference
    rows = list(csv.DictReader(open(os.path.join(ref, "cameo", "cameo_codes.csv"), encoding="utf-8")))
    icews = {r["code"]: (r["name"].strip(), r["goldstein"]) for r in rows}
    for c, n in EXTRA_CODES.items():
        icews.setdefault(c, (n, ""))
    gdelt = {}
    for line in open(os.path.join(ref, "cameo", "goldstein_gdelt.txt"), encoding="utf-8").read().splitlines()[1:]:
        if line.strip():
            c, v = line.split("\t")
            gdelt[c.strip()] = v.strip()
    plover = load_plover(os.path.join(ref, "plover", "cameo2plover.txt"))
    plover.update(PLOVER_01_02)
    codes = sorted(icews, key=lambda c: (c[:2], c.ljust(4, "/")))
    out = []
    for c in codes:
        name, ig = icews[c]
        if c in gdelt:
            g = gdelt[c]
        elif ig not in ("", "NA"):
            g = ig
        else:  # neither table: inherit the parent's weight
            p = c[:-1]
            while p not in gdelt and len(p) > 2:
                p = p[:-1]
            g = gdelt[p]
        # PLOVER: own row, else nearest ancestor
        p = c
        while p not in plover and len(p) > 2:
            p = p[:-1]
        ev, mode, ctx = plover.get(p, ("", "", ""))
        root = root_of(c)
        out.append([c, name, root, fmt(g), quad(root), ev, mode, ctx])
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "codes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "root", "goldstein", "quad_class", "plover_event", "plover_mode", "plover_context"])
        w.writerows(out)
    print("codes.csv: %d codes" % len(out))


if __name__ == "__main__":
    main()
