import type { Facts } from "../../src/profile/facts.js";
import type { Product } from "../../src/render/widget-api.js";
import { own } from "../../src/env/own.js";

/** The rows a comparison shows when `rows` is not given (each only when some product has it). */
export const DEFAULT_ROWS: readonly string[] = ["price", "brand", "tags", "inStock"];

/** The facts the pick reads; a full facts document fits. */
export type CompareFacts = Pick<Facts, "viewed">;

/**
 * The products to compare, most recently viewed first: those the visitor viewed in `category`
 * (default: the category of the product viewed last), as the catalog feed describes them, at
 * most `limit`. Fewer than two and there is nothing to compare: the list is empty. Pure.
 *
 * @example
 * comparable(feed, facts, { limit: 3 }); // the last three coffees viewed, when the last product viewed is a coffee
 */
export function comparable(products: readonly Product[], facts: CompareFacts, options: { category?: string; limit?: number } = {}): Product[] {
  const index = new Map(products.map((p) => [p.id, p]));
  const viewed = facts.viewed.products.map((id) => index.get(id)).filter((p): p is Product => !!p);
  const category = options.category ?? viewed[0]?.category;
  if (category === undefined) return [];
  const list = [...new Set(viewed)].filter((p) => p.category === category).slice(0, options.limit ?? 3);
  return list.length >= 2 ? list : [];
}

/** A product's value at a dotted key, own properties only (`__proto__` never resolves). */
export function fieldOf(product: Product, key: string): unknown {
  let value: unknown = product;
  for (const part of key.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = own(value as Record<string, unknown>, part);
  }
  return value;
}
