/**
 * What the dataLayer watcher and its lazily loaded mapping chunks share: the command
 * they produce and how an entry is read. It sits below both, so neither imports the other.
 */

/** A command in the script-tag queue format, e.g. `["cart.add", item]`. */
export type Command = [string, ...unknown[]];

/** gtag pushes its `arguments` object, which is array-like but not an array. */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || Object.prototype.toString.call(value) === "[object Arguments]";
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
