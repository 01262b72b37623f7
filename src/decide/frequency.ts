import type { Frequency } from "../rules/schema/rules-schema.js";
import type { WidgetHistory } from "../profile/profile.js";

/** Where the visitor is now, for counting shows per session and per day. */
export interface CapContext {
  sessionId: string;
  day: string;
}

/** Shows of this widget in the current session and day (stale counters read as 0). */
export function showsNow(history: WidgetHistory | undefined, now: CapContext) {
  return {
    session: history && history.sessionId === now.sessionId ? history.sessionShown : 0,
    day: history && history.day === now.day ? history.dayShown : 0,
    total: history?.shown ?? 0,
  };
}

/** The frequency caps that block a widget right now, in words; empty when none does. */
export function frequencyBlocks(frequency: Frequency, history: WidgetHistory | undefined, now: CapContext): string[] {
  const shows = showsNow(history, now);
  const blocks: string[] = [];
  if (frequency.session !== undefined && shows.session >= frequency.session) blocks.push(`frequency.session: shown ${shows.session} of ${frequency.session} times this session`);
  if (frequency.day !== undefined && shows.day >= frequency.day) blocks.push(`frequency.day: shown ${shows.day} of ${frequency.day} times today`);
  if (frequency.total !== undefined && shows.total >= frequency.total) blocks.push(`frequency.total: shown ${shows.total} of ${frequency.total} times in total`);
  return blocks;
}

function emptyHistory(): WidgetHistory {
  return { shown: 0, lastShown: 0, sessionId: "", sessionShown: 0, day: "", dayShown: 0, closed: 0, lastClosed: 0, converted: 0, lastConverted: 0 };
}

/** Records one show in a widget's history. */
export function recordShown(history: WidgetHistory | undefined, now: CapContext, time: number): WidgetHistory {
  const shows = showsNow(history, now);
  return {
    ...(history ?? emptyHistory()),
    shown: shows.total + 1,
    lastShown: time,
    sessionId: now.sessionId,
    sessionShown: shows.session + 1,
    day: now.day,
    dayShown: shows.day + 1,
  };
}

/** Records that the visitor closed or converted on a widget. */
export function recordOutcome(history: WidgetHistory | undefined, outcome: "closed" | "converted", time: number): WidgetHistory {
  const base = history ?? emptyHistory();
  return outcome === "closed"
    ? { ...base, closed: base.closed + 1, lastClosed: time }
    : { ...base, converted: base.converted + 1, lastConverted: time };
}
