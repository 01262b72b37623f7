import * as z from "zod/mini";

/** Feed fields the social-proof toast has built-in wording for (ru + en). */
export const KNOWN_METRICS = ["soldToday", "viewsLastHour"] as const;

/** Plural forms of a message, `{n}` marks the number: `{ "one": "{n} person bought this today", "other": "{n} people …" }`. */
export function pluralFormsSchema() {
  const form = () => z.optional(z.string().check(z.minLength(1)));
  return z.strictObject({ zero: form(), one: form(), two: form(), few: form(), many: form(), other: z.string().check(z.minLength(1)) });
}

/** Content of a `social-proof` widget in the rules file. */
export function socialProofContentSchema() {
  return z
    .strictObject({
      /** The product's feed field holding the count (default "soldToday"; built-in wording for "soldToday" and "viewsLastHour"). */
      metric: z.optional(z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a field name of the feed\'s products, e.g. "soldToday"'))),
      /** The message in plural forms, `{n}` for the number; required for a metric without built-in wording. */
      message: z.optional(pluralFormsSchema()),
      /** Show only from this count up (default 1): "1 person viewed this" may not persuade anyone. */
      min: z.optional(z.int().check(z.positive())),
      /** The product's id; templates work (`"{{viewed.last.id}}"`). Default: the product whose `url` is the current page. */
      productId: z.optional(z.string()),
      /** Corner of the screen (default "bottom-left"). */
      position: z.optional(z.enum(["bottom-left", "bottom-right", "top-left", "top-right"])),
      /** Seconds before it hides by itself (default 8; 0 keeps it until closed). Hovering or focusing it pauses the countdown. */
      duration: z.optional(z.number().check(z.gte(0), z.lte(120))),
      /** Show the product's picture and name under the message (default true). */
      showProduct: z.optional(z.boolean()),
      /** Accessible label of the × button. */
      closeLabel: z.optional(z.string()),
    })
    .check(
      z.refine((content) => content.message !== undefined || content.metric === undefined || (KNOWN_METRICS as readonly string[]).includes(content.metric), {
        message: `a "message" is needed for a metric other than ${KNOWN_METRICS.join(" or ")}`,
        path: ["message"],
      }),
    );
}

export type SocialProofContent = z.infer<ReturnType<typeof socialProofContentSchema>>;
