import type { FactEntry } from "../facts-catalog.js";
import type { RulesProblem } from "../problems.js";
import type { LintContext } from "./context.js";
import { suggestion } from "./context.js";

/*
 * One value compared with a fact, against the fact's type and list of values. A mistake is an
 * error whose message writes the fix: `">= 1" is text; write {"$gte": 1}`.
 */

const COMPARATORS: Record<string, string> = { ">=": "$gte", "=>": "$gte", "<=": "$lte", "=<": "$lte", ">": "$gt", "<": "$lt", "!=": "$ne", "<>": "$ne", "==": "$eq", "=": "$eq" };
const NUMBER_TEXT = /^\s*(>=|=>|<=|=<|!=|<>|==|=|>|<)?\s*(-?\d+(?:[.,]\d+)?)\s*$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}/;

const json = (value: unknown) => JSON.stringify(value);

/**
 * The problem with comparing `factPath` to `operand` with `op` ("$eq" for implicit equality,
 * "$in" for an item of a list), or undefined when it fits.
 */
export function literalProblem(entry: FactEntry, factPath: string, operand: unknown, at: string, op: string, context: LintContext): RulesProblem | undefined {
  if (operand === null || typeof operand === "object") return undefined;
  const error = (message: string): RulesProblem => ({ path: at, message });
  const what = typeof operand === "string" ? "text" : typeof operand === "number" ? "a number" : "true or false";
  switch (entry.type) {
    case "number":
    case "timestamp":
      if (typeof operand === "number") return rangeProblem(entry, factPath, operand, at, op);
      if (typeof operand === "string") return error(numberFix(entry, factPath, operand, op));
      return error(`${json(operand)} is true or false, but ${factPath} is a number`);
    case "boolean":
      if (typeof operand === "boolean") return undefined;
      if (operand === "true" || operand === "false") return error(`"${operand}" is text; write ${operand} without quotes`);
      if (operand === 1 || operand === 0) return error(`${operand} is a number; write ${operand === 1}`);
      return error(`${json(operand)} is ${what}, but ${factPath} is true or false`);
    case "string":
    case "string[]": {
      if (typeof operand !== "string") {
        if (op === "$gt" || op === "$gte" || op === "$lt" || op === "$lte") return undefined; // text compared by order: rare, allowed
        return error(`${json(operand)} is ${what}, but ${factPath} is text; write "${String(operand)}"`);
      }
      const values = factPath === "segments" ? context.segments : entry.values;
      if (!values || values.includes(operand)) return undefined;
      if (op === "$ini" && values.some((v) => v.toLowerCase() === operand.toLowerCase())) return undefined;
      if (factPath === "segments") return error(`no segment named "${operand}"${suggestion(operand, values)}`);
      return error(`"${operand}" is not a value of ${factPath}${suggestion(operand, values)}; it is one of ${values.map((v) => `"${v}"`).join(", ")}`);
    }
    default:
      return undefined;
  }
}

function numberFix(entry: FactEntry, factPath: string, text: string, op: string): string {
  const m = NUMBER_TEXT.exec(text);
  if (m) {
    const number = Number(m[2].replace(",", "."));
    const listed = op === "$in" || op === "$ini";
    const written = m[1] ? COMPARATORS[m[1]] : listed ? undefined : op;
    const fix = !written || written === "$eq" ? (op === "$eq" || listed ? json(number) : `{"${op}": ${number}}`) : `{"${written}": ${number}}`;
    return `${json(text)} is text; write ${fix}`;
  }
  if (entry.type === "timestamp" && DATE_TEXT.test(text)) {
    return `${json(text)} is a date, but ${factPath} is a time in ms since 1970; to test how long ago, write {"$olderThan": "30d"} or {"$newerThan": "7d"}`;
  }
  return `${json(text)} is text, but ${factPath} is a number${entry.unit ? ` (${entry.unit})` : ""}`;
}

/** A number outside the fact's range is never equal to it: a warning. */
function rangeProblem(entry: FactEntry, factPath: string, value: number, at: string, op: string): RulesProblem | undefined {
  if (!entry.range || (op !== "$eq" && op !== "$in" && op !== "$ini")) return undefined;
  const [min, max] = entry.range;
  if (value >= min && value <= max) return undefined;
  return { path: at, severity: "warning", message: `${value} is outside ${factPath}'s range, ${min}–${max}, so this never matches` };
}
