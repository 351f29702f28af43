// The authority's surveillance page: an authority key for this tab, the indicators, a tile map of the prefectures
// coloured by the latest day's C1, the chosen prefecture's daily counts with alarm days marked, and the alert stream
// (read with fetch, since EventSource cannot send the bearer header).

import { TILES, loadPrefectures, nameOf } from "./prefectures.js";

const KEY = "linkage.surveillance.apiKey";
const INDICATORS = "/api/v1/surveillance/indicators";
const STREAM = "/api/v1/alerts/stream";
const SVG = "http://www.w3.org/2000/svg";
const TILE = 50;
const SHOWN_ALERTS = 200;

const $ = (selector) => document.querySelector(selector);
const state = { indicator: null, pref: "all", lines: [], lastEventId: null, streaming: false, loading: null, stale: false, prefectures: [] };

setUpKey();
loadPrefectures()
  .then((prefectures) => { state.prefectures = prefectures; })
  .catch((e) => fail("#indicators-status", e))
  .finally(() => {
    drawMap(new Map());
    document.body.dataset.ready = "true";
    if (key()) connect();
  });

function key() { return sessionStorage.getItem(KEY); }

function setUpKey() {
  const input = $("#api-key");
  const show = () => {
    $("#key-status").textContent = key()
      ? "A key is set for this tab (kept in this browser tab only, sent as the bearer header)."
      : "No key yet: enter an authority key. It is kept in this browser tab only.";
  };
  $("#key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.value.trim()) sessionStorage.setItem(KEY, input.value.trim());
    input.value = "";
    show();
    if (key()) connect();
  });
  $("#forget-key").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    show();
    input.focus();
  });
  show();
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${key()}` } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
  return text;
}

function connect() {
  loadIndicators().catch((e) => fail("#indicators-status", e));
  if (!state.streaming) follow();
}

function fail(selector, e) {
  $(selector).textContent = e.message;
  $(selector).classList.add("bad");
}

async function loadIndicators() {
  const list = JSON.parse(await api(INDICATORS));
  const ul = $("#indicators");
  ul.replaceChildren();
  $("#indicators-status").classList.remove("bad");
  $("#indicators-status").textContent = list.length ? "" : "No indicators defined yet.";
  for (const indicator of list) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = indicator.name;
    button.dataset.indicator = indicator.name;
    button.title = `episodeDays ${indicator.episodeDays}; anyOf ${JSON.stringify(indicator.anyOf)}`;
    button.setAttribute("aria-pressed", String(indicator.name === state.indicator));
    button.addEventListener("click", () => choose(indicator.name));
    li.append(button);
    ul.append(li);
  }
  if (!state.indicator && list.length) await choose(list[0].name);
}

async function choose(name) {
  state.indicator = name;
  for (const b of document.querySelectorAll("#indicators button")) b.setAttribute("aria-pressed", String(b.dataset.indicator === name));
  await loadSeries();
}

// Alerts come in bursts (three detectors, a prefecture and the country): one reload in flight, at most one more after it.
function reloadSeries() {
  if (state.loading) {
    state.stale = true;
    return;
  }
  state.loading = loadSeries()
    .catch((e) => fail("#indicators-status", e))
    .finally(() => {
      state.loading = null;
      if (state.stale) {
        state.stale = false;
        reloadSeries();
      }
    });
}

async function loadSeries() {
  const name = state.indicator;
  const text = await api(`${INDICATORS}/${encodeURIComponent(name)}/series`);
  if (name !== state.indicator) return;
  state.lines = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const latest = new Map();
  let day = "";
  for (const line of state.lines) {
    if (line.day > day) day = line.day;
    const seen = latest.get(line.pref);
    if (!seen || line.day > seen.day) latest.set(line.pref, line);
  }
  $("#map-day").textContent = day ? `(${day})` : "";
  drawMap(new Map([...latest].filter(([, line]) => line.day === day)));
  drawSeries();
  document.dispatchEvent(new CustomEvent("surveillance:series"));
}

function colourOf(c1) {
  if (c1 === null || c1 === undefined) return "c-none";
  if (c1 > 3) return "c-alarm";
  if (c1 > 2) return "c-high";
  if (c1 >= 1) return "c-mid";
  return "c-low";
}

function element(name, attributes, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  parent?.append(e);
  return e;
}

function drawMap(latest) {
  const svg = element("svg", { viewBox: `0 0 ${12 * TILE} ${13 * TILE}`, role: "img", "aria-label": "Prefectures coloured by C1" });
  TILES.forEach(([column, row], i) => {
    const pref = String(i + 1).padStart(2, "0");
    const line = latest.get(pref);
    const c1 = line?.c1 ?? null;
    const g = element("g", { class: `tile ${colourOf(c1)}${pref === state.pref ? " chosen" : ""}`, "data-pref": pref, "data-c1": c1 ?? "", tabindex: "0", role: "button" }, svg);
    element("rect", { x: column * TILE, y: row * TILE, width: TILE, height: TILE }, g);
    const label = element("text", { x: column * TILE + TILE / 2, y: row * TILE + TILE / 2 - 2 }, g);
    label.textContent = `${pref} ${state.prefectures[i]?.short ?? ""}`;
    const value = element("text", { x: column * TILE + TILE / 2, y: row * TILE + TILE / 2 + 12 }, g);
    value.textContent = c1 === null ? (line ? String(line.count) : "") : c1.toFixed(1);
    element("title", {}, g).textContent = `${nameOf(pref, state.prefectures)} (${pref}): ` + (line ? `count ${line.count}, C1 ${c1 ?? "none"}` : "no episodes");
    const pick = () => { state.pref = pref; drawMap(latest); drawSeries(); };
    g.addEventListener("click", pick);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
  });
  const all = element("g", { class: `tile c-none${state.pref === "all" ? " chosen" : ""}`, "data-pref": "all", tabindex: "0", role: "button" }, svg);
  element("rect", { x: 0, y: 0, width: TILE * 2, height: TILE }, all);
  element("text", { x: TILE, y: TILE / 2 + 4 }, all).textContent = "全国 (all)";
  element("title", {}, all).textContent = "全国 (all): the whole country's series";
  all.addEventListener("click", () => { state.pref = "all"; drawMap(latest); drawSeries(); });
  $("#map").replaceChildren(svg);
}

function drawSeries() {
  const lines = state.lines.filter((l) => l.pref === state.pref);
  $("#series-title").textContent = state.indicator ? `${state.indicator}, ${nameOf(state.pref, state.prefectures)}` : "choose an indicator";
  const chart = $("#series");
  chart.dataset.pref = state.pref;
  chart.dataset.days = String(lines.length);
  if (!lines.length) {
    chart.replaceChildren(Object.assign(document.createElement("p"), { className: "muted", textContent: "No days in this series." }));
    return;
  }
  const [width, height, left, bottom, top] = [640, 280, 40, 30, 10];
  const max = Math.max(1, ...lines.map((l) => l.count));
  const x = (i) => left + (lines.length === 1 ? 0 : (i * (width - left - 10)) / (lines.length - 1));
  const y = (count) => top + (height - top - bottom) * (1 - count / max);
  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Daily counts of ${state.indicator} in ${nameOf(state.pref, state.prefectures)}` });
  element("line", { class: "axis", x1: left, y1: y(0), x2: width - 10, y2: y(0) }, svg);
  element("line", { class: "axis", x1: left, y1: top, x2: left, y2: y(0) }, svg);
  element("text", { x: left - 6, y: top + 10, "text-anchor": "end" }, svg).textContent = String(max);
  element("text", { x: left - 6, y: y(0), "text-anchor": "end" }, svg).textContent = "0";
  element("text", { x: left, y: height - 8 }, svg).textContent = lines[0].day;
  element("text", { x: width - 10, y: height - 8, "text-anchor": "end" }, svg).textContent = lines[lines.length - 1].day;
  element("polyline", { class: "line", points: lines.map((l, i) => `${x(i)},${y(l.count)}`).join(" ") }, svg);
  lines.forEach((l, i) => {
    if (!l.alarm?.length) return;
    const mark = element("circle", { class: "alarm", cx: x(i), cy: y(l.count), r: 5, "data-day": l.day, "data-alarm": l.alarm.join(",") }, svg);
    element("title", {}, mark).textContent = `${l.day}: ${l.count}, alarm ${l.alarm.join(", ")}`;
  });
  chart.replaceChildren(svg);
}

// Server-Sent Events over fetch: "id:" and "data:" lines, an empty line ends an event; Last-Event-ID resumes.
async function follow() {
  state.streaming = true;
  const status = $("#stream-status");
  while (key()) {
    try {
      const headers = { Authorization: `Bearer ${key()}`, Accept: "text/event-stream" };
      if (state.lastEventId !== null) headers["Last-Event-ID"] = state.lastEventId;
      const response = await fetch(STREAM, { headers });
      if (!response.ok) throw new Error(`${STREAM} answered ${response.status}`);
      status.textContent = "(live)";
      status.classList.remove("bad");
      document.body.dataset.streaming = "true";
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let event = { id: null, data: [] };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + (buffer.startsWith("\r\n", end) ? 2 : 1));
          if (line === "") {
            if (event.data.length) received(event.id, event.data.join("\n"));
            event = { id: null, data: [] };
          } else if (!line.startsWith(":")) {
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") event.id = text;
            else if (field === "data") event.data.push(text);
          }
        }
      }
      status.textContent = "(reconnecting)";
    } catch (e) {
      status.textContent = `(${e.message}; retrying)`;
      status.classList.add("bad");
    }
    delete document.body.dataset.streaming;
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  state.streaming = false;
}

function received(id, data) {
  if (id !== null) state.lastEventId = id;
  const alert = JSON.parse(data);
  const li = document.createElement("li");
  li.dataset.id = alert.id;
  li.dataset.version = String(alert.version);
  li.dataset.source = alert.source;
  if (alert.withdrawn) li.classList.add("withdrawn");
  if (alert.source === "surveillance") {
    li.dataset.indicator = alert.indicator;
    li.dataset.pref = alert.pref;
    li.dataset.day = alert.day;
    li.dataset.detector = alert.detector;
    li.textContent = `${alert.withdrawn ? "withdrawn: " : ""}${alert.indicator} ${nameOf(alert.pref, state.prefectures)} ${alert.day} ${alert.detector.toUpperCase()} count ${alert.count}, statistic ${alert.statistic}`;
  } else {
    li.dataset.monitor = alert.monitor;
    li.textContent = `${alert.withdrawn ? "withdrawn: " : ""}safety ${alert.monitor}: n ${alert.n}, c ${alert.c}, LLR ${alert.llr}`;
  }
  li.title = `raised ${alert.at}, version ${alert.version}`;
  const list = $("#alerts");
  list.prepend(li);
  while (list.children.length > SHOWN_ALERTS) list.lastElementChild.remove();
  // A new alert of the shown indicator means its series changed: show the new one.
  if (alert.source === "surveillance" && alert.indicator === state.indicator) reloadSeries();
  else if (alert.source === "surveillance" && !document.querySelector(`#indicators button[data-indicator="${CSS.escape(alert.indicator)}"]`)) loadIndicators().catch(() => {});
}
