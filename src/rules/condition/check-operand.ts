import { checkDuration } from "./check-event.js";
import { isOperatorObject, isPlainObject, TYPE_NAMES } from "./compare.js";
import { closestName, isConditionOperator } from "./operator-names.js";
import { childPath, describeType, indexPath } from "./problem-path.js";
import { parseRegex } from "./regex.js";
import { regexHazard } from "./regex-safety.js";
import { MAX_LIST_ITEMS } from "../limits.js";

/** What an operand check can do: report, and check nested values and conditions. */
export interface OperandChecker {
  report(path: string, message: string): void;
  checkValue(value: unknown, path: string): void;
  checkConditionObject(condition: unknown, path: string): void;
}

/** Checks the operand of one known value operator (the keys of `{ "field": { ... } }`). */
export function checkOperand(operator: string, operand: unknown, path: string, checker: OperandChecker): void {
  const got = `got ${describeType(operand)}`;
  switch (operator) {
    case "$eq":
    case "$ne":
      if (typeof operand === "object" && operand !== null) {
        checker.report(path, `${operator} compares with ===, so an ${describeType(operand)} never equals a fact; write the value directly to compare it as a whole`);
      } else if (!isScalar(operand)) {
        checker.report(path, `${operator} expects a string, number, boolean or null, ${got}`);
      }
      return;
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      if (typeof operand !== "number" && typeof operand !== "string") {
        checker.report(path, `${operator} expects a number or string, ${got}`);
      }
      return;
    case "$in":
    case "$nin":
    case "$all":
    case "$ini":
    case "$nini":
    case "$alli":
      if (!Array.isArray(operand)) checker.report(path, `${operator} expects an array of values, ${got}`);
      else if (operand.length > MAX_LIST_ITEMS) {
        checker.report(
          path,
          `${operator} lists ${operand.length} values, more than ${MAX_LIST_ITEMS}: every page view would pay for the list. Mark those visitors with identify() traits and test the trait (or put them in a segment), or tag those products in the catalog feed and test the tag`,
        );
      } else if (operator.startsWith("$all")) operand.forEach((item, index) => checker.checkValue(item, indexPath(path, index)));
      return;
    case "$size":
      if (isOperatorObject(operand)) checker.checkValue(operand, path);
      else if (typeof operand !== "number") {
        checker.report(path, `$size expects a number or an operator object like {"$gte": 2}, ${got}`);
      }
      return;
    case "$elemMatch":
      checkElemMatch(operand, path, checker);
      return;
    case "$exists":
      if (typeof operand !== "boolean") checker.report(path, `$exists expects true or false, ${got}`);
      return;
    case "$type":
      checkTypeName(operand, path, checker);
      return;
    case "$regex":
    case "$regexi":
      checkRegex(operator, operand, path, checker);
      return;
    case "$not":
      checker.checkValue(operand, path);
      return;
    case "$olderThan":
    case "$newerThan":
    case "$boughtWithin":
      checkDuration(operator, operand, path, checker);
      return;
    case "$daysUntil":
      if (isOperatorObject(operand)) checker.checkValue(operand, path);
      else if (typeof operand !== "number") checker.report(path, `$daysUntil expects a number of days or an operator object like {"$lte": 7}, ${got}`);
      return;
    default:
      // The version operators: $veq $vne $vgt $vgte $vlt $vlte.
      if (typeof operand !== "string" && typeof operand !== "number") {
        checker.report(path, `${operator} expects a version string like "1.2.3", ${got}`);
      }
  }
}

function isScalar(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function checkElemMatch(operand: unknown, path: string, checker: OperandChecker): void {
  if (!isPlainObject(operand)) {
    checker.report(path, `$elemMatch expects an operator object like {"$gt": 1} or a condition object, got ${describeType(operand)}`);
  } else if (isOperatorObject(operand)) {
    const combinator = Object.keys(operand).find(isConditionOperator);
    if (combinator && combinator !== "$not") {
      // GrowthBook reads an object of only $-keys as value operators, so $or here never matches.
      checker.report(childPath(path, combinator), `${combinator} inside $elemMatch needs a field beside it, e.g. {"$elemMatch": {"id": {"$in": [...]}}}`);
    } else checker.checkValue(operand, path);
  } else {
    // Plain keys: each element is tested as a small facts document.
    checker.checkConditionObject(operand, path);
  }
}

function checkTypeName(operand: unknown, path: string, checker: OperandChecker): void {
  const names: readonly string[] = TYPE_NAMES;
  if (typeof operand === "string" && names.includes(operand)) return;
  const suggestion = typeof operand === "string" ? closestName(operand, names) : undefined;
  const hint = suggestion ? `; did you mean "${suggestion}"?` : "";
  checker.report(path, `$type expects one of ${names.join(", ")}, got ${JSON.stringify(operand) ?? describeType(operand)}${hint}`);
}

function checkRegex(operator: string, operand: unknown, path: string, checker: OperandChecker): void {
  if (typeof operand !== "string") {
    checker.report(path, `${operator} expects a pattern string, got ${describeType(operand)}`);
    return;
  }
  const flags = operator === "$regexi" ? "i" : "";
  const regex = parseRegex(operand, flags);
  if (typeof regex === "string") return checker.report(path, `${operator}: invalid regular expression: ${regex}`);
  const hazard = regexHazard(operand, flags);
  if (hazard) checker.report(path, `${operator} ${JSON.stringify(operand)} ${hazard}`);
}
