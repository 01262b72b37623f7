import type { Facts } from "../../src/profile/facts.js";
import type { Product } from "../../src/render/widget-api.js";

import type { Strategy } from "./schema.js";

export type { Strategy };

/** What a strategy needs besides the feed and the facts. */
export interface StrategyOptions {
  /** The product the recommendations are about; default: the current page's product, else the last viewed one. */
  product?: string;
  /** `popular`: this category; default: the anchor product's, else the visitor's most viewed one. */
  category?: string;
  /** `upsell`: only for visitors whose average order is at least this (default 0: anyone). */
  minAverageOrder?: number;
  /** At most this many products (default 12). */
  limit?: number;
}

/** The subset of facts the strategies read; a full facts document fits. */
export type StrategyFacts = Pick<Facts, "page" | "cart" | "viewed" | "orders" | "time"> & { events?: Facts["events"] };

const JUST_BOUGHT_MS = 30 * 86_400_000;

/**
 * Picks the products to recommend, best first. Pure: the same feed, facts and options give the
 * same list. Never recommends what is out of stock, already in the cart, bought in the last 30
 * days, or the product the recommendations are about.
 *
 * @example
 * recommend(feed, facts, "similar", { limit: 8 }); // products like the one on this page
 */
export function recommend(products: readonly Product[], facts: StrategyFacts, strategy: Strategy, options: StrategyOptions = {}): Product[] {
  const index = new Map(products.map((p) => [p.id, p]));
  const anchor = anchorProduct(products, index, facts, options.product);
  const excluded = new Set([...facts.cart.items.map((i) => i.id), ...justBought(facts)]);
  // What the list is about is not in it; recently viewed keeps the last viewed product unless it is this page's.
  if (anchor && (strategy !== "recently_viewed" || options.product || pageProduct(products, facts) === anchor)) excluded.add(anchor.id);
  const ok = (p: Product | undefined): p is Product => !!p && p.inStock !== false && !excluded.has(p.id);
  const ids = pick(strategy, products, index, facts, anchor, options);
  const seen = new Set<string>();
  const out: Product[] = [];
  for (const id of ids) {
    const p = index.get(id);
    if (seen.has(id) || !ok(p)) continue;
    seen.add(id);
    out.push(p);
    if (out.length >= (options.limit ?? 12)) break;
  }
  return out;
}

function pick(
  strategy: Strategy,
  products: readonly Product[],
  index: Map<string, Product>,
  facts: StrategyFacts,
  anchor: Product | undefined,
  options: StrategyOptions,
): string[] {
  switch (strategy) {
    case "recently_viewed":
      return facts.viewed.products;
    case "similar":
      return similar(products, anchor ? [anchor] : viewedProducts(index, facts).slice(0, 5));
    case "bought_together":
      return anchor ? [...(anchor.boughtTogether ?? []), ...coOccurring(facts, [anchor.id]), ...(anchor.related ?? [])] : [];
    case "cart_cross_sell":
      return crossSell(index, facts);
    case "popular":
      return popular(products, options.category ?? anchor?.category ?? facts.viewed.categories[0]);
    case "upsell":
      return upsell(products, facts, anchor ?? priciestInCart(index, facts), options.minAverageOrder ?? 0);
    case "personal":
      return interleave([
        crossSell(index, facts),
        similar(products, viewedProducts(index, facts).slice(0, 5)),
        facts.viewed.products,
        popular(products, facts.viewed.categories[0]),
      ]);
    default:
      return [];
  }
}

/**
 * The product the page is about: `options.product`, else the feed product whose URL is this
 * page's, else (on a product page) the last viewed product; elsewhere the last viewed product.
 */
export function anchorProduct(products: readonly Product[], index: Map<string, Product>, facts: StrategyFacts, id?: string): Product | undefined {
  if (id) return index.get(id);
  const onPage = pageProduct(products, facts);
  if (onPage) return onPage;
  const last = facts.viewed.last?.id;
  return last ? index.get(last) : undefined;
}

/** The feed product whose URL is this page's (path and query), if any. */
function pageProduct(products: readonly Product[], facts: StrategyFacts): Product | undefined {
  const here = sameUrl(facts.page.url);
  return here ? products.find((p) => sameUrl(p.url, facts.page.url) === here) : undefined;
}

/** Path and query of `url` (resolved against `base`), to compare a product's URL with the page's. */
function sameUrl(url: string, base?: string): string | undefined {
  try {
    const u = new URL(url, base);
    return u.pathname.replace(/\/index\.html$/, "/") + u.search;
  } catch {
    return undefined;
  }
}

function viewedProducts(index: Map<string, Product>, facts: StrategyFacts): Product[] {
  return facts.viewed.products.map((id) => index.get(id)).filter((p): p is Product => !!p);
}

/** Ids of products bought in the last 30 days (purchase events that carry their items' ids). */
export function justBought(facts: StrategyFacts): string[] {
  return baskets(facts, JUST_BOUGHT_MS).flat();
}

/** Item ids of each order in the visitor's history, newest last; only orders within `ms` when given. */
function baskets(facts: StrategyFacts, ms = Infinity): string[][] {
  const recent = facts.events?.purchase?.recent ?? [];
  return recent
    .filter((e) => facts.time.now - e.t <= ms)
    .map((e) => e.props?.items)
    .filter((items): items is unknown[] => Array.isArray(items))
    .map((items) => items.filter((id): id is string => typeof id === "string"));
}

/** Products the visitor bought in the same order as one of `ids`, most often first. */
function coOccurring(facts: StrategyFacts, ids: string[]): string[] {
  const counts = new Map<string, number>();
  for (const basket of baskets(facts)) {
    if (!basket.some((id) => ids.includes(id))) continue;
    for (const id of basket) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

/** Goes with the cart: the feed's `boughtTogether` of its items (most shared first), the visitor's own orders, then `related`. */
function crossSell(index: Map<string, Product>, facts: StrategyFacts): string[] {
  const cart = facts.cart.items.map((i) => index.get(i.id)).filter((p): p is Product => !!p);
  const votes = new Map<string, number>();
  cart.forEach((p) => (p.boughtTogether ?? []).forEach((id, rank) => votes.set(id, (votes.get(id) ?? 0) + 10 - Math.min(rank, 9))));
  const together = [...votes.keys()].sort((a, b) => votes.get(b)! - votes.get(a)!);
  return [
    ...together,
    ...coOccurring(
      facts,
      cart.map((p) => p.id),
    ),
    ...interleave(cart.map((p) => p.related ?? [])),
  ];
}

/** Scores every product by likeness to `anchors`: category, shared tags, brand, price band, `related`. */
function similar(products: readonly Product[], anchors: Product[]): string[] {
  if (!anchors.length) return [];
  const score = (p: Product) =>
    Math.max(
      ...anchors.map((a) => {
        const sharedTags = (p.tags ?? []).filter((t) => a.tags?.includes(t)).length;
        const band = a.price > 0 && p.price >= a.price * 0.6 && p.price <= a.price * 1.6;
        return (
          (p.category && p.category === a.category ? 4 : 0) +
          Math.min(sharedTags, 3) +
          (p.brand && p.brand === a.brand ? 1 : 0) +
          (band ? 1 : 0) +
          (a.related?.includes(p.id) ? 3 : 0)
        );
      }),
    );
  return byScore(products, score, 2);
}

function popular(products: readonly Product[], category?: string): string[] {
  return byScore(
    products.filter((p) => !category || p.category === category),
    () => 0,
    0,
  );
}

/** Pricier products in the anchor's category (up to 3× its price), for visitors whose average order is high enough. */
function upsell(products: readonly Product[], facts: StrategyFacts, anchor: Product | undefined, minAverage: number): string[] {
  if (!anchor || facts.orders.average < minAverage) return [];
  const candidates = products.filter((p) => p.category === anchor.category && p.price > anchor.price && p.price <= anchor.price * 3);
  return byScore(candidates, (p) => -p.price / anchor.price, -Infinity);
}

function priciestInCart(index: Map<string, Product>, facts: StrategyFacts): Product | undefined {
  return facts.cart.items
    .map((i) => index.get(i.id))
    .filter((p): p is Product => !!p)
    .sort((a, b) => b.price - a.price)[0];
}

/** Ids with `score` ≥ `min`, best first; ties go to the more popular product. */
function byScore(products: readonly Product[], score: (p: Product) => number, min: number): string[] {
  return products
    .map((p) => ({ id: p.id, s: score(p), pop: p.popularity ?? 0 }))
    .filter((x) => x.s >= min)
    .sort((a, b) => b.s - a.s || b.pop - a.pop)
    .map((x) => x.id);
}

/** One from each list in turn: a mix where no source crowds out the others. */
function interleave(lists: string[][]): string[] {
  const out: string[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}
