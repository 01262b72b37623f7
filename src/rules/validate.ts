import type * as z from "zod/mini";
import { checkCondition } from "./condition/index.js";
import { closest, jsonPath, type RulesProblem } from "./problems.js";
import { segmentCycles } from "./segment-cycles.js";
import { schemas, type RulesFile, type WidgetRule } from "./schema/rules-schema.js";
import { parseLocalDate } from "../decide/schedule.js";
import { own } from "../env/own.js";
import { MAX_RULES_FILE_CHARS } from "./limits.js";

export interface ValidationResult {
  /** The usable part of the file: valid settings and segments, and every widget that passed. Null when nothing is usable. */
  rules: RulesFile | null;
  /** Every problem found, each with its JSON path. Widgets with problems are left out of `rules`. */
  problems: RulesProblem[];
}

/**
 * Validates a parsed rules file. Never throws. A broken widget is reported and
 * skipped; the other widgets still run. A broken envelope (version, settings,
 * segments) makes the whole file unusable, since every widget depends on it.
 * `length`, the characters of the file's text when known, may not pass `MAX_RULES_FILE_CHARS`.
 */
export function validateRules(input: unknown, length = 0): ValidationResult {
  if (length > MAX_RULES_FILE_CHARS) {
    const message = `the rules file has ${length} characters, more than ${MAX_RULES_FILE_CHARS} (about 1 MB), and every page view would download and read it: move long lists of products into the catalog feed ("settings.catalog") and of visitors into identify() traits or segments`;
    return { rules: null, problems: [{ path: "(root)", message }] };
  }
  try {
    return validate(input);
  } catch (error) {
    // Only objects handed over by code (throwing getters, proxies) get here; JSON never does.
    return { rules: null, problems: [{ path: "(root)", message: `the rules could not be read: ${(error as Error)?.message ?? error}` }] };
  }
}

function validate(input: unknown): ValidationResult {
  const { envelope, widget: widgetSchema, content } = schemas();
  const problems: RulesProblem[] = [];
  const parsed = envelope.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { rules: null, problems: describeIssues(parsed.error.issues, envelope, input) };
  }
  const file = parsed.data;
  const segmentNames = Object.keys(file.segments ?? {});
  const rawSegments = isObject(input) && isObject(input.segments) ? input.segments : {};
  if (hasOwn(rawSegments, "__proto__")) problems.push(protoProblem("segments"));
  for (const [name, condition] of Object.entries(rawSegments)) {
    problems.push(...conditionProblems(condition, `segments.${name}`, segmentNames));
  }
  problems.push(...segmentCycles(rawSegments));
  if (problems.length) return { rules: null, problems };

  const widgets: WidgetRule[] = [];
  const seenIds = new Set<string>();
  const widgetIds = new Set(file.widgets.flatMap((w) => (isObject(w) && typeof w.id === "string" ? [w.id] : [])));
  file.widgets.forEach((raw, index) => {
    const prefix = `widgets[${index}]`;
    const widgetProblems: RulesProblem[] = [];
    const result = widgetSchema.safeParse(raw, { reportInput: true });
    if (!result.success) widgetProblems.push(...describeIssues(result.error.issues, widgetSchema, raw, prefix));
    // Conditions and content are checked even when the widget's shape is wrong, so one run lists every problem.
    const widget = (isObject(raw) ? raw : {}) as Partial<WidgetRule>;
    if (typeof widget.id === "string") {
      if (seenIds.has(widget.id)) widgetProblems.push({ path: `${prefix}.id`, message: `duplicate id "${widget.id}"` });
      seenIds.add(widget.id);
    }
    if (isObject(widget.when)) widgetProblems.push(...conditionProblems(widget.when, `${prefix}.when`, segmentNames));
    const contentSchema = typeof widget.type === "string" ? own(content, widget.type) : undefined;
    const checkContent = (value: unknown, path: string) => {
      const checked = contentSchema?.safeParse(value ?? {}, { reportInput: true });
      if (checked && !checked.success) widgetProblems.push(...describeIssues(checked.error.issues, contentSchema!, value, path));
    };
    if (Array.isArray(widget.variants)) {
      if (widget.content !== undefined) widgetProblems.push({ path: `${prefix}.variants`, message: 'use either "content" or "variants", not both' });
      widgetProblems.push(...variantProblems(widget.variants, `${prefix}.variants`, checkContent));
    } else checkContent(widget.content, `${prefix}.content`);
    if (isObject(widget.goal) && isObject(widget.goal.where)) widgetProblems.push(...conditionProblems(widget.goal.where, `${prefix}.goal.where`, segmentNames));
    if (isObject(widget.after) && typeof widget.after.widget === "string") {
      if (widget.after.widget === widget.id) widgetProblems.push({ path: `${prefix}.after.widget`, message: "a widget cannot follow itself" });
      else if (!widgetIds.has(widget.after.widget))
        widgetProblems.push({ path: `${prefix}.after.widget`, message: `no widget with id "${widget.after.widget}"${suggest(widget.after.widget, [...widgetIds])}` });
    }
    if (isObject(widget.schedule)) widgetProblems.push(...scheduleProblems(widget.schedule, `${prefix}.schedule`));
    if (result.success && !widgetProblems.length) widgets.push(result.data);
    problems.push(...widgetProblems);
  });
  return { rules: { ...file, widgets }, problems };
}

function describeIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodMiniType, input: unknown, prefix = "", base: PropertyKey[] = []): RulesProblem[] {
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

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodMiniType): string {
  const found = describeValue((issue as { input?: unknown }).input);
  switch (issue.code) {
    case "invalid_type":
      if (found === "nothing") return `required ${issue.expected} is missing`;
      return `expected ${issue.expected === "number" && typeof (issue as { input?: unknown }).input === "number" ? "a finite number" : issue.expected}, found ${found}`;
    case "unrecognized_keys":
      return issue.keys
        .map((key) => {
          const suggestion = closest(key, knownKeys(schema, issue.path));
          return `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`;
        })
        .join("; ");
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, found ${found}`;
    case "invalid_union":
      return found === "nothing" ? `required: ${describeUnion(schema, issue.path)}` : `expected ${describeUnion(schema, issue.path)}, found ${found}`;
    case "too_small":
      return issue.origin === "string" ? "must not be empty" : issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case "invalid_format":
      return `expected ${issue.message && issue.message !== "Invalid input" ? issue.message : issue.format}, found ${found}`;
    default:
      return issue.message && issue.message !== "Invalid input" ? issue.message : `invalid value (${issue.code})`;
  }
}

/**
 * Problems in a condition. A top-level "__proto__" field is refused here: it could never match,
 * and rebuilding the object (as the schema does) would drop it, leaving an always-true `{}`.
 */
function conditionProblems(condition: unknown, path: string, knownSegments: string[]): RulesProblem[] {
  const problems = checkCondition(condition, path, { knownSegments });
  if (isObject(condition) && hasOwn(condition, "__proto__")) problems.push(protoProblem(path));
  return problems;
}

/** Variant ids are unique and not "holdout"; some weight is above 0; each content passes the type's schema. */
function variantProblems(variants: unknown[], path: string, checkContent: (content: unknown, path: string) => void): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const ids = new Set<string>();
  let total = 0;
  variants.forEach((variant, i) => {
    if (!isObject(variant)) return;
    if (variant.id === "holdout") problems.push({ path: `${path}[${i}].id`, message: '"holdout" is reserved for the control group' });
    else if (typeof variant.id === "string" && ids.has(variant.id)) problems.push({ path: `${path}[${i}].id`, message: `duplicate variant id "${variant.id}"` });
    if (typeof variant.id === "string") ids.add(variant.id);
    total += typeof variant.weight === "number" && variant.weight >= 0 ? variant.weight : variant.weight === undefined ? 1 : 0;
    if (isObject(variant.content)) checkContent(variant.content, `${path}[${i}].content`);
  });
  if (variants.length && total <= 0) problems.push({ path, message: "every variant has weight 0: at least one must be above 0" });
  return problems;
}

/** Dates that do not exist (2026-02-30) and a start after the end; the shapes are the schema's. */
function scheduleProblems(schedule: Record<string, unknown>, path: string): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const start = typeof schedule.start === "string" ? parseLocalDate(schedule.start, "start") : undefined;
  const end = typeof schedule.end === "string" ? parseLocalDate(schedule.end, "end") : undefined;
  if (start === null) problems.push({ path: `${path}.start`, message: `no such date: "${schedule.start}"` });
  if (end === null) problems.push({ path: `${path}.end`, message: `no such date: "${schedule.end}"` });
  if (typeof start === "number" && typeof end === "number" && start >= end)
    problems.push({ path: `${path}.end`, message: `ends ("${schedule.end}") before it starts ("${schedule.start}")` });
  const hours = schedule.hours;
  if (isObject(hours) && hours.from === hours.to && typeof hours.from === "number")
    problems.push({ path: `${path}.hours`, message: "from and to are the same hour: it would never show" });
  return problems;
}

function suggest(word: string, candidates: string[]): string {
  const match = closest(word, candidates);
  return match ? ` (did you mean "${match}"?)` : "";
}

function protoProblem(path: string): RulesProblem {
  return { path: `${path}.__proto__`, message: '"__proto__" cannot be used as a name here' };
}

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return `a ${typeof value}`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // JSON would say null
  const text = JSON.stringify(value);
  return text.length > 40 ? `${typeof value} ${text.slice(0, 37)}...` : `${typeof value} ${text}`;
}

type AnyDef = {
  type: string;
  shape?: Record<string, z.ZodMiniType>;
  innerType?: z.ZodMiniType;
  options?: z.ZodMiniType[];
  element?: z.ZodMiniType;
  valueType?: z.ZodMiniType;
  values?: unknown[];
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

/** "one of: \"page_view\", \"manual\", an object with type \"delay\"…" built from the union's options. */
function describeUnion(schema: z.ZodMiniType, path: ReadonlyArray<PropertyKey>): string {
  const kinds = new Set<string>();
  for (const option of schemasAt(schema, path)) {
    const def = defOf(option);
    if (def.type === "enum" || def.type === "literal") (def.values ?? Object.values((def as { entries?: object }).entries ?? {})).forEach((v) => kinds.add(JSON.stringify(v)));
    else if (def.shape?.type) {
      const literal = defOf(def.shape.type);
      kinds.add(`{"type": ${(literal.values ?? []).map((v) => JSON.stringify(v)).join("|")}, …}`);
    } else kinds.add(def.type);
  }
  return kinds.size ? `one of ${[...kinds].join(", ")}` : "a different value";
}
