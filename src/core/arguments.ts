import type { CartLine } from "../profile/facts.js";

/** A wrong argument to a public API call; reported as a warning, the call is dropped. */
export class ArgumentProblem extends Error {}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function eventName(value: unknown, where: string): string {
  if (typeof value !== "string" || !value.trim()) throw new ArgumentProblem(`${where}: the event name must be a non-empty string, got ${typeOf(value)}`);
  if (value.length > 100) throw new ArgumentProblem(`${where}: the event name is longer than 100 characters`);
  if (FORBIDDEN_KEYS.has(value)) throw new ArgumentProblem(`${where}: "${value}" is not allowed as an event name`);
  return value;
}

/** A plain-data copy of an object argument: own keys only, no prototype keys, bounded depth and size. */
export function plainObject(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new ArgumentProblem(`${where}: expected an object, got ${typeOf(value)}`);
  return sanitize(value, 0) as Record<string, unknown>;
}

function sanitize(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.length > 2000 ? value.slice(0, 2000) : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean" || value === null) return value;
  if (typeof value !== "object" || depth > 5) return undefined;
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => sanitize(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, 100)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const clean = sanitize((value as Record<string, unknown>)[key], depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

/** `Number(value)`, or NaN where converting throws (a symbol, an object whose valueOf throws). */
function toNumber(value: unknown): number {
  try {
    return Number(value);
  } catch {
    return Number.NaN;
  }
}

export function cartItem(value: unknown, where: string): CartLine {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ArgumentProblem(`${where}: expected an item object { id, price, quantity? }, got ${typeOf(value)}`);
  const item = value as Record<string, unknown>;
  const id = typeof item.id === "number" ? String(item.id) : item.id;
  if (typeof id !== "string" || !id) throw new ArgumentProblem(`${where}: item.id must be a non-empty string or number, got ${typeOf(item.id)}`);
  const price = toNumber(item.price ?? 0);
  if (!Number.isFinite(price) || price < 0) throw new ArgumentProblem(`${where}: item.price must be a number ≥ 0, got ${typeOf(item.price)}`);
  const quantity = item.quantity === undefined ? 1 : toNumber(item.quantity);
  if (!Number.isInteger(quantity) || quantity < 1) throw new ArgumentProblem(`${where}: item.quantity must be a whole number ≥ 1, got ${typeOf(item.quantity)}`);
  const clean: CartLine = { id, price, quantity };
  if (typeof item.name === "string") clean.name = item.name.slice(0, 200);
  if (typeof item.category === "string") clean.category = item.category.slice(0, 200);
  if (typeof item.image === "string") clean.image = item.image.slice(0, 2000);
  return clean;
}

export function identifier(value: unknown, where: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string" || !value.trim()) throw new ArgumentProblem(`${where}: expected a non-empty string id, got ${typeOf(value)}`);
  return value.slice(0, 200);
}

export function order(value: unknown, where: string): { id: string; value: number; currency?: string; coupon?: string; items: CartLine[] } {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ArgumentProblem(`${where}: expected an order object { id, value, items? }, got ${typeOf(value)}`);
  const raw = value as Record<string, unknown>;
  const amount = Number(raw.value);
  if (!Number.isFinite(amount) || amount < 0) throw new ArgumentProblem(`${where}: order.value must be a number ≥ 0, got ${typeOf(raw.value)}`);
  const items = Array.isArray(raw.items) ? raw.items.map((item, i) => cartItem(item, `${where}: order.items[${i}]`)) : [];
  if (raw.coupon !== undefined && typeof raw.coupon !== "string") throw new ArgumentProblem(`${where}: order.coupon must be a string (the code used), got ${typeOf(raw.coupon)}`);
  const coupon = typeof raw.coupon === "string" && raw.coupon.trim() ? raw.coupon.trim().slice(0, 64) : undefined;
  return {
    id: identifier(raw.id, `${where}: order.id`),
    value: amount,
    currency: typeof raw.currency === "string" ? raw.currency : undefined,
    ...(coupon ? { coupon } : {}),
    items,
  };
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value.slice(0, 30)}"` : typeof value;
}

/** `viewItem(product)`: a product with an id, and optional name, price and category. */
export function product(value: unknown, where: string): { id: string; name?: string; price?: number; category?: string } & Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ArgumentProblem(`${where}: expected a product object { id, name?, price?, category? }, got ${typeOf(value)}`);
  const raw = value as Record<string, unknown>;
  const id = identifier(raw.id, `${where}: product.id`);
  if (raw.price !== undefined && (typeof raw.price !== "number" || !Number.isFinite(raw.price) || raw.price < 0)) {
    throw new ArgumentProblem(`${where}: product.price must be a number ≥ 0, got ${typeOf(raw.price)}`);
  }
  for (const key of ["name", "category"]) {
    if (raw[key] !== undefined && typeof raw[key] !== "string") throw new ArgumentProblem(`${where}: product.${key} must be a string, got ${typeOf(raw[key])}`);
  }
  return { ...(sanitize(raw, 0) as Record<string, unknown>), id };
}

/** `search(query)`: the visitor's search terms, trimmed, at most 200 characters. */
export function searchQuery(value: unknown, where: string): string {
  if (typeof value !== "string" || !value.trim()) throw new ArgumentProblem(`${where}: expected a non-empty search string, got ${typeOf(value)}`);
  return value.trim().slice(0, 200);
}

/** `page({ type })`: an optional page-type hint. */
export function pageProps(value: unknown, where: string, types: readonly string[]): { type?: string } {
  const raw = plainObject(value, where);
  if (raw.type === undefined) return {};
  if (typeof raw.type !== "string" || !types.includes(raw.type)) throw new ArgumentProblem(`${where}: type must be one of ${types.join(", ")}, got ${typeOf(raw.type)}`);
  return { type: raw.type };
}
