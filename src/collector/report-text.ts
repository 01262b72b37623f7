/**
 * The report as a plain-text table for a terminal (`nudge report`): per widget,
 * one row per arm with the funnel, rates, revenue and the uplift against the
 * holdout, then the sample-ratio check.
 */
import type { Report } from "../measure/report-types.js";

const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(digits)}%`);
const signed = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? "—" : `${x >= 0 ? "+" : "-"}${Math.abs(x * 100).toFixed(digits)}%`;
const int = (x: number) => x.toLocaleString("en-US");
const money = (x: number | null) => (x === null ? "—" : x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")).join("\n");
}

/** Formats a report as text. */
export function formatReport(report: Report): string {
  const span = report.from === null || report.to === null ? "" : ` from ${new Date(report.from).toISOString()} to ${new Date(report.to).toISOString()}`;
  const lines = [`${int(report.events)} events, ${int(report.visitors)} visitors${span}; ${int(report.duplicates)} duplicate(s) dropped`];
  const { attribution, overall } = report;
  lines.push(
    `${int(attribution.orders)} orders (${money(attribution.revenue)}), each credited to the last widget shown before it; ${int(attribution.unattributed.orders)} with no widget shown (${money(attribution.unattributed.revenue)})`,
  );
  if (overall) {
    const u = overall.uplift;
    const arm = (name: string, a: typeof overall.treated) =>
      `${name}: ${int(a.visitors)} visitors, conversion ${pct(a.conversionRate.value, 2)}, revenue/visitor ${money(a.revenuePerVisitor)}, avg. order ${money(a.averageOrderValue)}`;
    lines.push(
      "",
      "Nudge as a whole (against the site-wide control group)",
      `  ${arm("with Nudge", overall.treated)}`,
      `  ${arm("site-wide control", overall.control)}`,
      u
        ? `  uplift: conversion ${signed(u.conversionRate.relative)} (${signed(u.conversionRate.interval[0], 0)} to ${signed(u.conversionRate.interval[1], 0)}, P(beat) ${pct(u.conversionRate.probabilityToBeat, 0)}), revenue/visitor ${signed(u.revenuePerVisitor?.relative)}, avg. order ${signed(u.averageOrderValue?.relative)}`
        : "  uplift: waiting for visitors in both groups",
    );
  }
  if (!report.widgets.length) lines.push("No widget events yet.");
  for (const widget of report.widgets) {
    lines.push("", `${widget.widget} (${widget.type})`);
    const head = ["variant", "eligible", "shown", "viewable", "clicked", "converted", "CTR", "conversion (95%)", "revenue", "rev/visitor", "uplift (95%)", "P(beat)"];
    const rows = widget.variants.map((v) => {
      const u = v.uplift?.conversionRate;
      return [
        v.holdout ? "holdout" : v.variant,
        int(v.funnel.eligible),
        int(v.funnel.shown),
        int(v.funnel.viewable),
        int(v.funnel.clicked),
        int(v.funnel.converted),
        v.holdout ? "—" : pct(v.ctr.value),
        `${pct(v.conversionRate.value, 2)} (${pct(v.conversionRate.interval[0])}–${pct(v.conversionRate.interval[1])})`,
        money(v.revenue),
        money(v.revenuePerVisitor),
        u ? `${signed(u.relative)} (${signed(u.interval[0], 0)} to ${signed(u.interval[1], 0)})` : "—",
        u ? pct(u.probabilityToBeat, 0) : "—",
      ];
    });
    lines.push(columns([head, ...rows]));
    lines.push(`orders credited: ${int(widget.attributed.orders)} (${money(widget.attributed.revenue)}); assisted: ${int(widget.assisted.orders)}`);
    const srm = widget.sampleRatio;
    lines.push(
      srm
        ? srm.mismatch
          ? `split: MISMATCH (chi-square p = ${srm.pValue.toExponential(1)}): the visitors were not split as configured; do not trust these numbers`
          : `split: as configured (chi-square p = ${srm.pValue.toFixed(2)})`
        : "split: not checked (one arm, or no shares known)",
    );
  }
  return lines.join("\n");
}
