import { parseLocalDate } from "../../decide/schedule.js";
import { closest, type RulesProblem } from "../problems.js";
import { isObject, type LintContext, unknownEventProblem } from "./context.js";
import { selectorSyntaxProblem } from "./css-selector.js";

/*
 * Checks of one widget beyond its shape: its type, the event names it waits for or counts,
 * its CSS selectors, and dates already past.
 */

/**
 * A type that is neither built in nor declared. A near miss of a built-in type ("Popup", "popop")
 * is always an error; any other name is an error unless `lenient` (the browser, where it may be
 * registered with registerWidget() later), then a warning.
 */
export function widgetTypeProblem(type: unknown, path: string, builtin: readonly string[], context: LintContext, lenient: boolean): RulesProblem | undefined {
  if (typeof type !== "string" || !type || builtin.includes(type) || context.customWidgets.includes(type)) return undefined;
  const near = closest(type, builtin);
  if (near) return { path, message: `"${type}" is not a widget type; did you mean "${near}"?` };
  const message = `"${type}" is not a built-in widget type (${builtin.join(", ")}); a widget type of your own must be declared: "settings": {"customWidgets": ["${type}"]}`;
  return lenient ? { path, message, severity: "warning" } : { path, message };
}

/** Event names the widget's goal and event trigger name. */
export function widgetEventProblems(widget: Record<string, unknown>, prefix: string, context: LintContext): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const check = (name: unknown, path: string) => {
    const problem = typeof name === "string" && name ? unknownEventProblem(name, path, context) : undefined;
    if (problem) problems.push(problem);
  };
  if (isObject(widget.goal)) check(widget.goal.event, `${prefix}.goal.event`);
  if (isObject(widget.trigger) && widget.trigger.type === "event") check(widget.trigger.name, `${prefix}.trigger.name`);
  return problems;
}

/** Every `selector` in the trigger and the content: the browser's parser where there is one, else ours. */
export function selectorProblems(widget: Record<string, unknown>, prefix: string): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const visit = (value: unknown, at: string, depth: number): void => {
    if (depth > 12 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${at}[${i}]`, depth + 1));
    for (const [key, child] of Object.entries(value)) {
      if (key === "selector" && typeof child === "string" && child) {
        const problem = selectorProblem(child);
        if (problem) problems.push({ path: `${at}.selector`, message: `${JSON.stringify(child)} is not a valid CSS selector: ${problem}` });
      } else visit(child, `${at}.${key}`, depth + 1);
    }
  };
  visit({ trigger: widget.trigger, content: widget.content, variants: widget.variants }, prefix, 0);
  return problems;
}

function selectorProblem(selector: string): string | undefined {
  if (typeof document !== "undefined" && typeof document.createDocumentFragment === "function") {
    try {
      document.createDocumentFragment().querySelector(selector);
      return undefined;
    } catch {
      return selectorSyntaxProblem(selector) ?? "the browser cannot read it";
    }
  }
  return selectorSyntaxProblem(selector);
}

/** Dates already past: a schedule that ended, a countdown `until` that is over. Warnings: the widget simply never shows. */
export function pastDateProblems(widget: Record<string, unknown>, prefix: string, now: number): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const past = (text: unknown, at: string, what: string) => {
    const end = typeof text === "string" ? parseLocalDate(text, "end") : undefined;
    if (typeof end === "number" && end <= now) problems.push({ path: at, severity: "warning", message: `"${text}" is in the past: ${what}` });
  };
  if (isObject(widget.schedule)) past(widget.schedule.end, `${prefix}.schedule.end`, "the schedule has ended, so this widget never shows");
  const contents: Array<[unknown, string]> = [[widget.content, `${prefix}.content`]];
  if (Array.isArray(widget.variants)) widget.variants.forEach((v, i) => isObject(v) && contents.push([v.content, `${prefix}.variants[${i}].content`]));
  for (const [content, at] of contents) {
    if (isObject(content) && isObject(content.countdown)) past(content.countdown.until, `${at}.countdown.until`, "the countdown is over, so this widget never shows");
  }
  return problems;
}
