import type { RulesProblem } from "./problems.js";

/** The segment names a condition refers to with `$segment`, at any depth. */
function referencedSegments(condition: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(condition)) condition.forEach((item) => referencedSegments(item, found));
  else if (typeof condition === "object" && condition !== null) {
    for (const [key, value] of Object.entries(condition)) {
      if (key === "$segment" && typeof value === "string") found.add(value);
      else referencedSegments(value, found);
    }
  }
  return found;
}

/**
 * Segments may use segments, but not in a circle (a → b → a): such a segment could never be
 * decided. Reports each cycle once, at the segment where it is first found.
 */
export function segmentCycles(segments: Record<string, unknown>): RulesProblem[] {
  const uses = new Map(Object.entries(segments).map(([name, condition]) => [name, [...referencedSegments(condition)]]));
  const problems: RulesProblem[] = [];
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    if (trail.includes(name)) {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      problems.push({ path: `segments.${cycle[0]}`, message: `segments refer to each other in a circle: ${cycle.join(" → ")}` });
      return;
    }
    if (done.has(name) || !uses.has(name)) return;
    for (const next of uses.get(name)!) visit(next, [...trail, name]);
    done.add(name);
  };
  for (const name of uses.keys()) visit(name, []);
  return problems;
}
