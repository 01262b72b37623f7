import type { WidgetHistory } from "../profile/profile.js";
import type { CompiledCondition } from "../rules/condition/index.js";
import { HOLDOUT } from "./variants.js";
import { own } from "../env/own.js";

/** A widget's goal, compiled: the event that counts as its conversion, and for how long after it was seen. */
export interface CompiledGoal {
  event: string;
  /** Tested against `{ name, props }` of the tracked event. */
  where: CompiledCondition;
  withinMs: number;
}

export const DEFAULT_GOAL_WINDOW_MS = 7 * 86_400_000;

/** When the visitor was last exposed: the last show, or for the control group the last time it was eligible. */
export function exposureOf(history: WidgetHistory | undefined): number {
  if (!history) return 0;
  return history.variant === HOLDOUT ? (history.lastEligible ?? 0) : history.lastShown;
}

/**
 * Whether a tracked event converts a widget: it is the goal's event, matches
 * `where`, falls within the window after the last exposure, and that exposure
 * has not converted yet (once per showing). Returns the exposure it converts.
 */
export function goalReached(goal: CompiledGoal | undefined, history: WidgetHistory | undefined, name: string, props: Record<string, unknown>, time: number): number | undefined {
  if (!goal || name !== goal.event) return undefined;
  const exposure = exposureOf(history);
  if (!exposure || time < exposure || time - exposure > goal.withinMs) return undefined;
  if (history?.goalExposure === exposure) return undefined;
  return goal.where({ name, props }) ? exposure : undefined;
}

/** The conversion's value: `props.value` when it is a finite number (purchases). */
export function conversionValue(props: Record<string, unknown>): number | undefined {
  const value = own(props, "value");
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
