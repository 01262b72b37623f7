// Hand-made SVG charts for the report page: a funnel per variant and conversion rates with their
// intervals. No chart library; text is set with textContent, never parsed as HTML.

const SVG = "http://www.w3.org/2000/svg";
export const COLORS = ["#2f4a3a", "#c0603c", "#5b7fa6", "#a7864b", "#7a5c99"];
export const CONTROL_COLOR = "#8a8f87";

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const pct = (x, digits = 1) => `${(x * 100).toFixed(digits)}%`;
export const colorOf = (variant, index) => (variant.holdout ? CONTROL_COLOR : COLORS[index % COLORS.length]);

const STEPS = [
  ["eligible", "Eligible"],
  ["shown", "Shown"],
  ["viewable", "Viewable"],
  ["clicked", "Clicked"],
  ["converted", "Converted"],
];

/** Grouped horizontal bars: for each funnel step, each variant's visitors as a share of its eligible visitors. */
export function funnelChart(widget) {
  const variants = widget.variants;
  const width = 560;
  const left = 92;
  const right = 118;
  const bar = 14;
  const gap = 4;
  const group = variants.length * (bar + gap) + 14;
  const height = STEPS.length * group + 10;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "data-chart": "funnel", "aria-label": `Funnel of ${widget.widget} by variant` });
  const plot = width - left - right;
  STEPS.forEach(([key, label], s) => {
    const y0 = 6 + s * group;
    svg.append(el("text", { x: left - 10, y: y0 + (variants.length * (bar + gap)) / 2 + 4, "text-anchor": "end", class: "axis-label" }, label));
    variants.forEach((variant, i) => {
      const count = variant.funnel[key];
      const share = variant.funnel.eligible ? count / variant.funnel.eligible : 0;
      const y = y0 + i * (bar + gap);
      const applicable = !(variant.holdout && ["shown", "viewable", "clicked"].includes(key));
      svg.append(el("rect", { x: left, y, width: plot, height: bar, fill: "#f1ece3", rx: 3 }));
      if (applicable) {
        svg.append(
          el("rect", {
            x: left,
            y,
            width: Math.max(share * plot, count ? 1.5 : 0),
            height: bar,
            fill: colorOf(variant, i),
            rx: 3,
            "data-variant": variant.variant,
            "data-step": key,
            "data-count": count,
          }),
        );
      }
      svg.append(
        el("text", { x: left + plot + 8, y: y + bar - 3, class: "bar-label" }, applicable ? `${count.toLocaleString("en-US")} · ${pct(share, share < 0.1 ? 1 : 0)}` : "not shown"),
      );
    });
  });
  return svg;
}

/** Conversion rate per variant with its 95% credible interval; a dashed line at the control's rate. */
export function conversionChart(widget) {
  const variants = widget.variants;
  const width = 560;
  const left = 92;
  const right = 24;
  const row = 34;
  const top = 10;
  const axis = 26;
  const height = top + variants.length * row + axis;
  const max = Math.max(0.01, ...variants.map((v) => v.conversionRate.interval[1])) * 1.1;
  const step = niceStep(max);
  const plot = width - left - right;
  const x = (value) => left + (value / max) * plot;
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "data-chart": "conversion",
    "aria-label": `Conversion rate of ${widget.widget} by variant, with 95% intervals`,
  });
  const bottom = top + variants.length * row;
  for (let t = 0; t <= max + 1e-12; t += step) {
    svg.append(el("line", { x1: x(t), x2: x(t), y1: top, y2: bottom, class: "grid" }));
    svg.append(el("text", { x: x(t), y: bottom + 16, "text-anchor": "middle", class: "axis-label" }, pct(t, Number.isInteger(Math.round(step * 1e6) / 1e4) ? 0 : 1)));
  }
  const control = variants.find((v) => v.holdout);
  if (control) svg.append(el("line", { x1: x(control.conversionRate.value), x2: x(control.conversionRate.value), y1: top - 4, y2: bottom, class: "control-line" }));
  variants.forEach((variant, i) => {
    const y = top + i * row + row / 2;
    const color = colorOf(variant, i);
    const [low, high] = variant.conversionRate.interval;
    svg.append(el("text", { x: left - 10, y: y + 4, "text-anchor": "end", class: "axis-label" }, variant.holdout ? "control" : variant.variant));
    svg.append(
      el("line", {
        x1: x(low),
        x2: x(high),
        y1: y,
        y2: y,
        stroke: color,
        "stroke-width": 6,
        "stroke-linecap": "round",
        opacity: 0.35,
        "data-variant": variant.variant,
        "data-low": low,
        "data-high": high,
      }),
    );
    svg.append(el("circle", { cx: x(variant.conversionRate.value), cy: y, r: 6, fill: color, "data-variant": variant.variant, "data-rate": variant.conversionRate.value }));
    svg.append(el("text", { x: Math.min(x(high) + 8, width - right - 40), y: y - 9, class: "bar-label" }, pct(variant.conversionRate.value, 2)));
  });
  return svg;
}

function niceStep(max) {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
}
