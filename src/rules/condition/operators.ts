import { greaterOrEqual, greaterThan, isInSet, isOperatorObject, lessOrEqual, lessThan, typeName } from "./compare.js";
import { extraValueOperator } from "./operator-registry.js";
import { matchesRegex, parseRegex } from "./regex.js";
import type { Condition, ValueTest } from "./types.js";

/** The compilers an operator needs for its nested operands (passed in to avoid an import cycle). */
export interface NestedCompilers {
  value(condition: unknown): ValueTest;
  condition(condition: Condition): ValueTest;
  /** Told about an operator that is neither in the core nor loaded (it evaluates false). */
  missing(operator: string): void;
}

const never: ValueTest = () => false;

/**
 * Compiles one `{ "$op": operand }` into a test of a field's value, with GrowthBook's semantics.
 * Operands were validated by `checkCondition`; the fallbacks only keep a bad operand fail-closed.
 * The common operators are here; the rest come from the extra chunk once loaded (`operator-registry.ts`).
 */
export function compileOperator(operator: string, operand: unknown, nested: NestedCompilers): ValueTest {
  switch (operator) {
    case "$eq":
      return (value) => value === operand;
    case "$ne":
      return (value) => value !== operand;
    case "$gt":
      return (value) => greaterThan(value, operand);
    case "$gte":
      return (value) => greaterOrEqual(value, operand);
    case "$lt":
      return (value) => lessThan(value, operand);
    case "$lte":
      return (value) => lessOrEqual(value, operand);
    case "$in":
    case "$nin":
    case "$ini":
    case "$nini":
      return compileIn(operand, operator.startsWith("$nin"), operator.endsWith("i"));
    case "$all":
    case "$alli":
      return compileAll(operand, nested, operator === "$alli");
    case "$size":
      return compileSize(operand, nested);
    case "$elemMatch":
      return compileElemMatch(operand, nested);
    case "$exists":
      // Loose `!=` so an own property holding `undefined` counts as missing, as in GrowthBook.
      return operand ? (value) => value != null : (value) => value == null;
    case "$type":
      return (value) => typeName(value) === operand;
    // In the core, not the extra chunk: page rules test paths with them, and a chunk fetched after the rules would hold the first decision back.
    case "$regex":
    case "$regexi":
      return compileRegex(operand, operator === "$regexi" ? "i" : undefined);
    case "$not": {
      const inner = nested.value(operand);
      return (value, root) => !inner(value, root);
    }
    default: {
      const extra = extraValueOperator(operator);
      if (extra) return extra(operator, operand, nested);
      nested.missing(operator);
      return never;
    }
  }
}

function compileRegex(operand: unknown, flags?: string): ValueTest {
  const regex = typeof operand === "string" ? parseRegex(operand, flags) : "";
  return typeof regex === "string" ? never : (value) => matchesRegex(regex, value);
}

/** Strings in lower case (GrowthBook's case folding for `$ini`, `$nini`); other values as they are. */
const fold = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);

function compileIn(operand: unknown, negate: boolean, insensitive: boolean): ValueTest {
  if (!Array.isArray(operand)) return never;
  const members: ReadonlySet<unknown> = new Set(insensitive ? operand.map(fold) : operand);
  const test = insensitive ? (value: unknown) => isInSet(Array.isArray(value) ? value.map(fold) : fold(value), members) : (value: unknown) => isInSet(value, members);
  return negate ? (value) => !test(value) : test;
}

/**
 * Every item (itself a condition value) must match at least one element. `$alli` compares a
 * string item with each element as text, ignoring case (GrowthBook: `String(element)`).
 */
function compileAll(operand: unknown, nested: NestedCompilers, insensitive = false): ValueTest {
  if (!Array.isArray(operand)) return never;
  const itemTests = operand.map((item): ValueTest => {
    if (!insensitive || typeof item !== "string") return nested.value(item);
    const folded = item.toLowerCase();
    return (element) => String(element).toLowerCase() === folded;
  });
  return (value, root) => Array.isArray(value) && itemTests.every((test) => value.some((element) => test(element, root)));
}

function compileSize(operand: unknown, nested: NestedCompilers): ValueTest {
  const lengthTest = nested.value(operand);
  return (value, root) => Array.isArray(value) && lengthTest(value.length, root);
}

/** Operator objects test each element's value; anything else is a condition on each element. */
function compileElemMatch(operand: unknown, nested: NestedCompilers): ValueTest {
  const elementTest = isOperatorObject(operand) ? nested.value(operand) : nested.condition((operand ?? {}) as Condition);
  // GrowthBook skips null/undefined elements but still tests 0, "" and false.
  return (value, root) => Array.isArray(value) && value.some((element) => element != null && elementTest(element, root));
}
