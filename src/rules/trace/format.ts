import { isPlainObject } from "../condition/compare.js";

const MAX_LENGTH = 80;

/** A short JSON-ish rendering of a value; never throws. */
export function formatValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "bigint" || typeof value === "symbol" ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = safeString(value);
  }
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

/** `String(value)`, or "?" when even that throws (a hostile `toString`). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "?";
  }
}

/** What a field held: "nothing" when it is missing. */
export function formatFound(value: unknown): string {
  return value == null ? "nothing" : formatValue(value);
}

/** "3 days ago", "5 hours ago", "in the future". */
export function formatAgo(ms: number): string {
  if (ms < 0) return "in the future";
  const units: Array<[string, number]> = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
    ["second", 1000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) {
      const amount = Math.floor(ms / size);
      return `${amount} ${unit}${amount === 1 ? "" : "s"} ago`;
    }
  }
  return "just now";
}

/** A duration operand as written: "7d", or seconds as a number → "90s". */
export function formatDuration(duration: unknown): string {
  return typeof duration === "number" ? `${duration}s` : safeString(duration);
}

/** What one value operator asks for: "$gte 50", "one of [\"de\",\"fr\"]", "older than 30d". */
export function describeExpectation(operator: string, operand: unknown): string {
  switch (operator) {
    case "$exists":
      return operand ? "to be set" : "not to be set";
    case "$in":
      return `one of ${formatValue(operand)}`;
    case "$ini":
      return `one of ${formatValue(operand)}, ignoring case`;
    case "$nin":
      return `none of ${formatValue(operand)}`;
    case "$nini":
      return `none of ${formatValue(operand)}, ignoring case`;
    case "$alli":
      return `all of ${formatValue(operand)}, ignoring case`;
    case "$regex":
      return `to match /${safeString(operand)}/`;
    case "$regexi":
      return `to match /${safeString(operand)}/i`;
    case "$olderThan":
      return `older than ${formatDuration(operand)}`;
    case "$newerThan":
      return `within the last ${formatDuration(operand)}`;
    case "$boughtWithin":
      return `bought within the last ${formatDuration(operand)}`;
    case "$daysUntil":
      return `a yearly date ${describeCount(operand)} days away`;
    default:
      return `${operator} ${formatValue(operand)}`;
  }
}

/** A `count` operand: "at least 1" when absent, "2", or "$gte 2 and $lt 5". */
export function describeCount(count: unknown): string {
  if (count === undefined) return "at least 1";
  if (!isPlainObject(count)) return formatValue(count);
  return Object.entries(count)
    .map(([operator, operand]) => `${operator} ${formatValue(operand)}`)
    .join(" and ");
}
