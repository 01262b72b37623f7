import * as z from "zod/mini";

/** A product field compared in a row: a key of the feed's products (dotted for nested ones), with its label. */
export type CompareRow = string | { key: string; label?: string };

/** Content of a `compare` widget in the rules file: the products viewed in one category, side by side. */
export function compareContentSchema() {
  const key = () => z.string().check(z.regex(/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/, 'a product field such as "price", "brand" or "specs.weight"'));
  return z.strictObject({
    /** Heading; default "Compare the ones you viewed" (localized). */
    title: z.optional(z.string().check(z.minLength(1))),
    /** A line under the heading. */
    text: z.optional(z.string()),
    /** The category (default: the one of the product viewed last). */
    category: z.optional(z.string().check(z.minLength(1))),
    /** At most this many products side by side (2–4, default 3): the ones viewed most recently. */
    maxItems: z.optional(z.int().check(z.gte(2), z.lte(4))),
    /** The rows: fields of the catalog feed's products, e.g. `["price", { "key": "roast", "label": "Roast" }]` (default price, brand, tags, in stock). */
    rows: z.optional(z.array(z.union([key(), z.strictObject({ key: key(), label: z.optional(z.string().check(z.minLength(1))) })])).check(z.minLength(1), z.maxLength(12))),
    /** Label of the add-to-cart buttons, or false for none. Default "Add to cart" (localized). */
    addToCart: z.optional(z.union([z.boolean(), z.string().check(z.minLength(1))])),
    closeLabel: z.optional(z.string()),
  });
}

export type CompareContent = z.infer<ReturnType<typeof compareContentSchema>>;
