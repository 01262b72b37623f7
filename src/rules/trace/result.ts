import type { CompileOptions } from "../condition/types.js";
import type { TraceFailure, TraceOptions, TraceResult } from "./types.js";

/** What the interpreter carries down: the whole facts document and the segments being traced. */
export interface TraceContext {
  /** The whole facts document (`time.now`, `events`), even inside `$elemMatch` or a segment. */
  root: unknown;
  options: TraceOptions;
  /** For value operators, which run through the compiler's own operator table. */
  compileOptions: CompileOptions;
  /** Segments being evaluated (traced or compiled): one met again is a cycle, false as at run time. */
  evaluating: Set<string>;
}

export const PASS: TraceResult = { pass: true, failures: [] };

export function fail(failure: TraceFailure): TraceResult {
  return { pass: false, failures: [failure] };
}

/**
 * ANDs results in order, as the compiled `every` does. Until the first failure an exception
 * propagates (the compiled code would meet it too); after it, the rest runs only to list its
 * failures, and an exception there is ignored (the compiled code never got that far).
 */
export function allOf<T>(items: readonly T[], run: (item: T, index: number) => TraceResult): TraceResult {
  const failures: TraceFailure[] = [];
  let pass = true;
  items.forEach((item, index) => {
    let result: TraceResult;
    if (pass) result = run(item, index);
    else {
      try {
        result = run(item, index);
      } catch {
        return;
      }
    }
    if (!result.pass) {
      pass = false;
      failures.push(...result.failures);
    }
  });
  return { pass, failures };
}
