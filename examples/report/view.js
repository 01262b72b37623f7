// The report view: a Report (from buildReport in the page, or a collector's /report.json) → the summary
// line, Nudge as a whole against the site-wide control group, and one card per widget with its funnel,
// conversion by variant and the numbers behind them.
import { colorOf, conversionChart, funnelChart } from "./charts.js";

export const $ = (selector) => document.querySelector(selector);
const pct = (x, digits = 1) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)}%`);
const signed = (x, digits = 1) => (x === null || !Number.isFinite(x) ? "—" : `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(digits)}%`);
const money = (x, currency) => (x === null || x === undefined ? "—" : new Intl.NumberFormat("en-US", { style: "currency", currency: currency || "USD" }).format(x));
const count = (x) => x.toLocaleString("en-US");

export function node(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

/** One sentence a marketer can act on. */
function verdict(widget) {
  const best = widget.variants.filter((v) => v.uplift).sort((a, b) => b.uplift.conversionRate.probabilityToBeat - a.uplift.conversionRate.probabilityToBeat)[0];
  if (!best) return "No control group: conversion rates are shown, but no uplift can be measured.";
  const u = best.uplift.conversionRate;
  const p = u.probabilityToBeat;
  const confidence =
    p >= 0.95 ? "beats the control" : p >= 0.8 ? "probably beats the control" : p <= 0.2 ? "probably does worse than the control" : "is not distinguishable from the control yet";
  return `“${best.variant}” ${confidence}: ${signed(u.relative)} conversions (95% interval ${signed(u.interval[0], 0)} to ${signed(u.interval[1], 0)}), ${pct(p, 0)} chance to beat the control.`;
}

function metric(widget, variant, name, value, text) {
  return node("td", { "data-widget": widget.widget, "data-variant": variant.variant, "data-metric": name, "data-value": value ?? "" }, text);
}

function table(widget, currency) {
  const head = ["Variant", "Visitors", "Impressions", "Viewable", "CTR", "Conversion", "Revenue", "Revenue / visitor", "Avg. order", "Uplift vs control", "P(beat control)"];
  const rows = widget.variants.map((v, i) => {
    const u = v.uplift?.conversionRate;
    return node(
      "tr",
      {},
      node("th", { scope: "row" }, node("span", { class: "swatch", style: `background:${colorOf(v, i)}` }), v.holdout ? "control (holdout)" : v.variant),
      metric(widget, v, "visitors", v.visitors, count(v.visitors)),
      metric(widget, v, "impressions", v.impressions, v.holdout ? "—" : count(v.impressions)),
      metric(widget, v, "viewable", v.viewable, v.holdout ? "—" : count(v.viewable)),
      metric(widget, v, "ctr", v.ctr.value, v.holdout ? "—" : pct(v.ctr.value)),
      metric(widget, v, "conversionRate", v.conversionRate.value, `${pct(v.conversionRate.value, 2)} (${pct(v.conversionRate.interval[0])}–${pct(v.conversionRate.interval[1])})`),
      metric(widget, v, "revenue", v.revenue, money(v.revenue, currency)),
      metric(widget, v, "revenuePerVisitor", v.revenuePerVisitor, money(v.revenuePerVisitor, currency)),
      metric(widget, v, "averageOrderValue", v.averageOrderValue, money(v.averageOrderValue, currency)),
      metric(widget, v, "uplift", u?.relative ?? "", u ? `${signed(u.relative)} (${signed(u.interval[0], 0)} to ${signed(u.interval[1], 0)})` : "—"),
      metric(widget, v, "probabilityToBeat", u?.probabilityToBeat ?? "", u ? pct(u.probabilityToBeat, 0) : "—"),
    );
  });
  return node("table", {}, node("thead", {}, node("tr", {}, ...head.map((h) => node("th", { scope: "col" }, h)))), node("tbody", {}, ...rows));
}

/** Orders credited to each shown variant (counted once across widgets), and those it assisted. */
function credits(widget, currency) {
  const parts = widget.variants
    .filter((v) => !v.holdout)
    .flatMap((v, i) => [
      i ? "; " : "",
      node(
        "span",
        { "data-widget": widget.widget, "data-variant": v.variant, "data-metric": "attributed", "data-value": v.attributed.orders },
        `${v.variant} ${count(v.attributed.orders)} (${money(v.attributed.revenue, currency)})`,
      ),
      node(
        "span",
        { "data-widget": widget.widget, "data-variant": v.variant, "data-metric": "assisted", "data-value": v.assisted.orders },
        `, assisted ${count(v.assisted.orders)}`,
      ),
    ]);
  return node("p", { class: "attribution" }, "Orders credited (last widget shown before the order): ", ...parts, ".");
}

function srmBadge(widget) {
  const srm = widget.sampleRatio;
  if (!srm) return node("span", { class: "badge" }, "split: not checked");
  const text = srm.mismatch
    ? `split mismatch (p = ${srm.pValue.toExponential(1)}): check the setup before trusting these numbers`
    : `split as configured (χ² p = ${srm.pValue.toFixed(2)})`;
  return node(
    "span",
    {
      class: `badge ${srm.mismatch ? "bad" : "ok"}`,
      "data-srm": srm.mismatch ? "mismatch" : "ok",
      title: "Sample-ratio check: Pearson's chi-square of visitors per arm against the configured shares; flagged below p = 0.001",
    },
    text,
  );
}

/** A figure of the site-wide comparison: treated, control, and the uplift with its interval. */
function overallRow(name, label, treated, control, uplift, format) {
  const cell = (arm, value) => node("td", { "data-overall": name, "data-arm": arm, "data-value": value ?? "" }, format(value));
  return node(
    "tr",
    {},
    node("th", { scope: "row" }, label),
    cell("treated", treated),
    cell("control", control),
    node(
      "td",
      { "data-overall": name, "data-arm": "uplift", "data-value": uplift?.relative ?? "" },
      uplift ? `${signed(uplift.relative)} (${signed(uplift.interval[0], 0)} to ${signed(uplift.interval[1], 0)})` : "—",
    ),
    node("td", { "data-overall": name, "data-arm": "probabilityToBeat", "data-value": uplift?.probabilityToBeat ?? "" }, uplift ? pct(uplift.probabilityToBeat, 0) : "—"),
  );
}

/** Nudge as a whole against the site-wide control group, and where the orders went. */
function overallCard(report, currency) {
  const { attribution, overall } = report;
  const credited = report.widgets.map((w) => `${w.widget} ${count(w.attributed.orders)}`).join(", ");
  const totals = node(
    "p",
    { class: "attribution", "data-orders": attribution.orders, "data-unattributed": attribution.unattributed.orders },
    `${count(attribution.orders)} orders (${money(attribution.revenue, currency)}), each credited to the last widget shown before it: ${credited || "none"}; ${count(attribution.unattributed.orders)} with no widget shown (${money(attribution.unattributed.revenue, currency)}).`,
  );
  if (!overall) {
    return node(
      "section",
      { class: "overall", "data-overall": "none" },
      node("header", {}, node("h2", {}, "All widgets")),
      node("p", { class: "verdict" }, "No site-wide control group (settings.holdout): the uplift of Nudge as a whole cannot be measured."),
      totals,
    );
  }
  const { treated, control, uplift } = overall;
  const u = uplift?.revenuePerVisitor;
  const headline = uplift
    ? `Nudge as a whole: ${signed(uplift.conversionRate.relative)} conversion and ${signed(u?.relative ?? null)} revenue per visitor against the ${count(control.visitors)} visitors who saw no widget (${pct(uplift.conversionRate.probabilityToBeat, 0)} chance that Nudge converts better).`
    : "Nudge as a whole: waiting for visitors in both groups.";
  const rows = [
    overallRow("visitors", "Visitors", treated.visitors, control.visitors, null, count),
    overallRow("conversionRate", "Conversion", treated.conversionRate.value, control.conversionRate.value, uplift?.conversionRate, (x) => pct(x, 2)),
    overallRow("revenuePerVisitor", "Revenue / visitor", treated.revenuePerVisitor, control.revenuePerVisitor, uplift?.revenuePerVisitor, (x) => money(x, currency)),
    overallRow("averageOrderValue", "Avg. order", treated.averageOrderValue, control.averageOrderValue, uplift?.averageOrderValue, (x) => money(x, currency)),
  ];
  const head = ["", "With Nudge", "Site-wide control", "Uplift", "P(beat control)"].map((h) => node("th", { scope: "col" }, h));
  return node(
    "section",
    { class: "overall", "data-overall": "site" },
    node("header", {}, node("h2", {}, "All widgets", node("small", {}, " against the site-wide control group"))),
    node("p", { class: "verdict" }, headline),
    node("div", { class: "table-wrap" }, node("table", {}, node("thead", {}, node("tr", {}, ...head)), node("tbody", {}, ...rows))),
    totals,
  );
}

/** Draws the report: the summary line, Nudge as a whole, then one card per widget. */
export function renderReport(report, source, currency = "USD") {
  const days = report.from === null ? 0 : Math.max(1, Math.round((report.to - report.from) / 86_400_000));
  $("#summary").textContent = report.events
    ? `${count(report.events)} events from ${count(report.visitors)} visitors over ${days} day(s), ${source}.${report.duplicates ? ` ${count(report.duplicates)} duplicate(s) ignored.` : ""}`
    : `No events yet (${source}).`;
  const cards = report.widgets.map((widget) =>
    node(
      "section",
      { class: "card", "data-widget": widget.widget },
      node("header", {}, node("h2", {}, widget.widget, node("small", {}, ` ${widget.type}`)), srmBadge(widget)),
      node("p", { class: "verdict" }, verdict(widget)),
      node(
        "div",
        { class: "charts" },
        node("figure", {}, node("figcaption", {}, "Funnel: visitors at each step, share of eligible"), funnelChart(widget)),
        node("figure", {}, node("figcaption", {}, "Conversion rate with 95% interval (dashed: control)"), conversionChart(widget)),
      ),
      node("div", { class: "table-wrap" }, table(widget, currency)),
      credits(widget, currency),
    ),
  );
  $("#overall").replaceChildren(overallCard(report, currency));
  $("#widgets").replaceChildren(...cards);
  document.body.dataset.ready = "true";
}
