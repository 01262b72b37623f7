import type { FactsTest, ValueTest } from "./types.js";

/** Keys that could reach an object's prototype chain; they always read as missing. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** What a missing field reads as; GrowthBook uses `null`, so operators see the same value. */
export const MISSING = null;

export type PathReader = (facts: unknown) => unknown;

/** True when `key` is one of the keys that must never resolve, even as an own property. */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/** Own properties only, so inherited members (`toString`, `map`, ...) read as missing too. */
function hasOwnKey(container: unknown, key: string): container is Record<string, unknown> {
  return !!container && typeof container === "object" && !isPrototypeKey(key) && Object.prototype.hasOwnProperty.call(container, key);
}

/** One own property of an object, or `undefined` (also for the prototype keys). */
export function readOwn(container: unknown, key: string): unknown {
  return hasOwnKey(container, key) ? container[key] : undefined;
}

/**
 * Splits a dotted path once at compile time and returns a reader for it.
 * Array indexes (`items.0`) and `length` work because they are own properties of arrays.
 */
export function compilePath(path: string): PathReader {
  const keys = path.split(".");
  return (facts) => {
    let current: unknown = facts;
    for (const key of keys) {
      if (!hasOwnKey(current, key)) return MISSING;
      current = current[key];
    }
    return current;
  };
}

/** Applies a value test to whatever a path reads. */
export function testAtPath(path: string, test: ValueTest): FactsTest {
  const read = compilePath(path);
  return (facts, root) => test(read(facts), root);
}
