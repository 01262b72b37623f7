/*
 * The argument checks of the common calls (track, page, viewItem, search, cart.*, purchase, on, show,
 * hide): they accept and normalise good input. A rejected call throws an `ArgumentProblem` that names
 * its message by key; the message texts load lazily (argument-messages.ts, see rejections.ts), since
 * most page views never make a wrong call.
 */
import type { CartLine } from "../profile/facts.js";
import type { MessageKey } from "./argument-messages.js";

/**
 * A wrong argument to a public API call; reported as a warning, the call is dropped.
 * `message` is the text when the thrower holds it (a lazy chunk's own checks), else empty:
 * then `why` names it — the call, the message's key, and the values it quotes.
 */
export class ArgumentProblem extends Error {
  constructor(
    message: string,
    readonly why?: [where: string, key: MessageKey, ...values: unknown[]],
  ) {
    super(message);
  }
}

/** A rejected argument whose message loads lazily: `${where}: <the key's text>`. */
export const rejected = (where: string, key: MessageKey, ...values: unknown[]) => new ArgumentProblem("", [where, key, ...values]);

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function eventName(value: unknown, where: string): string {
  if (typeof value !== "string" || !value.trim()) throw rejected(where, "eventName", value);
  if (value.length > 100) throw rejected(where, "eventLength");
  if (FORBIDDEN_KEYS.has(value)) throw rejected(where, "eventReserved", value);
  return value;
}

/** A plain-data copy of an object argument: own keys only, no prototype keys, bounded depth and size. */
export function plainObject(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw rejected(where, "object", value);
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
  if (!isRecord(value)) throw rejected(where, "item", value);
  const id = typeof value.id === "number" ? String(value.id) : value.id;
  if (typeof id !== "string" || !id) throw rejected(where, "itemId", value.id);
  const price = toNumber(value.price ?? 0);
  if (!Number.isFinite(price) || price < 0) throw rejected(where, "itemPrice", value.price);
  const quantity = value.quantity === undefined ? 1 : toNumber(value.quantity);
  if (!Number.isInteger(quantity) || quantity < 1) throw rejected(where, "itemQuantity", value.quantity);
  const clean: CartLine = { id, price, quantity };
  if (typeof value.name === "string") clean.name = value.name.slice(0, 200);
  if (typeof value.category === "string") clean.category = value.category.slice(0, 200);
  if (typeof value.image === "string") clean.image = value.image.slice(0, 2000);
  return clean;
}

/** `cart.set(items)`: an array of cart items. */
export function cartItems(value: unknown, where: string): CartLine[] {
  if (!Array.isArray(value)) throw rejected(where, "items");
  return value.map((item, i) => cartItem(item, `${where} items[${i}]`));
}

export function identifier(value: unknown, where: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string" || !value.trim()) throw rejected(where, "id", value);
  return value.slice(0, 200);
}

export function order(value: unknown, where: string): { id: string; value: number; currency?: string; coupon?: string; items: CartLine[] } {
  if (!isRecord(value)) throw rejected(where, "order", value);
  const amount = Number(value.value);
  if (!Number.isFinite(amount) || amount < 0) throw rejected(where, "orderValue", value.value);
  const items = Array.isArray(value.items) ? value.items.map((item, i) => cartItem(item, `${where}: order.items[${i}]`)) : [];
  if (value.coupon !== undefined && typeof value.coupon !== "string") throw rejected(where, "orderCoupon", value.coupon);
  const coupon = typeof value.coupon === "string" && value.coupon.trim() ? value.coupon.trim().slice(0, 64) : undefined;
  return {
    id: identifier(value.id, `${where}: order.id`),
    value: amount,
    currency: typeof value.currency === "string" ? value.currency : undefined,
    ...(coupon ? { coupon } : {}),
    items,
  };
}

/** `viewItem(product)`: a product with an id, and optional name, price and category. */
export function product(value: unknown, where: string): { id: string; name?: string; price?: number; category?: string } & Record<string, unknown> {
  if (!isRecord(value)) throw rejected(where, "product", value);
  const id = identifier(value.id, `${where}: product.id`);
  if (value.price !== undefined && (typeof value.price !== "number" || !Number.isFinite(value.price) || value.price < 0)) {
    throw rejected(where, "productPrice", value.price);
  }
  for (const key of ["name", "category"]) {
    if (value[key] !== undefined && typeof value[key] !== "string") throw rejected(where, "productText", key, value[key]);
  }
  return { ...(sanitize(value, 0) as Record<string, unknown>), id };
}

/** `search(query)`: the visitor's search terms, trimmed, at most 200 characters. */
export function searchQuery(value: unknown, where: string): string {
  if (typeof value !== "string" || !value.trim()) throw rejected(where, "search", value);
  return value.trim().slice(0, 200);
}

/** `page({ type })`: an optional page-type hint. */
export function pageProps(value: unknown, where: string, types: readonly string[]): { type?: string } {
  const raw = plainObject(value, where);
  if (raw.type === undefined) return {};
  if (typeof raw.type !== "string" || !types.includes(raw.type)) throw rejected(where, "pageType", raw.type, types);
  return { type: raw.type };
}

/** `on(event, handler)`: a handler function. */
export function handler<F>(value: F, event: string): F {
  if (typeof value !== "function") throw rejected(`on("${event}")`, "handler");
  return value;
}
