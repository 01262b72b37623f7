import { checkCondition } from "./condition/check.js";
import { closest, isError, type RulesProblem } from "./problems.js";
import { segmentCycles } from "./segment-cycles.js";
import { schemas, type RulesFile, type WidgetRule } from "./schema/rules-schema.js";
import { describeIssues } from "./schema-messages.js";
import { conditionFactProblems } from "./lint/condition-facts.js";
import { type LintContext, type LintOptions, lintContext } from "./lint/context.js";
import { templateProblems } from "./lint/templates.js";
import { couponSourceProblems } from "./lint/coupon-source.js";
import { pastDateProblems, selectorProblems, widgetEventProblems, widgetTypeProblem } from "./lint/widget-checks.js";
import { parseLocalDate } from "../decide/schedule.js";
import { own } from "../env/own.js";
import { MAX_RULES_FILE_CHARS } from "./limits.js";

export interface ValidationResult {
  /** The usable part of the file: valid settings and segments, and every widget without errors. Null when nothing is usable. */
  rules: RulesFile | null;
  /**
   * Every problem found, each with its JSON path: errors first-come, and warnings (`severity:
   * "warning"`). A widget with an error is left out of `rules`; one with only warnings stays.
   */
  problems: RulesProblem[];
}

export interface ValidateOptions extends LintOptions {
  /**
   * In a browser: a widget type that is neither built in nor declared may still be registered with
   * registerWidget(), so it is a warning there instead of an error (a near miss of a built-in
   * type, such as "Popup", stays an error).
   */
  lenientTypes?: boolean;
}

/**
 * Validates a parsed rules file. Never throws. Every problem is listed at once. A widget with an
 * error is reported and skipped; the other widgets still run. An error in the envelope (version,
 * settings, segments) makes the whole file unusable, since every widget depends on it; the
 * widgets are still checked, so one run lists everything.
 * `length`, the characters of the file's text when known, may not pass `MAX_RULES_FILE_CHARS`.
 */
export function validateRules(input: unknown, length = 0, options: ValidateOptions = {}): ValidationResult {
  if (length > MAX_RULES_FILE_CHARS) {
    const message = `the rules file has ${length} characters, more than ${MAX_RULES_FILE_CHARS} (about 1 MB), and every page view would download and read it: move long lists of products into the catalog feed ("settings.catalog") and of visitors into identify() traits or segments`;
    return { rules: null, problems: [{ path: "(root)", message }] };
  }
  try {
    return validate(input, options);
  } catch (error) {
    // Only objects handed over by code (throwing getters, proxies) get here; JSON never does.
    return { rules: null, problems: [{ path: "(root)", message: `the rules could not be read: ${(error as Error)?.message ?? error}` }] };
  }
}

function validate(input: unknown, options: ValidateOptions): ValidationResult {
  const { envelope } = schemas();
  const problems: RulesProblem[] = [];
  const parsed = envelope.safeParse(input, { reportInput: true });
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, envelope, input));
  if (!isObject(input)) return { rules: null, problems };
  const context = lintContext(input, options);
  const rawSegments = isObject(input.segments) ? input.segments : {};
  if (hasOwn(rawSegments, "__proto__")) problems.push(protoProblem("segments"));
  for (const [name, condition] of Object.entries(rawSegments)) {
    // A segment that is not an object at all is the envelope's problem, already reported.
    if (isObject(condition)) problems.push(...conditionProblems(condition, `segments.${name}`, context));
  }
  problems.push(...segmentCycles(rawSegments));
  const envelopeUsable = parsed.success && !problems.some(isError);

  const widgets: WidgetRule[] = [];
  const rawWidgets = Array.isArray(input.widgets) ? input.widgets : [];
  const seenIds = new Set<string>();
  rawWidgets.forEach((raw, index) => {
    const { widget, problems: found } = validateWidget(raw, `widgets[${index}]`, context, seenIds, options);
    if (widget) widgets.push(widget);
    problems.push(...found);
  });
  return { rules: envelopeUsable && parsed.success ? { ...parsed.data, widgets } : null, problems };
}

function validateWidget(raw: unknown, prefix: string, context: LintContext, seenIds: Set<string>, options: ValidateOptions): { widget?: WidgetRule; problems: RulesProblem[] } {
  const { widget: widgetSchema, content } = schemas();
  const widgetProblems: RulesProblem[] = [];
  const result = widgetSchema.safeParse(raw, { reportInput: true });
  if (!result.success) widgetProblems.push(...describeIssues(result.error.issues, widgetSchema, raw, prefix));
  // Conditions and content are checked even when the widget's shape is wrong, so one run lists every problem.
  const widget = (isObject(raw) ? raw : {}) as Partial<WidgetRule> & Record<string, unknown>;
  if (typeof widget.id === "string") {
    if (seenIds.has(widget.id)) widgetProblems.push({ path: `${prefix}.id`, message: `duplicate id "${widget.id}"` });
    seenIds.add(widget.id);
  }
  const typeProblem = widgetTypeProblem(widget.type, `${prefix}.type`, Object.keys(content), context, !!options.lenientTypes);
  if (typeProblem) widgetProblems.push(typeProblem);
  if (isObject(widget.when)) widgetProblems.push(...conditionProblems(widget.when, `${prefix}.when`, context));
  const contentSchema = typeof widget.type === "string" ? own(content, widget.type) : undefined;
  const checkContent = (value: unknown, path: string) => {
    const checked = contentSchema?.safeParse(value ?? {}, { reportInput: true });
    if (checked && !checked.success) widgetProblems.push(...describeIssues(checked.error.issues, contentSchema!, value, path));
    widgetProblems.push(...templateProblems(value, path, context), ...couponSourceProblems(value, path, context.hasCollector));
  };
  if (Array.isArray(widget.variants)) {
    if (widget.content !== undefined) widgetProblems.push({ path: `${prefix}.variants`, message: 'use either "content" or "variants", not both' });
    widgetProblems.push(...variantProblems(widget.variants, `${prefix}.variants`, checkContent));
  } else checkContent(widget.content, `${prefix}.content`);
  if (isObject(widget.goal) && isObject(widget.goal.where)) widgetProblems.push(...checkCondition(widget.goal.where, `${prefix}.goal.where`, { knownSegments: context.segments }));
  if (isObject(widget.after) && typeof widget.after.widget === "string") {
    if (widget.after.widget === widget.id) widgetProblems.push({ path: `${prefix}.after.widget`, message: "a widget cannot follow itself" });
    else if (!context.widgetIds.includes(widget.after.widget))
      widgetProblems.push({ path: `${prefix}.after.widget`, message: `no widget with id "${widget.after.widget}"${suggest(widget.after.widget, [...context.widgetIds])}` });
  }
  if (isObject(widget.schedule)) widgetProblems.push(...scheduleProblems(widget.schedule, `${prefix}.schedule`));
  widgetProblems.push(...widgetEventProblems(widget, prefix, context), ...selectorProblems(widget, prefix), ...pastDateProblems(widget, prefix, context.now));
  const usable = result.success && !widgetProblems.some(isError);
  return { widget: usable ? result.data : undefined, problems: widgetProblems };
}

/**
 * Problems in a condition. A top-level "__proto__" field is refused here: it could never match,
 * and rebuilding the object (as the schema does) would drop it, leaving an always-true `{}`.
 */
function conditionProblems(condition: unknown, path: string, context: LintContext): RulesProblem[] {
  const problems: RulesProblem[] = checkCondition(condition, path, { knownSegments: context.segments });
  if (isObject(condition) && hasOwn(condition, "__proto__")) problems.push(protoProblem(path));
  problems.push(...conditionFactProblems(condition, path, context));
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
