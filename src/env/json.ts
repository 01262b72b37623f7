/**
 * `JSON.stringify` that a page's `Array.prototype.toJSON` (Prototype.js, old MooTools) cannot
 * bend: there, every array would become a string, and a stored cart a string too. The
 * replacer hands back the original array (`this[key]`) in place of what toJSON made of it.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, made) {
    const raw = this[key];
    return Array.isArray(raw) ? raw : made;
  });
}
