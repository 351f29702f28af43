// The drug-safety form: index and marker criteria (cohort-v1's criterion editor), or a screening by code length, the
// window, run-in, period and minCell, read into a safety-v1 sequence symmetry request. Which fields exist, their
// bounds and the kinds a screening may take come from the OpenAPI document's SsaRequest schema.

import { CriterionEditor } from "./definition-form.js";

/** Reads what the safety form needs from the OpenAPI document's SsaRequest schema. */
export function ssaSchemaOf(openApi) {
  const request = openApi.components.schemas.SsaRequest;
  const screen = request.properties.marker.oneOf.find((s) => s.properties?.kind?.enum);
  return {
    window: request.properties.window,
    runIn: request.properties.runIn,
    screenKinds: screen.properties.kind.enum,
    screenFields: Object.keys(screen.properties).filter((name) => name !== "kind"),
    screenHelp: screen.description ?? "",
  };
}

export class SsaForm {
  constructor(form, cohortSchema, ssaSchema, onChange) {
    this.form = form;
    this.index = new CriterionEditor(form.querySelector("#ssa-index"), "index", cohortSchema, { windowed: false, optional: false });
    this.marker = new CriterionEditor(form.querySelector("#ssa-marker-pair"), "marker", cohortSchema, { windowed: false, optional: false });
    const f = form.elements;
    for (const k of ssaSchema.screenKinds) f["screen.kind"].append(new Option(k, k));
    for (const name of ssaSchema.screenFields) f["screen.field"].append(new Option(name, name));
    f["screen.field"].title = ssaSchema.screenHelp;
    for (const name of ["window", "runIn"]) {
      const s = ssaSchema[name];
      f[name].min = s.minimum;
      f[name].max = s.maximum;
      f[name].placeholder = String(s.default ?? "");
      f[name].title = s.description ?? "";
    }
    for (const radio of form.querySelectorAll("input[name=marker-mode]")) radio.addEventListener("change", () => this.#showMode());
    form.addEventListener("input", () => onChange());
    form.addEventListener("change", () => onChange());
    this.#showMode();
  }

  get screening() {
    return this.form.querySelector("input[name=marker-mode]:checked").value === "screen";
  }

  /** The request the form describes, absent fields left out. */
  read() {
    const f = this.form.elements;
    const request = { index: this.index.read() };
    if (this.screening) {
      request.marker = { kind: f["screen.kind"].value };
      const length = number(f["screen.length"]);
      if (length !== undefined) request.marker[f["screen.field"].value] = length;
    } else {
      request.marker = this.marker.read();
    }
    for (const name of ["window", "runIn"]) {
      const v = number(f[name]);
      if (v !== undefined) request[name] = v;
    }
    const from = f["ssa.period.from"].value;
    const to = f["ssa.period.to"].value;
    if (from || to) request.period = Object.fromEntries(Object.entries({ from, to }).filter(([, v]) => v));
    const minCell = number(f["ssa.minCell"]);
    if (minCell !== undefined) request.minCell = minCell;
    return request;
  }

  /** Shows a request: the index and marker criteria (or the screening) and the numbers. */
  fill(r) {
    const f = this.form.elements;
    this.index.fill(r.index);
    const screen = r.marker && !("code" in r.marker) && Object.keys(r.marker).some((k) => [...f["screen.field"].options].some((o) => o.value === k));
    this.form.querySelector(`input[name=marker-mode][value=${screen ? "screen" : "pair"}]`).checked = true;
    if (screen) {
      f["screen.kind"].value = r.marker.kind;
      const field = [...f["screen.field"].options].map((o) => o.value).find((k) => k in r.marker);
      f["screen.field"].value = field;
      f["screen.length"].value = r.marker[field];
    } else {
      this.marker.fill(r.marker);
    }
    f["window"].value = r.window ?? "";
    f["runIn"].value = r.runIn ?? "";
    f["ssa.minCell"].value = r.minCell ?? "";
    f["ssa.period.from"].value = r.period?.from ?? "";
    f["ssa.period.to"].value = r.period?.to ?? "";
    this.#showMode();
  }

  #showMode() {
    const screening = this.screening;
    this.form.querySelector("#ssa-marker-pair").hidden = screening;
    this.form.querySelector("#ssa-marker-screen").hidden = !screening;
  }
}

function number(input) {
  const v = input.value.trim();
  if (v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}
