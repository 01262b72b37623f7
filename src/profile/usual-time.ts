/** Distinct active days needed before a usual hour is guessed: one day says nothing about habits. */
export const MIN_ACTIVE_DAYS = 2;

/** The visitor's habits as facts: `visitor.usualHour`, `visitor.usualWeekdays`, `visitor.activeNow`. */
export interface UsualTime {
  /** The local hour (0–23) the visitor is most often on the site; null until `MIN_ACTIVE_DAYS` days are known. */
  usualHour: number | null;
  /** Weekdays (0 = Sunday) with at least half as many active days as the busiest one, ascending; empty until known. */
  usualWeekdays: number[];
  /** True when the current hour is the usual hour or one either side of it. */
  activeNow: boolean;
}

/** Hours between two hours of the day, across midnight: 23 and 0 are 1 apart. */
export function hoursApart(a: number, b: number): number {
  const d = Math.abs(a - b) % 24;
  return Math.min(d, 24 - d);
}

/**
 * Milliseconds from `now` until the visitor's usual window opens (the hour before the usual hour);
 * 0 when it is open now.
 */
export function msUntilUsual(usualHour: number, now: number): number {
  const at = new Date(now);
  if (hoursApart(at.getHours(), usualHour) <= 1) return 0;
  const start = new Date(now);
  start.setHours((usualHour + 23) % 24, 0, 0, 0);
  if (start.getTime() <= now) start.setDate(start.getDate() + 1);
  return start.getTime() - now;
}

/**
 * Smart timing's wait in words, for explain(): the usual hour and the time left until its window opens.
 *
 * @example
 * usualWaitText(20, new Date(2026, 11, 7, 9).getTime()); // "20:00 (in 10h 0m)"
 */
export function usualWaitText(usualHour: number, now: number): string {
  const minutes = Math.ceil(msUntilUsual(usualHour, now) / 60_000);
  const wait = minutes >= 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${minutes}m`;
  return `${usualHour < 10 ? "0" : ""}${usualHour}:00 (in ${wait})`;
}
