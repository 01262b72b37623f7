import { parseDuration } from "../duration.js";
import { compilePath } from "./path.js";
import type { ValueTest } from "./types.js";

export const DAY_MS = 86_400_000;

const readNowField = compilePath("time.now");
const readDateField = compilePath("time.date");
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** `time.now` of the facts document (ms since the epoch), when it is a finite number. */
export function readNow(root: unknown): number | undefined {
  const now = readNowField(root);
  return isFiniteNumber(now) ? now : undefined;
}

/**
 * Today's day number (see `EventHistory.days`): that of the local date `time.date`
 * ("YYYY-MM-DD"), or of `now` in UTC when `time.date` is missing or malformed.
 */
export function todayNumber(root: unknown, now: number): number {
  const date = readDateField(root);
  if (typeof date !== "string") return Math.floor(now / DAY_MS);
  // Every `$event` of an evaluation reads the same date: parse it once.
  if (date !== lastDate.text) {
    const match = DATE.exec(date);
    lastDate = { text: date, day: match ? Date.UTC(+match[1], +match[2] - 1, +match[3]) / DAY_MS : undefined };
  }
  return lastDate.day ?? Math.floor(now / DAY_MS);
}
let lastDate: { text: string; day: number | undefined } = { text: "", day: undefined };

/**
 * `$olderThan` / `$newerThan`: the value is a timestamp (ms since the epoch) and `time.now`
 * minus it is more than (older) or at most (newer) the duration. Anything else is false.
 */
export function compileRelativeTime(operator: string, operand: unknown): ValueTest {
  const duration = parseDuration(operand);
  if (duration === undefined) return () => false;
  const older = operator === "$olderThan";
  return (value, root) => {
    const now = readNow(root);
    if (!isFiniteNumber(value) || now === undefined) return false;
    return older ? now - value > duration : now - value <= duration;
  };
}
