import { elementFacts, FACTS, type FactEntry, findFact } from "../facts-catalog.js";
import type { RulesProblem } from "../problems.js";
import { isObject, type LintContext, suggestion, traitDeclared, unknownEventProblem } from "./context.js";
import { literalProblem } from "./operand-fix.js";

/*
 * A condition's fact paths and values against the facts catalog: an unknown path is a warning
 * with the closest known one; a value of the wrong type or outside the fact's list is an error
 * that writes the fix. The condition's operators themselves are the condition checker's.
 */

/** Every catalog path with its wildcards filled from the file (widget ids, traits), for did-you-mean. */
export function knownPaths(context: LintContext): string[] {
  return FACTS.flatMap((f) => {
    if (f.path.includes("[]")) return [];
    if (f.path.startsWith("widgets.<id>")) return context.widgetIds.map((id) => f.path.replace("<id>", id));
    if (f.path === "attributes.<trait>") return context.traits.filter((t) => !t.includes("*")).map((t) => `attributes.${t}`);
    if (f.path.startsWith("events.<event>")) return context.events.map((e) => f.path.replace("<event>", e));
    return f.path.includes("<") ? [] : [f.path];
  });
}

/** Problems with the fact paths and values of a condition at `path` (a widget's `when`, a segment). */
export function conditionFactProblems(condition: unknown, path: string, context: LintContext): RulesProblem[] {
  const problems: RulesProblem[] = [];
  walkCondition(condition, path, context, problems, 0);
  return problems;
}

function walkCondition(condition: unknown, path: string, context: LintContext, problems: RulesProblem[], depth: number): void {
  if (!isObject(condition) || depth > 20) return;
  for (const [key, value] of Object.entries(condition)) {
    const at = `${path}.${key}`;
    if (key === "$and" || key === "$or" || key === "$nor") {
      if (Array.isArray(value)) value.forEach((c, i) => walkCondition(c, `${at}[${i}]`, context, problems, depth + 1));
    } else if (key === "$not") walkCondition(value, at, context, problems, depth + 1);
    else if (key === "$event") {
      if (isObject(value) && typeof value.name === "string") {
        const unknown = unknownEventProblem(value.name, `${at}.name`, context);
        if (unknown) problems.push(unknown);
      }
    } else if (!key.startsWith("$")) checkField(key, value, at, context, problems);
  }
}

function checkField(factPath: string, value: unknown, at: string, context: LintContext, problems: RulesProblem[]): void {
  const match = findFact(factPath);
  if (!match) {
    problems.push({
      path: at,
      severity: "warning",
      message: `unknown fact "${factPath}"${suggestion(factPath, knownPaths(context))}; every fact is listed in docs/facts-reference.md`,
    });
    return;
  }
  const { entry, wildcards } = match;
  if (wildcards.id !== undefined && !context.widgetIds.includes(wildcards.id)) {
    problems.push({ path: at, severity: "warning", message: `no widget with id "${wildcards.id}" in this file${suggestion(wildcards.id, context.widgetIds)}` });
  }
  if (wildcards.trait !== undefined) {
    const trait = factPath.slice("attributes.".length);
    if (!traitDeclared(trait, context.traits)) {
      const hint = suggestion(trait, context.traits);
      problems.push({
        path: at,
        severity: "warning",
        message: `"${trait}" is not a declared trait${hint}; if identify() sets it, list it in "settings": {"traits": ["${trait}"]}`,
      });
    }
  }
  if (wildcards.event !== undefined) {
    const unknown = unknownEventProblem(wildcards.event, at, context);
    if (unknown) problems.push(unknown);
  }
  checkValue(entry, factPath, value, at, context, problems);
}

/** The value a fact is compared with: a literal (implicit equality) or an object of operators. */
function checkValue(entry: FactEntry, factPath: string, value: unknown, at: string, context: LintContext, problems: RulesProblem[]): void {
  const push = (problem: RulesProblem | undefined) => problem && problems.push(problem);
  const operators = isObject(value) ? Object.keys(value) : [];
  if (!operators.length || !operators.every((k) => k.startsWith("$"))) {
    push(literalProblem(entry, factPath, value, at, "$eq", context));
    return;
  }
  const ops = value as Record<string, unknown>;
  for (const op of operators) {
    const operand = ops[op];
    const opAt = `${at}.${op}`;
    switch (op) {
      case "$eq":
      case "$ne":
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte":
        push(literalProblem(entry, factPath, operand, opAt, op, context));
        break;
      case "$in":
      case "$nin":
      case "$ini":
      case "$nini":
      case "$all":
      case "$alli":
        if (Array.isArray(operand)) operand.forEach((item, i) => push(literalProblem(entry, factPath, item, `${opAt}[${i}]`, op.endsWith("i") ? "$ini" : "$in", context)));
        break;
      case "$not":
        checkValue(entry, factPath, operand, opAt, context, problems);
        break;
      case "$elemMatch":
        if (entry.type === "array" && isObject(operand)) checkElements(factPath, operand, opAt, context, problems);
        break;
    }
  }
}

/** `$elemMatch` over an array fact such as `cart.items`: its keys are the element's fields. */
function checkElements(arrayPath: string, condition: Record<string, unknown>, at: string, context: LintContext, problems: RulesProblem[]): void {
  const fields = elementFacts(arrayPath);
  const names = Object.keys(fields);
  if (!names.length) return;
  for (const [key, value] of Object.entries(condition)) {
    if (key.startsWith("$")) continue;
    const entry = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (!entry)
      problems.push({ path: `${at}.${key}`, severity: "warning", message: `a line of ${arrayPath} has no "${key}"${suggestion(key, names)}; it has ${names.join(", ")}` });
    else checkValue(entry, `${arrayPath}[].${key}`, value, `${at}.${key}`, context, problems);
  }
}
