export { checkCondition } from "./check.js";
export { compileCondition } from "./compile-any.js";
export { ConditionError } from "./error.js";
export type { CheckOptions, CompileOptions, CompiledCondition, Condition, ConditionProblem, EventHistory } from "./types.js";
