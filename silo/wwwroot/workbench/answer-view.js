// Shows a cohort-v1 answer: the total, the groups (a suppressed count shown as "< minCell", never 0), the outcome
// share per group, the survival curves and life tables; and writes it as CSV.

import { bars, survivalCurves, PALETTE } from "./charts.js";

const format = new Intl.NumberFormat("en-US");

/**
 * A count as shown: a number ("≈ n" when the deployment perturbs counts), "< minCell" when suppressed as a small
 * cell, or "≥ minCell, hidden" when suppressed only so that no small cell can be worked out (complementary).
 */
export function countText(count, minCell, { complementary = false, perturbed = false } = {}) {
  if (count === null) return complementary ? `≥ ${minCell}, hidden` : `< ${minCell}`;
  return perturbed ? `≈ ${format.format(count)}` : format.format(count);
}

/** What the answer says of a group's count or the total, as countText takes it. */
function marks(answer, complementary) {
  return { complementary: Boolean(complementary), perturbed: Boolean(answer.perturbed) };
}

/** A group key as one label: its values in groupBy order, or "everyone" without groupBy. */
export function keyLabel(key) {
  const values = Object.values(key);
  return values.length ? values.join(" · ") : "everyone";
}

export function showAnswer(root, answer, groupBy) {
  const minCell = answer.minCell;
  root.querySelector("#total").textContent = countText(answer.total, minCell, marks(answer, answer.totalComplementary));
  root.querySelector("#total").dataset.count = answer.total ?? "";
  root.querySelector("#as-of").textContent = `as of ${answer.asOf}, minCell ${minCell}`;

  const keys = groupBy.length ? groupBy : [];
  const table = root.querySelector("#groups");
  table.tHead.replaceChildren(headRow([...keys, "count"], 1));
  table.tBodies[0].replaceChildren(...answer.groups.map((g) => {
    const tr = document.createElement("tr");
    for (const k of keys) tr.append(cell("td", g.key[k]));
    const count = cell("td", countText(g.count, minCell, marks(answer, g.complementary)),
      g.count === null ? (g.complementary ? "n suppressed complementary" : "n suppressed") : "n");
    count.dataset.count = g.count ?? "";
    tr.append(count);
    tr.dataset.key = keyLabel(g.key);
    return tr;
  }));
  if (!answer.groups.length) table.tBodies[0].append(emptyRow(keys.length + 1, "No one is in this cohort."));
  root.querySelector("#suppressed").textContent = suppressionNote(answer, minCell);
  bars(root.querySelector("#group-bars"), answer.groups.map((g) => ({
    label: keyLabel(g.key), value: g.count, text: countText(g.count, minCell, marks(answer, g.complementary)),
  })), { minCell, title: "People per group" });

  showShares(root, answer, keys, minCell);
  showSurvival(root, answer, keys, minCell);
}

/** Why counts are missing or approximate: small cells, their complements, perturbation (cohort-v1, "Disclosure control"). */
function suppressionNote(answer, minCell) {
  const complementary = answer.groups.filter((g) => g.count === null && g.complementary).length;
  const small = answer.suppressed - complementary;
  const notes = [];
  if (small) notes.push(`${small} group(s) with 1 to ${minCell - 1} people are suppressed (shown as < ${minCell}).`);
  if (complementary || answer.totalComplementary) {
    notes.push(`${complementary} more group(s)${answer.totalComplementary ? " and the total" : ""} are hidden so that no small cell can be worked out by subtraction (shown as ≥ ${minCell}, hidden).`);
  }
  if (answer.perturbed) notes.push("Counts are perturbed (shown as ≈ n): each is within 2 of the exact count, and the same people always get the same count.");
  return notes.join(" ");
}

function showShares(root, answer, keys, minCell) {
  const block = root.querySelector("#shares-block");
  block.hidden = !keys.includes("outcome");
  if (block.hidden) return;
  const others = keys.filter((k) => k !== "outcome");
  const byGroup = new Map();
  for (const g of answer.groups) {
    const rest = Object.fromEntries(others.map((k) => [k, g.key[k]]));
    const label = keyLabel(rest);
    const entry = byGroup.get(label) ?? { key: rest, yes: 0, no: 0 };
    entry[g.key.outcome] = g.count; // a group with no one is left out of the answer: it stays 0
    entry[`${g.key.outcome}Complementary`] = g.complementary;
    byGroup.set(label, entry);
  }
  const rows = [...byGroup.entries()].map(([label, e]) => {
    const known = e.yes !== null && e.no !== null && e.yes + e.no > 0;
    return {
      label, key: e.key, yes: e.yes, no: e.no, yesComplementary: e.yesComplementary, noComplementary: e.noComplementary,
      share: known ? e.yes / (e.yes + e.no) : null,
    };
  });
  const table = root.querySelector("#shares");
  table.tHead.replaceChildren(headRow([...others, "yes", "no", "share"], 3));
  table.tBodies[0].replaceChildren(...rows.map((r) => {
    const tr = document.createElement("tr");
    for (const k of others) tr.append(cell("td", r.key[k]));
    tr.append(cell("td", countText(r.yes, minCell, marks(answer, r.yesComplementary)), "n"),
      cell("td", countText(r.no, minCell, marks(answer, r.noComplementary)), "n"));
    tr.append(cell("td", r.share === null ? "suppressed" : percent(r.share), r.share === null ? "n suppressed" : "n"));
    return tr;
  }));
  bars(root.querySelector("#share-bars"), rows.map((r) => ({
    label: r.label, value: r.share, text: r.share === null ? "suppressed" : percent(r.share),
  })), { minCell: 0, max: 1, title: "Share with the outcome per group" });
}

function showSurvival(root, answer, keys, minCell) {
  const block = root.querySelector("#survival-block");
  block.hidden = !answer.survival;
  if (block.hidden) return;
  const series = answer.survival.map((t, i) => ({ label: keyLabel(t.key), color: PALETTE[i % PALETTE.length], intervals: t.intervals }));
  survivalCurves(root.querySelector("#survival-chart"), series, { title: "Survival from entry, one curve per group" });
  root.querySelector("#survival-legend").replaceChildren(...series.map((s) => {
    const li = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = s.color;
    li.append(swatch, s.label);
    return li;
  }));

  const tables = root.querySelector("#life-tables");
  tables.replaceChildren(...answer.survival.map((t, i) => {
    const box = document.createElement("div");
    box.className = "life-table";
    const h = document.createElement("h4");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = series[i].color;
    h.append(swatch, series[i].label);
    const table = document.createElement("table");
    table.dataset.key = series[i].label;
    table.createTHead().append(headRow(["days", "at risk", "events", "censored", "survival"], 1));
    const body = table.createTBody();
    for (const r of t.intervals) {
      const tr = body.insertRow();
      tr.append(cell("td", `${r.from}–${r.to}`), cell("td", format.format(r.atRisk), "n"), cell("td", format.format(r.events), "n"),
        cell("td", format.format(r.censored), "n"), cell("td", r.survival.toFixed(4), "n"));
    }
    if (!t.intervals.length) body.append(emptyRow(5, `No interval reaches ${minCell} events or people at risk.`));
    box.append(h, table);
    return box;
  }));
  if (!answer.survival.length) tables.append(paragraph(`No group has ${minCell} or more people at risk at the start.`));
}

/**
 * The answer as CSV: the total, one row per group, one per life-table interval; small cells as "<minCell",
 * complementary ones as ">=minCell"; the last column says which ("suppressed", "complementary") or "perturbed".
 */
export function answerCsv(answer, groupBy) {
  const keys = groupBy;
  const header = ["section", ...keys, "count", "from", "to", "atRisk", "events", "censored", "survival", "note"];
  const count = (c, complementary) => (c === null ? `${complementary ? ">=" : "<"}${answer.minCell}` : String(c));
  const note = (c, complementary) => (c === null ? (complementary ? "complementary" : "suppressed") : answer.perturbed ? "perturbed" : "");
  const blank = (n) => Array(n).fill("");
  const rows = [header, ["total", ...blank(keys.length), count(answer.total, answer.totalComplementary), ...blank(6), note(answer.total, answer.totalComplementary)]];
  for (const g of answer.groups) {
    rows.push(["group", ...keys.map((k) => g.key[k] ?? ""), count(g.count, g.complementary), ...blank(6), note(g.count, g.complementary)]);
  }
  for (const t of answer.survival ?? []) {
    for (const i of t.intervals) {
      rows.push(["survival", ...keys.map((k) => t.key[k] ?? ""), "", i.from, i.to, i.atRisk, i.events, i.censored, i.survival,
        answer.perturbed ? "perturbed" : ""]);
    }
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(v) {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function percent(share) {
  return `${(share * 100).toFixed(1)}%`;
}

function headRow(names, numeric) {
  const tr = document.createElement("tr");
  names.forEach((n, i) => {
    const th = cell("th", n, i >= names.length - numeric ? "n" : "");
    th.scope = "col";
    tr.append(th);
  });
  return tr;
}

/** A table cell of the answer tables (th or td) with its text and class. */
export function cell(tag, text, className = "") {
  const c = document.createElement(tag);
  c.textContent = text ?? "";
  if (className) c.className = className;
  return c;
}

/** A row of one cell across the table, saying why it has no rows (or what is hidden). */
export function emptyRow(span, text) {
  const tr = document.createElement("tr");
  const td = cell("td", text, "empty");
  td.colSpan = span;
  tr.append(td);
  return tr;
}

function paragraph(text) {
  const p = document.createElement("p");
  p.className = "muted";
  p.textContent = text;
  return p;
}
