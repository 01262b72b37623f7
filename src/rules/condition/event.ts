import { parseDuration } from "../duration.js";
import { isPlainObject } from "./compare.js";
import { readOwn } from "./path.js";
import { DAY_MS, isFiniteNumber, readNow, todayNumber } from "./time.js";
import type { FactsTest, ValueTest } from "./types.js";

/**
 * `$event` compiled: windows in ms, tests ready to run. `count` is the count test, or
 * undefined when only `lastWithin` / `notWithin` were given (then no count is required).
 */
export interface EventSpec {
  name: string;
  within?: number;
  count?: ValueTest;
  where?: FactsTest;
  lastWithin?: number;
  notWithin?: number;
}

/** How `count` and `where` operands become tests (the compiler, or the trace interpreter). */
export interface EventCompilers {
  count(condition: unknown): ValueTest;
  where(condition: unknown): FactsTest;
}

const hasOwn = Object.prototype.hasOwnProperty;
const atLeastOne: ValueTest = (count) => (count as number) >= 1;

/** Reads a `$event` operand that `checkCondition` accepted; undefined for one it would not. */
export function compileEventSpec(operand: unknown, compilers: EventCompilers): EventSpec | undefined {
  const name = readOwn(operand, "name");
  if (typeof name !== "string") return undefined;
  const spec: EventSpec = { name };
  for (const key of ["within", "lastWithin", "notWithin"] as const) {
    const raw = readOwn(operand, key);
    if (raw === undefined) continue;
    const ms = parseDuration(raw);
    if (ms === undefined) return undefined;
    spec[key] = ms;
  }
  const where = readOwn(operand, "where");
  if (where !== undefined) {
    if (!isPlainObject(where)) return undefined;
    spec.where = compilers.where(where);
  }
  const count = readOwn(operand, "count");
  if (count !== undefined) spec.count = compilers.count(count);
  else if (spec.within !== undefined || spec.where || (spec.lastWithin === undefined && spec.notWithin === undefined)) {
    spec.count = atLeastOne;
  }
  return spec;
}

/** True when the spec needs `time.now` (any window). */
export function needsClock(spec: EventSpec): boolean {
  return spec.within !== undefined || spec.lastWithin !== undefined || spec.notWithin !== undefined;
}

/** `facts.events[name]` as an object (own properties only), or undefined: never happened. */
export function readHistory(root: unknown, name: string): Record<string, unknown> | undefined {
  const history = readOwn(readOwn(root, "events"), name);
  return isPlainObject(history) ? history : undefined;
}

/** How many such events the spec counts, or undefined when the history lacks what it needs. */
export function countEvents(spec: EventSpec, history: Record<string, unknown> | undefined, root: unknown, now: number): number | undefined {
  if (!history) return 0;
  if (spec.where || (spec.within !== undefined && spec.within < DAY_MS)) return countRecent(spec, history, root, now);
  if (spec.within === undefined) {
    const count = readOwn(history, "count");
    return isFiniteNumber(count) ? count : undefined;
  }
  const days = readOwn(history, "days");
  if (!isPlainObject(days)) return undefined;
  // Whole local days, today included: "7d" is today and the 6 days before; "36h" is 2 days.
  const today = todayNumber(root, now);
  let total = 0;
  for (let day = today - Math.ceil(spec.within / DAY_MS) + 1; day <= today; day++) {
    // Day numbers are array-index keys: looked up as numbers, with no string made per day.
    const count = hasOwn.call(days, day) ? days[day] : undefined;
    if (isFiniteNumber(count)) total += count;
  }
  return total;
}

/** Entries of `recent` inside the window (exact, `t >= now - within`) that pass `where`. */
function countRecent(spec: EventSpec, history: Record<string, unknown>, root: unknown, now: number): number | undefined {
  const recent = readOwn(history, "recent");
  if (!Array.isArray(recent)) return undefined;
  const since = spec.within === undefined ? undefined : now - spec.within;
  let count = 0;
  for (const entry of recent) {
    if (!isPlainObject(entry)) continue;
    const t = readOwn(entry, "t");
    if (since !== undefined && !(isFiniteNumber(t) && t >= since)) continue;
    if (spec.where && !spec.where({ props: readOwn(entry, "props") }, root)) continue;
    count++;
  }
  return count;
}

/**
 * When the last such event happened: a timestamp, `null` for never, undefined when unknown.
 * With `where`, the newest matching entry of `recent`; otherwise the history's `last`.
 */
export function lastEventTime(spec: EventSpec, history: Record<string, unknown> | undefined, root: unknown): number | null | undefined {
  if (!history) return null;
  if (!spec.where) {
    const last = readOwn(history, "last");
    return isFiniteNumber(last) ? last : undefined;
  }
  const recent = readOwn(history, "recent");
  if (!Array.isArray(recent)) return undefined;
  let newest: number | null = null;
  for (const entry of recent) {
    if (!isPlainObject(entry)) continue;
    const t = readOwn(entry, "t");
    if (isFiniteNumber(t) && (newest === null || t > newest) && spec.where({ props: readOwn(entry, "props") }, root)) newest = t;
  }
  return newest;
}

/** The compiled `$event` test; reads only `root` (the whole facts document). */
export function testEvent(spec: EventSpec, root: unknown): boolean {
  const now = readNow(root);
  if (now === undefined && needsClock(spec)) return false;
  const clock = now ?? 0;
  const history = readHistory(root, spec.name);
  if (spec.count) {
    const count = countEvents(spec, history, root, clock);
    if (count === undefined || !spec.count(count, root)) return false;
  }
  if (spec.lastWithin !== undefined) {
    const last = lastEventTime(spec, history, root);
    if (typeof last !== "number" || last < clock - spec.lastWithin) return false;
  }
  if (spec.notWithin !== undefined) {
    const last = lastEventTime(spec, history, root);
    if (last === undefined || (last !== null && last >= clock - spec.notWithin)) return false;
  }
  return true;
}
