"""Language detectors compared on our own text and, for measurement only, the shared real articles.

    .venv/bin/python benchmarks/lang_detect.py [SHARED_BENCHMARKS_DIR] [--detectors lingua-full,lingua-low,dyads,py3langid]

Reads ``SHARED/news_es/docs.jsonl`` (Spanish) and ``SHARED/news_real/docs.jsonl`` (English) in place
when given, the English articles of ``corpus/`` and the sentences below (written for this
comparison). Each detector runs in its own subprocess, so import time and peak memory are its own.
``dyads`` is the rule of `dyads.ingest.language.detect`. py3langid is not a dependency of dyads:
``pip install py3langid`` to measure it. Results: docs/languages.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = ["en", "es", "fr", "pt", "de", "it"]

SHORT = {
    "es": ["Cuba y México firmaron un acuerdo.", "El canciller viajó a La Habana.", "La presidenta negó que hubiera sanciones.",
           "EE.UU. impuso aranceles al petróleo.", "Se firmó un acuerdo de cooperación energética entre ambos gobiernos.",
           "Según el Minrex, la medida es ilegal.", "China donó arroz a Cuba.", "El vocero dijo que no habrá diálogo.",
           "Rusia y Cuba estrechan lazos.", "Pemex suspendió el envío."],
    "en": ["Cuba and Mexico signed an agreement.", "The foreign minister flew to Havana.", "The president denied any sanctions.",
           "The US imposed tariffs on oil.", "China donated rice to Cuba.", "Russia and Cuba deepen ties.",
           "Pemex paused the shipment.", "The spokesman said there would be no talks.",
           "Sheinbaum met Trump in Washington on Monday.", "Xi pledged support to Havana."],
}
HEADLINES = {
    "es": ["Cuba denuncia bloqueo", "Acuerdo en La Habana", "Sanciones a Venezuela", "Llega el arroz chino",
           "Reunión bilateral", "Trump amenaza a México"],
    "en": ["Cuba condemns blockade", "Deal in Havana", "Sanctions on Venezuela", "Chinese rice arrives",
           "Bilateral meeting", "Trump threatens Mexico"],
}
MIXED = {
    "en": ["Sheinbaum told reporters at the Palacio Nacional that the shipment was 'una decisión soberana' and that Mexico "
           "would keep helping Cuba. Washington did not comment.",
           "The Cuban foreign ministry, known as the Minrex, called the order 'un acto de agresión' in a statement on Friday, "
           "adding that Havana would not yield to pressure from the United States."],
    "es": ["El secretario de Estado dijo en inglés que la política era 'maximum pressure' y que no habría excepciones para "
           "México ni para ningún otro país que envíe petróleo a la isla.",
           "Un funcionario citado por una agencia, que habló bajo anonimato, dijo que el gobierno estadounidense 'is reviewing "
           "all options' contra las navieras."],
}
OTHER = [("pt", "O governo brasileiro anunciou nesta segunda-feira um novo pacote de ajuda humanitária para Cuba, com alimentos e remédios."),
         ("ca", "El govern català ha anunciat avui que enviarà ajuda humanitària a Cuba després de la crisi energètica de l'illa."),
         ("gl", "O goberno galego anunciou hoxe que enviará axuda humanitaria a Cuba despois da crise enerxética da illa."),
         ("it", "Il governo italiano ha annunciato oggi un nuovo pacchetto di aiuti umanitari per Cuba, con cibo e medicine."),
         ("fr", "Le gouvernement français a annoncé lundi une nouvelle aide humanitaire pour Cuba, avec des vivres et des médicaments.")]


def _detector(name: str) -> Callable[[str], str | None]:
    if name == "dyads":
        sys.path.insert(0, str(ROOT / "src"))
        from dyads.ingest.language import detect

        return detect
    if name.startswith("lingua"):
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_languages(
            *[Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in CANDIDATES])
        det = builder.build() if name == "lingua-full" else builder.with_low_accuracy_mode().build()

        def lingua(text: str) -> str | None:
            lang = det.detect_language_of(text)
            return lang.iso_code_639_1.name.lower() if lang else None

        return lingua
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(CANDIDATES)
    return lambda text: str(ident.classify(text)[0])


def _articles(shared: Path | None) -> dict[str, tuple[list[str], str]]:
    sets: dict[str, tuple[list[str], str]] = {}
    if shared is not None:
        for name, lang in (("news_es", "es"), ("news_real", "en")):
            rows = [json.loads(line) for line in (shared / name / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
            sets[name] = ([f"{r.get('title') or ''}\n\n{r['text']}" for r in rows], lang)
    corpus = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("corpus/*/*")) if p.suffix in (".txt", ".md")
              and not p.name.startswith("README") and "sample_es" not in p.parts]
    sets["corpus"] = (corpus, "en")
    return sets


def run_one(name: str, shared: Path | None) -> dict[str, object]:
    t0 = time.perf_counter()
    detect = _detector(name)
    out: dict[str, object] = {"detector": name, "import_s": round(time.perf_counter() - t0, 3)}
    sets = _articles(shared)
    for lang in ("es", "en"):
        sets[f"short_{lang}"] = (SHORT[lang], lang)
        sets[f"headlines_{lang}"] = (HEADLINES[lang], lang)
        sets[f"mixed_{lang}"] = (MIXED[lang], lang)
    t1 = time.perf_counter()
    detect(sets["corpus"][0][0])
    out["first_call_s"] = round(time.perf_counter() - t1, 3)
    for key, (texts, lang) in sets.items():
        got = [detect(t) for t in texts]
        out[key] = f"{sum(g == lang for g in got)}/{len(texts)}"
    out["other"] = " ".join(f"{want}->{detect(t)}" for want, t in OTHER)
    texts = [t for ts, _ in sets.values() for t in ts]
    t2 = time.perf_counter()
    for t in texts:
        detect(t)
    out["ms_per_1000_chars"] = round(1e6 * (time.perf_counter() - t2) / sum(map(len, texts)), 3)
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", nargs="?", help="the shared benchmarks directory (news_es, news_real)")
    ap.add_argument("--detectors", default="lingua-full,lingua-low,dyads,py3langid")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # run one detector in this process
    args = ap.parse_args()
    shared = Path(args.shared) if args.shared else None
    if args.one:
        print(json.dumps(run_one(args.one, shared), ensure_ascii=False))
        return
    for name in args.detectors.split(","):
        cmd = [sys.executable, __file__, *([args.shared] if args.shared else []), "--one", name]
        done = subprocess.run(cmd, capture_output=True, text=True)
        print(done.stdout.strip() or f"{name}: failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")


if __name__ == "__main__":
    main()
