import type { Explanation } from "../decide/decider.js";

/**
 * Where a widget stands on this page, in the words a marketer debugging a campaign needs:
 * - `showing`: on screen now;
 * - `waiting`: nothing holds it back but its trigger, which is armed (`detail` says what fires it);
 * - `done`: its caps are used up for this visit (or for good), or its trigger already fired on this page;
 * - `blocked`: a condition, schedule, cap or setting holds it back (`detail` names each);
 * - `ready`: it would show now (a manual widget, or one between a decision and the screen).
 */
export type WidgetState = "showing" | "waiting" | "done" | "blocked" | "ready";

export interface WidgetStatus {
  id: string;
  type: string;
  state: WidgetState;
  /** The reasons, in explain()'s words (`trigger: scroll, 50% not reached (at 10%)`). */
  detail: string[];
  /** The trigger's kind when it is what the widget waits for (`scroll`, `exit_intent`, `click`…). */
  trigger?: string;
}

/** Caps that end a widget's showing for the visit or for good, not just for a while. */
const DONE = /^(frequency\.(session|day|total|stopAfter)|settings\.(maxPerSession|groups\.[^.]+\.maxPerSession)):|^trigger: \w+, fired on this page/;
const TRIGGER = /^trigger: (\w+)/;

/**
 * Sorts explain()'s reasons into one state per widget. `onScreen` holds the ids shown and not
 * closed yet (from the `shown` and `closed` events).
 *
 * @example
 * widgetStatus({ id: "coupon", type: "popup", wouldShow: false, blockedBy: ["trigger: exit_intent, waiting (…)"] }, new Set());
 * // { id: "coupon", type: "popup", state: "waiting", trigger: "exit_intent", detail: ["trigger: exit_intent, waiting (…)"] }
 */
export function widgetStatus(entry: Explanation, onScreen: ReadonlySet<string>): WidgetStatus {
  const base = { id: entry.id, type: entry.type, detail: entry.blockedBy };
  if (onScreen.has(entry.id)) return { ...base, state: "showing", detail: [] };
  const triggers = entry.blockedBy.filter((reason) => TRIGGER.test(reason));
  const others = entry.blockedBy.filter((reason) => !TRIGGER.test(reason));
  const trigger = triggers.length ? TRIGGER.exec(triggers[0])?.[1] : undefined;
  if (entry.blockedBy.some((reason) => DONE.test(reason))) return { ...base, state: "done" };
  if (others.length) return { ...base, state: "blocked", detail: others };
  if (triggers.length) return { ...base, state: "waiting", trigger };
  return { ...base, state: "ready" };
}

/** One line per state, as the panel and the playground say it. */
export const STATE_WORDS: Record<WidgetState, string> = {
  showing: "showing",
  waiting: "waiting for its trigger",
  done: "done for this session",
  blocked: "blocked",
  ready: "would show now",
};
