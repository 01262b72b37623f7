/*
 * Templates in widget content: "Hi {{attributes.firstName|friend}}" is filled
 * from the facts document when the widget shows, in this one place (the widget
 * host), never inside widgets. The result is plain text: widgets render it as
 * text, so a value can never become markup.
 */

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;
/** Keys that could reach an object's prototype chain: they never resolve. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Reads a dotted path through own properties only (`cart.items.0.name`);
 * undefined when any step is missing or is a prototype key.
 */
export function readPath(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split(".")) {
    if (FORBIDDEN.has(key) || typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A value as text: strings as they are, finite numbers plainly (`19.9`), booleans as words; anything else is missing. */
function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return String(value);
  return undefined;
}

/**
 * Fills every `{{path|fallback}}` in one string; a missing or empty value
 * gives the fallback (or nothing), never "undefined" or "null".
 *
 * @example
 * fillTemplate("Hi {{attributes.firstName|friend}}!", { attributes: {} }); // "Hi friend!"
 */
export function fillTemplate(text: string, facts: unknown): string {
  if (!text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (_match, path: string, fallback: string | undefined) => asText(readPath(facts, path)) ?? (fallback ?? "").trim());
}

/** Fills the templates in every string of a widget's content (nested objects and arrays too); returns a new object. */
export function fillContent<T>(content: T, facts: unknown): T {
  if (typeof content === "string") return fillTemplate(content, facts) as T;
  if (Array.isArray(content)) return content.map((item) => fillContent(item, facts)) as T;
  if (typeof content === "object" && content !== null) {
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(content)) if (key !== "__proto__") filled[key] = fillContent(value, facts);
    return filled as T;
  }
  return content;
}
