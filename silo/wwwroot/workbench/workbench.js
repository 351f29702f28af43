// The research workbench: a researcher's key for this tab, a cohort definition built in the form or pasted as JSON,
// sent to POST /api/v1/cohorts/count, the answer shown and downloadable; a 400's reasons beside the fields they name.

import { DefinitionForm, schemaOf } from "./definition-form.js";
import { answerCsv, showAnswer } from "./answer-view.js";
import { SsaForm, ssaSchemaOf } from "./safety-form.js";
import { showSsaAnswer } from "./safety-view.js";
import { apiKey, setUpKey } from "./api-key.js";
import { openApiDocument } from "./openapi.js";

const COUNT = "/api/v1/cohorts/count";
const SSA = "/api/v1/safety/ssa";
const PATH = /^[A-Za-z]\w*(\[\d+\])?(\.[A-Za-z]\w*(\[\d+\])?)*$/;

const $ = (selector) => document.querySelector(selector);
const json = $("#json");
let form;
let ssaForm;
let last; // the last answer: { text, answer, groupBy }

start().catch((e) => {
  $("#schema-status").textContent = `The workbench could not start: ${e.message}`;
  $("#schema-status").classList.add("bad");
});

async function start() {
  setUpKey();
  const openApi = await openApiDocument();
  const schema = schemaOf(openApi);
  form = new DefinitionForm($("#definition"), schema, () => {
    clearProblems();
    json.value = JSON.stringify(form.read(), null, 2);
    $("#json-status").textContent = "";
  });
  form.fill({ entry: { kind: "receipt", code: "E11" } });
  json.value = JSON.stringify(form.read(), null, 2);
  $("#schema-status").textContent = "";
  $("#schema-status").hidden = true;

  json.addEventListener("input", () => {
    clearProblems();
    try {
      const pasted = JSON.parse(json.value);
      if (pasted === null || typeof pasted !== "object" || Array.isArray(pasted)) throw new Error("a definition is a JSON object");
      form.fill(pasted);
      $("#json-status").textContent = "The form shows this definition; it is sent as written here.";
    } catch (e) {
      $("#json-status").textContent = `Not a definition yet (${e.message}); it is sent as written if you count now.`;
    }
  });
  $("#definition").addEventListener("submit", (e) => {
    e.preventDefault();
    count();
  });
  $("#download-json").addEventListener("click", () => download("cohort-answer.json", "application/json", last.text));
  $("#download-csv").addEventListener("click", () => download("cohort-answer.csv", "text/csv", answerCsv(last.answer, last.groupBy)));
  setUpTabs();
  ssaForm = new SsaForm($("#ssa"), schema, ssaSchemaOf(openApi), () => showSsaRequest());
  ssaForm.fill({ index: { kind: "medication", code: "2149" }, marker: { kind: "receipt", code: "K29" } });
  showSsaRequest();
  $("#ssa").addEventListener("submit", (e) => {
    e.preventDefault();
    analyse();
  });
  document.body.dataset.ready = "true";
  document.dispatchEvent(new CustomEvent("workbench:ready"));
}

/** The two tabs (cohort count, drug safety), switched with a click or the arrow keys. */
function setUpTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  const select = (tab) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !selected;
    }
  };
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      const next = tabs[(tabs.indexOf(tab) + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      select(next);
      next.focus();
    });
  }
}

function showSsaRequest() {
  $("#ssa-json").textContent = JSON.stringify(ssaForm.read(), null, 2);
  $("#ssa-problems").replaceChildren();
}

/** Sends the safety form's request to POST /api/v1/safety/ssa and shows the answer or the problem. */
async function analyse() {
  const box = $("#ssa-problems");
  box.replaceChildren();
  const key = apiKey();
  $("#ssa-busy").textContent = "Analysing…";
  $("#ssa-run").disabled = true;
  try {
    if (!key) {
      problem("No API key", "Enter a researcher key above first.", [], box);
      return;
    }
    const response = await fetch(SSA, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", Accept: "application/json" },
      body: $("#ssa-json").textContent,
    });
    const text = await response.text();
    if (!response.ok) {
      let p;
      try {
        p = JSON.parse(text);
      } catch {
        p = { title: `HTTP ${response.status}`, detail: text };
      }
      const errors = Array.isArray(p.errors) ? p.errors : [];
      problem(`${response.status} ${p.title ?? ""}`.trim(), errors.length ? "" : p.detail ?? text, errors, box);
      return;
    }
    const section = $("#ssa-answer");
    section.hidden = false;
    showSsaAnswer(section, JSON.parse(text));
    $("#ssa-answer-title").focus();
  } catch (e) {
    problem("The API could not be reached", e.message, [], box);
  } finally {
    $("#ssa-busy").textContent = "";
    $("#ssa-run").disabled = false;
    document.dispatchEvent(new CustomEvent("workbench:settled"));
  }
}

async function count() {
  clearProblems();
  const key = apiKey();
  if (!key) {
    problem("No API key", "Enter a researcher key above first.");
    $("#api-key").focus();
    document.dispatchEvent(new CustomEvent("workbench:settled"));
    return;
  }
  const body = json.value;
  const busy = $("#busy");
  busy.textContent = "Counting…";
  $("#count").disabled = true;
  try {
    const response = await fetch(COUNT, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", Accept: "application/json" },
      body,
    });
    const text = await response.text();
    if (!response.ok) {
      showProblem(response.status, text);
      return;
    }
    const answer = JSON.parse(text);
    let groupBy = Object.keys(answer.groups[0]?.key ?? {});
    try {
      const sent = JSON.parse(body);
      if (Array.isArray(sent.groupBy)) groupBy = sent.groupBy;
    } catch { /* the server took it, so it was JSON */ }
    last = { text, answer, groupBy };
    const section = $("#answer");
    section.hidden = false;
    showAnswer(section, answer, groupBy);
    $("#answer-title").focus();
  } catch (e) {
    problem("The API could not be reached", e.message);
  } finally {
    busy.textContent = "";
    $("#count").disabled = false;
    // For scripts driving the page (the browser tests): the answer or the problem is on the page now.
    document.dispatchEvent(new CustomEvent("workbench:settled"));
  }
}

/** A problem answer: a 400's reasons beside their fields, any other status's title and detail above the JSON. */
function showProblem(status, text) {
  let p;
  try {
    p = JSON.parse(text);
  } catch {
    p = { title: `HTTP ${status}`, detail: text };
  }
  const errors = status === 400 && Array.isArray(p.errors) ? p.errors : [];
  if (!errors.length) {
    problem(`${status} ${p.title ?? ""}`.trim(), p.detail ?? text);
    return;
  }
  const unplaced = [];
  let first;
  for (const error of errors) {
    const at = error.indexOf(": ");
    const path = at > 0 ? error.slice(0, at) : "";
    const field = PATH.test(path) && path !== "definition" ? form.fieldFor(path) : null;
    if (!field) {
      unplaced.push(error);
      continue;
    }
    markField(field, error);
    first ??= field;
  }
  problem(`${status} ${p.title ?? "Malformed cohort definition"}`, unplaced.length ? "" : "See the reasons beside the fields.", unplaced);
  (first?.matches("input, select, textarea") ? first : first?.querySelector("input, select") ?? json).focus();
}

function markField(field, message) {
  const note = document.createElement("p");
  note.className = "field-error";
  note.id = `error-${document.querySelectorAll(".field-error").length + 1}`;
  note.textContent = message;
  if (field.matches("fieldset")) {
    field.querySelector("legend").after(note);
  } else if (field.matches(".criterion")) {
    field.prepend(note);
  } else {
    (field.closest("label") ?? field).after(note);
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") ?? ""} ${note.id}`.trim());
  }
}

function problem(title, detail, list = [], box = $("#problems")) {
  box.replaceChildren();
  const h = document.createElement("p");
  h.className = "problem-title";
  h.textContent = title;
  box.append(h);
  if (detail) {
    const d = document.createElement("p");
    d.className = "problem-detail";
    d.textContent = detail;
    box.append(d);
  }
  if (list.length) {
    const ul = document.createElement("ul");
    for (const item of list) {
      const li = document.createElement("li");
      li.textContent = item;
      ul.append(li);
    }
    box.append(ul);
  }
}

function clearProblems() {
  $("#problems").replaceChildren();
  for (const note of document.querySelectorAll(".field-error")) note.remove();
  for (const field of document.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    const rest = (field.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.startsWith("error-"));
    if (rest.length) field.setAttribute("aria-describedby", rest.join(" "));
    else field.removeAttribute("aria-describedby");
  }
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
