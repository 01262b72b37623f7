import { parseDuration } from "../../src/rules/duration.js";

/**
 * A countdown in the rules file: to a fixed moment in the visitor's own time zone (`until`), or an
 * evergreen deadline per visitor (`evergreen`: a duration that starts when the widget first shows).
 */
export interface CountdownSpec {
  /** "2026-12-31" (the end of that day) or "2026-12-31T23:59", in the visitor's time zone. */
  until?: string;
  /** "30m", "2h", "3d": each visitor gets this long from the first time they see the widget. */
  evergreen?: string | number;
  /** The words before the timer, e.g. "Offer ends in". */
  label?: string;
}

/** A local date "2026-12-01" or date and time "2026-12-31T23:59(:59)": the same format as `schedule`. */
export const LOCAL_DEADLINE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The moment (ms since the epoch) a local date or date-time ends, in the time zone of this browser:
 * a date alone runs to the end of that day, a time to the end of that minute (or second).
 * Undefined for anything else.
 *
 * @example
 * localDeadline("2026-12-31") // 2026-12-31 23:59:59.999 here, + 1 ms
 */
export function localDeadline(text: string): number | undefined {
  const m = LOCAL_DEADLINE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  if (h === undefined) return new Date(y!, mo! - 1, d! + 1).getTime();
  const end = new Date(y!, mo! - 1, d!, h, mi!, s ?? 0).getTime();
  return end + (s === undefined ? 60_000 : 1000);
}

/**
 * Where a countdown ends for this visitor. An evergreen deadline is read from the widget's stored
 * `state.deadline`; the first time, it is `now + evergreen` and `save` holds what to store (so it
 * survives reloads and other tabs, and, once past, the offer is over for good).
 *
 * @example
 * const { deadline, save } = deadlineOf({ evergreen: "30m" }, props.state, Date.now());
 * if (save) props.saveState(save);
 */
export function deadlineOf(spec: CountdownSpec, state: Readonly<Record<string, unknown>> | undefined, now: number): { deadline: number; save?: { deadline: number } } | undefined {
  if (spec.until !== undefined) {
    const deadline = localDeadline(spec.until);
    return deadline === undefined ? undefined : { deadline };
  }
  const stored = state?.deadline;
  if (typeof stored === "number" && Number.isFinite(stored)) return { deadline: stored };
  const length = parseDuration(spec.evergreen);
  if (length === undefined) return undefined;
  const deadline = now + length;
  return { deadline, save: { deadline } };
}

/** What is left until a deadline, in whole units (never negative). */
export interface TimeLeft {
  total: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * Splits the milliseconds left into days, hours, minutes and seconds, rounding up to the next
 * whole second (a timer shows 00:00:01 until the very end, then 00:00:00).
 *
 * @example
 * timeLeft(90_500) // { total: 90500, days: 0, hours: 0, minutes: 1, seconds: 31 }
 */
export function timeLeft(ms: number): TimeLeft {
  const total = Math.max(0, ms);
  let s = Math.ceil(total / 1000);
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  return { total, days, hours, minutes, seconds: s - minutes * 60 };
}
