/**
 * The report's statistics step: per-arm aggregates (counted in memory by
 * `buildReport`, or in a database by a collector's store) in, the report out.
 * The one place where counts become rates, uplifts and the sample-ratio check,
 * so both ways of counting give the same figures.
 */
import type { ArmAggregate, ReportAggregates } from "./aggregates.js";
import { HOLDOUT, type Report, type ReportOptions, type VariantReport, type WidgetReport } from "./report-types.js";
import { meanUplift, rate, rateUplift, sampleFromSums, sampleRatio } from "./stats.js";

/**
 * Turns per-arm aggregates into the report.
 *
 * @example
 * import { reportFromAggregates } from "nudge-sdk/measure";
 * const report = reportFromAggregates(await store.reportAggregates());
 */
export function reportFromAggregates(aggregates: ReportAggregates, options: ReportOptions = {}): Report {
  const byWidget = new Map<string, ArmAggregate[]>();
  for (const arm of aggregates.arms) {
    const arms = byWidget.get(arm.widget);
    if (arms) arms.push(arm);
    else byWidget.set(arm.widget, [arm]);
  }
  return {
    events: aggregates.events,
    duplicates: aggregates.duplicates,
    visitors: aggregates.visitors,
    from: aggregates.from,
    to: aggregates.to,
    widgets: [...byWidget.keys()].sort().map((id) => widgetReport(id, byWidget.get(id)!, options)),
  };
}

/** Revenue per eligible visitor, zeros included: the sample behind revenue per visitor. */
const revenueSample = (arm: ArmAggregate) => sampleFromSums(arm.eligible, arm.eligibleRevenue, arm.eligibleRevenueSquares);
const converting = (arm: ArmAggregate) => ({ k: arm.eligibleConverters, n: arm.eligible });
const round = (value: number) => Math.round(value * 100) / 100;

function widgetReport(id: string, unsorted: ArmAggregate[], options: ReportOptions): WidgetReport {
  const arms = [...unsorted].sort((a, b) => Number(a.variant === HOLDOUT) - Number(b.variant === HOLDOUT) || a.variant.localeCompare(b.variant));
  const control = arms.find((arm) => arm.variant === HOLDOUT);
  const variants = arms.map((arm): VariantReport => {
    const isControl = arm.variant === HOLDOUT;
    return {
      variant: arm.variant,
      holdout: isControl,
      visitors: arm.eligible,
      impressions: arm.impressions,
      viewable: arm.viewable,
      clicks: arm.clicks,
      ctr: rate(Math.min(arm.clicks, arm.impressions), arm.impressions),
      closes: arm.closes,
      minimized: arm.minimized,
      leads: arm.leads,
      conversions: arm.conversions,
      converters: arm.converters,
      conversionRate: rate(arm.eligibleConverters, arm.eligible),
      revenue: round(arm.revenue),
      revenuePerVisitor: arm.eligible ? arm.eligibleRevenue / arm.eligible : 0,
      averageOrderValue: arm.orders ? arm.revenue / arm.orders : null,
      funnel: { eligible: arm.eligible, shown: arm.shownVisitors, viewable: arm.viewableVisitors, clicked: arm.clickedVisitors, converted: arm.eligibleConverters },
      uplift:
        control && !isControl
          ? { conversionRate: rateUplift(converting(arm), converting(control), options.seed), revenuePerVisitor: meanUplift(revenueSample(arm), revenueSample(control)) }
          : null,
    };
  });
  const shares: Record<string, number> = {};
  const observed: Record<string, number> = {};
  for (const arm of arms) {
    if (arm.share !== null) shares[arm.variant] = arm.share;
    observed[arm.variant] = arm.eligible;
  }
  return { widget: id, type: arms[0].type, variants, sampleRatio: Object.keys(shares).length === arms.length ? sampleRatio(observed, shares) : null };
}
