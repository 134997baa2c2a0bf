// The /map page: located events as clustered points over the vendored Natural Earth land outline.
// Everything is local (no tile server); text is set with textContent, never as HTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
  var colours = {1: "#2b8a3e", 2: "#69db7c", 3: "#ffa94d", 4: "#e03131"};  // as style.css's .quad
  var map = L.map(el, {worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: false}).setView([20, 10], 2);
  fetch("/static/land-110m.json").then(function (r) { return r.json(); }).then(function (topo) {
    var land = L.geoJSON(topojson.feature(topo, topo.objects.land), {
      style: {color: "#9e9e9e", weight: 1, fillColor: "#f1efe8", fillOpacity: 1}, interactive: false});
    land.addTo(map);
    land.bringToBack();
  });
  var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40});
  var filter = data.filter || {};
  data.places.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: Math.min(22, 5 + 2 * Math.sqrt(p.events)), color: colours[p.quad_class], weight: 2,
      fillColor: colours[p.quad_class], fillOpacity: 0.55});
    var params = new URLSearchParams();
    Object.keys(filter).forEach(function (k) { params.set(k, filter[k]); });
    params.set("near", p.lat + "," + p.lon);
    params.set("within", "1");
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name + (p.country ? " (" + p.country + ")" : "");
    var link = document.createElement("a");
    link.href = "/events?" + params.toString();
    link.textContent = p.events + " event" + (p.events === 1 ? "" : "s");
    var quads = document.createElement("div");
    quads.className = "small";
    quads.textContent = "QuadClass 1–4: " + [1, 2, 3, 4].map(function (q) { return p.quad_classes[q]; }).join(" / ");
    box.appendChild(title); box.appendChild(document.createElement("br")); box.appendChild(link); box.appendChild(quads);
    marker.bindPopup(box);
    marker.placeName = p.name;
    cluster.addLayer(marker);
  });
  map.addLayer(cluster);
  el.dataset.ready = String(data.places.length);
})();
