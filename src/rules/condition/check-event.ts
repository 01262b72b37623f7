import { parseDuration } from "../duration.js";
import type { OperandChecker } from "./check-operand.js";
import { isPlainObject } from "./compare.js";
import { closestName, isValueOperator, unknownOperatorMessage } from "./operator-names.js";
import { isPrototypeKey } from "./path.js";
import { childPath, describeType } from "./problem-path.js";

/** The keys a `$event` object may have. */
export const EVENT_KEYS = ["name", "within", "count", "where", "lastWithin", "notWithin"] as const;

/** The operators `count` accepts. */
export const COUNT_OPERATORS = ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte"] as const;

const EXAMPLE = `{"name": "add_to_cart", "within": "7d", "count": {"$gte": 2}}`;

/** Checks a duration operand (`within`, `$olderThan`, ...): "30m", "2h", "7d", "1w" or seconds. */
export function checkDuration(label: string, operand: unknown, path: string, checker: OperandChecker): void {
  const ms = parseDuration(operand);
  if (ms === undefined) {
    const got = typeof operand === "string" ? JSON.stringify(operand) : describeType(operand);
    checker.report(path, `${label} expects a duration such as "30m", "2h", "7d" or "1w" (or a number of seconds), got ${got}`);
  } else if (ms === 0) checker.report(path, `${label} must be longer than 0`);
}

/** Checks `{"$event": {...}}`: known keys, a name, durations, the count's shape, `where`. */
export function checkEvent(operand: unknown, path: string, checker: OperandChecker): void {
  if (!isPlainObject(operand)) {
    checker.report(path, `$event expects an object like ${EXAMPLE}, got ${describeType(operand)}`);
    return;
  }
  const known: readonly string[] = EVENT_KEYS;
  for (const [key, value] of Object.entries(operand)) {
    const keyPath = childPath(path, key);
    if (!known.includes(key)) {
      const suggestion = closestName(key, known);
      checker.report(keyPath, `$event: unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : `; known keys are ${known.join(", ")}`}`);
    } else if (key === "name") checkName(value, keyPath, checker);
    else if (key === "count") checkCount(value, keyPath, checker);
    else if (key === "where") checkWhere(value, keyPath, checker);
    else checkDuration(key, value, keyPath, checker);
  }
  if (!Object.prototype.hasOwnProperty.call(operand, "name")) {
    checker.report(path, `$event needs a "name", the event to look for, e.g. ${EXAMPLE}`);
  }
}

function checkName(name: unknown, path: string, checker: OperandChecker): void {
  if (typeof name !== "string" || name === "") {
    checker.report(path, `name expects the event's name (a non-empty string), got ${describeType(name)}`);
  } else if (isPrototypeKey(name)) {
    checker.report(path, `"${name}" is reserved and never matches an event`);
  }
}

function checkCount(count: unknown, path: string, checker: OperandChecker): void {
  if (typeof count === "number") {
    if (!Number.isFinite(count) || count < 0) checker.report(path, `count expects a number of events (0 or more), got ${count}`);
    return;
  }
  const keys = isPlainObject(count) ? Object.keys(count) : [];
  if (keys.length === 0 || !isPlainObject(count)) {
    checker.report(path, `count expects a number or an operator object like {"$gte": 2}, got ${describeType(count)}`);
    return;
  }
  const operators: readonly string[] = COUNT_OPERATORS;
  for (const key of keys) {
    const operand = count[key];
    if (isValueOperator(key) && !operators.includes(key)) {
      checker.report(childPath(path, key), `count compares a number of events, so it takes only ${operators.join(", ")}`);
    } else if (!operators.includes(key)) checker.report(childPath(path, key), unknownOperatorMessage(key, operators));
    else if (typeof operand !== "number" || !Number.isFinite(operand)) {
      checker.report(childPath(path, key), `${key} expects a number of events, got ${describeType(operand)}`);
    }
  }
}

function checkWhere(where: unknown, path: string, checker: OperandChecker): void {
  checker.checkConditionObject(where, path);
  if (!isPlainObject(where)) return;
  for (const key of Object.keys(where)) {
    if (!key.startsWith("$") && key !== "props" && !key.startsWith("props.")) {
      checker.report(childPath(path, key), `where tests each event's props, so its paths start with "props.", e.g. "props.${key}"`);
    }
  }
}
