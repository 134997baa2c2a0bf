"""The explorer in a real browser: headless Debian Chromium driven by Playwright, through every
page — filter, click from a chart bar to the evidence, follow a contradiction, click the network,
upload a file and see its events.

Screenshots go to a temporary folder, or to ``$DYADS_SCREENSHOTS`` when set (the README's come
from ``DYADS_SCREENSHOTS=docs/screenshots pytest tests/web/test_browser.py``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def _go(page: Any, path: str) -> None:
    page.goto(page.base + path)
    page.wait_for_load_state("load")


def _click_chart_bar(page: Any, canvas_id: str) -> None:
    """Click the centre of the tallest bar element of a Chart.js chart, as a user would."""
    page.wait_for_function(f"document.getElementById('{canvas_id}').dyadsChart !== undefined")
    x, y = page.evaluate(f"""() => {{
        const c = document.getElementById('{canvas_id}').dyadsChart;
        let best = null;
        c.data.datasets.forEach((ds, i) => {{ if (ds.type !== 'bar') return;
            c.getDatasetMeta(i).data.forEach((el, j) => {{
                const v = ds.data[j]; if (v > 0 && (!best || v > best.v)) best = {{v, el}}; }}); }});
        const r = c.canvas.getBoundingClientRect();
        const p = best.el.getCenterPoint();
        return [r.left + p.x, r.top + p.y];
    }}""")
    with page.expect_navigation():
        page.mouse.click(x, y)


def test_overview_chart_bar_leads_to_the_evidence(page: Any, shots: Path) -> None:
    _go(page, "/overview")
    assert page.locator("h1").first.inner_text().startswith("Overview")
    page.wait_for_function("document.getElementById('quadweek').dyadsChart !== undefined")
    page.screenshot(path=str(shots / "overview.png"), full_page=True)
    _click_chart_bar(page, "quadweek")
    assert "/events?" in page.url and "since=" in page.url and "quad_class=" in page.url
    quad = re.search(r"quad_class=(\d)", page.url).group(1)  # type: ignore[union-attr]
    rows = page.locator("table.events tbody tr[data-event]")
    assert rows.count() > 0
    assert all(q == quad for q in page.locator("table.events tbody .quad").all_inner_texts())
    first = rows.first.locator("a.evlink")
    evidence = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/event/ev-"))
    assert page.locator("#evidence").inner_text().strip() == evidence.strip()
    assert page.locator("#evidence mark.trigger").count() == 1
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    page.locator("a[href^='/document/']").first.click()
    page.wait_for_url(re.compile(r"/document/"))
    assert page.locator(".doctext mark.trigger").count() >= 1
    page.screenshot(path=str(shots / "document.png"), full_page=True)


def test_home_is_the_brief_and_its_lines_lead_to_the_evidence(page: Any, shots: Path) -> None:
    _go(page, "/")  # the store was ingested minutes ago: the home page is the brief
    assert page.locator("h1").first.inner_text().startswith("Brief")
    page.select_option("select[name=since]", "30d")
    with page.expect_navigation():
        page.click("form.filters button")
    assert "since=30d" in page.url
    page.screenshot(path=str(shots / "brief.png"), full_page=True)
    story = page.locator("ul.brief-stories a.evlink").first
    with page.expect_navigation():
        story.click()
    assert "/story/st-" in page.url and page.locator("h1").count() == 1
    _go(page, "/actor/Cubba")  # an unknown actor: 404 with suggestions, never an empty page
    assert "Did you mean" in page.content()
    with page.expect_navigation():
        page.locator("ul.suggestions a").first.click()
    assert "/actor/CUB" in page.url


def test_events_filter_sort_and_download_links(page: Any, shots: Path) -> None:
    _go(page, "/events")
    total_all = int(page.locator("h1 .muted").inner_text().split()[0])
    page.fill("input[name=actor]", "MEX")
    page.select_option("select[name=quad_class]", "4")
    with page.expect_navigation():
        page.click("#apply")
    assert "actor=MEX" in page.url and "quad_class=4" in page.url
    total = int(page.locator("h1 .muted").inner_text().split()[0])
    assert 0 < total < total_all
    assert set(page.locator("table.events tbody .quad").all_inner_texts()) == {"4"}
    with page.expect_navigation():
        page.click("table.events th a:has-text('Goldstein')")
    values = [float(v) for v in page.locator("table.events tbody td.num").all_inner_texts()]
    assert values == sorted(values)
    assert page.locator("a:has-text('gdelt')").get_attribute("href").startswith("/api/v1/events/export?actor=MEX")
    page.screenshot(path=str(shots / "events.png"), full_page=True)


def test_overview_to_a_contradiction_between_two_outlets(page: Any, shots: Path) -> None:
    _go(page, "/overview")
    link = page.locator("a.contradiction:has-text('quantity')").first
    with page.expect_navigation():
        link.click()
    assert "/story/st-" in page.url
    table = page.locator(".contra table.sides").first
    outlets = set(table.locator("tbody tr td:nth-child(3)").all_inner_texts())
    claims = set(table.locator("tbody td.claim").all_inner_texts())
    assert len(outlets) >= 2 and len(claims) >= 2
    page.screenshot(path=str(shots / "story.png"), full_page=True)
    evidence = table.locator("td.evidence a").first
    text = evidence.inner_text()
    with page.expect_navigation():
        evidence.click()
    assert page.locator("#evidence").inner_text().strip() == text.strip()


def test_dyad_chart_dedupe_and_actor(page: Any, shots: Path) -> None:
    _go(page, "/dyad/USA/CUB?by=week")
    page.wait_for_function("document.getElementById('dyadtl').dyadsChart !== undefined")
    page.check("input[name=dedupe]")
    with page.expect_navigation():
        page.click("#dyadopts button")
    assert "dedupe=1" in page.url
    page.wait_for_function("document.getElementById('dyadtl').dyadsChart !== undefined")
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)
    _click_chart_bar(page, "dyadtl")
    assert "dyad=USA%2CCUB" in page.url or "dyad=USA,CUB" in page.url
    assert page.locator("table.events tbody tr[data-event]").count() > 0
    _go(page, "/actor/claudia-sheinbaum")
    assert "Claudia Sheinbaum" in page.locator("h1").inner_text()
    page.wait_for_function("document.getElementById('actortl').dyadsChart !== undefined")
    page.screenshot(path=str(shots / "actor.png"), full_page=True)
    _go(page, "/stories")
    page.screenshot(path=str(shots / "stories.png"), full_page=False)


def test_network_node_and_edge_clicks(page: Any, shots: Path) -> None:
    _go(page, "/network")
    page.wait_for_function("window.dyadsGraph !== undefined && window.dyadsGraph.nodes().length > 0")
    page.screenshot(path=str(shots / "network.png"), full_page=False)
    box = page.locator("#graph").bounding_box()
    # the centre of the biggest node (nodes are drawn over edges; a small node lying on top would win)
    x, y, names = page.evaluate("""() => { const n = window.dyadsGraph.nodes().sort((a, b) => b.width() - a.width())[0];
        const p = n.renderedPosition(); return [p.x, p.y, window.dyadsGraph.nodes().map((o) => '/actor/' + o.id())]; }""")
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert any(page.url.endswith(n) for n in names), page.url
    _go(page, "/network")
    page.wait_for_function("window.dyadsGraph !== undefined && window.dyadsGraph.edges().length > 0")
    box = page.locator("#graph").bounding_box()
    # the midpoint of an edge that no node covers; edges may cross there, so any edge's dyad is right
    x, y, pairs = page.evaluate("""() => {
        const cy = window.dyadsGraph, nodes = cy.nodes();
        const clear = (e) => { const p = e.renderedMidpoint();
            return !nodes.some((n) => { const b = n.renderedBoundingBox({includeLabels: true});
                return p.x > b.x1 - 6 && p.x < b.x2 + 6 && p.y > b.y1 - 6 && p.y < b.y2 + 6; }); };
        const e = cy.edges().filter(clear).sort((a, b) => b.data('width') - a.data('width'))[0];
        const p = e.renderedMidpoint();
        return [p.x, p.y, cy.edges().map((o) => '/dyad/' + o.data('source') + '/' + o.data('target'))]; }""")
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert any(page.url.endswith(p) for p in pairs), page.url


def test_upload_a_file_and_see_its_events(page: Any, shots: Path, tmp_path: Path) -> None:
    article = tmp_path / "uploaded_brief.txt"
    article.write_text("Chile and Argentina sign lithium accord\n\ndate 2026-03-05\noutlet Browser Test Wire\n\n"
                       "Chile signed a lithium agreement with Argentina on Thursday. "
                       "Argentina's president praised Chile for the deal.\n", encoding="utf-8")
    _go(page, "/ingest")
    page.screenshot(path=str(shots / "ingest.png"), full_page=False)
    page.set_input_files("input[name=files]", str(article))
    with page.expect_navigation():
        page.click("#start")
    assert "/ingest/" in page.url, page.content()[:500]
    page.wait_for_selector("#job[data-state=done]", timeout=120_000)
    assert "1 written" in page.locator("#summary").inner_text()
    assert page.locator("a[href^='/document/upload%2Fuploaded_brief.']").count() == 1  # upload/NAME.HASH
    rows = page.locator("table.events tbody tr[data-event]")
    assert rows.count() >= 1
    page.screenshot(path=str(shots / "ingest-done.png"), full_page=True)
    with page.expect_navigation():
        rows.first.locator("a.evlink").click()
    assert "lithium" in page.locator("#evidence").inner_text() or "Chile" in page.locator("#evidence").inner_text()
