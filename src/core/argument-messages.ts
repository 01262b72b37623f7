/*
 * The warning texts of rejected calls: a lazy chunk, loaded with the first wrong call (see
 * rejections.ts). The checks that reject live in arguments.ts and name their text here by key.
 */
import type { ArgumentProblem } from "./arguments.js";

/** How a rejected value is quoted: its type, or a string's first 30 characters. */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value.slice(0, 30)}"` : typeof value;
}

/** Each rejection's text after "<where>: ", from the values the check passed. */
const MESSAGES = {
  eventName: (got: unknown) => `the event name must be a non-empty string, got ${typeOf(got)}`,
  eventLength: () => "the event name is longer than 100 characters",
  eventReserved: (name: unknown) => `"${name}" is not allowed as an event name`,
  object: (got: unknown) => `expected an object, got ${typeOf(got)}`,
  item: (got: unknown) => `expected an item object { id, price, quantity? }, got ${typeOf(got)}`,
  itemId: (got: unknown) => `item.id must be a non-empty string or number, got ${typeOf(got)}`,
  itemPrice: (got: unknown) => `item.price must be a number ≥ 0, got ${typeOf(got)}`,
  itemQuantity: (got: unknown) => `item.quantity must be a whole number ≥ 1, got ${typeOf(got)}`,
  items: () => "expected an array of items",
  id: (got: unknown) => `expected a non-empty string id, got ${typeOf(got)}`,
  order: (got: unknown) => `expected an order object { id, value, items? }, got ${typeOf(got)}`,
  orderValue: (got: unknown) => `order.value must be a number ≥ 0, got ${typeOf(got)}`,
  orderCoupon: (got: unknown) => `order.coupon must be a string (the code used), got ${typeOf(got)}`,
  product: (got: unknown) => `expected a product object { id, name?, price?, category? }, got ${typeOf(got)}`,
  productPrice: (got: unknown) => `product.price must be a number ≥ 0, got ${typeOf(got)}`,
  productText: (key: unknown, got: unknown) => `product.${key} must be a string, got ${typeOf(got)}`,
  search: (got: unknown) => `expected a non-empty search string, got ${typeOf(got)}`,
  pageType: (got: unknown, types: unknown) => `type must be one of ${(types as string[]).join(", ")}, got ${typeOf(got)}`,
  handler: () => "the handler must be a function",
  command: () => 'expected ["method", ...arguments] or a function',
  unknownCommand: (method: unknown) => `unknown command "${method}"`,
} satisfies Record<string, (...values: unknown[]) => string>;

export type MessageKey = keyof typeof MESSAGES;

/** The full warning text of a rejected call, e.g. `track(): the event name must be a non-empty string, got number`. */
export function describeProblem(problem: ArgumentProblem): string {
  if (!problem.why) return problem.message;
  const [where, key, ...values] = problem.why;
  return `${where}: ${(MESSAGES[key] as (...v: unknown[]) => string)(...values)}`;
}
