export { checkCondition } from "./check.js";
export { compileCondition } from "./compile.js";
export { ConditionError } from "./error.js";
export type { CheckOptions, CompileOptions, CompiledCondition, Condition, ConditionProblem, EventHistory } from "./types.js";
