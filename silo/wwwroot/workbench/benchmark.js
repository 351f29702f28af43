// The benchmarking page: an indicator (a cohort definition with an outcome, built in the shared definition form), the
// adjustment keys, coverages, overdispersion and minCell, sent to POST /api/v1/benchmarks; the answer drawn as a
// funnel plot and a table. The adjustment keys come from the OpenAPI document, as the form's fields do.

import { DefinitionForm, schemaOf } from "./definition-form.js";
import { funnel, funnelLegend, FLAG_COLORS } from "./funnel.js";
import { apiKey, setUpKey } from "./api-key.js";
import { openApiDocument } from "./openapi.js";

const BENCHMARKS = "/api/v1/benchmarks";
const $ = (selector) => document.querySelector(selector);
const format = new Intl.NumberFormat("en-US");
let form;

start().catch((e) => {
  $("#schema-status").textContent = `The page could not start: ${e.message}`;
  $("#schema-status").classList.add("bad");
});

async function start() {
  setUpKey();
  const openApi = await openApiDocument();
  const request = openApi.components.schemas.BenchmarkRequest;
  const adjust = $("#adjust-keys");
  for (const key of request.properties.adjust.items.enum) {
    const label = document.createElement("label");
    label.className = "check";
    label.innerHTML = `<input type="checkbox" name="bench.adjust" value="${key}" data-path="adjust"> ${key}`;
    adjust.append(label);
  }
  form = new DefinitionForm($("#definition"), schemaOf(openApi), showRequest);
  form.fill({ entry: { kind: "receipt" }, outcome: { kind: "death", from: 0, to: 30 } });
  for (const box of document.querySelectorAll("input[name='bench.adjust']")) box.checked = ["sex", "age10"].includes(box.value);
  showRequest();
  $("#schema-status").hidden = true;
  $("#definition").addEventListener("submit", (e) => {
    e.preventDefault();
    compare();
  });
  document.body.dataset.ready = "true";
  document.dispatchEvent(new CustomEvent("workbench:ready"));
}

/** The benchmark-v1 request the form describes: fields left empty are left out (the server's defaults apply). */
function read() {
  const f = $("#definition").elements;
  const request = { indicator: form.read() };
  request.adjust = [...document.querySelectorAll("input[name='bench.adjust']:checked")].map((c) => c.value);
  const limits = f["bench.limits"].value.split(/[\s,]+/).filter(Boolean).map((v) => (Number.isFinite(Number(v)) ? Number(v) : v));
  if (limits.length) request.limits = limits;
  if (f["bench.overdispersion"].checked) request.overdispersion = true;
  const minCell = f["bench.minCell"].value.trim();
  if (minCell !== "") request.minCell = Number.isFinite(Number(minCell)) ? Number(minCell) : minCell;
  return request;
}

function showRequest() {
  $("#problems").replaceChildren();
  $("#json").textContent = JSON.stringify(read(), null, 2);
}

async function compare() {
  $("#problems").replaceChildren();
  const key = apiKey();
  if (!key) {
    problem("No API key", ["Enter a researcher key above first."]);
    $("#api-key").focus();
    document.dispatchEvent(new CustomEvent("workbench:settled"));
    return;
  }
  const busy = $("#busy");
  busy.textContent = "Comparing…";
  $("#count").disabled = true;
  try {
    const response = await fetch(BENCHMARKS, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(read()),
    });
    const text = await response.text();
    if (!response.ok) {
      let p;
      try { p = JSON.parse(text); } catch { p = { title: `HTTP ${response.status}`, detail: text }; }
      problem(`${response.status} ${p.title ?? ""}`.trim(), Array.isArray(p.errors) ? p.errors : [p.detail ?? text]);
      return;
    }
    show(JSON.parse(text));
    $("#answer-title").focus();
  } catch (e) {
    problem("The API could not be reached", [e.message]);
  } finally {
    busy.textContent = "";
    $("#count").disabled = false;
    // For scripts driving the page (the browser tests): the answer or the problem is on the page now.
    document.dispatchEvent(new CustomEvent("workbench:settled"));
  }
}

function show(answer) {
  const section = $("#answer");
  section.hidden = false;
  const minCell = answer.minCell;
  $("#shown").textContent = format.format(answer.facilities.length);
  const unattributed = answer.unattributed === null ? `< ${minCell}` : format.format(answer.unattributed);
  $("#answer-notes").textContent = `with at least ${minCell} people · observed withheld at ${answer.suppressed} · `
    + `unattributed people ${unattributed} · adjusted for ${answer.adjust.join(", ") || "nothing"} · τ² ${answer.tau2} · as of ${answer.asOf}`;
  funnel($("#funnel"), answer, { title: `Funnel plot of ${answer.facilities.length} facilities` });
  funnelLegend($("#funnel-legend"), answer);

  const coverages = answer.facilities[0]?.limits.map((l) => l.coverage) ?? [];
  const head = document.createElement("tr");
  for (const [text, numeric] of [["facility"], ["n", 1], ["observed", 1], ["expected", 1], ["SMR", 1], ...coverages.map((c) => [`${c * 100}% limits`, 1]), ["flag"]]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    if (numeric) th.className = "n";
    head.append(th);
  }
  $("#facilities thead").replaceChildren(head);
  $("#facilities tbody").replaceChildren(...answer.facilities.map((f) => {
    const tr = document.createElement("tr");
    tr.dataset.facility = f.facility;
    const withheld = f.observed === null ? (f.complementary ? `≥ ${minCell}, hidden` : "withheld") : null;
    const cells = [
      [f.facility],
      [format.format(f.n), "n"],
      [withheld ?? format.format(f.observed), withheld ? "n suppressed" : "n"],
      [f.expected.toFixed(3), "n"],
      [f.smr === null ? "—" : f.smr.toFixed(4), f.smr === null ? "n suppressed" : "n"],
      ...f.limits.map((l) => [`${l.low.toFixed(4)}–${l.high === null ? "∞" : l.high.toFixed(4)}`, "n"]),
      [f.flag, `flag-${f.flag}`],
    ];
    for (const [text, className] of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      if (className) td.className = className;
      tr.append(td);
    }
    tr.lastChild.style.color = FLAG_COLORS[f.flag];
    return tr;
  }));
}

function problem(title, list) {
  const box = $("#problems");
  const h = document.createElement("p");
  h.className = "problem-title";
  h.textContent = title;
  const ul = document.createElement("ul");
  for (const item of list) {
    const li = document.createElement("li");
    li.textContent = item;
    ul.append(li);
  }
  box.replaceChildren(h, ul);
}
