import type { ValueTest } from "./types.js";

/*
 * Comparisons with GrowthBook's exact (loose, JavaScript-coercing) semantics. Operands are
 * `unknown`; the casts only satisfy the type checker, the runtime coercion is the point.
 */

/** Implicit equality with a string: the value is stringified (`null` → "null", `["a"]` → "a"). */
export function equalsString(expected: string): ValueTest {
  return (value) => (value as string) + "" === expected;
}

/** Implicit equality with a number: the value is coerced (`"5"` → 5, `null` → 0, `[5]` → 5). */
export function equalsNumber(expected: number): ValueTest {
  return (value) => (value as number) * 1 === expected;
}

/** Implicit equality with a boolean: truthiness, but a missing/null value never matches. */
export function equalsBoolean(expected: boolean): ValueTest {
  return (value) => value !== null && !!value === expected;
}

/** Implicit equality with an array or plain object: same JSON text (key order matters). */
export function equalsJson(expected: unknown): ValueTest {
  const expectedJson = JSON.stringify(expected);
  return (value) => JSON.stringify(value) === expectedJson;
}

export function lessThan(value: unknown, expected: unknown): boolean {
  return (value as number) < (expected as number);
}

export function lessOrEqual(value: unknown, expected: unknown): boolean {
  return (value as number) <= (expected as number);
}

export function greaterThan(value: unknown, expected: unknown): boolean {
  return (value as number) > (expected as number);
}

export function greaterOrEqual(value: unknown, expected: unknown): boolean {
  return (value as number) >= (expected as number);
}

/** `$in`: membership (SameValueZero); an array value matches when any element is a member. */
export function isInSet(value: unknown, members: ReadonlySet<unknown>): boolean {
  if (Array.isArray(value)) return value.some((element) => members.has(element));
  return members.has(value);
}

/** The names `$type` accepts, as GrowthBook reports them. */
export const TYPE_NAMES = ["string", "number", "boolean", "object", "array", "null", "undefined"] as const;

/** GrowthBook's type name of a value; functions, symbols and bigints are "unknown". */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  return (TYPE_NAMES as readonly string[]).includes(type) ? type : "unknown";
}

/** True for `{}`-like objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object whose keys are all operators (`{ "$gt": 1 }`); `{}` is not one. */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith("$"));
}
