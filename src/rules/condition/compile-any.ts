import { checkCondition } from "./check.js";
import { compileCheckedCondition } from "./compile.js";
import { ConditionError } from "./error.js";
import { installExtraOperators } from "./extra-operators.js";
import type { CompileOptions, CompiledCondition } from "./types.js";

/**
 * Compiles a condition once into plain closures, with every operator (the npm API, the CLI and the
 * validator: code that is not the runtime every page pays for). Throws a `ConditionError` listing every
 * problem `checkCondition` finds; the returned function never throws (it fails closed).
 */
export function compileCondition(condition: unknown, options: CompileOptions = {}): CompiledCondition {
  const problems = checkCondition(condition);
  if (problems.length > 0) throw new ConditionError(problems);
  installExtraOperators();
  return compileCheckedCondition(condition as Record<string, unknown>, options);
}
