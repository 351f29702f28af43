// The funnel plot of a benchmark-v1 answer in plain SVG: each shown facility's SMR against its expected count, the
// control limits of each coverage, points coloured by flag. The limit curves join the limits the API gives for each
// facility (sorted by expected), so the page computes no statistics of its own. A facility whose observed count is
// withheld has no SMR to draw: it is a mark on the expected axis, below the plot, never a point at some height.

import { element } from "./charts.js";

export const FLAG_COLORS = { high: "#b42318", low: "#1858b8", within: "#5b6672" };
const DASHES = ["6 4", "2 3", "10 3 2 3"];

export function funnel(container, answer, { title }) {
  const width = 640;
  const height = 400;
  const m = { left: 52, right: 16, top: 12, bottom: 64 };
  const facilities = answer.facilities;
  const shown = facilities.filter((f) => f.smr !== null);
  const xMax = niceMax(Math.max(1, ...facilities.map((f) => f.expected)) * 1.05);
  // Room for every SMR and for the limits from the middle of the range on; the wide limits at small E are clipped.
  const middle = facilities.filter((f) => f.expected >= xMax * 0.2);
  const yMax = niceMax(Math.max(2, ...shown.map((f) => f.smr * 1.1),
    ...middle.flatMap((f) => f.limits.map((l) => l.high ?? 0))));
  const plotBottom = height - m.bottom;
  const x = (e) => m.left + ((width - m.left - m.right) * e) / xMax;
  const y = (s) => m.top + (plotBottom - m.top) * (1 - Math.min(s, yMax) / yMax);

  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "funnel" });
  svg.append(element("title", {}, title));
  const defs = element("defs");
  const clip = element("clipPath", { id: `${container.id}-plot` });
  clip.append(element("rect", { x: m.left, y: m.top, width: width - m.left - m.right, height: plotBottom - m.top }));
  defs.append(clip);
  svg.append(defs);

  const axes = element("g", { class: "axes" });
  for (const s of ticks(yMax)) {
    axes.append(element("line", { x1: m.left, x2: width - m.right, y1: y(s), y2: y(s), class: "grid" }));
    axes.append(element("text", { x: m.left - 6, y: y(s) + 4, "text-anchor": "end" }, String(s)));
  }
  for (const e of ticks(xMax)) {
    axes.append(element("line", { x1: x(e), x2: x(e), y1: plotBottom, y2: plotBottom + 4 }));
    axes.append(element("text", { x: x(e), y: plotBottom + 16, "text-anchor": "middle" }, String(e)));
  }
  axes.append(element("text", { x: (m.left + width - m.right) / 2, y: height - 6, "text-anchor": "middle" }, "expected (E)"));
  axes.append(element("text", { x: 14, y: (m.top + plotBottom) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(m.top + plotBottom) / 2})` }, "SMR (O / E)"));
  axes.append(element("line", { x1: m.left, x2: width - m.right, y1: plotBottom, y2: plotBottom, class: "axis" }));
  axes.append(element("line", { x1: m.left, x2: m.left, y1: plotBottom, y2: m.top, class: "axis" }));
  axes.append(element("line", { x1: m.left, x2: width - m.right, y1: y(1), y2: y(1), class: "target" }));
  svg.append(axes);

  const byExpected = [...facilities].filter((f) => f.expected > 0).sort((a, b) => a.expected - b.expected);
  const coverages = facilities[0]?.limits.map((l) => l.coverage) ?? [];
  const limits = element("g", { class: "limits", "clip-path": `url(#${container.id}-plot)` });
  coverages.forEach((coverage, i) => {
    for (const side of ["low", "high"]) {
      const points = byExpected.filter((f) => f.limits[i][side] !== null).map((f) => `${x(f.expected)},${y(f.limits[i][side])}`);
      if (points.length < 2) continue;
      limits.append(element("polyline", { points: points.join(" "), class: `limit ${side}`, "data-coverage": coverage, "stroke-dasharray": DASHES[i % DASHES.length] }));
    }
  });
  svg.append(limits);

  const points = element("g", { class: "points" });
  for (const f of facilities) {
    const g = element("g", { class: `point flag-${f.flag}${f.smr === null ? " withheld" : ""}`, "data-facility": f.facility, "data-flag": f.flag });
    const label = f.smr === null
      ? `${f.facility}: SMR withheld, E ${f.expected}, ${f.flag}`
      : `${f.facility}: SMR ${f.smr}, O ${f.observed}, E ${f.expected}, ${f.flag}`;
    g.append(element("title", {}, label));
    if (f.smr === null) {
      // A triangle under the x axis at E: where the facility lies along the funnel, with no SMR drawn.
      const cx = x(f.expected);
      g.append(element("path", { d: `M ${cx} ${plotBottom + 22} l -5 9 h 10 z`, fill: "none", stroke: FLAG_COLORS[f.flag], "stroke-width": 1.5 }));
    } else {
      g.append(element("circle", { cx: x(f.expected), cy: y(f.smr), r: 4.5, fill: FLAG_COLORS[f.flag], "fill-opacity": 0.85, stroke: "#fff", "stroke-width": 1 }));
    }
    points.append(g);
  }
  svg.append(points);
  container.replaceChildren(svg);
}

/** The legend: one entry per coverage's line style and per flag's colour. */
export function funnelLegend(list, answer) {
  const coverages = answer.facilities[0]?.limits.map((l) => l.coverage) ?? [];
  const items = [
    ...coverages.map((c, i) => [`<svg width="28" height="8" aria-hidden="true"><line x1="0" y1="4" x2="28" y2="4" class="limit" stroke-dasharray="${DASHES[i % DASHES.length]}"/></svg>`, `${c * 100}% limits`]),
    ...Object.entries(FLAG_COLORS).map(([flag, color]) => [`<span class="dot" style="background:${color}"></span>`, flag]),
    ['<svg width="12" height="10" aria-hidden="true"><path d="M 6 0 l -5 9 h 10 z" fill="none" stroke="#5b6672" stroke-width="1.5"/></svg>', "observed withheld (drawn at E, below the axis)"],
  ];
  list.replaceChildren(...items.map(([mark, text]) => {
    const li = document.createElement("li");
    li.innerHTML = mark;
    li.append(text);
    return li;
  }));
}

// Ticks at 1, 2 or 5 times a power of ten (fractions kept: the SMR axis runs from 0 to a few).
function ticks(max) {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let i = 0; i * step <= max + 1e-9; i++) out.push(Number((i * step).toPrecision(6)));
  return out;
}

function niceMax(v) {
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((f) => f * power).find((s) => s >= v) ?? v;
}
