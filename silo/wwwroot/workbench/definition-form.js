// The definition form: criterion editors, reading the form into a cohort-v1 definition and filling it from one.
// What a criterion of each kind may give, the group keys and the sexes come from the API's OpenAPI document, which
// takes them from the server's parser: the form never keeps a list of its own.

const WINDOW = ["from", "to"];

/** Reads what the form needs from the OpenAPI document's cohort schemas. */
export function schemaOf(openApi) {
  const schemas = openApi.components.schemas;
  const criterion = schemas.CohortCriterion;
  const definition = schemas.CohortDefinition;
  return {
    kinds: criterion.properties.kind.enum,
    kindFields: criterion["x-linkage-kind-fields"],
    fieldHelp: Object.fromEntries(Object.entries(criterion.properties).map(([name, s]) => [name, s.description ?? ""])),
    groupKeys: definition.properties.groupBy.items.enum,
    sexes: definition.properties.sex.enum,
    step: definition.properties.survival.properties.step,
  };
}

export class DefinitionForm {
  constructor(form, schema, onChange) {
    this.form = form;
    this.schema = schema;
    this.onChange = onChange;
    this.entry = this.#criterion(form.querySelector("#entry"), "entry", { windowed: false, optional: false });
    this.outcome = this.#criterion(form.querySelector("#outcome"), "outcome", { windowed: true, optional: true });
    this.lists = { require: form.querySelector("#require ol"), exclude: form.querySelector("#exclude ol") };

    const sex = form.elements["sex"];
    for (const s of schema.sexes) sex.append(new Option(s, s));
    // The benchmarking page's indicator has no grouping or survival: those parts of the form are optional.
    const keys = form.querySelector("#group-keys");
    for (const key of keys ? schema.groupKeys : []) {
      const label = document.createElement("label");
      label.className = "check";
      label.innerHTML = `<input type="checkbox" name="groupBy" value="${key}" data-path="groupBy"> ${key}`;
      keys.append(label);
    }
    const step = form.elements["survival.step"];
    if (step) {
      step.min = schema.step.minimum;
      step.max = schema.step.maximum;
    }

    for (const button of form.querySelectorAll("button.add")) {
      button.addEventListener("click", () => {
        const row = this.#addRow(button.dataset.list);
        row.querySelector("select").focus();
        this.onChange();
      });
    }
    form.addEventListener("input", () => this.onChange());
    form.addEventListener("change", () => this.onChange());
  }

  /** The definition the form describes, absent fields left out. */
  read() {
    const f = this.form.elements;
    const definition = { entry: this.entry.read() };
    const period = compact({ from: text(f["period.from"]), to: text(f["period.to"]) });
    if (period) definition.period = period;
    for (const list of ["require", "exclude"]) {
      const criteria = [...this.lists[list].children].map((row) => row.editor.read());
      if (criteria.length) definition[list] = criteria;
    }
    const age = compact({ min: number(f["age.min"]), max: number(f["age.max"]) });
    if (age) definition.age = age;
    if (f["sex"].value) definition.sex = f["sex"].value;
    const pref = f["pref"].value.split(/[\s,]+/).filter(Boolean);
    if (pref.length) definition.pref = pref;
    const outcome = this.outcome.read();
    if (outcome) definition.outcome = outcome;
    const groupBy = [...this.form.querySelectorAll("input[name=groupBy]:checked")].map((c) => c.value);
    if (groupBy.length) definition.groupBy = groupBy;
    const minCell = f["minCell"] && number(f["minCell"]);
    if (minCell !== undefined) definition.minCell = minCell;
    const step = f["survival.step"] && number(f["survival.step"]);
    if (step !== undefined) definition.survival = { step };
    return definition;
  }

  /** Shows a definition (parsed from pasted JSON); fields the form has no place for stay in the JSON only. */
  fill(d) {
    const f = this.form.elements;
    this.entry.fill(d.entry);
    f["period.from"].value = d.period?.from ?? "";
    f["period.to"].value = d.period?.to ?? "";
    for (const list of ["require", "exclude"]) {
      this.lists[list].replaceChildren();
      for (const c of Array.isArray(d[list]) ? d[list] : []) this.#addRow(list).editor.fill(c);
    }
    f["age.min"].value = d.age?.min ?? "";
    f["age.max"].value = d.age?.max ?? "";
    f["sex"].value = this.schema.sexes.includes(d.sex) ? d.sex : "";
    f["pref"].value = Array.isArray(d.pref) ? d.pref.join(", ") : "";
    this.outcome.fill(d.outcome);
    const groupBy = Array.isArray(d.groupBy) ? d.groupBy : [];
    for (const c of this.form.querySelectorAll("input[name=groupBy]")) c.checked = groupBy.includes(c.value);
    if (f["minCell"]) f["minCell"].value = d.minCell ?? "";
    if (f["survival.step"]) f["survival.step"].value = d.survival?.step ?? "";
  }

  /** The field or fieldset an error's JSON path names, the nearest one the form has. */
  fieldFor(path) {
    for (let p = path; p; p = parent(p)) {
      const element = this.form.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (element) return element;
    }
    return null;
  }

  #addRow(list) {
    const row = document.createElement("li");
    row.className = "criterion-row";
    const editor = this.#criterion(row, "", { windowed: true, optional: false });
    row.editor = editor;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "Remove";
    remove.addEventListener("click", () => {
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      this.#renumber(list);
      (next?.querySelector("select") ?? this.form.querySelector(`button[data-list=${list}]`)).focus();
      this.onChange();
    });
    row.append(remove);
    this.lists[list].append(row);
    this.#renumber(list);
    return row;
  }

  #renumber(list) {
    [...this.lists[list].children].forEach((row, i) => {
      row.editor.setPath(`${list}[${i}]`);
      row.querySelector(".remove").setAttribute("aria-label", `Remove ${list} criterion ${i + 1}`);
    });
  }

  #criterion(container, path, { windowed, optional }) {
    return new CriterionEditor(container, path, this.schema, { windowed, optional });
  }
}

/** One criterion: its kind, the fields that kind may give, and (in require, exclude and outcome) its window. */
export class CriterionEditor {
  constructor(container, path, schema, { windowed, optional }) {
    this.schema = schema;
    this.windowed = windowed;
    this.box = document.createElement("div");
    this.box.className = "criterion";
    const kind = document.createElement("select");
    kind.className = "kind";
    if (optional) kind.append(new Option("(none)", ""));
    for (const k of schema.kinds) kind.append(new Option(k, k));
    this.kind = kind;
    this.box.append(labelled("kind", kind));

    const fields = [...new Set(Object.values(schema.kindFields).flat())];
    this.inputs = {};
    for (const name of fields.concat(windowed ? WINDOW : [])) {
      const input = inputFor(name);
      input.title = schema.fieldHelp[name] ?? "";
      this.inputs[name] = input;
      this.box.append(labelled(name === "entry" ? "maternal entry" : name, input));
    }
    container.append(this.box);
    kind.addEventListener("change", () => this.#showFields());
    this.setPath(path);
    this.#showFields();
  }

  setPath(path) {
    this.path = path;
    this.box.dataset.path = path;
    this.kind.dataset.path = `${path}.kind`;
    this.kind.setAttribute("aria-label", `${path} kind`);
    for (const [name, input] of Object.entries(this.inputs)) {
      input.dataset.path = `${path}.${name}`;
      input.name = `${path}.${name}`;
    }
  }

  read() {
    if (!this.kind.value) return undefined;
    const criterion = { kind: this.kind.value };
    for (const name of this.#allowed()) {
      const input = this.inputs[name];
      const value = input.tagName === "SELECT" ? bool(input) : input.type === "number" ? number(input) : text(input);
      if (value !== undefined) criterion[name] = value;
    }
    return criterion;
  }

  fill(c) {
    const given = c && typeof c === "object" ? c : {};
    this.kind.value = this.schema.kinds.includes(given.kind) ? given.kind : this.kind.options[0].value;
    for (const [name, input] of Object.entries(this.inputs)) {
      const value = given[name];
      input.value = value === undefined || value === null ? "" : input.tagName === "SELECT" ? String(value) : value;
    }
    this.#showFields();
  }

  #allowed() {
    return (this.schema.kindFields[this.kind.value] ?? []).concat(this.windowed ? WINDOW : []);
  }

  #showFields() {
    const allowed = this.kind.value ? this.#allowed() : [];
    for (const [name, input] of Object.entries(this.inputs)) input.closest("label").hidden = !allowed.includes(name);
  }
}

function inputFor(name) {
  if (name === "complication") {
    const select = document.createElement("select");
    select.append(new Option("either", ""), new Option("with", "true"), new Option("without", "false"));
    return select;
  }
  const input = document.createElement("input");
  if (["min", "max"].includes(name)) {
    input.type = "number";
    input.step = "any";
    input.inputMode = "decimal";
  } else if (WINDOW.includes(name)) {
    input.type = "number";
    input.step = "1";
    input.inputMode = "numeric";
  } else {
    input.type = "text";
    input.spellcheck = false;
    input.size = 8;
  }
  return input;
}

function labelled(text, control) {
  const label = document.createElement("label");
  label.append(`${text} `, control);
  return label;
}

function parent(path) {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut > 0 ? path.slice(0, cut) : "";
}

function text(input) {
  const v = input.value.trim();
  return v === "" ? undefined : v;
}

// A number as typed: what is not a whole number where one is due is the server's to refuse, with its reason.
function number(input) {
  const v = input.value.trim();
  if (v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

function bool(select) {
  return select.value === "" ? undefined : select.value === "true";
}

function compact(o) {
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? kept : undefined;
}
