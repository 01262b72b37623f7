import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileCondition } from "../../../src/rules/condition/index.js";
import type { CompiledCondition, Condition } from "../../../src/rules/condition/index.js";

export interface ConditionCase {
  name: string;
  condition: Condition;
  facts: unknown;
  expected: boolean;
  /** Nudge's own semantics (prototype keys, $segment): not compared with GrowthBook. */
  nudgeOnly?: boolean;
  /** The path of the one problem that makes `compileCondition` refuse the condition (a limit of Nudge's). */
  refused?: string;
}

export interface Corpus {
  version: number;
  segments: Record<string, Condition>;
  cases: ConditionCase[];
}

/** Parsed with JSON.parse (not a JSON import) so `__proto__` keys stay plain own properties. */
export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "cases.json"), "utf8")) as Corpus;
}

/** Compiles the corpus's named segments; they may refer to each other. */
export function segmentLookup(segments: Record<string, Condition>): (name: string) => CompiledCondition | undefined {
  const compiled = new Map<string, CompiledCondition>();
  const lookup = (name: string) => compiled.get(name);
  for (const [name, condition] of Object.entries(segments)) {
    compiled.set(name, compileCondition(condition, { segment: lookup }));
  }
  return lookup;
}
