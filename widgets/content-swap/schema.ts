import * as z from "zod/mini";
import { safeUrl } from "../shared/schema.js";

/** A CSS selector; its syntax is checked by the validator (src/rules/lint/css-selector.ts), in Node too. */
function selector() {
  return z.string().check(z.minLength(1));
}

/**
 * Content of a `content-swap` widget: what to put into the page element at `selector` (its text, a
 * link's `href`, an image's `src` and `alt`). Text only: never HTML.
 */
export function contentSwapContentSchema() {
  return z
    .strictObject({
      /** The page element to change (the first match), e.g. "#hero h1". */
      selector: selector(),
      /** Its new text (replaces what is inside it, as plain text). */
      text: z.optional(z.string()),
      /** For a link (`<a>`): its new address. */
      href: z.optional(safeUrl()),
      /** For an image (`<img>`): its new picture; `alt` is then required. */
      src: z.optional(safeUrl()),
      alt: z.optional(z.string()),
    })
    .check(
      z.refine((c) => c.text !== undefined || c.href !== undefined || c.src !== undefined, 'give at least one of "text", "href" or "src"'),
      z.refine((c) => c.src === undefined || c.alt !== undefined, { message: 'an image needs "alt" (use "" for a decorative one)', path: ["alt"] }),
    );
}

export type ContentSwapContent = z.infer<ReturnType<typeof contentSwapContentSchema>>;
