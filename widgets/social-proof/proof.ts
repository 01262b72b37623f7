import type { Product } from "../../src/render/widget-api.js";

/** A product of the feed with the counts a social-proof toast may read (feeds carry more fields than the catalog schema names). */
export type ProofProduct = Product & Record<string, unknown>;

/**
 * The product this page is about: the one with `productId`, else the one whose `url` points at
 * `pageUrl` (same path, and every query parameter of the product's URL present with the same value,
 * so `?utm_source=…` on the page does not matter). Undefined when none matches.
 *
 * @example
 * productForPage(feed, "https://shop.example/p?id=sku-1&utm_source=x"); // the product with url "/p?id=sku-1"
 */
export function productForPage(products: Product[], pageUrl: string, productId?: string): ProofProduct | undefined {
  if (productId) return products.find((p) => p.id === productId) as ProofProduct | undefined;
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return undefined;
  }
  return products.find((p) => {
    try {
      const url = new URL(p.url, page);
      if (url.origin !== page.origin || trimSlash(url.pathname) !== trimSlash(page.pathname)) return false;
      for (const [key, value] of url.searchParams) if (page.searchParams.get(key) !== value) return false;
      return true;
    } catch {
      return false;
    }
  }) as ProofProduct | undefined;
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, "") : path);

/**
 * The count to show: the product's `metric` field when it is a whole number ≥ `min`; otherwise
 * undefined, and the toast shows nothing (it never makes a number up).
 */
export function proofCount(product: ProofProduct | undefined, metric: string, min = 1): number | undefined {
  if (!product || !Object.prototype.hasOwnProperty.call(product, metric)) return undefined;
  const value = product[metric];
  return typeof value === "number" && Number.isInteger(value) && value >= min ? value : undefined;
}
