// Shows a safety-v1 sequence symmetry answer: the attrition table (a suppressed step as "< minCell" or hidden), the
// pair's counts and ratios, or a screening's rows in the server's order (highest asrLow first).

import { cell, countText, emptyRow } from "./answer-view.js";
import { sequenceHistogram } from "./charts.js";

const RATIOS = [["nAB", "index first (nAB)"], ["nBA", "marker first (nBA)"], ["csr", "crude ratio"], ["nsr", "null-effect ratio"],
  ["asr", "adjusted ratio"], ["asrLow", "95% low"], ["asrHigh", "95% high"], ["p", "p"], ["signal", "signal"]];

const COUNTS = ["nAB", "nBA"];

/**
 * A field of the answer as shown: counts as counts ("≈ n" when the answer is perturbed), ratios and p as the API wrote
 * them; null as "suppressed" when the counts are (the record's nAB is null), else as "undefined" (a ratio with nBA 0
 * or no null-effect ratio).
 */
export function valueText(name, value, minCell, record, perturbed = false) {
  if (value === null || value === undefined) return record.nAB === null ? "suppressed" : "undefined";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return COUNTS.includes(name) ? countText(value, minCell, { perturbed }) : String(value);
}

export function showSsaAnswer(root, answer) {
  const minCell = answer.minCell;
  const perturbed = Boolean(answer.perturbed);
  root.querySelector("#ssa-as-of").textContent = `as of ${answer.asOf}, ${answer.exact ? "exact (no count suppressed)" : `minCell ${minCell}`}` +
    (perturbed ? "; counts perturbed (≈ n: within 2 of the exact count), the ratios, interval and p computed from them" : "");
  const attrition = root.querySelector("#ssa-attrition");
  attrition.tBodies[0].replaceChildren(...answer.attrition.map((s) => {
    const tr = document.createElement("tr");
    tr.dataset.step = s.step;
    tr.append(cell("td", s.step), cell("td", s.count === null ? "hidden" : countText(s.count, minCell, { perturbed }), s.count === null ? "n suppressed" : "n"));
    return tr;
  }));
  if (answer.attrition.some((s) => s.count === null)) {
    attrition.tBodies[0].append(emptyRow(2, `A hidden step would let a count from 1 to ${minCell - 1} be worked out from the others.`));
  }

  const screening = Array.isArray(answer.rows);
  root.querySelector("#ssa-pair").hidden = screening;
  root.querySelector("#ssa-screening").hidden = !screening;
  root.querySelector("#ssa-days-block").hidden = true;
  if (!screening) {
    root.querySelector("#ssa-ratios").tBodies[0].replaceChildren(...RATIOS.map(([name, label]) => {
      const tr = document.createElement("tr");
      tr.dataset.field = name;
      const th = cell("th", label);
      th.scope = "row";
      tr.append(th, cell("td", valueText(name, answer[name], minCell, answer, perturbed), answer[name] === null ? "n suppressed" : "n"));
      return tr;
    }));
    const days = root.querySelector("#ssa-days-block");
    days.hidden = !Array.isArray(answer.sequenceDays);
    if (!days.hidden) {
      sequenceHistogram(root.querySelector("#ssa-days"), answer.sequenceDays, { minCell, title: "People per bin of days from index to marker" });
      const hidden = answer.sequenceDays.filter((b) => b.count === null).length;
      root.querySelector("#ssa-days-note").textContent = hidden
        ? `${hidden} bin(s) hidden (hatched, shown up to ${minCell}): from 1 to ${minCell - 1} people, or enough to work such a bin out from the others.`
        : "";
    }
    return;
  }

  root.querySelector("#ssa-screened").textContent =
    `${answer.screened} code(s) screened; ${answer.suppressedRows} left out because nAB or nBA is from 1 to ${minCell - 1}. q is the Benjamini–Hochberg adjustment over every code screened.`;
  const table = root.querySelector("#ssa-rows");
  const names = ["code", ...RATIOS.map(([name]) => name), "q"];
  const head = document.createElement("tr");
  names.forEach((n, i) => {
    const th = cell("th", n, i ? "n" : "");
    th.scope = "col";
    head.append(th);
  });
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...answer.rows.map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.code = r.code;
    for (const [i, n] of names.entries()) tr.append(cell("td", i ? valueText(n, r[n], minCell, r, perturbed) : r.code, i ? "n" : ""));
    return tr;
  }));
  if (!answer.rows.length) table.tBodies[0].append(emptyRow(names.length, "No code has both sequence counts to show."));
}
