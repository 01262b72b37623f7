import { compileCustomerOperator } from "./customer-operators.js";
import { compileEventSpec, testEvent } from "./event.js";
import { addOperators, type ExtraOperators } from "./operator-registry.js";
import type { NestedCompilers } from "./operators.js";
import { compileRelativeTime } from "./time.js";
import type { Condition, FactsTest, ValueTest } from "./types.js";
import { paddedVersion } from "./version.js";

const never: ValueTest = () => false;

/**
 * The operators a rules file loads only when it uses them (a lazy chunk of the runtime): event
 * history over time windows, versions, relative time and the customer card's
 * `$daysUntil` / `$boughtWithin`.
 */
const extraOperators: ExtraOperators = {
  value: {
    $olderThan: compileRelativeTime,
    $newerThan: compileRelativeTime,
    $veq: compileVersion,
    $vne: compileVersion,
    $vgt: compileVersion,
    $vgte: compileVersion,
    $vlt: compileVersion,
    $vlte: compileVersion,
    $daysUntil: compileCustomerOperator,
    $boughtWithin: compileCustomerOperator,
  },
  condition: { $event: compileEvent },
};

/** Makes the core compile these operators from now on (rules compiled before keep what they had). */
export function installExtraOperators() {
  addOperators(extraOperators);
}

function compileEvent(operand: unknown, nested: NestedCompilers): FactsTest {
  const spec = compileEventSpec(operand, { count: nested.value, where: (where) => nested.condition(where as Condition) });
  // Reads the whole facts document (events, time.now), even inside $elemMatch.
  return spec ? (_facts, root) => testEvent(spec, root) : never;
}

function compileVersion(operator: string, operand: unknown): ValueTest {
  const expected = paddedVersion(operand);
  switch (operator) {
    case "$veq":
      return (value) => paddedVersion(value) === expected;
    case "$vne":
      return (value) => paddedVersion(value) !== expected;
    case "$vgt":
      return (value) => paddedVersion(value) > expected;
    case "$vgte":
      return (value) => paddedVersion(value) >= expected;
    case "$vlt":
      return (value) => paddedVersion(value) < expected;
    default:
      return (value) => paddedVersion(value) <= expected;
  }
}
