/**
 * The measurement event: one line of a widget's life (eligible, shown, clicked…)
 * as it leaves the browser, with everything a collector needs to count it once.
 */

/** The widget lifecycle events that are measured, in funnel order. */
export type MeasuredEventName = "eligible" | "shown" | "viewable" | "clicked" | "minimized" | "restored" | "lead" | "action" | "answer" | "closed" | "converted";

/** The measured events, in funnel order (one string: fewer bytes on every page). */
export const MEASURED_EVENTS = "eligible shown viewable clicked minimized restored lead action answer closed converted".split(" ") as MeasuredEventName[];

/**
 * One measured event. Every field but the optional ones is always present.
 *
 * @example
 * { id: "lq3k2-9f8a7c", name: "shown", time: 1767225600000, visitor: "v-1", session: "s-1",
 *   widget: "welcome-offer", type: "popup", variant: "a", exposure: "welcome-offer@1767225600000", path: "/shop/" }
 */
export interface MeasureEvent {
  /** Unique per event: collectors de-duplicate by it. */
  id: string;
  name: MeasuredEventName;
  /**
   * Milliseconds since the epoch, on the visitor's clock. For a goal conversion, the time of the
   * goal event: the same for every widget one order converts.
   */
  time: number;
  /** The visitor's profile id (anonymous unless the site identified them). */
  visitor: string;
  session: string;
  widget: string;
  type: string;
  /** The variant, `"default"` for plain content, `"holdout"` for the control group. */
  variant: string;
  /**
   * The showing this event belongs to: `<widget>@<time of the show>` (for the control
   * group, of the eligibility). Clicks, closes and conversions carry their show's exposure,
   * so a show is counted once however often it re-renders.
   */
  exposure: string;
  /** Page path where it happened. */
  path?: string;
  /** `eligible`: the share of visitors this arm should get (0–1), for the sample-ratio check. */
  share?: number;
  /**
   * Set when the rules have a site-wide control group (`settings.holdout`): true for a visitor
   * in it (who sees no widget at all; `variant` is "holdout"), false for everyone else. The
   * report compares the two for the uplift of Nudge as a whole; per-widget figures leave the
   * site-wide control out.
   */
  siteHoldout?: boolean;
  /** `converted`: the order value (`props.value` of the goal event), and its currency. */
  value?: number;
  currency?: string;
  /** `converted`: the goal event's name, and the order id when the goal event had one (`props.id`). */
  goal?: string;
  order?: string;
  /** `converted`: the coupon code of the goal event (`props.coupon` of a purchase): a collector marks it used. */
  coupon?: string;
  /** `closed`: why (button, escape, backdrop, cta, replaced, api…). */
  reason?: string;
  /** `action`: its name. `lead`: the names of the fields collected (never their values). */
  action?: string;
  fields?: string[];
  /** `answer`: the survey question, and the answer when it is a choice or a rating (a short text's words stay in the browser, as a lead's do). */
  question?: string;
  answer?: string | number | string[];
}
