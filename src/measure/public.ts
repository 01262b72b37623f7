/**
 * `nudge-sdk/measure`: the report builder and its statistics, for collectors and
 * report pages. Pure functions over measured events (what a beacon endpoint
 * receives, or `(await nudge.report()).log`); no browser needed.
 *
 * @example
 * import { buildReport } from "nudge-sdk/measure";
 * const events = batches.flatMap((batch) => batch.events); // bodies your endpoint stored
 * const report = buildReport(events); // duplicates (same id) are counted once
 */
export { buildReport, type Report, type ReportOptions, type WidgetReport, type VariantReport, type Funnel } from "./report.js";
export { aggregateEvents } from "./report.js";
export { reportFromAggregates } from "./report-from-aggregates.js";
export type { ArmAggregate, ReportAggregates, OverallAggregate } from "./aggregates.js";
export type { Attribution, Credit } from "./attribution.js";
export type { OverallReport, OverallArm } from "./overall.js";
export {
  rate,
  probabilityToBeat,
  sampleFromSums,
  rateUplift,
  meanUplift,
  sampleOf,
  sampleRatio,
  SRM_ALPHA,
  type Rate,
  type Uplift,
  type Sample,
  type SampleRatio,
} from "./stats.js";
export { MEASURED_EVENTS, type MeasureEvent, type MeasuredEventName } from "./event.js";
export type { Destination, BeaconDestination, DataLayerDestination, DomEventsDestination, DeliveryStats } from "./destination-types.js";
