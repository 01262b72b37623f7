import type { CompiledCondition } from "./types.js";

/**
 * Wraps a named segment so that a segment reached again while it is being evaluated (a → b → a)
 * reads as false instead of recursing forever. `evaluating` is shared by every segment of a file.
 */
export function guardCycle(name: string, segment: CompiledCondition, evaluating: Set<string>): CompiledCondition {
  return (facts) => {
    if (evaluating.has(name)) return false;
    evaluating.add(name);
    try {
      return segment(facts);
    } finally {
      evaluating.delete(name);
    }
  };
}
