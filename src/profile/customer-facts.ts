import { own } from "../env/own.js";
import { daysUntilYearly } from "../rules/condition/customer-operators.js";
import { birthdayParts, type CardOrder, type CustomerCard } from "./customer-card.js";
import type { Facts, OrderFacts } from "./facts.js";
import { localDayNumber } from "./history.js";
import type { Profile } from "./profile.js";
import { rfm, type RfmThresholds } from "./rfm.js";

/** The windows of `customer.boughtWithin`, in days. */
export const BOUGHT_WINDOWS = { "7d": 7, "30d": 30, "90d": 90, "365d": 365 } as const;

/** `customer.*` in the facts document: the shop's card merged with what this browser recorded. */
export interface CustomerFacts {
  /** True when the shop's card is loaded (a returning customer on any device). */
  known: boolean;
  /** The card's customer id; null without a card. */
  id: string | null;
  /** Orders of the merged record: the card's, plus this browser's that the card does not list (by order id). */
  orders: OrderFacts;
  /** Money per order over the merged record; 0 before the first order. */
  averageOrder: number;
  /** The category ordered most often (the card's); null when unknown. */
  favouriteCategory: string | null;
  favouriteCategories: string[];
  favouriteItems: string[];
  /** Item id → when it was last bought (ms since the epoch), card and browser merged. */
  bought: Record<string, number>;
  /** Item ids bought within the last 7, 30, 90 and 365 days. */
  boughtWithin: Record<keyof typeof BOUGHT_WINDOWS, string[]>;
  /** Coupon codes used on an order (the card's and this browser's purchases). */
  couponsUsed: string[];
  /** "YYYY-MM-DD" or "MM-DD"; null when unknown. */
  birthday: string | null;
  /** Days until the next birthday (0 on the day; 29 February falls on the 28th in other years); null without one. */
  daysToBirthday: number | null;
}

interface BrowserOrder extends CardOrder {
  coupon?: string;
  items: string[];
}

/** This browser's orders as the `purchase` events' recent history has them (the last 50, with their ids). */
function browserOrders(profile: Profile): BrowserOrder[] {
  const seen = new Set<string>();
  const orders: BrowserOrder[] = [];
  for (const { t, props } of own(profile.events, "purchase")?.recent ?? []) {
    const id = props?.id;
    if (typeof id !== "string" || seen.has(id)) continue;
    seen.add(id);
    const items = Array.isArray(props?.items) ? props.items.filter((item): item is string => typeof item === "string") : [];
    const value = typeof props?.value === "number" ? props.value : 0;
    orders.push({ id, value, time: t, items, ...(typeof props?.coupon === "string" ? { coupon: props.coupon } : {}) });
  }
  return orders;
}

const later = (a: CardOrder | null, b: CardOrder | null) => (!a || (b && b.time > a.time) ? b : a);
const round = (money: number) => Math.round(money * 100) / 100;

/**
 * Adds `customer` to the facts, and with a card replaces `orders` and `rfm` with the merged record:
 * the card's orders plus this browser's whose ids the card does not list, so an order the shop
 * already exported is never counted twice.
 *
 * @example
 * applyCustomer(facts, profile, settings.rfm, Date.now());
 * facts.customer?.boughtWithin["30d"]; // ["sku-1"]
 */
export function applyCustomer(facts: Facts, profile: Profile, bounds: Partial<RfmThresholds> | undefined, now: number): void {
  const card: CustomerCard | undefined = profile.customer?.card;
  const mine = browserOrders(profile);
  const listed = new Set(card?.orderIds);
  const extra = card ? mine.filter((o) => !listed.has(o.id)) : [];
  const orders: OrderFacts = card
    ? {
        count: card.orders.count + extra.length,
        total: round(card.orders.total + extra.reduce((sum, o) => sum + o.value, 0)),
        average: 0,
        last: extra.reduce<CardOrder | null>((last, o) => later(last, { id: o.id, value: o.value, time: o.time }), card.orders.last),
      }
    : { ...facts.orders };
  orders.average = orders.count ? round(orders.total / orders.count) : 0;
  const bought = new Map<string, number>(Object.entries(card?.bought ?? {}));
  for (const order of mine) for (const item of order.items) bought.set(item, Math.max(bought.get(item) ?? 0, order.time));
  const boughtWithin = {} as CustomerFacts["boughtWithin"];
  for (const [key, days] of Object.entries(BOUGHT_WINDOWS) as [keyof typeof BOUGHT_WINDOWS, number][])
    boughtWithin[key] = [...bought].filter(([, time]) => now - time <= days * 86_400_000).map(([item]) => item);
  const birthday = card?.birthday ?? null;
  const parts = birthdayParts(birthday);
  facts.customer = {
    known: !!card,
    id: card?.id ?? null,
    orders,
    averageOrder: orders.average,
    favouriteCategory: card?.favouriteCategories[0] ?? null,
    favouriteCategories: card?.favouriteCategories ?? [],
    favouriteItems: card?.favouriteItems ?? [],
    bought: Object.fromEntries([...bought].filter(([item]) => item !== "__proto__")),
    boughtWithin,
    couponsUsed: [...new Set([...(card?.couponsUsed ?? []), ...mine.flatMap((o) => (o.coupon ? [o.coupon] : []))])],
    birthday,
    daysToBirthday: parts ? daysUntilYearly(parts.month, parts.day, localDayNumber(now)) : null,
  };
  if (card) {
    facts.orders = orders;
    facts.rfm = rfm({ count: orders.count, total: orders.total, lastTime: orders.last?.time ?? null }, now, bounds);
  }
}
