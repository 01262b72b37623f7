import { parseDuration } from "../rules/duration.js";
import type { After, Frequency } from "../rules/schema/rules-schema.js";
import type { WidgetHistory } from "../profile/profile.js";
import type { CloseReason } from "../render/widget-api.js";
import type { Reason } from "./reason.js";

/** Where the visitor is now, for counting shows per session and per day. */
export interface CapContext {
  sessionId: string;
  day: string;
}

/** A widget's frequency rules with durations in milliseconds. */
export interface CompiledFrequency {
  session?: number;
  day?: number;
  total?: number;
  /** Milliseconds to wait after the last show, close, conversion. */
  cooldown?: { afterShown?: number; afterClosed?: number; afterConverted?: number };
  stopAfter?: ReadonlyArray<"converted" | "dismissed">;
}

/** A follow-up: another widget shown at least `shownAtLeastMs` ago, with no conversion since when `notConverted`. */
export interface CompiledAfter {
  widget: string;
  shownAtLeastMs: number;
  notConverted: boolean;
}

/** Durations become milliseconds; keys absent from the rules stay absent. */
export function compileFrequency(frequency: Frequency = {}): CompiledFrequency {
  const { cooldown, ...rest } = frequency;
  if (!cooldown) return rest;
  const ms: NonNullable<CompiledFrequency["cooldown"]> = {};
  for (const key of ["afterShown", "afterClosed", "afterConverted"] as const) if (cooldown[key] !== undefined) ms[key] = parseDuration(cooldown[key]) ?? 0;
  return { ...rest, cooldown: ms };
}

export function compileAfter(after: After | undefined): CompiledAfter | undefined {
  return after && { widget: after.widget, shownAtLeastMs: parseDuration(after.shownAtLeast) ?? 0, notConverted: !!after.notConverted };
}

/** Closes that count as the visitor dismissing a widget (not a CTA click, a replacement or `hide()`). */
export const DISMISSALS: ReadonlySet<CloseReason> = new Set(["button", "escape", "backdrop", "dismiss"]);

/** Shows of this widget in the current session and day (stale counters read as 0). */
export function showsNow(history: WidgetHistory | undefined, now: CapContext) {
  return {
    session: history && history.sessionId === now.sessionId ? history.sessionShown : 0,
    day: history && history.day === now.day ? history.dayShown : 0,
    total: history?.shown ?? 0,
  };
}

/** The frequency rules that block a widget right now, as data (explain-words.ts writes them out); empty when none does. */
export function frequencyBlocks(frequency: CompiledFrequency, history: WidgetHistory | undefined, now: CapContext, time: number): Reason[] {
  const shows = showsNow(history, now);
  const blocks: Reason[] = [];
  for (const period of ["session", "day", "total"] as const)
    if (frequency[period] !== undefined && shows[period] >= frequency[period]) blocks.push([`frequency.${period}`, shows[period], frequency[period]]);
  if (!history) return blocks;
  const stop = frequency.stopAfter ?? [];
  if (stop.includes("converted") && history.converted > 0) blocks.push(["frequency.stopAfter", "converted", history.converted]);
  if (stop.includes("dismissed") && (history.dismissed ?? 0) > 0) blocks.push(["frequency.stopAfter", "dismissed", history.dismissed]);
  const cooldown = frequency.cooldown ?? {};
  const cool = (name: "afterShown" | "afterClosed" | "afterConverted", since: number | undefined) => {
    const wait = cooldown[name];
    if (wait === undefined || !since) return;
    const left = since + wait - time;
    // A stamp further ahead than the wait itself came from a wrong clock since corrected: it must not block for a year.
    if (left > 0 && left <= 2 * wait) blocks.push([`frequency.cooldown.${name}`, time - since, left]);
  };
  cool("afterShown", history.lastShown);
  cool("afterClosed", history.lastClosed);
  cool("afterConverted", history.lastConverted);
  return blocks;
}

/** Why a follow-up is not due yet, as data (explain-words.ts writes it out); empty when it is. */
export function afterBlocks(after: CompiledAfter | undefined, previous: WidgetHistory | undefined, time: number): Reason[] {
  if (!after) return [];
  const name = after.widget;
  if (!previous?.lastShown) return [["after", name]];
  const left = previous.lastShown + after.shownAtLeastMs - time;
  if (left > 0 && left <= 2 * after.shownAtLeastMs) return [["after", name, time - previous.lastShown, left]];
  if (after.notConverted && previous.lastConverted >= previous.lastShown) return [["after.notConverted", name, time - previous.lastConverted]];
  return [];
}

export function emptyHistory(): WidgetHistory {
  return { shown: 0, lastShown: 0, sessionId: "", sessionShown: 0, day: "", dayShown: 0, closed: 0, lastClosed: 0, converted: 0, lastConverted: 0 };
}

/** Records one show in a widget's history (and the variant shown). */
export function recordShown(history: WidgetHistory | undefined, now: CapContext, time: number, variant?: string): WidgetHistory {
  const shows = showsNow(history, now);
  return {
    ...(history ?? emptyHistory()),
    shown: shows.total + 1,
    lastShown: time,
    sessionId: now.sessionId,
    sessionShown: shows.session + 1,
    day: now.day,
    dayShown: shows.day + 1,
    ...(variant === undefined ? {} : { variant }),
  };
}

/** Records that a widget passed every gate, with the visitor's variant (or "holdout"). */
export function recordEligible(history: WidgetHistory | undefined, time: number, variant: string): WidgetHistory {
  return { ...(history ?? emptyHistory()), lastEligible: time, variant };
}

/**
 * Records that the visitor closed or converted on a widget. A close for one of
 * the {@link DISMISSALS} reasons also counts as a dismissal.
 */
export function recordOutcome(history: WidgetHistory | undefined, outcome: "closed" | "converted", time: number, reason?: CloseReason): WidgetHistory {
  const base = history ?? emptyHistory();
  if (outcome === "converted") return { ...base, converted: base.converted + 1, lastConverted: time };
  const closed = { ...base, closed: base.closed + 1, lastClosed: time };
  return reason && DISMISSALS.has(reason) ? { ...closed, dismissed: (base.dismissed ?? 0) + 1, lastDismissed: time } : closed;
}
