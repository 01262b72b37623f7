/**
 * `nudge-sdk/rules`: compile the conditions of a rules file into fast, CSP-safe predicates.
 *
 * Conditions use MongoDB-style operators over a facts document, with the semantics of
 * GrowthBook's `evalCondition`, plus `$segment`, `$event` (event history over time windows) and
 * the relative-time operators `$olderThan` / `$newerThan`. `traceCondition` says why one is false.
 *
 * @packageDocumentation
 */

import { checkCondition as checkConditionImpl, compileCondition as compileConditionImpl, ConditionError as ConditionErrorImpl } from "./condition/index.js";
import type {
  CheckOptions as CheckOptionsImpl,
  CompileOptions as CompileOptionsImpl,
  CompiledCondition as CompiledConditionImpl,
  Condition as ConditionImpl,
  ConditionProblem as ConditionProblemImpl,
} from "./condition/index.js";
import { traceCondition as traceConditionImpl } from "./trace/index.js";
import type { TraceFailure as TraceFailureImpl, TraceOptions as TraceOptionsImpl, TraceResult as TraceResultImpl } from "./trace/index.js";
import type { EventHistory as EventHistoryImpl } from "./condition/index.js";
import { BUILTIN_EVENTS as BUILTIN_EVENTS_IMPL, FACTS as FACTS_IMPL, findFact as findFactImpl } from "./facts-catalog.js";
import type { EventEntry as EventEntryImpl, FactEntry as FactEntryImpl, FactMatch as FactMatchImpl } from "./facts-catalog.js";

/**
 * A condition object: dotted field paths to values or operator objects, plus `$and`, `$or`,
 * `$nor`, `$not`, `$segment` and `$event`.
 *
 * `$event` tests `facts.events[name]` (an {@link EventHistory}) against `facts.time.now`. Keys:
 * `name`; `within` (a duration; a day or more counts whole local days from `days`, today
 * included; shorter counts `recent` entries with `t >= now - within`; absent: all time);
 * `count` (a number, or `$eq $ne $gt $gte $lt $lte`; default at least 1, unless only
 * `lastWithin` / `notWithin` are given); `where` (a condition on each `recent` entry's
 * `{ props }`; then only `recent` is counted); `lastWithin` (the last one happened within it);
 * `notWithin` (it did not, or never). A history lacking the field a form needs fails it.
 * `$olderThan` / `$newerThan` test a timestamp: `time.now - value` is more than / at most the
 * duration; a missing or non-numeric field fails both.
 * Durations: "500ms", "30s", "15m", "2h", "7d", "1w", or a number of seconds.
 *
 * @example
 * ```ts
 * const returningBigSpender: Condition = {
 *   "visitor.isNew": false,
 *   "orders.total": { "$gte": 500 },
 *   "$or": [{ "geo.country": "DE" }, { "geo.country": { "$in": ["AT", "CH"] } }],
 * };
 * const cartAbandoner: Condition = {
 *   "$event": { "name": "add_to_cart", "within": "7d", "count": { "$gte": 2 } },
 *   "$and": [{ "$event": { "name": "purchase", "notWithin": "30d" } }],
 *   "visitor.firstSeen": { "$olderThan": "1w" },
 * };
 * ```
 */
export type Condition = ConditionImpl;

/**
 * A compiled condition: call it with a facts document; it never throws.
 *
 * @example
 * ```ts
 * const isMobile: CompiledCondition = compileCondition({ "visitor.device": "mobile" });
 * isMobile({ visitor: { device: "mobile" } }); // true
 * ```
 */
export type CompiledCondition = CompiledConditionImpl;

/**
 * One problem found in a condition, with its JSON path.
 *
 * @example
 * ```ts
 * const [problem]: ConditionProblem[] = checkCondition({ age: { $gtt: 1 } }, "when");
 * // { path: "when.age.$gtt", message: "$gtt: unknown operator; did you mean $gt?" }
 * ```
 */
export type ConditionProblem = ConditionProblemImpl;

/**
 * Options for `compileCondition`.
 *
 * @example
 * ```ts
 * const vip = compileCondition({ "rfm.segment": "champions" });
 * const options: CompileOptions = { segment: (name) => (name === "vip" ? vip : undefined) };
 * compileCondition({ $segment: "vip", "cart.count": { $gt: 0 } }, options);
 * ```
 */
export type CompileOptions = CompileOptionsImpl;

/**
 * Options for `checkCondition`.
 *
 * @example
 * ```ts
 * const options: CheckOptions = { knownSegments: ["vip", "bargain-hunters"] };
 * checkCondition({ $segment: "vipp" }, "when", options);
 * // [{ path: "when.$segment", message: 'unknown segment "vipp"; did you mean "vip"?' }]
 * ```
 */
export type CheckOptions = CheckOptionsImpl;

/**
 * Compiles a condition once into a predicate over a facts document. Throws a
 * {@link ConditionError} when {@link checkCondition} finds problems; the returned function never
 * throws (bad or exotic facts simply fail the condition). Uses no `eval`, so it runs under a
 * strict Content Security Policy.
 *
 * @example
 * ```ts
 * import { compileCondition } from "nudge-sdk/rules";
 *
 * const productPageWithBigCart = compileCondition({
 *   "cart.value": { "$gte": 50 },
 *   "page.path": { "$regex": "^/product" },
 * });
 * productPageWithBigCart({ cart: { value: 72.5 }, page: { path: "/product/42" } }); // true
 * productPageWithBigCart({ cart: { value: 10 }, page: { path: "/product/42" } }); // false
 * ```
 */
export const compileCondition: (condition: unknown, options?: CompileOptions) => CompiledCondition = compileConditionImpl;

/**
 * Lists every problem in a condition without compiling it: unknown operators (with a
 * suggestion), invalid regexes, operands of the wrong type, unknown segments. Never throws.
 *
 * @example
 * ```ts
 * import { checkCondition } from "nudge-sdk/rules";
 *
 * checkCondition({ "visitor.age": { "$gtt": 18 } }, "widgets[2].when");
 * // [{ path: "widgets[2].when.visitor.age.$gtt", message: "$gtt: unknown operator; did you mean $gt?" }]
 * ```
 */
export const checkCondition: (condition: unknown, pathPrefix?: string, options?: CheckOptions) => ConditionProblem[] = checkConditionImpl;

/**
 * The error `compileCondition` throws for an invalid condition; `problems` lists each one.
 *
 * @example
 * ```ts
 * import { compileCondition, ConditionError } from "nudge-sdk/rules";
 *
 * try {
 *   compileCondition({ "page.path": { "$regex": "(" } });
 * } catch (error) {
 *   if (error instanceof ConditionError) console.warn(error.problems[0].path); // "page.path.$regex"
 * }
 * ```
 */
export const ConditionError = ConditionErrorImpl;
/** The instance type of {@link ConditionError}. */
export type ConditionError = ConditionErrorImpl;

/**
 * The history of one event name at `facts.events[name]`, as `$event` reads it.
 *
 * @example
 * ```ts
 * const history: EventHistory = { count: 2, first: 1_717_000_000_000, last: 1_717_400_000_000 };
 * ```
 */
export type EventHistory = EventHistoryImpl;

/**
 * One failed test in a {@link TraceResult}: where, which operator, expected vs actual, and a
 * sentence. `$or` and `$segment` failures hold their inner failures in `children`.
 *
 * @example
 * ```ts
 * const failure: TraceFailure = {
 *   path: "cart.value", operator: "$gte", expected: 50, actual: 32.5,
 *   message: "cart.value: expected $gte 50, found 32.5",
 * };
 * ```
 */
export type TraceFailure = TraceFailureImpl;

/**
 * What {@link traceCondition} returns: the verdict and the failed tests.
 *
 * @example
 * ```ts
 * const result: TraceResult = traceCondition({ "cart.count": { $gt: 0 } }, { cart: { count: 0 } });
 * result.pass; // false
 * ```
 */
export type TraceResult = TraceResultImpl;

/**
 * Options for {@link traceCondition}: `segment(name)` returns a segment's condition object.
 *
 * @example
 * ```ts
 * const segments: Record<string, Condition> = { vip: { "orders.count": { $gte: 5 } } };
 * const options: TraceOptions = { segment: (name) => segments[name] };
 * ```
 */
export type TraceOptions = TraceOptionsImpl;

/**
 * Says why a condition is false for a facts document: the same verdict as
 * {@link compileCondition} (always), plus each failed test with the value the facts held, in
 * words a marketer can read. An interpreter for `explain()` and tools, not for the hot path.
 * Never throws; an invalid condition fails with its problems as failures.
 *
 * @example
 * ```ts
 * import { traceCondition } from "nudge-sdk/rules";
 *
 * const result = traceCondition(
 *   { "cart.value": { "$gte": 50 }, "$or": [{ "$segment": "vip" }, { "visitor.pagesThisSession": 2 }] },
 *   { cart: { value: 32.5 }, visitor: { pagesThisSession: 1 }, orders: { count: 1 } },
 *   { segment: (name) => (name === "vip" ? { "orders.count": { "$gte": 5 } } : undefined) },
 * );
 * result.pass; // false
 * result.failures.map((failure) => failure.message);
 * // ["cart.value: expected $gte 50, found 32.5", "$or: none of 2 alternatives held"]
 * result.failures[1].children?.map((failure) => failure.message);
 * // ['$segment "vip": not in the segment', "visitor.pagesThisSession: expected 2, found 1"]
 * ```
 */
export const traceCondition: (condition: unknown, facts: unknown, options?: TraceOptions) => TraceResult = traceConditionImpl;

/**
 * Every path a condition or template can read in the facts document, once: its type, enum
 * values, unit, a one-line description and an example (docs/facts-reference.md lists them).
 * Wildcard segments are written `<id>`, `<trait>`, `<name>`; `[]` marks an array's element fields.
 *
 * @example
 * ```ts
 * import { FACTS } from "nudge-sdk/rules";
 * FACTS.find((f) => f.path === "page.type")?.values; // ["home", "category", "product", …]
 * ```
 */
export const FACTS: readonly FactEntry[] = FACTS_IMPL;

/**
 * The event names Nudge records by itself, with their props: what `$event`, `goal.event` and
 * the `event` trigger may name without declaring it in `settings.events`.
 *
 * @example
 * ```ts
 * import { BUILTIN_EVENTS } from "nudge-sdk/rules";
 * BUILTIN_EVENTS.map((e) => e.name); // ["page_view", "view_item", …, "purchase", "lead"]
 * ```
 */
export const BUILTIN_EVENTS: readonly EventEntry[] = BUILTIN_EVENTS_IMPL;

/**
 * The catalog entry a written path resolves to, with the names filling its wildcards;
 * undefined for a path the facts document does not have.
 *
 * @example
 * ```ts
 * import { findFact } from "nudge-sdk/rules";
 * findFact("widgets.welcome.lastShown"); // { entry: { path: "widgets.<id>.lastShown", … }, wildcards: { id: "welcome" } }
 * findFact("visitor.visit"); // undefined
 * ```
 */
export const findFact: (path: string) => FactMatch | undefined = findFactImpl;

/**
 * One path of the facts catalog.
 *
 * @example
 * ```ts
 * const entry: FactEntry = { path: "cart.value", type: "number", unit: "money", description: "Total value of the cart.", example: 59.8 };
 * ```
 */
export type FactEntry = FactEntryImpl;

/**
 * A built-in event name and its props.
 *
 * @example
 * ```ts
 * const event: EventEntry = { name: "add_to_cart", description: "A product added to the cart.", props: ["id", "price"] };
 * ```
 */
export type EventEntry = EventEntryImpl;

/**
 * What {@link findFact} returns.
 *
 * @example
 * ```ts
 * const match: FactMatch | undefined = findFact("attributes.plan"); // wildcards: { trait: "plan" }
 * ```
 */
export type FactMatch = FactMatchImpl;
