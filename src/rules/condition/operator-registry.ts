import { own } from "../../env/own.js";
import type { NestedCompilers } from "./operators.js";
import type { FactsTest, ValueTest } from "./types.js";

/**
 * The operators that are not in the decide core (`$event`, versions, relative time):
 * the core compiles them through this table, which `installExtraOperators` fills when the rules
 * file uses one (see `EXTRA_OPERATORS`). Until then they evaluate false and are reported as missing.
 */
export interface ExtraOperators {
  /** Field operators: `{ "field": { "$vgte": "2.0" } }`. */
  value: Record<string, (operator: string, operand: unknown, nested: NestedCompilers) => ValueTest>;
  /** Condition-level operators: `{ "$event": { … } }`. */
  condition: Record<string, (operand: unknown, nested: NestedCompilers) => FactsTest>;
}

/** The operators of the extra chunk; the names stay in the core so it knows when to load it. */
export const EXTRA_OPERATORS = ["$event", "$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte", "$olderThan", "$newerThan", "$daysUntil", "$boughtWithin"];

const loaded: ExtraOperators = { value: {}, condition: {} };

/** Adds operators to what the core compiles; installing the same table twice is harmless. */
export function addOperators(extra: ExtraOperators) {
  Object.assign(loaded.value, extra.value);
  Object.assign(loaded.condition, extra.condition);
}

export const extraValueOperator = (name: string) => own(loaded.value, name);
export const extraConditionOperator = (name: string) => own(loaded.condition, name);

/** Whether the operators a file uses (`ahead.operators`) need the extra chunk. */
export const needsExtraOperators = (operators: readonly unknown[]) => operators.some((name) => EXTRA_OPERATORS.includes(name as string));
