/** The report's shape: per widget, per variant (arm), with the statistics of `stats.ts`. */
import type { Attribution, Credit } from "./attribution.js";
import type { OverallReport } from "./overall.js";
import type { Rate, SampleRatio, Uplift } from "./stats.js";

/** The control group's variant name. */
export const HOLDOUT = "holdout";

/** Visitors at each step of the funnel (a visitor counts once per step, however often it happened). */
export interface Funnel {
  eligible: number;
  shown: number;
  viewable: number;
  clicked: number;
  converted: number;
}

/** One arm of a widget: a variant, or the control group (`holdout`). */
export interface VariantReport {
  variant: string;
  holdout: boolean;
  /** Distinct visitors who were eligible in this arm: the denominator of the per-visitor rates. */
  visitors: number;
  /** Distinct shows (a show counts once, whatever re-renders or events it had). */
  impressions: number;
  /** Shows at least half on screen. */
  viewable: number;
  /** Shows clicked at least once. */
  clicks: number;
  /** Clicked shows / impressions. */
  ctr: Rate;
  closes: number;
  minimized: number;
  leads: number;
  /**
   * Conversion events (once per showing), and the distinct visitors who converted. A visitor
   * converts an arm when the goal happens within the window after their exposure (a show, or
   * for the control group an eligibility), whatever other widgets they saw: the same
   * definition on both arms, so the uplift against the holdout stays fair.
   */
  conversions: number;
  converters: number;
  /** Converting eligible visitors / eligible visitors. */
  conversionRate: Rate;
  /**
   * Sum of conversion values (order values). One order converts every widget whose window is
   * open: summed over widgets this counts an order more than once; sum `attributed` instead.
   */
  revenue: number;
  /** Revenue of eligible visitors / eligible visitors. */
  revenuePerVisitor: number;
  /** Revenue / conversions with a value; null without any. */
  averageOrderValue: number | null;
  funnel: Funnel;
  /** Orders credited to this arm: it was the last widget shown before the order, within its window. */
  attributed: Credit;
  /** Orders this arm converted but another widget, shown later, was credited with. */
  assisted: Credit;
  /** Against the control group; null for the control itself, or a widget without one. */
  uplift: { conversionRate: Uplift; revenuePerVisitor: Uplift | null } | null;
}

export interface WidgetReport {
  widget: string;
  type: string;
  variants: VariantReport[];
  /** The variants' attributed and assisted orders, summed. */
  attributed: Credit;
  assisted: Credit;
  /** Whether visitors were split as configured; null without a split (one arm, or no shares known). */
  sampleRatio: SampleRatio | null;
}

export interface Report {
  /** Distinct events read (duplicates by id are dropped and counted). */
  events: number;
  duplicates: number;
  visitors: number;
  /** Time of the first and last event, or null without events. */
  from: number | null;
  to: number | null;
  widgets: WidgetReport[];
  /**
   * Every order (goal conversion) once: attributed orders summed over the widgets plus
   * `unattributed` equal `orders`, and the same for revenue.
   */
  attribution: Attribution;
  /** Nudge as a whole against the site-wide control group (`settings.holdout`); null without one. */
  overall: OverallReport | null;
}

export interface ReportOptions {
  /** Seed of the Monte Carlo for the uplift intervals (default: fixed, so reports are reproducible). */
  seed?: number;
}
