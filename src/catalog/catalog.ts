import * as z from "zod/mini";
import type { Env } from "../env/env.js";
import type { Product } from "../render/widget-api.js";
import { jsonPath } from "../rules/problems.js";
import { safeUrl } from "../../widgets/shared/schema.js";

/** One product of the catalog feed (DESIGN.md "Catalog feed"). Unknown keys are allowed: feeds carry more. */
export function productSchema() {
  const ids = () => z.optional(z.array(z.string()));
  return z.looseObject({
    id: z.string().check(z.minLength(1)),
    name: z.string().check(z.minLength(1)),
    url: safeUrl(),
    image: z.optional(safeUrl()),
    price: z.number().check(z.gte(0)),
    oldPrice: z.optional(z.number().check(z.gte(0))),
    currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, 'a 3-letter ISO 4217 code such as "USD"'))),
    category: z.optional(z.string()),
    tags: z.optional(z.array(z.string())),
    brand: z.optional(z.string()),
    inStock: z.optional(z.boolean()),
    related: ids(),
    boughtTogether: ids(),
    popularity: z.optional(z.number()),
  });
}

/** Where a problem in the feed is, e.g. `catalog[3].price`. */
const pathOf = (index: number, path: PropertyKey[]) => jsonPath(path, `catalog[${index}]`);

/**
 * Checks a feed item by item: an invalid product is skipped with a warning naming it
 * (`catalog[3].price: expected number`), the rest are kept. Duplicate ids keep the first.
 */
export function checkCatalog(items: unknown, warn: (where: string, message: string) => void): Product[] {
  if (!Array.isArray(items)) {
    warn("catalog", `expected an array of products, got ${items === null ? "null" : typeof items}`);
    return [];
  }
  z.config({ jitless: true }); // strict CSP: no `new Function`
  const schema = productSchema();
  const products: Product[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      warn(pathOf(index, issue.path), `${issue.message}; this product is skipped`);
    } else if (seen.has(result.data.id)) warn(pathOf(index, ["id"]), `"${result.data.id}" appears twice; the first is kept`);
    else {
      seen.add(result.data.id);
      products.push(result.data as Product);
    }
  });
  return products;
}

/** Loads the feed (a URL, or the products themselves) and checks it; never throws. */
export async function loadCatalog(source: string | unknown[] | undefined, env: Env, warn: (where: string, message: string) => void): Promise<Product[]> {
  if (source === undefined) return [];
  if (typeof source !== "string") return checkCatalog(source, warn);
  try {
    if (!env.fetch) throw new Error("fetch is not available");
    const response = await env.fetch(source, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return checkCatalog(JSON.parse(await response.text()), warn);
  } catch (error) {
    warn("catalog", `the feed at ${source} could not be loaded (${(error as Error)?.message ?? error}); widgets that need it show nothing`);
    return [];
  }
}
