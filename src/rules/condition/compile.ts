import { equalsBoolean, equalsJson, equalsNumber, equalsString, isOperatorObject } from "./compare.js";
import { extraConditionOperator } from "./operator-registry.js";
import { compileOperator, type NestedCompilers } from "./operators.js";
import { testAtPath } from "./path.js";
import type { CompileOptions, CompiledCondition, Condition, FactsTest, ValueTest } from "./types.js";

const always: FactsTest = () => true;
const never: FactsTest = () => false;

/**
 * Compiles a condition that `checkCondition` already passed (the runtime's
 * rules were validated when they changed), so the checker's code is not
 * shipped to every page view.
 */
export function compileCheckedCondition(condition: Condition, options: CompileOptions = {}): CompiledCondition {
  const test = compileConditionObject(condition, options);
  return (facts) => {
    try {
      return test(facts, facts);
    } catch {
      // Exotic facts (null-prototype objects, symbols, cyclic JSON, a throwing segment) fail closed.
      return false;
    }
  };
}

/** Every key of a condition object must hold (AND), in key order, stopping at the first miss. */
function compileConditionObject(condition: Condition, options: CompileOptions): FactsTest {
  const tests = Object.entries(condition).map(([key, operand]) => compileEntry(key, operand, options));
  if (tests.length === 0) return always;
  if (tests.length === 1) return tests[0];
  return (facts, root) => tests.every((test) => test(facts, root));
}

/** The flat switch over condition-level operators; any other key is a dotted field path. */
function compileEntry(key: string, operand: unknown, options: CompileOptions): FactsTest {
  switch (key) {
    case "$and": {
      const tests = compileEach(operand, options);
      return (facts, root) => tests.every((test) => test(facts, root));
    }
    case "$or": {
      const tests = compileEach(operand, options);
      // GrowthBook: an empty $or is true.
      return (facts, root) => tests.length === 0 || tests.some((test) => test(facts, root));
    }
    case "$nor": {
      const tests = compileEach(operand, options);
      // GrowthBook negates its $or, so an empty $nor is false.
      return (facts, root) => !(tests.length === 0 || tests.some((test) => test(facts, root)));
    }
    case "$not": {
      const inner = compileConditionObject(operand as Condition, options);
      return (facts, root) => !inner(facts, root);
    }
    case "$segment":
      return compileSegment(operand, options);
    default: {
      if (!key.startsWith("$")) return testAtPath(key, compileValue(operand, options));
      // `$event`, or an operator this page did not load (a published file whose stamp does not list it).
      const extra = extraConditionOperator(key);
      if (extra) return extra(operand, nestedCompilers(options));
      options.missing?.(key);
      return never;
    }
  }
}

function compileEach(operand: unknown, options: CompileOptions): FactsTest[] {
  const conditions = Array.isArray(operand) ? operand : [];
  return conditions.map((condition) => compileConditionObject(condition as Condition, options));
}

/** Looked up at evaluation time, so segments may be (re)defined after this condition is compiled. */
function compileSegment(name: unknown, options: CompileOptions): FactsTest {
  const lookup = options.segment;
  if (typeof name !== "string" || !lookup) return never;
  return (facts) => {
    const segment = lookup(name);
    return segment ? segment(facts) === true : false;
  };
}

/** Compiles what a field is compared with: a literal (implicit equality) or an operator object. */
export function compileValue(condition: unknown, options: CompileOptions): ValueTest {
  if (typeof condition === "string") return equalsString(condition);
  if (typeof condition === "number") return equalsNumber(condition);
  if (typeof condition === "boolean") return equalsBoolean(condition);
  if (condition === null) return (value) => value === null;
  if (!isOperatorObject(condition)) return equalsJson(condition);
  const nested = nestedCompilers(options);
  const tests = Object.entries(condition).map(([operator, operand]) => compileOperator(operator, operand, nested));
  if (tests.length === 1) return tests[0];
  return (value, root) => tests.every((test) => test(value, root));
}

export function nestedCompilers(options: CompileOptions): NestedCompilers {
  return {
    value: (condition) => compileValue(condition, options),
    condition: (condition) => compileConditionObject(condition, options),
    missing: (operator) => options.missing?.(operator),
  };
}
