import * as z from "zod/mini";
import { duration } from "../../src/rules/schema/duration-schema.js";
import { LOCAL_DEADLINE } from "./countdown.js";

/** A countdown block: `until` a local date or time, or `evergreen` per visitor (exactly one). */
export function countdownSchema() {
  return z
    .strictObject({
      /** A fixed campaign deadline in the visitor's time zone: "2026-12-31" (end of day) or "2026-12-31T23:59". */
      until: z.optional(z.string().check(z.regex(LOCAL_DEADLINE, 'a local date "2026-12-31" or date and time "2026-12-31T23:59"'))),
      /** An evergreen deadline: each visitor gets this long from the first time they see the widget ("30m", "2h", "3d"). */
      evergreen: z.optional(duration()),
      /** The words before the timer (default "Offer ends in"). */
      label: z.optional(z.string()),
    })
    .check(z.refine((c) => (c.until === undefined) !== (c.evergreen === undefined), 'give either "until" or "evergreen"'));
}

/**
 * A coupon block: the code (copied to the clipboard on a click) and an optional label. The code is
 * written here (`code`, the same for everyone) or is a unique one the collector hands this visitor
 * from a pool (`pool`, with `settings.collector`; see docs/coupons.md).
 */
export function couponSchema() {
  return z
    .strictObject({
      /** The same code for every visitor. */
      code: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      /** A unique, single-use code per visitor from this pool of the collector (`settings.collector`); no pool code: the widget does not show. */
      pool: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "a pool name: letters, digits, _ and - (at most 64)"))),
      /** The words above the code (default "Your code"). */
      label: z.optional(z.string()),
    })
    .check(z.refine((c) => (c.code === undefined) !== (c.pool === undefined), 'give either "code" (the same for everyone) or "pool" (a unique code from the collector)'));
}
