/**
 * Compares two reports (or aggregates) figure by figure: counts and strings exactly,
 * sums of money within a relative 1e-9 (a database adds in another order than JS).
 * Uplift intervals need no extra tolerance: both sides feed the same seeded Monte Carlo
 * the same (k, n), so its draws are identical.
 */
export const RELATIVE_TOLERANCE = 1e-9;

/** Every path where `actual` and `expected` differ, as "path: actual ≠ expected". */
export function differences(actual: unknown, expected: unknown, path = "$"): string[] {
  if (typeof actual === "number" && typeof expected === "number") {
    if (Object.is(actual, expected)) return [];
    const scale = Math.max(Math.abs(actual), Math.abs(expected), 1e-12);
    return Math.abs(actual - expected) / scale <= RELATIVE_TOLERANCE ? [] : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return [`${path}: length ${actual.length} ≠ ${expected.length}`];
    return actual.flatMap((item, i) => differences(item, expected[i], `${path}[${i}]`));
  }
  if (actual && expected && typeof actual === "object" && typeof expected === "object") {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((key) => differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

/** Aggregates with their arms in a fixed order (stores may return them in any). */
export function sortedArms<T extends { arms: { widget: string; variant: string }[] }>(aggregates: T): T {
  return {
    ...aggregates,
    arms: [...aggregates.arms].sort((a, b) => (a.widget < b.widget ? -1 : a.widget > b.widget ? 1 : a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0)),
  };
}
