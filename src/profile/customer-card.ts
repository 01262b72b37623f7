/**
 * The customer card: the shop's own record of one customer, as `GET /customer` answers it (the
 * collector's import of the shop's orders, or the shop's own endpoint that follows this contract;
 * see docs/customer-card.md). The browser keeps it in the profile, under the same consent rules.
 */

/** At most this many order ids, bought items, favourites and coupons travel in a card. */
export const CARD_LIST_LIMIT = 500;

/** An order of the card: id, value and when (ms since the epoch). */
export interface CardOrder {
  id: string;
  value: number;
  time: number;
}

/**
 * The JSON contract of `GET /customer` (the answer's body).
 *
 * @example
 * const card: CustomerCard = {
 *   id: "c-1024",
 *   orders: { count: 3, total: 240, last: { id: "1003", value: 90, time: 1_764_000_000_000 }, first: 1_760_000_000_000 },
 *   orderIds: ["1003", "1002", "1001"],
 *   averageOrder: 80,
 *   favouriteCategories: ["shoes", "socks"],
 *   favouriteItems: ["sku-1"],
 *   bought: { "sku-1": 1_764_000_000_000 },
 *   couponsUsed: ["WELCOME10"],
 *   birthday: "1990-02-28",
 * };
 */
export interface CustomerCard {
  /** The customer id (the token's `sub`, what `identify()` names). */
  id: string;
  /** Order count, money spent and the last order; `first` is when the first order was placed (null before one). */
  orders: { count: number; total: number; last: CardOrder | null; first?: number | null };
  /** Ids of the orders counted, newest first: the browser's own orders with these ids are not counted again. */
  orderIds: string[];
  /** Money per order (total ÷ count, 2 decimals); 0 before the first order. */
  averageOrder: number;
  /** Categories ordered most often first. */
  favouriteCategories: string[];
  /** Item ids ordered most often first. */
  favouriteItems: string[];
  /** Item id → when it was last bought (ms since the epoch). */
  bought: Record<string, number>;
  /** Coupon codes this customer has used on an order. */
  couponsUsed: string[];
  /** "YYYY-MM-DD" or "MM-DD"; null when unknown. */
  birthday: string | null;
  /** The orders' currency, when the export names one. */
  currency?: string;
}

const BIRTHDAY = /^(?:\d{4}-)?(\d{2})-(\d{2})$/;

/** A birthday's month and day, or undefined when it is not "YYYY-MM-DD" / "MM-DD" with a real day. */
export function birthdayParts(text: unknown): { month: number; day: number } | undefined {
  const match = typeof text === "string" ? BIRTHDAY.exec(text) : null;
  if (!match) return undefined;
  const month = Number(match[1]);
  const day = Number(match[2]);
  // Any year's calendar, leap years included: 02-29 is a birthday.
  return month >= 1 && month <= 12 && day >= 1 && day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ? { month, day } : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isMoney = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/**
 * Checks an answer against the contract: the card, or a sentence naming the first field that is
 * wrong (`orders.total: expected a number`). Lists are cut to `CARD_LIST_LIMIT`.
 */
export function parseCard(value: unknown): CustomerCard | string {
  if (!isObject(value)) return "expected a JSON object";
  const { id, orders, orderIds, averageOrder, favouriteCategories, favouriteItems, bought, couponsUsed, birthday, currency } = value;
  if (typeof id !== "string" || !id) return "id: expected the customer id, a string";
  if (!isObject(orders) || !isMoney(orders.count) || !isMoney(orders.total)) return "orders: expected { count, total, last }";
  const last = orders.last;
  if (last !== null && last !== undefined && !(isObject(last) && typeof last.id === "string" && isMoney(last.value) && isMoney(last.time)))
    return "orders.last: expected { id, value, time } or null";
  if (!strings(orderIds)) return "orderIds: expected an array of order ids";
  if (averageOrder !== undefined && !isMoney(averageOrder)) return "averageOrder: expected a number";
  for (const [name, list] of [
    ["favouriteCategories", favouriteCategories],
    ["favouriteItems", favouriteItems],
    ["couponsUsed", couponsUsed],
  ] as const)
    if (list !== undefined && !strings(list)) return `${name}: expected an array of strings`;
  if (bought !== undefined && !(isObject(bought) && Object.values(bought).every(isMoney))) return "bought: expected { itemId: time in ms }";
  if (birthday !== undefined && birthday !== null && !birthdayParts(birthday)) return `birthday: expected "YYYY-MM-DD" or "MM-DD", got ${JSON.stringify(birthday)}`;
  const cut = (list: unknown) => ((list as string[] | undefined) ?? []).slice(0, CARD_LIST_LIMIT);
  const boughtItems: Record<string, number> = {};
  for (const [item, time] of Object.entries((bought as Record<string, number> | undefined) ?? {}).slice(0, CARD_LIST_LIMIT)) if (item !== "__proto__") boughtItems[item] = time;
  const first = orders.first;
  return {
    id,
    orders: {
      count: orders.count,
      total: orders.total,
      last: last ? { id: last.id as string, value: last.value as number, time: last.time as number } : null,
      first: isMoney(first) ? first : null,
    },
    orderIds: cut(orderIds),
    averageOrder: isMoney(averageOrder) ? averageOrder : orders.count ? Math.round((orders.total / orders.count) * 100) / 100 : 0,
    favouriteCategories: cut(favouriteCategories),
    favouriteItems: cut(favouriteItems),
    bought: boughtItems,
    couponsUsed: cut(couponsUsed),
    birthday: typeof birthday === "string" ? birthday : null,
    ...(typeof currency === "string" && currency ? { currency } : {}),
  };
}
