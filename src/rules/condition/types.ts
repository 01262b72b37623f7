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
  /** Told about each operator that is neither in the core nor loaded (see `operator-registry.ts`): it evaluates false. */
  missing?: (operator: string) => void;
}

export interface CheckOptions {
  /** Segment names that `$segment` may refer to; when omitted, any name is accepted. */
  knownSegments?: readonly string[];
}

/**
 * A compiled test of one value (a field's value, an array element, a length). `root` is the
 * whole facts document, where `time.now` and `events` live even inside `$elemMatch`.
 */
export type ValueTest = (value: unknown, root: unknown) => boolean;

/** A compiled test of a (possibly nested) facts object; `root` as for {@link ValueTest}. */
export type FactsTest = (facts: unknown, root: unknown) => boolean;

/**
 * What `$event` reads at `facts.events[name]`: the history of one event name in the visitor's
 * profile. Only `count` and `last` are needed by every form of `$event`; a form that needs a
 * field that is missing (`days` for a window of a day or more, `recent` for a shorter window or
 * `where`) is false, because the count is unknown. An event name with no entry never happened.
 *
 * @example
 * ```ts
 * const addToCart: EventHistory = {
 *   count: 3,
 *   first: 1_717_000_000_000,
 *   last: 1_717_400_000_000,
 *   days: { "19872": 1, "19876": 2 },
 *   recent: [{ t: 1_717_000_000_000, props: { price: 19.9 } }, { t: 1_717_400_000_000 }],
 * };
 * ```
 */
export interface EventHistory {
  /** How many times the event happened, all time. */
  count: number;
  /** When it first happened, ms since the epoch. */
  first: number;
  /** When it last happened, ms since the epoch (`lastWithin`, `notWithin`). */
  last: number;
  /**
   * Counts per local calendar day, keyed by day number: the local midnight's wall-clock time in
   * ms divided by 86 400 000, i.e. `Date.UTC(year, month - 1, day) / 86_400_000` of the local
   * date (`Math.floor((t - new Date(t).getTimezoneOffset() * 60_000) / 86_400_000)` for an event
   * at `t`). Today's number is that of `facts.time.date` (or of `time.now` in UTC without it).
   * Only recent days are kept (e.g. 400). Used by `within` windows of a day or more.
   */
  days?: Record<string, number>;
  /**
   * The most recent raw events, newest last, at most ~50. Used by `within` windows shorter than
   * a day and by `where`; an event that fell out of this list is not seen by them.
   */
  recent?: Array<{ t: number; props?: Record<string, unknown> }>;
}
