/**
 * The report: a pure function from measured events (this browser's, or every
 * visitor's at a collector) to per-widget, per-variant numbers. It counts the
 * per-arm aggregates in memory, then hands them to the statistics step
 * (`reportFromAggregates`), the same one a collector's database feeds.
 * No clock, no I/O: the same events give the same report.
 */
import { emptyArm, type ArmAggregate, type ReportAggregates } from "./aggregates.js";
import type { MeasureEvent } from "./event.js";
import { reportFromAggregates } from "./report-from-aggregates.js";
import type { Report, ReportOptions } from "./report-types.js";

export type { Funnel, Report, ReportOptions, VariantReport, WidgetReport } from "./report-types.js";

/** The sets behind one arm's counts. A show is a (visitor, exposure) pair. */
interface ArmCount {
  eligible: Set<string>;
  shown: Map<string, string>; // show → visitor
  viewable: Map<string, string>;
  clicked: Map<string, string>;
  closes: Set<string>;
  minimized: Set<string>;
  leads: Set<string>;
  converters: Set<string>;
  revenueBy: Map<string, number>;
  aggregate: ArmAggregate;
}

const distinctVisitors = (m: Map<string, string>) => new Set(m.values()).size;

/** Is this a measured event we can count? Collectors may hand us anything. */
function usable(event: unknown): event is MeasureEvent {
  const e = event as MeasureEvent;
  return (
    !!e &&
    typeof e === "object" &&
    typeof e.id === "string" &&
    typeof e.name === "string" &&
    typeof e.widget === "string" &&
    typeof e.variant === "string" &&
    typeof e.visitor === "string"
  );
}

/**
 * Counts the per-arm aggregates of measured events in memory, in any order, duplicates
 * allowed (the first copy of an id, in time order, counts).
 */
export function aggregateEvents(events: readonly MeasureEvent[]): ReportAggregates {
  const seen = new Set<string>();
  const widgets = new Map<string, { type: string; arms: Map<string, ArmCount> }>();
  const visitors = new Set<string>();
  let duplicates = 0;
  let from: number | null = null;
  let to: number | null = null;
  const sorted = events.filter(usable).sort((a, b) => a.time - b.time);
  for (const event of sorted) {
    if (seen.has(event.id)) {
      duplicates++;
      continue;
    }
    seen.add(event.id);
    visitors.add(event.visitor);
    from = from === null ? event.time : Math.min(from, event.time);
    to = to === null ? event.time : Math.max(to, event.time);
    let widget = widgets.get(event.widget);
    if (!widget) widgets.set(event.widget, (widget = { type: event.type, arms: new Map() }));
    let arm = widget.arms.get(event.variant);
    if (!arm) widget.arms.set(event.variant, (arm = newCount(emptyArm(event.widget, widget.type, event.variant))));
    const { visitor } = event;
    const show = `${visitor}\n${event.exposure}`;
    const counts = arm.aggregate;
    switch (event.name) {
      case "eligible":
        arm.eligible.add(visitor);
        if (typeof event.share === "number") counts.share = event.share;
        break;
      case "shown":
        arm.shown.set(show, visitor);
        break;
      case "viewable":
        arm.viewable.set(show, visitor);
        break;
      case "clicked":
        arm.clicked.set(show, visitor);
        break;
      case "closed":
        arm.closes.add(show);
        break;
      case "minimized":
        arm.minimized.add(show);
        break;
      case "lead":
        arm.leads.add(show);
        break;
      case "converted":
        counts.conversions++;
        arm.converters.add(visitor);
        if (typeof event.value === "number" && Number.isFinite(event.value)) {
          counts.revenue += event.value;
          counts.orders++;
          arm.revenueBy.set(visitor, (arm.revenueBy.get(visitor) ?? 0) + event.value);
        }
        break;
    }
  }
  const arms: ArmAggregate[] = [];
  for (const widget of widgets.values()) for (const arm of widget.arms.values()) arms.push(finish(arm));
  return { events: seen.size, duplicates, visitors: visitors.size, from, to, arms };
}

function newCount(aggregate: ArmAggregate): ArmCount {
  return {
    eligible: new Set(),
    shown: new Map(),
    viewable: new Map(),
    clicked: new Map(),
    closes: new Set(),
    minimized: new Set(),
    leads: new Set(),
    converters: new Set(),
    revenueBy: new Map(),
    aggregate,
  };
}

function finish(arm: ArmCount): ArmAggregate {
  const a = arm.aggregate;
  a.eligible = arm.eligible.size;
  a.impressions = arm.shown.size;
  a.shownVisitors = distinctVisitors(arm.shown);
  a.viewable = arm.viewable.size;
  a.viewableVisitors = distinctVisitors(arm.viewable);
  a.clicks = arm.clicked.size;
  a.clickedVisitors = distinctVisitors(arm.clicked);
  a.closes = arm.closes.size;
  a.minimized = arm.minimized.size;
  a.leads = arm.leads.size;
  a.converters = arm.converters.size;
  for (const visitor of arm.eligible) {
    if (arm.converters.has(visitor)) a.eligibleConverters++;
    const revenue = arm.revenueBy.get(visitor) ?? 0;
    a.eligibleRevenue += revenue;
    a.eligibleRevenueSquares += revenue * revenue;
  }
  return a;
}

/**
 * Builds the report from measured events, in any order, duplicates allowed.
 *
 * @example
 * import { buildReport } from "nudge-sdk/measure";
 * const report = buildReport(events); // events: MeasureEvent[] from your collector
 * for (const w of report.widgets) for (const v of w.variants) console.log(w.widget, v.variant, v.conversionRate.value, v.uplift?.conversionRate.probabilityToBeat);
 */
export function buildReport(events: readonly MeasureEvent[], options: ReportOptions = {}): Report {
  return reportFromAggregates(aggregateEvents(events), options);
}
