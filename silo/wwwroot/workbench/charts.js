// Plain SVG charts: horizontal bars (a suppressed value drawn as an open bar up to minCell, labelled "< minCell")
// and step curves. Nothing is fetched; the SVG scales with its container.

const SVG = "http://www.w3.org/2000/svg";
export const PALETTE = ["#1f77b4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#444444"];

/**
 * Bars, one per row: { label, value (null when suppressed), text }. With `max` fixed (shares: 1) the scale is that.
 * A suppressed row's bar is hatched and open up to `minCell`, so it reads "somewhere below", never 0.
 */
export function bars(container, rows, { minCell, max, title }) {
  const labelWidth = 150;
  const width = 640;
  const barHeight = 22;
  const gap = 6;
  const height = rows.length * (barHeight + gap) + gap;
  const top = Math.max(max ?? 0, minCell ?? 0, ...rows.map((r) => r.value ?? 0)) || 1;
  const plot = width - labelWidth - 90;
  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "bars" });
  svg.append(element("title", {}, title));
  const defs = element("defs");
  const hatch = element("pattern", { id: `hatch-${container.id}`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.append(element("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#8a96a3", "stroke-width": 2 }));
  defs.append(hatch);
  svg.append(defs);
  rows.forEach((row, i) => {
    const y = gap + i * (barHeight + gap);
    const g = element("g", { class: row.value === null ? "bar suppressed" : "bar", "data-label": row.label });
    g.append(element("text", { x: labelWidth - 8, y: y + barHeight * 0.7, "text-anchor": "end", class: "label" }, row.label));
    if (row.value === null) {
      const w = Math.max(2, (plot * minCell) / top);
      g.append(element("rect", { x: labelWidth, y, width: w, height: barHeight, fill: `url(#hatch-${container.id})`, stroke: "#8a96a3", "stroke-dasharray": "3 2" }));
      g.append(element("text", { x: labelWidth + w + 6, y: y + barHeight * 0.7, class: "value" }, row.text));
    } else {
      const w = (plot * row.value) / top;
      g.append(element("rect", { x: labelWidth, y, width: Math.max(w, 1), height: barHeight, fill: row.color ?? PALETTE[0] }));
      g.append(element("text", { x: labelWidth + w + 6, y: y + barHeight * 0.7, class: "value" }, row.text));
    }
    svg.append(g);
  });
  container.replaceChildren(svg);
}

/**
 * Step curves of survival: series { label, color, intervals: [{ from, to, survival }] }. Each starts at 1 on day 0 and
 * drops at the end of each interval (day to + 1) to that interval's survival.
 */
export function survivalCurves(container, series, { title }) {
  const width = 640;
  const height = 320;
  const m = { left: 48, right: 16, top: 12, bottom: 40 };
  const days = Math.max(1, ...series.flatMap((s) => s.intervals.map((i) => i.to + 1)));
  const x = (d) => m.left + ((width - m.left - m.right) * d) / days;
  const y = (s) => m.top + (height - m.top - m.bottom) * (1 - s);
  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "curves" });
  svg.append(element("title", {}, title));

  const axes = element("g", { class: "axes" });
  for (const s of [0, 0.25, 0.5, 0.75, 1]) {
    axes.append(element("line", { x1: m.left, x2: width - m.right, y1: y(s), y2: y(s), class: "grid" }));
    axes.append(element("text", { x: m.left - 6, y: y(s) + 4, "text-anchor": "end" }, s.toFixed(2)));
  }
  for (const d of ticks(days)) {
    axes.append(element("line", { x1: x(d), x2: x(d), y1: height - m.bottom, y2: height - m.bottom + 4 }));
    axes.append(element("text", { x: x(d), y: height - m.bottom + 16, "text-anchor": "middle" }, String(d)));
  }
  axes.append(element("text", { x: (m.left + width - m.right) / 2, y: height - 6, "text-anchor": "middle" }, "days from entry"));
  axes.append(element("line", { x1: m.left, x2: width - m.right, y1: y(0), y2: y(0), class: "axis" }));
  axes.append(element("line", { x1: m.left, x2: m.left, y1: y(0), y2: y(1), class: "axis" }));
  svg.append(axes);

  for (const s of series) {
    let d = `M ${x(0)} ${y(1)}`;
    let previous = 1;
    for (const i of s.intervals) {
      d += ` H ${x(i.to + 1)}`;
      if (i.survival !== previous) d += ` V ${y(i.survival)}`;
      previous = i.survival;
    }
    const path = element("path", { d, class: "curve", stroke: s.color, "data-key": s.label });
    path.append(element("title", {}, s.label));
    svg.append(path);
  }
  container.replaceChildren(svg);
}

/**
 * Columns of people per bin of days from index to marker: bins { from, to, count (null when suppressed) }, marker
 * first (negative days) on the left of the index day, index first on the right; a suppressed bin drawn hatched and open
 * up to minCell, so it reads "somewhere below", never 0.
 */
export function sequenceHistogram(container, bins, { minCell, title }) {
  const width = 640;
  const height = 260;
  const m = { left: 48, right: 16, top: 12, bottom: 40 };
  const lo = Math.min(0, ...bins.map((b) => b.from));
  const hi = Math.max(1, ...bins.map((b) => b.to + 1));
  const top = Math.max(1, minCell ?? 0, ...bins.map((b) => b.count ?? 0));
  const x = (d) => m.left + ((width - m.left - m.right) * (d - lo)) / (hi - lo);
  const y = (n) => m.top + (height - m.top - m.bottom) * (1 - n / top);
  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "histogram" });
  svg.append(element("title", {}, title));
  const defs = element("defs");
  const hatch = element("pattern", { id: `hatch-${container.id}`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.append(element("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#8a96a3", "stroke-width": 2 }));
  defs.append(hatch);
  svg.append(defs);

  const axes = element("g", { class: "axes" });
  for (const n of [0, top / 2, top]) {
    axes.append(element("line", { x1: m.left, x2: width - m.right, y1: y(n), y2: y(n), class: "grid" }));
    axes.append(element("text", { x: m.left - 6, y: y(n) + 4, "text-anchor": "end" }, String(Math.round(n))));
  }
  for (const d of [lo, Math.round(lo / 2), 0, Math.round(hi / 2), hi - 1]) {
    axes.append(element("line", { x1: x(d), x2: x(d), y1: height - m.bottom, y2: height - m.bottom + 4 }));
    axes.append(element("text", { x: x(d), y: height - m.bottom + 16, "text-anchor": "middle" }, String(d)));
  }
  axes.append(element("text", { x: (m.left + width - m.right) / 2, y: height - 6, "text-anchor": "middle" }, "days from index to marker (left: marker first)"));
  axes.append(element("line", { x1: x(0), x2: x(0), y1: y(0), y2: y(top), class: "axis" }));
  svg.append(axes);

  for (const b of bins) {
    const left = x(b.from);
    const w = Math.max(1, x(b.to + 1) - left - 1);
    const suppressed = b.count === null;
    const g = element("g", { class: suppressed ? "bin suppressed" : "bin", "data-from": b.from, "data-to": b.to, "data-count": b.count ?? "" });
    const n = suppressed ? minCell : b.count;
    g.append(element("rect", suppressed
      ? { x: left, y: y(n), width: w, height: y(0) - y(n), fill: `url(#hatch-${container.id})`, stroke: "#8a96a3", "stroke-dasharray": "3 2" }
      : { x: left, y: y(n), width: w, height: y(0) - y(n), fill: b.from < 0 ? PALETTE[1] : PALETTE[0] }));
    g.append(element("title", {}, `${b.from} to ${b.to} days: ${suppressed ? `< ${minCell}` : b.count}`));
    svg.append(g);
  }
  container.replaceChildren(svg);
}

function ticks(days) {
  const raw = days / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let d = 0; d <= days; d += step) out.push(Math.round(d));
  return out;
}

export function element(name, attributes = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
