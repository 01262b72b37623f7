/** A MongoDB-style condition over a facts document, e.g. `{ "cart.value": { "$gte": 50 } }`. */
export type Condition = Record<string, unknown>;

/** A condition compiled once into closures. Never throws: bad input fails closed (`false`). */
export type CompiledCondition = (facts: unknown) => boolean;

/** One thing wrong with a condition, located by its JSON path. */
export interface ConditionProblem {
  /** Where the problem is, e.g. `widgets[2].when.visitor.age.$gtt` (prefix given by the caller). */
  path: string;
  /** What is wrong, in words a marketer can act on. */
  message: string;
}

export interface CompileOptions {
  /** Looks up a named segment's compiled condition; unknown name → problem at check time, false at run time. */
  segment?: (name: string) => CompiledCondition | undefined;
}

export interface CheckOptions {
  /** Segment names that `$segment` may refer to; when omitted, any name is accepted. */
  knownSegments?: readonly string[];
}

/** A compiled test of one value (a field's value, an array element, a length). */
export type ValueTest = (value: unknown) => boolean;
