// Polls /metrics (Prometheus text format) and shows Linkage's series as tables.
"use strict";

const PollSeconds = 5;
let previous = null;

// Parses the text format into [{ name, labels, value }].
function parse(text) {
  const samples = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const l of (m[3] || "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, "$1");
    samples.push({ name: m[1], labels, value: Number(m[4]) });
  }
  return samples;
}

const of = (samples, name) => samples.filter(s => s.name === name);
const key = (...parts) => parts.join("\u0000");
const fmt = n => Number.isInteger(n) ? n.toLocaleString("en") : n.toLocaleString("en", { maximumFractionDigits: 2 });

function fill(id, rows) {
  const body = document.querySelector(`#${id} tbody`);
  const columns = document.querySelectorAll(`#${id} thead th`).length;
  body.replaceChildren(...(rows.length ? rows : [[{ text: "nothing yet", empty: true, span: columns }]]).map(cells => {
    const tr = document.createElement("tr");
    for (const c of cells) {
      const td = document.createElement("td");
      const cell = typeof c === "object" ? c : { text: c };
      td.textContent = typeof cell.text === "number" ? fmt(cell.text) : cell.text;
      if (typeof cell.text === "number") td.className = "n";
      if (cell.empty) { td.className = "empty"; td.colSpan = cell.span; }
      tr.append(td);
    }
    return tr;
  }));
}

// The smallest bucket bound below which a share q of the observations lies.
function quantile(buckets, q) {
  const total = buckets.find(b => b.le === Infinity)?.count ?? 0;
  if (total === 0) return null;
  const hit = buckets.find(b => b.count >= q * total);
  return hit.le;
}

function latencyRow(samples, label, base) {
  const count = of(samples, `${base}_count`).reduce((a, s) => a + s.value, 0);
  const sum = of(samples, `${base}_sum`).reduce((a, s) => a + s.value, 0);
  const byBound = new Map();
  for (const s of of(samples, `${base}_bucket`)) {
    const le = s.labels.le === "+Inf" ? Infinity : Number(s.labels.le);
    byBound.set(le, (byBound.get(le) ?? 0) + s.value);
  }
  const buckets = [...byBound].map(([le, c]) => ({ le, count: c })).sort((a, b) => a.le - b.le);
  const ms = v => v === null ? "–" : v === Infinity ? "> max" : fmt(v * 1000);
  return [label, count, count ? fmt(sum / count * 1000) : "–", ms(quantile(buckets, 0.5)), ms(quantile(buckets, 0.95))];
}

function show(samples, seconds) {
  const ingest = new Map();
  const add = (name, field) => {
    for (const s of of(samples, name)) {
      const k = key(s.labels.source, s.labels.kind);
      const row = ingest.get(k) ?? { source: s.labels.source, kind: s.labels.kind, ingested: 0, duplicates: 0 };
      row[field] += s.value;
      ingest.set(k, row);
    }
  };
  add("linkage_events_ingested_total", "ingested");
  add("linkage_events_duplicates_total", "duplicates");
  const before = previous ? new Map(of(previous, "linkage_events_ingested_total").map(s => [key(s.labels.source, s.labels.kind), s.value])) : new Map();
  fill("ingest", [...ingest.values()].sort((a, b) => b.ingested - a.ingested).map(r => [
    r.source, r.kind, r.ingested,
    previous && seconds > 0 ? Math.max(0, (r.ingested - (before.get(key(r.source, r.kind)) ?? 0)) / seconds) : "–",
    r.duplicates,
  ]));
  fill("rejected", of(samples, "linkage_events_rejected_total").sort((a, b) => b.value - a.value).map(s => [s.labels.source, s.labels.field, s.value]));
  const total = name => of(samples, name).reduce((a, s) => a + s.value, 0);
  fill("people", [["merges", total("linkage_people_merges_total")], ["splits", total("linkage_people_splits_total")]]);
  const backlog = of(samples, "linkage_snapshot_backlog");
  fill("backlog", backlog.length ? [[total("linkage_snapshot_backlog")]] : []);
  const ages = new Map(of(samples, "linkage_stream_oldest_age_seconds").map(s => [s.labels.queue, s.value]));
  fill("queues", of(samples, "linkage_stream_queue_depth").sort((a, b) => a.labels.queue.localeCompare(b.labels.queue))
    .map(s => [s.labels.queue, s.value, ages.get(s.labels.queue) ?? "–"]));
  fill("latency", [
    latencyRow(samples, "log append", "linkage_log_append_duration_seconds"),
    latencyRow(samples, "cohort query", "linkage_cohort_query_duration_seconds"),
  ]);
}

let last = null;
async function poll() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("/metrics", { cache: "no-store" });
    if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
    const samples = parse(await response.text());
    const now = Date.now();
    show(samples, last ? (now - last) / 1000 : 0);
    previous = samples;
    last = now;
    status.textContent = `updated ${new Date(now).toLocaleTimeString()} from this silo's /metrics; every ${PollSeconds} s`;
    status.className = "muted";
  } catch (e) {
    status.textContent = `could not read /metrics: ${e.message}`;
    status.className = "bad";
  }
}

poll();
setInterval(poll, PollSeconds * 1000);
