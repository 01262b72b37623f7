import type { Condition } from "../condition/types.js";

/** One test that did not hold, in words a marketer can act on. */
export interface TraceFailure {
  /** Where the test is inside the condition, e.g. `$or[1].cart.value` or `$event`. */
  path: string;
  /** The operator that failed: `$gte`, `equals` (implicit equality), `$or`, `$event`, ... */
  operator: string;
  /** What the condition asked for (the operand). */
  expected: unknown;
  /** What the facts held (the field's value, the event count, ...). */
  actual: unknown;
  /** e.g. `cart.value: expected $gte 50, found 32.5`. */
  message: string;
  /** For `$or` and `$segment`: the failures inside it (paths say which alternative). */
  children?: TraceFailure[];
}

/** The verdict of a condition on a facts document, and why it is false. */
export interface TraceResult {
  /** Exactly what the compiled condition returns for the same facts. */
  pass: boolean;
  /** The tests that failed; empty when `pass` is true. */
  failures: TraceFailure[];
}

export interface TraceOptions {
  /** The condition object of a named segment, so a failing `$segment` can say what failed inside. */
  segment?: (name: string) => Condition | undefined;
}
