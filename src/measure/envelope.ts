import type { WidgetHistory } from "../profile/profile.js";
import type { CompiledWidget } from "../rules/compile-rules.js";
import type { MeasuredEventName, MeasureEvent } from "./event.js";
import { own } from "../env/own.js";
import { inSiteHoldout } from "../decide/variants.js";

/** A lifecycle event as the instance emitted it: the `WidgetEvent` payload and its extras. */
export interface LifecyclePayload {
  id: string;
  type: string;
  variant: string;
  value?: unknown;
  goal?: unknown;
  props?: Record<string, unknown>;
  reason?: unknown;
  name?: unknown;
  fields?: unknown;
  /** `converted` by a goal: when the goal event was tracked. */
  time?: unknown;
  question?: unknown;
  answer?: unknown;
  kind?: unknown;
  /** `lead`: the consent text the visitor agreed to (sent only to a collector's leads URL, never in the event). */
  consent?: unknown;
}

/** Everything the envelope is made from, read at the moment of the event. */
export interface EnvelopeInput {
  name: MeasuredEventName;
  payload: LifecyclePayload;
  time: number;
  profile: { id: string; userId?: string; session: { id: string }; widgets: Record<string, WidgetHistory> };
  path: string;
  widget?: CompiledWidget;
  currency?: string;
  /** `settings.holdout`: percent of visitors in the site-wide control group (0 or absent: none). */
  siteHoldout?: number;
  id: string;
}

/** The control group's variant (decide/variants.ts); a literal here keeps it out of the runtime's exports. */
const HOLDOUT = "holdout";

/**
 * The showing an event belongs to, named by the widget and the time of the show (for the
 * control group, of its eligibility), as recorded in the visitor's widget history. A goal
 * conversion names the exposure it converted, however many pages later it happened.
 */
function exposureTime(name: MeasuredEventName, payload: LifecyclePayload, history: WidgetHistory | undefined, time: number): number {
  if (!history) return time;
  const eligibleOrShown = payload.variant === HOLDOUT ? history.lastEligible : history.lastShown;
  if (name === "eligible") return history.lastEligible ?? time;
  if (name === "converted" && typeof payload.goal === "string") return history.goalExposure ?? eligibleOrShown ?? time;
  return eligibleOrShown || time;
}

/** The share of visitors the rules give this arm (holdout percent, then variants by weight). */
function shareOf(widget: CompiledWidget | undefined, variant: string): number | undefined {
  if (!widget) return undefined;
  const holdout = Math.min(Math.max(widget.holdout, 0), 100) / 100;
  if (variant === HOLDOUT) return holdout;
  const total = widget.variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  const mine = widget.variants.find((v) => v.id === variant);
  return mine && total > 0 ? ((1 - holdout) * Math.max(0, mine.weight)) / total : undefined;
}

/** Builds the measured event. Lead field values never leave: only their names. */
export function envelope(input: EnvelopeInput): MeasureEvent {
  const { name, payload } = input;
  // A goal conversion carries the goal event's time: one order, one time, whichever widgets it converts.
  const time = name === "converted" && typeof payload.time === "number" ? payload.time : input.time;
  // The decider assigns by `facts.visitor.id`: the identified user id, else the profile id.
  const held = input.siteHoldout ? inSiteHoldout(input.profile.userId ?? input.profile.id, input.siteHoldout) : undefined;
  const history = own(input.profile.widgets, payload.id);
  const event: MeasureEvent = {
    id: input.id,
    name,
    time,
    visitor: input.profile.id,
    session: input.profile.session.id,
    widget: payload.id,
    type: payload.type,
    variant: payload.variant,
    exposure: `${payload.id}@${exposureTime(name, payload, history, time)}`,
    path: input.path,
  };
  if (held !== undefined) event.siteHoldout = held;
  if (name === "eligible") {
    const share = held ? input.siteHoldout! / 100 : shareOf(input.widget, payload.variant);
    if (share !== undefined) event.share = share;
  }
  if (name === "converted") {
    if (typeof payload.value === "number" && Number.isFinite(payload.value)) {
      event.value = payload.value;
      if (input.currency) event.currency = input.currency;
    }
    if (typeof payload.goal === "string") event.goal = payload.goal;
    const order = payload.props?.id;
    if (typeof order === "string" || typeof order === "number") event.order = String(order);
    const coupon = payload.props?.coupon;
    if (typeof coupon === "string" && coupon) event.coupon = coupon;
  }
  if (name === "closed" && typeof payload.reason === "string") event.reason = payload.reason;
  if (name === "action" && typeof payload.name === "string") event.action = payload.name;
  if (name === "lead" && payload.fields && typeof payload.fields === "object") event.fields = Object.keys(payload.fields);
  if (name === "answer" && typeof payload.question === "string") {
    event.question = payload.question;
    if (payload.kind !== "text") event.answer = payload.answer as MeasureEvent["answer"];
  }
  return event;
}
