import { elementFacts, findFact } from "../facts-catalog.js";
import { closest, type RulesProblem } from "../problems.js";
import { knownPaths } from "./condition-facts.js";
import { isObject, type LintContext, suggestion, traitDeclared } from "./context.js";

/*
 * `{{path | format | fallback}}` in widget content, against the facts catalog and the file's own
 * widget ids (`{{widgets.flash.state.deadline}}`). Same syntax as src/render/template.ts (a test keeps the format
 * names in step); kept apart so the validator does not pull in the renderer's chunk.
 */

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;
/** Formats the renderer knows (src/render/template.ts FORMATS). */
export const TEMPLATE_FORMATS = ["money", "number", "plural"] as const;

/** Problems with the templates in every string of `content` (at `path`). */
export function templateProblems(content: unknown, path: string, context: LintContext): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const visit = (value: unknown, at: string, depth: number): void => {
    if (depth > 30) return;
    if (typeof value === "string") {
      if (value.includes("{{")) checkText(value, at, context, problems);
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${at}[${i}]`, depth + 1));
    else if (isObject(value)) for (const [k, child] of Object.entries(value)) visit(child, `${at}.${k}`, depth + 1);
  };
  visit(content, path, 0);
  return problems;
}

function checkText(text: string, at: string, context: LintContext, problems: RulesProblem[]): void {
  for (const [whole, rawPath, rest] of text.matchAll(PLACEHOLDER)) {
    const path = rawPath.trim();
    const warn = (message: string) => problems.push({ path: at, severity: "warning", message: `${whole}: ${message}` });
    if (!path) {
      warn("names no fact; write e.g. {{cart.count}}");
      continue;
    }
    const fact = factOf(path);
    const widgetId = /^widgets\.([^.]+)/.exec(path)?.[1];
    if (!fact) warn(`unknown fact "${path}"${suggestion(path, knownPaths(context))}, so it always shows its fallback`);
    else if (fact.type === "array" || fact.type === "object") {
      const hint = path === "cart.items" ? ': list the cart with "cartItems": {"limit": 3} in a popup' : "";
      warn(`${path} is a ${fact.type === "array" ? "list" : "group of facts"}, which shows as nothing${hint}`);
    } else if (widgetId !== undefined && !context.widgetIds.includes(widgetId)) warn(`no widget with id "${widgetId}" in this file${suggestion(widgetId, context.widgetIds)}`);
    else if (path.startsWith("attributes.") && !traitDeclared(path.slice(11), context.traits)) {
      warn(`"${path.slice(11)}" is not a declared trait; if identify() sets it, list it in "settings": {"traits": ["${path.slice(11)}"]}`);
    }
    for (const part of (rest ?? "").split("|").slice(0, -1)) checkFormat(part.trim(), fact?.type, warn);
    // The last part is a format or the fallback; a word close to a format's name is a typo.
    const last = (rest ?? "").split("|").pop()?.trim() ?? "";
    const name = last.split(":")[0].trim();
    if ((TEMPLATE_FORMATS as readonly string[]).includes(name)) checkFormat(last, fact?.type, warn);
    else if (/^[a-z]+$/.test(name) && closest(name, TEMPLATE_FORMATS) && last === name)
      warn(`"${name}" is shown as the fallback text; did you mean the format "${closest(name, TEMPLATE_FORMATS)}"?`);
  }
}

function checkFormat(part: string, type: string | undefined, warn: (message: string) => void): void {
  const [name, args = ""] = part.split(/:(.*)/s, 2).map((s) => s.trim());
  if (!(TEMPLATE_FORMATS as readonly string[]).includes(name)) {
    warn(`unknown format "${name}"${suggestion(name, TEMPLATE_FORMATS)}; formats are ${TEMPLATE_FORMATS.join(", ")}`);
    return;
  }
  if (type && type !== "number" && type !== "timestamp" && type !== "any") warn(`the "${name}" format needs a number, but this fact is ${type}`);
  if (name === "plural" && !args) warn('plural needs its word forms, e.g. {{cart.count | plural: item, items}} (ru: "товар, товара, товаров")');
}

/** The catalog entry for a template path; numeric steps (`cart.items.0.name`) read an array's element. */
function factOf(path: string) {
  const m = /^(.*?)\.(\d+)(?:\.(.+))?$/.exec(path);
  if (m) {
    const array = findFact(m[1]);
    if (array?.entry.type !== "array") return undefined;
    if (!m[3]) return array.entry;
    const fields = elementFacts(m[1]);
    return Object.prototype.hasOwnProperty.call(fields, m[3]) ? fields[m[3]] : undefined;
  }
  return findFact(path)?.entry;
}
