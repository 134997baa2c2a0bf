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
    var shapes = topojson.feature(topo, topo.objects.land);
    shapes.features.forEach(function (f) { unwrap(f.geometry); });
    var land = L.geoJSON(shapes, {
      style: {color: "#9e9e9e", weight: 1, fillColor: "#f1efe8", fillOpacity: 1}, interactive: false});
    land.addTo(map);
    land.bringToBack();
  });
  // Rings that cross the antimeridian (Chukotka, Fiji) would be drawn as lines across the world: each
  // ring's longitudes are made continuous instead (they run past 180 and the shape stays whole).
  function unwrap(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        var sum = ring.length ? ring[0][0] : 0;
        for (var i = 1; i < ring.length; i++) {
          while (ring[i][0] - ring[i - 1][0] > 180) { ring[i][0] -= 360; }
          while (ring[i][0] - ring[i - 1][0] < -180) { ring[i][0] += 360; }
          sum += ring[i][0];
        }
        var shift = 0, mean = sum / Math.max(ring.length, 1);  // the ring back where most of it lies
        while (mean + shift > 180) { shift -= 360; }
        while (mean + shift < -180) { shift += 360; }
        if (shift) { ring.forEach(function (pt) { pt[0] += shift; }); }
      });
    });
  }
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
