export { traceCondition } from "./trace.js";
export type { TraceFailure, TraceOptions, TraceResult } from "./types.js";
