"""`dyads eval GOLD_DIR [--baseline FILE]`: the quality gate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def cmd_eval(args: argparse.Namespace) -> int:
    from dyads import settings as settings_mod
    from dyads.evaluation import check_baseline, evaluate

    gold = Path(args.gold_dir)
    report = evaluate(gold, settings_mod.load(args.config, model=args.model))
    metrics = report.metrics()
    if args.format == "json":
        print(json.dumps({**metrics, "missed": report.missed}, indent=1))
    else:
        for k, v in metrics.items():
            print(f"{k:22} {v}")
        if args.verbose:
            print("missed:")
            for m in report.missed:
                print("  ", m)
    baseline_path = Path(args.baseline) if args.baseline else gold / "baseline.json"
    if baseline_path.is_file():
        failures = check_baseline(metrics, json.loads(baseline_path.read_text()))
        for f in failures:
            print(f"REGRESSION: {f}", file=sys.stderr)
        if failures:
            return 1
        print(f"quality gate passed ({baseline_path})")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    sp = sub.add_parser("eval", parents=[common], help="score the coder against a gold directory (quality gate)")
    sp.add_argument("gold_dir")
    sp.add_argument("--baseline", help="floors file (default GOLD_DIR/baseline.json)")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    sp.add_argument("-v", "--verbose", action="store_true", help="list missed gold events")
    sp.set_defaults(fn=cmd_eval)
