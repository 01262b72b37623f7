/**
 * The customer card from a customer's stored orders: counts, money, favourites, what was bought
 * when, coupons used and the RFM inputs (count, total, last and first order). Pure: the stores
 * read the rows, this computes.
 */
import { CARD_LIST_LIMIT, type CustomerCard } from "../../profile/customer-card.js";

/** One imported order line of the shop's export (see orders-csv.ts). */
export interface ImportedOrder {
  customer: string;
  order: string;
  /** ms since the epoch. */
  time: number;
  total: number;
  currency?: string;
  items: string[];
  categories: string[];
  coupon?: string;
}

/** The card of one customer from all their orders (any order) and their birthday. */
export function buildCard(customer: string, orders: readonly ImportedOrder[], birthday: string | null): CustomerCard {
  const newest = [...orders].sort((a, b) => b.time - a.time || (a.order < b.order ? 1 : -1));
  const total = Math.round(newest.reduce((sum, o) => sum + o.total, 0) * 100) / 100;
  const bought = new Map<string, number>();
  const items = new Map<string, number>();
  const categories = new Map<string, number>();
  const coupons = new Set<string>();
  for (const order of newest) {
    for (const item of order.items) {
      if (!bought.has(item)) bought.set(item, order.time); // newest first: the first seen is the last bought
      items.set(item, (items.get(item) ?? 0) + 1);
    }
    for (const category of order.categories) categories.set(category, (categories.get(category) ?? 0) + 1);
    if (order.coupon) coupons.add(order.coupon);
  }
  const [last] = newest;
  const currency = newest.find((o) => o.currency)?.currency;
  return {
    id: customer,
    orders: {
      count: newest.length,
      total,
      last: last ? { id: last.order, value: last.total, time: last.time } : null,
      first: newest.length ? newest[newest.length - 1].time : null,
    },
    orderIds: newest.slice(0, CARD_LIST_LIMIT).map((o) => o.order),
    averageOrder: newest.length ? Math.round((total / newest.length) * 100) / 100 : 0,
    favouriteCategories: mostFirst(categories),
    favouriteItems: mostFirst(items),
    bought: Object.fromEntries([...bought].slice(0, CARD_LIST_LIMIT)),
    couponsUsed: [...coupons].slice(0, CARD_LIST_LIMIT),
    birthday,
    ...(currency ? { currency } : {}),
  };
}

/** Keys by count, highest first; ties keep the order first met (the newer order). At most 10. */
function mostFirst(counts: Map<string, number>): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([key]) => key);
}
