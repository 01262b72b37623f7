import { checkCondition } from "../condition/check.js";
import { compileCheckedCondition } from "../condition/compile.js";
import { guardCycle } from "../condition/cycle-guard.js";
import { childPath, indexPath } from "../condition/problem-path.js";
import type { CompiledCondition, Condition } from "../condition/types.js";
import { traceEvent } from "./event.js";
import { traceField } from "./field.js";
import { formatValue, safeString } from "./format.js";
import { allOf, fail, PASS, type TraceContext } from "./result.js";
import type { TraceOptions, TraceResult } from "./types.js";

/**
 * Evaluates a condition the way `compileCondition` does and says which tests failed. An
 * interpreter, for `explain()` and tooling: not for the hot path. Never throws.
 */
export function traceCondition(condition: unknown, facts: unknown, options: TraceOptions = {}): TraceResult {
  const problems = checkCondition(condition);
  if (problems.length > 0) {
    const failures = problems.map(({ path, message }) => ({
      path,
      operator: "invalid",
      expected: undefined,
      actual: undefined,
      message: `${path || "(condition)"}: ${message}`,
    }));
    return { pass: false, failures };
  }
  const evaluating = new Set<string>();
  const compileOptions = { segment: compiledSegments(options, evaluating) };
  const context: TraceContext = { root: facts, options, compileOptions, evaluating };
  return guarded(() => traceObject(condition as Condition, facts, context, ""));
}

/** The compiled condition fails closed on an exception; so does the trace, and says why. */
function guarded(run: () => TraceResult): TraceResult {
  try {
    return run();
  } catch (error) {
    const message = `the facts could not be read: ${safeString(error)}`;
    return fail({ path: "", operator: "error", expected: undefined, actual: undefined, message });
  }
}

/**
 * Segments compiled lazily for value operators (`$elemMatch` conditions may use `$segment`),
 * guarded against cycles like the runtime's (`compileRules`), sharing the interpreter's set.
 */
function compiledSegments(options: TraceOptions, evaluating: Set<string>): (name: string) => CompiledCondition | undefined {
  const compiled = new Map<string, CompiledCondition>();
  const lookup = (name: string): CompiledCondition | undefined => {
    if (!compiled.has(name)) {
      const condition = options.segment?.(name);
      if (!condition) return undefined;
      compiled.set(name, compileCheckedCondition(condition, { segment: lookup }));
    }
    return guardCycle(name, compiled.get(name) as CompiledCondition, evaluating);
  };
  return lookup;
}

function traceObject(condition: Condition, facts: unknown, context: TraceContext, path: string): TraceResult {
  return allOf(Object.entries(condition), ([key, operand]) => traceEntry(key, operand, facts, context, childPath(path, key)));
}

function traceEntry(key: string, operand: unknown, facts: unknown, context: TraceContext, path: string): TraceResult {
  const items = Array.isArray(operand) ? (operand as Condition[]) : [];
  switch (key) {
    case "$and":
      return allOf(items, (item, index) => traceObject(item, facts, context, indexPath(path, index)));
    case "$or": {
      if (items.length === 0) return PASS;
      const children = [];
      for (const [index, item] of items.entries()) {
        const result = traceObject(item, facts, context, indexPath(path, index));
        if (result.pass) return PASS;
        children.push(...result.failures);
      }
      const message = `$or: none of ${items.length} alternative${items.length === 1 ? "" : "s"} held`;
      return fail({ path, operator: "$or", expected: operand, actual: undefined, message, children });
    }
    case "$nor": {
      if (items.length === 0) return fail({ path, operator: "$nor", expected: operand, actual: undefined, message: "$nor: an empty list never holds" });
      for (const [index, item] of items.entries()) {
        if (!traceObject(item, facts, context, indexPath(path, index)).pass) continue;
        const message = `$nor: alternative ${index + 1} of ${items.length} held, expected none to`;
        return fail({ path: indexPath(path, index), operator: "$nor", expected: item, actual: undefined, message });
      }
      return PASS;
    }
    case "$not": {
      if (!traceObject(operand as Condition, facts, context, path).pass) return PASS;
      return fail({ path, operator: "$not", expected: operand, actual: undefined, message: `$not: expected ${formatValue(operand)} not to hold, but it did` });
    }
    case "$segment":
      return traceSegment(operand, facts, context, path);
    case "$event":
      return traceEvent(operand, context, path, (where) => (element) => traceObject(where as Condition, element, context, "").pass);
    default:
      return traceField(key, operand, facts, context, path);
  }
}

/** As at run time: the segment's condition on these facts; unknown or cyclic → false. */
function traceSegment(name: unknown, facts: unknown, context: TraceContext, path: string): TraceResult {
  const miss = (message: string, children?: TraceResult["failures"]) => fail({ path, operator: "$segment", expected: name, actual: undefined, message, children });
  const label = `$segment ${formatValue(name)}`;
  const lookup = context.options.segment;
  if (typeof name !== "string" || !lookup) return miss(`${label}: no segments were given, so it counts as false`);
  const condition = lookup(name);
  if (!condition) return miss(`${label}: unknown segment`);
  if (context.evaluating.has(name)) return miss(`${label}: refers to itself, so it counts as false`);
  const inner: TraceContext = { ...context, root: facts };
  context.evaluating.add(name);
  let result: TraceResult;
  try {
    result = guarded(() => traceObject(condition, facts, inner, ""));
  } finally {
    context.evaluating.delete(name);
  }
  return result.pass ? PASS : miss(`${label}: not in the segment`, result.failures);
}
