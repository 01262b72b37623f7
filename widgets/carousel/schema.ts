import * as z from "zod/mini";

/** How a carousel picks its products (`content.strategy` in the rules file). */
export type Strategy = "recently_viewed" | "similar" | "bought_together" | "cart_cross_sell" | "popular" | "upsell" | "personal";

export const STRATEGIES: readonly Strategy[] = ["recently_viewed", "similar", "bought_together", "cart_cross_sell", "popular", "upsell", "personal"];

/** Content of a `carousel` widget in the rules file (recommendations from the catalog feed). */
export function carouselContentSchema() {
  return z
    .strictObject({
      /** How products are picked: recently_viewed, similar, bought_together, cart_cross_sell, popular, upsell or personal. */
      strategy: z.enum(STRATEGIES as [string, ...string[]]),
      /** Heading; default a localized one for the strategy ("You may also like"). */
      title: z.optional(z.string().check(z.minLength(1))),
      /** A line under the heading. */
      text: z.optional(z.string()),
      /** "inline" (default): in the page at `placement`; "popup": a modal dialog. */
      layout: z.optional(z.enum(["inline", "popup"])),
      /** Inline: where in the page, e.g. `{ "selector": "#recs" }` (the element should reserve the carousel's height or sit below the fold). */
      placement: z.optional(
        z.strictObject({
          selector: z.string().check(z.minLength(1)),
          position: z.optional(z.enum(["append", "prepend", "before", "after"])),
        }),
      ),
      /** Fewer products than this and the carousel shows nothing at all (default 3). */
      minItems: z.optional(z.int().check(z.gte(1), z.lte(50))),
      /** At most this many products (default 12). */
      maxItems: z.optional(z.int().check(z.gte(1), z.lte(50))),
      /** The product the recommendations are about (default: this page's product, else the last viewed). */
      product: z.optional(z.string().check(z.minLength(1))),
      /** `popular`: this category (default: the product's, else the visitor's most viewed). */
      category: z.optional(z.string().check(z.minLength(1))),
      /** `upsell`: only for visitors whose average order is at least this. */
      minAverageOrder: z.optional(z.number().check(z.gte(0))),
      /** Label of the add-to-cart button, or false for none. Default "Add to cart" (localized). */
      addToCart: z.optional(z.union([z.boolean(), z.string().check(z.minLength(1))])),
      /** Popup layout: accessible label of the × button. */
      closeLabel: z.optional(z.string()),
    })
    .check(
      z.refine((c) => c.layout === "popup" || !!c.placement, {
        error: 'an inline carousel needs "placement": { "selector": "#recs" } (or "layout": "popup")',
        path: ["placement"],
      }),
    );
}

export type CarouselContent = z.infer<ReturnType<typeof carouselContentSchema>> & { strategy: Strategy };
