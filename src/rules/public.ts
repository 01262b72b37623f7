/**
 * `nudge/rules`: compile the conditions of a rules file into fast, CSP-safe predicates.
 *
 * Conditions use MongoDB-style operators over a facts document, with the semantics of
 * GrowthBook's `evalCondition`, plus `$segment`.
 *
 * @packageDocumentation
 */

import {
  checkCondition as checkConditionImpl,
  compileCondition as compileConditionImpl,
  ConditionError as ConditionErrorImpl,
} from "./condition/index.js";
import type {
  CheckOptions as CheckOptionsImpl,
  CompileOptions as CompileOptionsImpl,
  CompiledCondition as CompiledConditionImpl,
  Condition as ConditionImpl,
  ConditionProblem as ConditionProblemImpl,
} from "./condition/index.js";

/**
 * A condition object: dotted field paths to values or operator objects, plus `$and`, `$or`,
 * `$nor`, `$not` and `$segment`.
 *
 * @example
 * ```ts
 * const returningBigSpender: Condition = {
 *   "visitor.isNew": false,
 *   "orders.total": { "$gte": 500 },
 *   "$or": [{ "geo.country": "DE" }, { "geo.country": { "$in": ["AT", "CH"] } }],
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
 * import { compileCondition } from "nudge/rules";
 *
 * const productPageWithBigCart = compileCondition({
 *   "cart.value": { "$gte": 50 },
 *   "page.path": { "$regex": "^/product" },
 * });
 * productPageWithBigCart({ cart: { value: 72.5 }, page: { path: "/product/42" } }); // true
 * productPageWithBigCart({ cart: { value: 10 }, page: { path: "/product/42" } }); // false
 * ```
 */
export const compileCondition: (condition: unknown, options?: CompileOptions) => CompiledCondition =
  compileConditionImpl;

/**
 * Lists every problem in a condition without compiling it: unknown operators (with a
 * suggestion), invalid regexes, operands of the wrong type, unknown segments. Never throws.
 *
 * @example
 * ```ts
 * import { checkCondition } from "nudge/rules";
 *
 * checkCondition({ "visitor.age": { "$gtt": 18 } }, "widgets[2].when");
 * // [{ path: "widgets[2].when.visitor.age.$gtt", message: "$gtt: unknown operator; did you mean $gt?" }]
 * ```
 */
export const checkCondition: (
  condition: unknown,
  pathPrefix?: string,
  options?: CheckOptions,
) => ConditionProblem[] = checkConditionImpl;

/**
 * The error `compileCondition` throws for an invalid condition; `problems` lists each one.
 *
 * @example
 * ```ts
 * import { compileCondition, ConditionError } from "nudge/rules";
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
