import { checkEvent } from "./check-event.js";
import { checkOperand, type OperandChecker } from "./check-operand.js";
import { isPlainObject } from "./compare.js";
import { closestName, CONDITION_OPERATORS, isConditionOperator, isValueOperator, unknownOperatorMessage, VALUE_OPERATORS } from "./operator-names.js";
import { childPath, describeType, indexPath } from "./problem-path.js";
import type { CheckOptions, ConditionProblem } from "./types.js";
import { MAX_CONDITION_DEPTH } from "../limits.js";

/**
 * Lists every problem in a condition: unknown operators (with the closest known one), bad
 * regexes, wrong operand types, `$segment` names that are not strings or not known, `$event`
 * objects with unknown keys, bad durations or a bad `count`, and `where` conditions.
 * Never throws; `pathPrefix` is prepended to each problem's path.
 */
export function checkCondition(condition: unknown, pathPrefix = "", options: CheckOptions = {}): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const checker = createChecker(problems, options);
  try {
    checker.checkConditionObject(condition, pathPrefix);
  } catch (error) {
    // Cyclic or exotic input (throwing getters): report it rather than throw.
    problems.push({ path: pathPrefix, message: `could not be checked: ${String(error)}` });
  }
  return problems;
}

function createChecker(problems: ConditionProblem[], options: CheckOptions): OperandChecker {
  let depth = 0;
  // Each nested value or condition is one level deeper; past the limit, the rest is not read.
  const nested = (path: string, check: () => void) => {
    if (depth === MAX_CONDITION_DEPTH)
      return checker.report(path, `nested more than ${MAX_CONDITION_DEPTH} levels deep: give the inner parts names in "segments" and use {"$segment": "name"}`);
    depth++;
    try {
      check();
    } finally {
      depth--;
    }
  };
  const checker: OperandChecker = {
    report: (path, message) => problems.push({ path, message }),
    checkValue: (value, path) => nested(path, () => checkValue(value, path, checker)),
    checkConditionObject: (condition, path) => nested(path, () => checkConditionObject(condition, path, checker, options)),
  };
  return checker;
}

function checkConditionObject(condition: unknown, path: string, checker: OperandChecker, options: CheckOptions): void {
  if (!isPlainObject(condition)) {
    checker.report(path, `expected a condition object like {"field": value}, got ${describeType(condition)}`);
    return;
  }
  for (const [key, operand] of Object.entries(condition)) {
    const keyPath = childPath(path, key);
    if (!key.startsWith("$")) checker.checkValue(operand, keyPath);
    else if (isConditionOperator(key)) checkConditionOperand(key, operand, keyPath, checker, options);
    else if (isValueOperator(key)) {
      checker.report(keyPath, `${key} tests a field, so it must be inside one, e.g. {"age": {"${key}": ...}}`);
    } else checker.report(keyPath, unknownOperatorMessage(key, [...CONDITION_OPERATORS, ...VALUE_OPERATORS]));
  }
}

function checkConditionOperand(operator: string, operand: unknown, path: string, checker: OperandChecker, options: CheckOptions): void {
  switch (operator) {
    case "$not":
      checker.checkConditionObject(operand, path);
      return;
    case "$segment":
      checkSegment(operand, path, checker, options);
      return;
    case "$event":
      checkEvent(operand, path, checker);
      return;
    default:
      // $and, $or, $nor
      if (!Array.isArray(operand)) {
        checker.report(path, `${operator} expects an array of condition objects, got ${describeType(operand)}`);
        return;
      }
      operand.forEach((condition, index) => checker.checkConditionObject(condition, indexPath(path, index)));
  }
}

function checkSegment(name: unknown, path: string, checker: OperandChecker, options: CheckOptions): void {
  if (typeof name !== "string") {
    checker.report(path, `$segment expects a segment name (string), got ${describeType(name)}`);
    return;
  }
  const known = options.knownSegments;
  if (!known || known.includes(name)) return;
  const suggestion = closestName(name, known);
  checker.report(path, `unknown segment "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`);
}

/** Checks what a field is compared with: any JSON literal, or an object of value operators. */
function checkValue(value: unknown, path: string, checker: OperandChecker): void {
  if (!isJsonLike(value)) {
    checker.report(path, `expected a JSON value, got ${describeType(value)}`);
    return;
  }
  if (!isPlainObject(value)) return;
  const keys = Object.keys(value);
  const operators = keys.filter((key) => key.startsWith("$"));
  if (operators.length === 0) return; // A literal object, compared as a whole.
  if (operators.length < keys.length) {
    const plain = keys.filter((key) => !key.startsWith("$"));
    checker.report(
      path,
      `mixes operators (${operators.join(", ")}) with plain keys (${plain.join(", ")}); such an object is compared as a literal, so the operators would be ignored`,
    );
    return;
  }
  for (const operator of operators) checkValueOperator(operator, value[operator], childPath(path, operator), checker);
}

function checkValueOperator(operator: string, operand: unknown, path: string, checker: OperandChecker): void {
  if (isValueOperator(operator)) checkOperand(operator, operand, path, checker);
  else if (isConditionOperator(operator)) {
    checker.report(path, `${operator} combines whole conditions, so it is only valid at the top level of a condition, not inside a field`);
  } else checker.report(path, unknownOperatorMessage(operator, [...VALUE_OPERATORS, ...CONDITION_OPERATORS]));
}

function isJsonLike(value: unknown): boolean {
  return value === null || ["string", "number", "boolean", "object"].includes(typeof value);
}
