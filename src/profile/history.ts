import type { EventHistory } from "../rules/condition/types.js";

/** Days of per-day counts kept per event name: enough for "within 365d" windows. */
export const KEEP_DAYS = 400;
/** Raw events kept per name, for sub-day windows and `where` conditions on props. */
export const KEEP_RECENT = 50;

/**
 * Distinct event names kept per visitor. Past it, the least recently seen names are dropped
 * (and counted in `Profile.eventNamesDropped`), so a site that puts ids in event names cannot
 * grow the profile, and the work on every event, without end.
 */
export const MAX_EVENT_NAMES = 200;

const DAY_MS = 86_400_000;

/** The local calendar day of `time` as a day number (see `EventHistory.days`). */
export function localDayNumber(time: number): number {
  return Math.floor((time - new Date(time).getTimezoneOffset() * 60_000) / DAY_MS);
}

/**
 * Adds one event to a name's history. The history is bounded whatever the
 * visitor does: per-day counts for the last `KEEP_DAYS` days and the last
 * `KEEP_RECENT` raw events, so facts cost the same after 10 or 100,000 events.
 */
export function addEvent(history: EventHistory | undefined, time: number, props?: Record<string, unknown>): EventHistory {
  const today = localDayNumber(time);
  const days: Record<string, number> = { ...history?.days };
  if (days[today] === undefined) {
    // A new day: the only moment old days can fall out of the window.
    for (const day in days) if (Number(day) <= today - KEEP_DAYS) delete days[day];
  }
  days[today] = (days[today] ?? 0) + 1;
  const entry = props && Object.keys(props).length ? { t: time, props } : { t: time };
  return {
    count: (history?.count ?? 0) + 1,
    first: history ? Math.min(history.first, time) : time,
    last: history ? Math.max(history.last, time) : time,
    days,
    recent: [...(history?.recent ?? []), entry].slice(-KEEP_RECENT),
  };
}

/** Keeps the `MAX_EVENT_NAMES` most recently seen names; `dropped` says how many others went. */
export function capEventNames(events: Record<string, EventHistory>): { events: Record<string, EventHistory>; dropped: number } {
  const names = Object.keys(events);
  const dropped = names.length - MAX_EVENT_NAMES;
  if (dropped <= 0) return { events, dropped: 0 };
  const kept = names.sort((a, b) => events[b].last - events[a].last).slice(0, MAX_EVENT_NAMES);
  return { events: Object.fromEntries(kept.map((name) => [name, events[name]])), dropped };
}

/** Reads a stored history of any earlier shape (v1 kept only `{ count, last }`). */
export function upgradeHistory(stored: { count?: unknown; last?: unknown; first?: unknown; days?: unknown; recent?: unknown }): EventHistory {
  const count = typeof stored.count === "number" ? stored.count : 0;
  const last = typeof stored.last === "number" ? stored.last : 0;
  return {
    count,
    first: typeof stored.first === "number" ? stored.first : last,
    last,
    days: isRecord(stored.days) ? (stored.days as Record<string, number>) : {},
    recent: Array.isArray(stored.recent) ? stored.recent : [],
  };
}

function isRecord(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
