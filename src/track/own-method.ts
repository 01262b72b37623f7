/**
 * Puts a method on one object as its own property. Plain assignment throws in a page
 * that froze the prototype (SES lockdown, hardened pages: the "override mistake"),
 * because the inherited `push`/`pushState` is read-only there; defining it does not.
 */
export function setOwnMethod(target: object, name: string, fn: unknown): void {
  Object.defineProperty(target, name, { value: fn, writable: true, configurable: true });
}
