import * as z from "zod/mini";
import { countdownSchema, couponSchema } from "../shared/offer-schema.js";
import { safeUrl } from "../shared/schema.js";

/** Content of a `countdown-coupon` widget in the rules file. */
export function countdownCouponContentSchema() {
  return z.strictObject({
    /** bottom-bar (default), top-bar, or slide-in (a card in a corner). */
    layout: z.optional(z.enum(["bottom-bar", "top-bar", "slide-in"])),
    /** Where a slide-in appears (default bottom-right). */
    corner: z.optional(z.enum(["bottom-right", "bottom-left", "top-right", "top-left"])),
    /** e.g. "15% off your order". */
    title: z.string().check(z.minLength(1)),
    text: z.optional(z.string()),
    /** Required: to a fixed local date (`until`) or evergreen per visitor (`evergreen`). When it is over, the widget no longer shows. */
    countdown: countdownSchema(),
    coupon: couponSchema(),
    /** An optional link, e.g. to the cart. */
    cta: z.optional(z.strictObject({ label: z.string().check(z.minLength(1)), href: safeUrl() })),
    /** Accessible label of the × button. */
    closeLabel: z.optional(z.string()),
  });
}

export type CountdownCouponContent = z.infer<ReturnType<typeof countdownCouponContentSchema>>;
