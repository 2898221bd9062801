// The tacitus dashboard. Every number on the page comes from the same JSON API users call (/events,
// /aggregates/*, /articles/{id}); nothing is fetched from outside this server. Text from the store is
// always inserted as text (textContent), never as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUAD = {
  1: { name: "verbal cooperation", color: "var(--q1)" },
  2: { name: "material cooperation", color: "var(--q2)" },
  3: { name: "verbal conflict", color: "var(--q3)" },
  4: { name: "material conflict", color: "var(--q4)" },
};
const FILTERS = ["actor", "country", "cameo", "quad_class", "plover", "date_from", "date_to", "place"];
const PAGE = 50;
const state = { sort: "-date", offset: 0, world: null };

// ---------- helpers ----------
function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
const svgEl = (tag, attrs, ...children) => el("svg:" + tag, attrs, ...children);
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function size(svg) { const box = svg.getBoundingClientRect(); return [box.width || 600, box.height || 300]; }
function fmt(n, digits = 0) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en", { maximumFractionDigits: digits }); }
function empty(svg, message) {
  const [w, h] = size(svg);
  svg.append(svgEl("text", { x: w / 2, y: h / 2, "text-anchor": "middle", class: "empty", text: message }));
}

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) if (value !== "" && value !== null && value !== undefined) url.searchParams.set(key, value);
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}
function showError(error) {
  const box = document.getElementById("error");
  box.hidden = !error;
  box.textContent = error ? String(error.message || error) : "";
}

// ---------- filters live in the URL, so a view can be bookmarked and shared ----------
function currentFilters() {
  const params = new URLSearchParams(location.hash.replace(/^#\??/, ""));
  const filters = {};
  for (const name of FILTERS) if (params.get(name)) filters[name] = params.get(name);
  return filters;
}
function setFilters(filters) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  state.offset = 0;
  location.hash = params.toString() ? "?" + params.toString() : "";
}
function fillForm(filters) {
  const form = document.getElementById("filters");
  for (const name of FILTERS) form.elements[name].value = filters[name] || "";
}

// ---------- timeline: events per period stacked by QuadClass, Goldstein sum as a line ----------
async function drawTimeline(filters) {
  const svg = clear(document.getElementById("timeline"));
  const chosen = document.getElementById("interval").value;
  let interval = chosen === "auto" ? "month" : chosen;
  let { rows } = await api("/aggregates/timeline", { ...filters, interval });
  if (chosen === "auto" && rows.length) {
    // Pick the period that gives a readable number of bars for the span of the data.
    const first = new Date(rows[0].period), last = new Date(rows[rows.length - 1].period);
    const months = (last.getFullYear() - first.getFullYear()) * 12 + last.getMonth() - first.getMonth() + 1;
    const better = months > 120 ? "year" : months <= 2 ? "day" : months <= 6 ? "week" : "month";
    if (better !== interval) ({ rows } = await api("/aggregates/timeline", { ...filters, interval: (interval = better) }));
  }
  document.getElementById("interval-shown").textContent = chosen === "auto" ? `(${interval})` : "";
  const legend = clear(document.getElementById("timeline-legend"));
  for (const q of [1, 2, 3, 4]) legend.append(el("span", {}, el("span", { class: "swatch", style: `background:${QUAD[q].color}` }), `${q} ${QUAD[q].name}`));
  legend.append(el("span", {}, el("span", { class: "swatch", style: "background:#1d2330;height:2px" }), "Goldstein sum (right axis)"));
  if (!rows.length) return empty(svg, "No dated events match these filters.");
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const byPeriod = new Map(periods.map((p) => [p, { total: 0, goldstein: 0, q: { 1: 0, 2: 0, 3: 0, 4: 0 } }]));
  for (const r of rows) { const p = byPeriod.get(r.period); p.q[r.quad_class] += r.events; p.total += r.events; p.goldstein += r.goldstein; }
  const [w, h] = size(svg);
  const m = { l: 40, r: 48, t: 8, b: 24 };
  const maxTotal = Math.max(...[...byPeriod.values()].map((p) => p.total));
  const gs = [...byPeriod.values()].map((p) => p.goldstein);
  const gMax = Math.max(1, ...gs.map(Math.abs));
  const band = (w - m.l - m.r) / periods.length;
  const y = (v) => h - m.b - (v / maxTotal) * (h - m.t - m.b);
  const yg = (v) => m.t + (h - m.t - m.b) / 2 - (v / gMax) * (h - m.t - m.b) / 2;
  const axis = svgEl("g", { class: "axis" });
  axis.append(svgEl("line", { x1: m.l, x2: w - m.r, y1: h - m.b, y2: h - m.b }));
  for (const t of [0, 0.5, 1]) {
    const v = Math.round(maxTotal * t);
    axis.append(svgEl("text", { x: m.l - 4, y: y(v) + 3, "text-anchor": "end", text: fmt(v) }));
  }
  for (const t of [-1, 0, 1]) axis.append(svgEl("text", { x: w - m.r + 4, y: yg(gMax * t) + 3, text: fmt(gMax * t, 1) }));
  const every = Math.ceil(periods.length / Math.max(1, Math.floor((w - m.l - m.r) / 70)));
  periods.forEach((p, i) => { if (i % every === 0) axis.append(svgEl("text", { x: m.l + band * (i + 0.5), y: h - 8, "text-anchor": "middle", text: p })); });
  svg.append(axis);
  const bars = svgEl("g", { class: "bars" });
  periods.forEach((period, i) => {
    const p = byPeriod.get(period);
    let base = 0;
    for (const q of [1, 2, 3, 4]) {
      if (!p.q[q]) continue;
      const top = y(base + p.q[q]);
      bars.append(svgEl("rect", { x: m.l + band * i + band * 0.1, width: Math.max(1, band * 0.8), y: top, height: y(base) - top, fill: QUAD[q].color },
        svgEl("title", { text: `${period}: ${fmt(p.q[q])} ${QUAD[q].name}` })));
      base += p.q[q];
    }
  });
  svg.append(bars);
  const line = periods.map((period, i) => `${i ? "L" : "M"}${(m.l + band * (i + 0.5)).toFixed(1)},${yg(byPeriod.get(period).goldstein).toFixed(1)}`).join("");
  svg.append(svgEl("line", { x1: m.l, x2: w - m.r, y1: yg(0), y2: yg(0), stroke: "#1d2330", "stroke-dasharray": "2 3", "stroke-opacity": 0.3 }));
  svg.append(svgEl("path", { d: line, fill: "none", stroke: "#1d2330", "stroke-width": 1.5, class: "goldstein" }));
}

// ---------- network: actors as nodes, dyads as directed edges weighted by events ----------
function layout(nodes, edges, w, h) {
  // Fruchterman-Reingold: nodes repel (k^2/d), edges pull (d^2/k), the step cools; k fits the panel.
  const k = 0.6 * Math.sqrt((w * h) / Math.max(1, nodes.length));
  nodes.forEach((n, i) => { const a = (i / nodes.length) * 2 * Math.PI; n.x = w / 2 + Math.cos(a) * w / 3; n.y = h / 2 + Math.sin(a) * h / 3; });
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const steps = 300;
  for (let step = 0; step < steps; step++) {
    const temperature = (w / 8) * (1 - step / steps) + 1;
    const dx = new Float64Array(nodes.length), dy = new Float64Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y, d = Math.max(1, Math.hypot(x, y)), f = (k * k) / d;
      dx[i] += (x / d) * f; dy[i] += (y / d) * f; dx[j] -= (x / d) * f; dy[j] -= (y / d) * f;
    }
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      if (a === b) continue;
      const x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y, d = Math.max(1, Math.hypot(x, y)), f = (d * d) / k;
      dx[a] -= (x / d) * f; dy[a] -= (y / d) * f; dx[b] += (x / d) * f; dy[b] += (y / d) * f;
    }
    nodes.forEach((n, i) => {
      // Gravity towards the centre keeps small disconnected pairs from being pushed against the edges.
      dx[i] += (w / 2 - n.x) * 0.9; dy[i] += (h / 2 - n.y) * 0.9;
      const d = Math.max(1, Math.hypot(dx[i], dy[i])), move = Math.min(d, temperature);
      n.x = Math.min(w - 60, Math.max(20, n.x + (dx[i] / d) * move));
      n.y = Math.min(h - 20, Math.max(20, n.y + (dy[i] / d) * move));
    });
  }
}
function goldsteinColor(mean) {
  // Red for conflict, green for cooperation, grey near zero.
  const t = Math.max(-1, Math.min(1, mean / 6));
  return t < 0 ? `rgb(${200 + 15 * -t},${120 - 80 * -t},${100 - 60 * -t})` : `rgb(${120 - 80 * t},${150 + 20 * t},${110 - 40 * t})`;
}
async function drawNetwork(filters) {
  const svg = clear(document.getElementById("network"));
  const { rows } = await api("/aggregates/dyads", { ...filters, limit: 60 });
  if (!rows.length) return empty(svg, "No events with both a source and a target match these filters.");
  const [w, h] = size(svg);
  const nodes = new Map();
  for (const r of rows) for (const side of ["source", "target"]) {
    const node = nodes.get(r[side]) || { id: r[side], code: r[side + "_code"], events: 0 };
    node.events += r.events; nodes.set(r[side], node);
  }
  const list = [...nodes.values()];
  layout(list, rows, w, h);
  const maxEvents = Math.max(...rows.map((r) => r.events));
  const defs = svgEl("defs", {}, svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, svgEl("path", { d: "M0,0L10,5L0,10z", fill: "#9aa3af" })));
  svg.append(defs);
  for (const r of rows) {
    const a = nodes.get(r.source), b = nodes.get(r.target);
    const bend = a === b ? `M${a.x},${a.y} c 30,-40 60,0 0,0` : `M${a.x},${a.y} Q${(a.x + b.x) / 2 + (b.y - a.y) * 0.12},${(a.y + b.y) / 2 - (b.x - a.x) * 0.12} ${b.x},${b.y}`;
    svg.append(svgEl("path", { d: bend, class: "edge", stroke: goldsteinColor(r.goldstein / r.events), "stroke-width": 1 + 5 * r.events / maxEvents, "marker-end": "url(#arrow)" },
      svgEl("title", { text: `${r.source} → ${r.target}: ${fmt(r.events)} events, Goldstein sum ${fmt(r.goldstein, 1)} (${r.cooperation} cooperation, ${r.conflict} conflict)` })));
  }
  const maxNode = Math.max(...list.map((n) => n.events));
  // Name the busiest actors; the others are named on hover, so that labels do not bury the graph.
  const named = new Set([...list].sort((a, b) => b.events - a.events).slice(0, 25).map((n) => n.id));
  for (const n of list) {
    const g = svgEl("g", { class: "node", transform: `translate(${n.x},${n.y})`, onclick: () => setFilters({ ...currentFilters(), actor: n.id }) },
      svgEl("circle", { r: 4 + 10 * Math.sqrt(n.events / maxNode), fill: "#4b6cb7" }),
      named.has(n.id) ? svgEl("text", { x: 8, y: -8, text: n.id }) : null,
      svgEl("title", { text: `${n.id}${n.code ? " (" + n.code + ")" : ""}: ${fmt(n.events)} events in the dyads shown` }));
    svg.append(g);
  }
}

// ---------- map: country shapes from world-atlas, event places as circles ----------
async function world() {
  if (!state.world) {
    const response = await fetch("/static/vendor/countries-110m.json");
    const topology = await response.json();
    state.world = topojson.feature(topology, topology.objects.countries).features;
  }
  return state.world;
}
function ringPath(ring, project) {
  // Equirectangular; a ring that jumps across the antimeridian is split rather than drawn across the map.
  let d = "", last = null;
  for (const [lon, lat] of ring) {
    const [x, y] = project(lon, lat);
    d += (last === null || Math.abs(lon - last) > 180 ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
    last = lon;
  }
  return d + "Z";
}
async function drawMap(filters) {
  const svg = clear(document.getElementById("map"));
  const [w, h] = size(svg);
  const scale = Math.min(w / 360, h / 150);
  const ox = (w - 360 * scale) / 2, oy = (h - 150 * scale) / 2;
  const project = (lon, lat) => [ox + (lon + 180) * scale, oy + (84 - lat) * scale];
  const [features, { rows }] = await Promise.all([world(), api("/aggregates/places", { ...filters, limit: 500 })]);
  const land = svgEl("g", {});
  for (const f of features) {
    const polys = f.geometry ? (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
    const d = polys.map((poly) => poly.map((ring) => ringPath(ring, project)).join("")).join("");
    land.append(svgEl("path", { d, class: "country" }, svgEl("title", { text: f.properties.name })));
  }
  svg.append(land);
  if (!rows.length) return empty(svg, "No events with a located place match these filters.");
  const maxEvents = Math.max(...rows.map((r) => r.events));
  for (const r of [...rows].reverse()) {
    const [x, y] = project(r.lon, r.lat);
    const share = r.conflict / r.events;
    svg.append(svgEl("circle", { cx: x, cy: y, r: 3 + 12 * Math.sqrt(r.events / maxEvents), class: "place", fill: share > 0.5 ? "var(--q4)" : "var(--q2)", onclick: () => setFilters({ ...currentFilters(), place: r.name }) },
      svgEl("title", { text: `${r.name}${r.country ? " (" + r.country + ")" : ""}: ${fmt(r.events)} events, ${fmt(r.conflict)} conflict` })));
  }
}

// ---------- event table ----------
async function drawTable(filters) {
  const body = clear(document.querySelector("#events tbody"));
  const data = await api("/events", { ...filters, sort: state.sort, limit: PAGE, offset: state.offset });
  document.getElementById("event-count").textContent = `${fmt(data.total)} events`;
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.classList.toggle("sorted-asc", state.sort === th.dataset.sort);
    th.classList.toggle("sorted-desc", state.sort === "-" + th.dataset.sort);
  }
  for (const e of data.rows) {
    const event = el("td", {}, el("span", { class: `q q${e.quad_class}`, title: QUAD[e.quad_class].name, text: e.quad_class }),
      el("span", { class: "code", text: e.cameo }), e.plover_type ? " " + e.plover_type.toLowerCase() : "");
    body.append(el("tr", { "data-article": e.article_id, onclick: () => { location.hash = "article=" + encodeURIComponent(e.article_id) + "&event=" + encodeURIComponent(e.id); } },
      el("td", { text: e.date || "" }), el("td", { text: e.source_name || "" }), event, el("td", { text: e.target_name || "" }),
      el("td", { text: e.place_name || "" }), el("td", { text: fmt(e.goldstein, 1) }), el("td", { class: "evidence", text: e.evidence_text })));
  }
  if (!data.rows.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "muted", text: "No events match these filters." })));
  const last = Math.min(data.total, state.offset + data.rows.length);
  document.getElementById("page-info").textContent = data.total ? `${fmt(state.offset + 1)}–${fmt(last)} of ${fmt(data.total)}` : "";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= data.total;
}

// ---------- article view: the text with each event's evidence and each quote highlighted ----------
function highlighted(text, spans) {
  // Offsets are Python string indices (code points); JavaScript strings count UTF-16 units, so work on
  // the array of code points. Spans may overlap (evidence inside a quote): cut the text at every boundary.
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(chars.length, s.start))); cuts.add(Math.max(0, Math.min(chars.length, s.end))); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = spans.filter((s) => s.start <= a && s.end >= b && s.start < s.end);
    if (!covering.length) { out.append(piece); continue; }
    const marks = covering.filter((s) => s.kind !== "actor");
    const node = marks.length
      ? el("mark", { class: [...new Set(marks.map((s) => s.kind))].join(" "), "data-ids": marks.map((s) => s.id).join(" "), title: marks.map((s) => s.label).join("\n") }, piece)
      : el("span", { text: piece });
    if (covering.some((s) => s.kind === "actor")) node.classList.add("actor");
    out.append(node);
  }
  return out;
}
function flash(id) {
  const marks = [...document.querySelectorAll("#article-text mark")].filter((m) => m.dataset.ids.split(" ").includes(id));
  document.querySelectorAll("mark.flash").forEach((m) => m.classList.remove("flash"));
  marks.forEach((m) => m.classList.add("flash"));
  if (marks[0]) marks[0].scrollIntoView({ block: "center" });
}
async function showArticle(id, eventId) {
  document.getElementById("overview").hidden = true;
  document.getElementById("filters").hidden = true;
  const view = document.getElementById("article-view");
  view.hidden = false;
  const record = await api("/articles/" + encodeURIComponent(id));
  const a = record.article;
  const actors = new Map(record.actors.map((x) => [x.id, x]));
  const places = new Map(record.places.map((x) => [x.id, x]));
  document.getElementById("article-title").textContent = a.title || a.id;
  const meta = clear(document.getElementById("article-meta"));
  meta.append([a.source, a.published, a.id].filter(Boolean).join(" · "));
  if (a.url && /^https?:\/\//.test(a.url)) meta.append(" · ", el("a", { href: a.url, rel: "noopener noreferrer", text: "original" }));
  const name = (actorId) => (actorId && actors.get(actorId) ? actors.get(actorId).name : "—");
  const spans = [];
  for (const e of record.events) spans.push({ id: e.id, kind: "event", start: e.evidence.start, end: e.evidence.end, label: `${e.id} ${name(e.source)} → ${e.cameo} → ${name(e.target)}` });
  for (const q of record.quotes) spans.push({ id: q.id, kind: "quote", start: q.start, end: q.end, label: `${q.id} quote by ${name(q.speaker) !== "—" ? name(q.speaker) : q.speaker_text || "unknown"}` });
  for (const x of record.actors) for (const m of x.mentions) spans.push({ id: x.id, kind: "actor", start: m.start, end: m.end, label: x.name });
  clear(document.getElementById("article-text")).append(highlighted(a.text, spans));
  const events = clear(document.getElementById("article-events"));
  for (const e of record.events) {
    const place = e.place && places.get(e.place) ? " in " + places.get(e.place).name : "";
    events.append(el("li", { "data-id": e.id, onclick: () => flash(e.id) },
      el("span", { class: `q q${e.quad_class}`, text: e.quad_class }), el("strong", { text: name(e.source) }), " ",
      el("span", { class: "code", text: e.cameo }), e.plover && e.plover.type ? " " + e.plover.type.toLowerCase() : "", " ", el("strong", { text: name(e.target) }),
      el("div", { class: "muted", text: [e.date, place.trim(), e.aux.join(", "), "Goldstein " + e.goldstein].filter(Boolean).join(" · ") })));
  }
  if (!record.events.length) events.append(el("li", { class: "muted", text: "No events coded in this article." }));
  const quotes = clear(document.getElementById("article-quotes"));
  for (const q of record.quotes) {
    quotes.append(el("li", { "data-id": q.id, onclick: () => flash(q.id) }, el("strong", { text: name(q.speaker) !== "—" ? name(q.speaker) : q.speaker_text || "unknown speaker" }),
      q.cue ? ` (${q.cue}, ${q.kind})` : ` (${q.kind})`, el("div", { class: "muted", text: "“" + q.text.slice(0, 160) + (q.text.length > 160 ? "…" : "") + "”" })));
  }
  if (!record.quotes.length) quotes.append(el("li", { class: "muted", text: "No quotes found in this article." }));
  window.scrollTo(0, 0);
  if (eventId) flash(eventId);
}

// ---------- wiring ----------
async function render() {
  showError(null);
  const params = new URLSearchParams(location.hash.replace(/^#\??/, ""));
  try {
    if (params.get("article")) return await showArticle(params.get("article"), params.get("event"));
    document.getElementById("article-view").hidden = true;
    document.getElementById("overview").hidden = false;
    document.getElementById("filters").hidden = false;
    const filters = currentFilters();
    fillForm(filters);
    await Promise.all([drawTimeline(filters), drawNetwork(filters), drawMap(filters), drawTable(filters)]);
  } catch (error) {
    showError(error);
  } finally {
    document.body.dataset.ready = "true";
  }
}
async function summary() {
  try {
    const { counts } = await api("/stats");
    document.getElementById("store-summary").textContent = `${fmt(counts.articles)} articles · ${fmt(counts.events)} events · ${fmt(counts.actors)} actors · ${fmt(counts.quotes)} quotes`;
  } catch (error) { showError(error); }
}
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const filters = {};
    for (const name of FILTERS) if (form.elements[name].value.trim()) filters[name] = form.elements[name].value.trim();
    setFilters(filters);
  });
  document.getElementById("reset").addEventListener("click", (event) => { event.preventDefault(); setFilters({}); });
  document.getElementById("interval").addEventListener("change", () => drawTimeline(currentFilters()).catch(showError));
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); drawTable(currentFilters()).catch(showError); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; drawTable(currentFilters()).catch(showError); });
  document.getElementById("back").addEventListener("click", (event) => { event.preventDefault(); history.back(); });
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.addEventListener("click", () => {
      state.sort = state.sort === "-" + th.dataset.sort ? th.dataset.sort : "-" + th.dataset.sort;
      state.offset = 0;
      drawTable(currentFilters()).catch(showError);
    });
  }
  window.addEventListener("hashchange", () => { document.body.dataset.ready = "false"; render(); });
  summary();
  render();
});
