import type { Env } from "../env/env.js";
import { own } from "../env/own.js";
import { REGEX_SUBJECT_LIMIT } from "../rules/condition/regex.js";

/** The kinds of page a rule can target through `page.type`. */
export const PAGE_TYPES = ["home", "category", "product", "cart", "checkout", "other"] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** True for one of `PAGE_TYPES`. */
export function isPageType(value: unknown): value is PageType {
  return typeof value === "string" && (PAGE_TYPES as readonly string[]).includes(value);
}

/**
 * What kind of page `path` is. A hint from the host wins (`nudge.page({ type })`,
 * then `<meta name="nudge:page-type" content="product">`); otherwise the first of
 * the rules file's `settings.pageTypes` patterns (regex strings) that matches the
 * path; otherwise `"/"` is home and everything else is "other".
 *
 * @example
 * pageType("/shop/product/42", { product: "^/shop/product" }) // "product"
 */
export function pageType(path: string, patterns: Record<string, string> | undefined, hint?: string): PageType {
  if (isPageType(hint)) return hint;
  for (const type of PAGE_TYPES) {
    const pattern = patterns && own(patterns, type);
    if (pattern && compiled(pattern)?.test(path.slice(0, REGEX_SUBJECT_LIMIT))) return type;
  }
  return path === "/" || path === "" ? "home" : "other";
}

/** The page-type hint in the page's `<meta name="nudge:page-type">`, if any. */
export function metaPageType(env: Env): PageType | undefined {
  const content = env.document?.querySelector('meta[name="nudge:page-type"]')?.getAttribute("content")?.trim();
  return isPageType(content) ? content : undefined;
}

const cache = new Map<string, RegExp | null>();

/** A pattern compiled once; a broken one never matches (the schema reports it). */
function compiled(pattern: string): RegExp | null {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern);
    } catch {
      regex = null;
    }
    if (cache.size > 50) cache.clear();
    cache.set(pattern, regex);
  }
  return regex;
}
