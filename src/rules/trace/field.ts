import { isOperatorObject } from "../condition/compare.js";
import { compileValue, nestedCompilers } from "../condition/compile.js";
import { compileOperator } from "../condition/operators.js";
import { compilePath } from "../condition/path.js";
import { isFiniteNumber, readNow } from "../condition/time.js";
import { daysUntilText } from "../condition/customer-operators.js";
import { describeExpectation, formatAgo, formatFound, formatValue } from "./format.js";
import { allOf, fail, PASS, type TraceContext } from "./result.js";
import type { TraceResult } from "./types.js";

/**
 * Traces `{ "field": condition }`. Each operator runs through the compiler's own operator table,
 * so a leaf can never disagree with the compiled condition; only the combining is interpreted.
 */
export function traceField(field: string, condition: unknown, facts: unknown, context: TraceContext, path: string): TraceResult {
  const value = compilePath(field)(facts);
  const { root, compileOptions } = context;
  if (!isOperatorObject(condition)) {
    if (compileValue(condition, compileOptions)(value, root)) return PASS;
    const message = `${field}: expected ${formatValue(condition)}, found ${formatFound(value)}`;
    return fail({ path, operator: "equals", expected: condition, actual: value, message });
  }
  const nested = nestedCompilers(compileOptions);
  return allOf(Object.entries(condition), ([operator, operand]) => {
    if (compileOperator(operator, operand, nested)(value, root)) return PASS;
    const message = `${field}: expected ${describeExpectation(operator, operand)}, found ${describeFound(operator, value, root)}`;
    return fail({ path, operator, expected: operand, actual: value, message });
  });
}

function describeFound(operator: string, value: unknown, root: unknown): string {
  if (operator === "$daysUntil") {
    const days = daysUntilText(value, root);
    return days === undefined ? `${formatFound(value)}, not a date` : `${formatFound(value)} (${days} days away)`;
  }
  if (operator === "$boughtWithin") return `${formatFound(value)}, ${value == null ? "no item" : "not bought in that window"}`;
  if (operator !== "$olderThan" && operator !== "$newerThan") return formatFound(value);
  const now = readNow(root);
  if (now === undefined) return `${formatFound(value)} (time.now is missing)`;
  return isFiniteNumber(value) ? formatAgo(now - value) : `${formatFound(value)}, not a timestamp`;
}
