"""The brief as Markdown (for e-mail from cron): the same `dyads.analysis.brief.brief_json` data the
page and `/api/v1/brief` show, with every link made absolute under ``base_url``."""

from __future__ import annotations

from typing import Any


def _links(item: dict[str, Any], base: str) -> str:
    return " ".join(f"[{link['label']}]({base}{link['href']})" for link in item["links"])


def to_markdown(d: dict[str, Any], base_url: str = "http://127.0.0.1:8000") -> str:
    base = base_url.rstrip("/")
    out = [f"# Brief: {d['window']} to {d['until']} (UTC)", "",
           f"{d['documents']} documents ingested since {d['since']}, {d['events']} events.", ""]
    for note in d["notes"]:
        out += [f"> {note}", ""]

    def section(title: str, items: list[dict[str, Any]], line: Any, empty: str) -> None:
        out.extend([f"## {title}", ""])
        out.extend([f"- {line(i)} {_links(i, base)}" for i in items] or [f"_{empty}_"])
        out.append("")

    section("New stories", d["stories"], lambda s: (
        f"**{s['headline'] or s['story_id']}** — {s['source']}→{s['target'] or '–'}, CAMEO {s['cameo']}; "
        f"{s['independent_reports']} independent of {s['reports']} reports ({s['new_reports']} new"
        f"{', all new' if s['is_new'] else ''})"), "no new reports")
    section("Dyads off their baseline", d["alerts"], lambda a: f"**{a['a']}–{a['b']}**: {a['kind']}, {a['reason']}",
            "none")
    section("First material conflict between a pair", d["first_conflicts"], lambda c: (
        f"**{c['a']}–{c['b']}** ({c['cameo']}, {c['date'] or 'undated'}): “{c['evidence']}”"), "none")
    section("New actors", d["new_actors"], lambda a: f"**{a['name']}** ({a['kind']}, {a['country'] or '–'}), "
            f"{a['mentions']} mentions", "none")
    section("New contradictions", d["contradictions"], lambda c: (
        f"**{c['kind']}: {c['about']}** in “{c['headline']}”: {' vs '.join(c['claims'])}"), "none")
    if d["watchlist"]:
        section("Watchlist", d["watchlist"], lambda w: (
            f"**{w['label']}**: {w['error']}" if w["error"] else
            f"**{w['label']}**: {w['events']} events ({w['cooperation']} cooperation, {w['conflict']} conflict, "
            f"Goldstein {w['goldstein_sum']:+g})" + "".join(f"; “{h}”" for _, h in w["stories"])), "")
    return "\n".join(out).rstrip() + "\n"
