// dyads explorer: charts (Chart.js), the relations graph (Cytoscape.js) and ingest progress.
// Page data arrives as JSON in <script type="application/json"> blocks rendered by the server,
// the same JSON the /api/v1 endpoints return. Every chart element links to the events behind it.
"use strict";

const QUAD_COLOURS = ["#2b8a3e", "#69db7c", "#ffa94d", "#e03131"];
const QUAD_NAMES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

function readJSON(id) {
  const el = document.getElementById(id);
  return el ? JSON.parse(el.textContent) : null;
}

function eventsURL(filter, point, quad) {
  const q = new URLSearchParams(filter || {});
  q.set("since", point.since);
  q.set("until", point.until);
  if (quad) q.set("quad_class", String(quad));
  return "/events?" + q.toString();
}

function quadDatasets(points, key) {
  return QUAD_NAMES.map((name, i) => ({
    type: "bar", label: name, backgroundColor: QUAD_COLOURS[i], stack: "quad", yAxisID: "y",
    data: points.map((p) => p[key[i]]),
  }));
}

function drawChart(canvas) {
  const payload = readJSON(canvas.dataset.source);
  if (!payload || typeof Chart === "undefined") return;
  const timelineKind = canvas.dataset.chart === "timeline";
  const points = timelineKind ? payload.points : payload;
  const keys = timelineKind
    ? ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
    : ["q1", "q2", "q3", "q4"];
  const datasets = quadDatasets(points, keys);
  const scales = { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" } } };
  if (timelineKind) {
    datasets.push({ type: "line", label: "Goldstein sum", data: points.map((p) => p.goldstein_sum),
      borderColor: "#1c7ed6", backgroundColor: "#1c7ed6", yAxisID: "g", tension: 0.2 });
    scales.g = { position: "right", title: { display: true, text: "Goldstein" }, grid: { drawOnChartArea: false } };
  }
  const filter = timelineKind ? payload.filter : {};
  const chart = new Chart(canvas, {
    data: { labels: points.map((p) => p.period), datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, scales,
      interaction: { mode: "nearest", intersect: true },
      onClick: (evt, elements) => {
        if (!elements.length) return;
        const el = elements[0];
        const quad = el.datasetIndex < 4 ? el.datasetIndex + 1 : null;
        window.location.href = eventsURL(filter, points[el.index], quad);
      },
      onHover: (evt, elements) => { evt.native.target.style.cursor = elements.length ? "pointer" : "default"; },
    },
  });
  canvas.dyadsChart = chart;
}

function drawGraph(box) {
  const d = readJSON(box.dataset.source);
  if (!d || typeof cytoscape === "undefined") return;
  const maxRank = Math.max(0.0001, ...d.nodes.map((n) => n.pagerank));
  const elements = d.nodes.map((n) => ({ data: { id: n.actor, label: n.actor, size: 18 + 50 * n.pagerank / maxRank } }));
  d.edges.forEach((e, i) => elements.push({ data: {
    id: "e" + i, source: e.source, target: e.target, width: 1 + Math.min(8, e.stories),
    colour: e.conflict > e.cooperation ? "#e03131" : "#2b8a3e" } }));
  const cy = cytoscape({
    container: box, elements, wheelSensitivity: 0.3,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90 },
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)",
        "background-color": "#4c6ef5", color: "#212529", "font-size": 11, "text-valign": "center", "text-halign": "right" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.7 } },
    ],
  });
  cy.on("tap", "node", (evt) => { window.location.href = "/actor/" + encodeURIComponent(evt.target.id()); });
  cy.on("tap", "edge", (evt) => {
    const e = evt.target.data();
    window.location.href = "/dyad/" + encodeURIComponent(e.source) + "/" + encodeURIComponent(e.target);
  });
  window.dyadsGraph = cy;
}

function followJob(section) {
  const id = section.dataset.job;
  const bar = document.getElementById("bar");
  const tick = async () => {
    const r = await fetch("/api/v1/ingest/" + encodeURIComponent(id));
    if (!r.ok) return;
    const job = await r.json();
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    document.getElementById("jobstate").textContent = job.state;
    document.getElementById("jobcount").textContent = job.done + "/" + job.total;
    if (job.state === "done" || job.state === "failed") window.location.reload();
    else setTimeout(tick, 300);
  };
  setTimeout(tick, 200);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("canvas[data-chart]").forEach(drawChart);
  document.querySelectorAll("#graph").forEach(drawGraph);
  const job = document.getElementById("job");
  if (job && (job.dataset.state === "queued" || job.dataset.state === "running")) followJob(job);
});
