import type { Facts } from "../profile/facts.js";
import { traceCondition, type TraceFailure } from "../rules/trace/index.js";
import { own } from "../env/own.js";

/**
 * Each failing test of a condition in words, for explain(): a failing
 * `$segment` or `$or` lists what failed inside it. Loaded on demand, so the
 * page pays for it only when someone asks why a widget did not show.
 *
 * @example
 * traceWhen({ "cart.value": { $gte: 50 } }, facts, {}); // ["cart.value: expected $gte 50, found 32.5"]
 */
export function traceWhen(condition: Record<string, unknown>, facts: Facts, segments: Record<string, Record<string, unknown>>): string[] {
  const result = traceCondition(condition, facts, {
    segment: (name) => own(segments, name),
  });
  return result.pass ? [] : result.failures.flatMap((failure) => lines(failure, ""));
}

function lines(failure: TraceFailure, indent: string): string[] {
  return [`${indent}${failure.message}`, ...(failure.children ?? []).flatMap((child) => lines(child, `${indent}  `))];
}
