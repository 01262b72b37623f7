import type * as z from "zod/mini";
import { closest, jsonPath, type RulesProblem } from "./problems.js";

/*
 * The schema library's issues in plain words a marketer can act on: what was expected, what was
 * found, the range that applies, and the closest right word. No library code name ever shows.
 */

/** Every issue as a problem at its JSON path (`prefix` is where `input` sits in the file). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodMiniType, input: unknown, prefix = "", base: PropertyKey[] = []): RulesProblem[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    // In a union, an object that matched one branch's shape is best explained by that branch's own issues
    // (e.g. a typo inside a {"type": "delay"} trigger), not by "expected one of…".
    const branch = issue.code === "invalid_union" ? closestBranch(issue.errors) : undefined;
    if (branch) return describeIssues(branch, schema, input, prefix, path);
    return [{ path: jsonPath(path, prefix), message: describeIssue({ ...issue, path } as z.core.$ZodIssue, schema) }];
  });
}

/** The branch whose issues are not just "wrong type here": the one the author meant. */
function closestBranch(branches: readonly (readonly z.core.$ZodIssue[])[] | undefined): readonly z.core.$ZodIssue[] | undefined {
  const meant = (branches ?? []).filter((issues) => issues.length > 0 && !issues.every((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value")));
  return meant.length === 1 ? meant[0] : undefined;
}

/** Zod's type names in words. */
const TYPE_WORDS: Record<string, string> = {
  object: "an object",
  record: "an object",
  array: "a list [...]",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  literal: "a fixed value",
};

const typeWords = (name: string) => (Object.prototype.hasOwnProperty.call(TYPE_WORDS, name) ? TYPE_WORDS[name] : name);

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodMiniType): string {
  const input = (issue as { input?: unknown }).input;
  const found = describeValue(input);
  switch (issue.code) {
    case "invalid_type":
      if (found === "nothing") return `missing: ${typeWords(issue.expected)} is required here`;
      return `expected ${issue.expected === "number" && typeof input === "number" ? "a finite number" : typeWords(issue.expected)}, found ${found}`;
    case "unrecognized_keys":
      return issue.keys
        .map((key) => {
          const suggestion = closest(key, knownKeys(schema, issue.path));
          return `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`;
        })
        .join("; ");
    case "invalid_value":
      return `${found === "nothing" ? "missing" : `${found} is not allowed`}: write ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}${didYouMean(input, issue.values)}`;
    case "invalid_union": {
      const { words, values } = describeUnion(schema, issue.path);
      return found === "nothing" ? `missing: give ${words}` : `expected ${words}, found ${found}${didYouMean(input, values)}`;
    }
    case "too_big":
      return tooBig(issue, input);
    case "too_small":
      return tooSmall(issue, input);
    case "invalid_format":
      return `expected ${issue.message && issue.message !== "Invalid input" ? issue.message : issue.format}, found ${found}`;
    default:
      return issue.message && issue.message !== "Invalid input" ? issue.message : `${found} is not allowed here`;
  }
}

function tooBig(issue: z.core.$ZodIssue & { code: "too_big" }, input: unknown): string {
  const max = Number(issue.maximum);
  if (issue.origin === "string") return `is too long: at most ${max} characters`;
  if (issue.origin === "array") return `has too many items: at most ${max}`;
  if (issue.message && issue.message !== "Invalid input" && !issue.message.startsWith("Too big")) return `${describeValue(input)}: ${issue.message}`;
  if (typeof input === "number" && input > max) return `${input} is above the maximum, ${max}`;
  return `must be below ${max}, found ${String(input)}`;
}

function tooSmall(issue: z.core.$ZodIssue & { code: "too_small" }, input: unknown): string {
  const min = Number(issue.minimum);
  if (issue.origin === "string") return "must not be empty";
  if (issue.origin === "array") return min === 1 ? "must not be empty: give at least one item" : `needs at least ${min} items`;
  if (typeof input === "number" && input < min) return `${input} is below the minimum, ${min}`;
  return `must be greater than ${min}, found ${String(input)}`;
}

/** ` (did you mean "exit_intent"?)` when a written string is a typo of one of the allowed strings. */
function didYouMean(input: unknown, values: readonly unknown[]): string {
  if (typeof input !== "string") return "";
  const match = closest(
    input,
    values.filter((v): v is string => typeof v === "string"),
  );
  return match && match !== input ? ` (did you mean "${match}"?)` : "";
}

/** A value as it appears in a message: `text "usd"`, `number 5`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return `a ${typeof value}`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // JSON would say null
  const text = JSON.stringify(value);
  const kind = typeof value === "string" ? "text" : typeof value === "number" ? "number" : "";
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return kind ? `${kind} ${shown}` : shown;
}

type AnyDef = {
  type: string;
  shape?: Record<string, z.ZodMiniType>;
  innerType?: z.ZodMiniType;
  options?: z.ZodMiniType[];
  element?: z.ZodMiniType;
  valueType?: z.ZodMiniType;
  values?: unknown[];
  checks?: Array<{ _zod: { def: { check?: string; format?: string; pattern?: RegExp } } }>;
};

const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: AnyDef } })._zod.def;

/** The sub-schemas found at a path, looking through optionals, unions, arrays and records. */
function schemasAt(schema: z.ZodMiniType, path: ReadonlyArray<PropertyKey>): z.ZodMiniType[] {
  let current = [schema];
  for (const part of [...path, null]) {
    const next: z.ZodMiniType[] = [];
    const expand = (s: z.ZodMiniType): void => {
      const def = defOf(s);
      if (def.innerType) return expand(def.innerType);
      if (def.options) return def.options.forEach(expand);
      if (part === null) return void next.push(s);
      if (def.shape && typeof part === "string" && def.shape[part]) next.push(def.shape[part]);
      else if (def.element && typeof part === "number") next.push(def.element);
      else if (def.valueType) next.push(def.valueType);
    };
    current.forEach(expand);
    current = next;
  }
  return current;
}

function knownKeys(schema: z.ZodMiniType, path: ReadonlyArray<PropertyKey>): string[] {
  return schemasAt(schema, path).flatMap((s) => Object.keys(defOf(s).shape ?? {}));
}

/** `one of "page_view", "manual", {"type": "delay", …}` built from the union's options, and the plain values among them. */
function describeUnion(schema: z.ZodMiniType, path: ReadonlyArray<PropertyKey>): { words: string; values: unknown[] } {
  const kinds = new Set<string>();
  const values: unknown[] = [];
  const options = schemasAt(schema, path);
  const types = new Set(options.map((o) => defOf(o).type));
  // A duration: a number of seconds or a text such as "30s".
  if (types.size === 2 && types.has("number") && types.has("string")) return { words: 'a duration such as "30s", "15m", "2h", "7d" or a number of seconds', values };
  for (const option of options) {
    const def = defOf(option);
    if (def.type === "enum" || def.type === "literal") {
      for (const v of def.values ?? Object.values((def as { entries?: object }).entries ?? {})) {
        values.push(v);
        kinds.add(JSON.stringify(v));
      }
    } else if (def.shape?.type) {
      const literal = defOf(def.shape.type);
      for (const v of literal.values ?? []) values.push(v);
      kinds.add(`{"type": ${(literal.values ?? []).map((v) => JSON.stringify(v)).join("|")}, …}`);
    } else kinds.add(typeWords(def.type));
  }
  return { words: kinds.size ? `one of ${[...kinds].join(", ")}` : "a different value", values };
}
