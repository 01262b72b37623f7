/**
 * GA4 ecommerce events as Nudge commands: loaded by `watchDataLayer` (its own chunk)
 * only once the page's dataLayer holds one of the events read here.
 */
import { isArrayLike, isObject, type Command } from "./layer-entry.js";

interface Ga4Item {
  item_id?: unknown;
  item_name?: unknown;
  price?: unknown;
  quantity?: unknown;
  item_category?: unknown;
}

/** Reads a dataLayer entry: `{ event, ecommerce }` objects, or gtag's `("event", name, params)` arguments. */
function readEntry(entry: unknown): { event: string; data: Record<string, unknown> } | undefined {
  if (isArrayLike(entry) && entry[0] === "event" && typeof entry[1] === "string") {
    return { event: entry[1], data: isObject(entry[2]) ? entry[2] : {} };
  }
  if (!isObject(entry) || typeof entry.event !== "string") return undefined;
  // GA4 puts ecommerce data under `ecommerce`; `search_term` sits at the top level.
  return { event: entry.event, data: { ...entry, ...(isObject(entry.ecommerce) ? entry.ecommerce : {}) } };
}

function item(raw: Ga4Item) {
  const id = typeof raw.item_id === "number" ? String(raw.item_id) : raw.item_id;
  if (typeof id !== "string" || !id) return undefined;
  const price = Number(raw.price ?? 0);
  const quantity = Number(raw.quantity ?? 1);
  return {
    id,
    ...(typeof raw.item_name === "string" ? { name: raw.item_name } : {}),
    price: Number.isFinite(price) && price >= 0 ? price : 0,
    quantity: Number.isInteger(quantity) && quantity > 0 ? quantity : 1,
    ...(typeof raw.item_category === "string" ? { category: raw.item_category } : {}),
  };
}

function items(data: Record<string, unknown>) {
  return (Array.isArray(data.items) ? data.items : [])
    .filter(isObject)
    .map((raw) => item(raw as Ga4Item))
    .filter((i) => i !== undefined);
}

/**
 * The Nudge commands for one GA4 event; empty for events Nudge does not use.
 *
 * @example
 * ga4ToCommands({ event: "add_to_cart", ecommerce: { items: [{ item_id: "sku-1", price: 20 }] } });
 * // [["cart.add", { id: "sku-1", price: 20, quantity: 1 }]]
 */
export function ga4ToCommands(entry: unknown): Command[] {
  const read = readEntry(entry);
  if (!read) return [];
  const { event, data } = read;
  switch (event) {
    case "view_item": {
      const [first] = items(data);
      return first ? [["track", "view_item", { id: first.id, name: first.name, price: first.price, category: first.category }]] : [];
    }
    case "view_item_list":
      return [["track", "view_item_list", { list: typeof data.item_list_name === "string" ? data.item_list_name : "", count: items(data).length }]];
    case "add_to_cart":
      return items(data).map((line) => ["cart.add", line]);
    case "remove_from_cart":
      // A quantity takes that many off the line; without one the whole line goes.
      return (Array.isArray(data.items) ? data.items : []).filter(isObject).flatMap((raw): Command[] => {
        const line = item(raw as Ga4Item);
        return line ? [raw.quantity === undefined ? ["cart.remove", line.id] : ["cart.remove", line.id, line.quantity]] : [];
      });
    case "begin_checkout":
      return [["track", "begin_checkout", { value: Number(data.value) || 0 }]];
    case "purchase": {
      const id = data.transaction_id;
      if ((typeof id !== "string" && typeof id !== "number") || id === "") return [];
      const order = {
        id: String(id),
        value: Number(data.value) || 0,
        currency: typeof data.currency === "string" ? data.currency : undefined,
        coupon: typeof data.coupon === "string" ? data.coupon : undefined,
        items: items(data),
      };
      return [["purchase", order]]; // purchase() empties the cart itself
    }
    case "search":
      return typeof data.search_term === "string" ? [["track", "search", { query: data.search_term }]] : [];
    default:
      return [];
  }
}

/** The name `watchDataLayer` loads the mapping by. */
export { ga4ToCommands as toCommands };
