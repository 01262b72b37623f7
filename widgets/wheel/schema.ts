import * as z from "zod/mini";
import { safeUrl } from "../shared/schema.js";

/** One segment of the wheel: a prize (with a coupon `code`) or, without a code, a "no luck" segment. */
export function wheelSegmentSchema() {
  return z.strictObject({
    /** Written on the wheel and in the result, e.g. "10% off" or "No luck". */
    label: z.string().check(z.minLength(1), z.maxLength(24, "at most 24 characters: it is written on the wheel")),
    /** The coupon code this segment wins; leave it out for a "no luck" segment. */
    code: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
    /** The relative odds of landing here (any positive number; segments keep equal sizes on the wheel). */
    weight: z.number().check(z.positive("must be above 0: a segment that can never win should be removed")),
  });
}

/** Content of a `wheel` (spin-to-win) widget in the rules file. */
export function wheelContentSchema() {
  const text = () => z.optional(z.string().check(z.minLength(1)));
  return z
    .strictObject({
      title: text(),
      text: z.optional(z.string()),
      /** 2 to 12 segments, drawn clockwise from the top (drawn in the browser: anyone can read the odds here). */
      segments: z.optional(z.array(wheelSegmentSchema()).check(z.minLength(2, "a wheel needs at least 2 segments"), z.maxLength(12, "at most 12 segments fit on the wheel"))),
      /**
       * A wheel of the collector's offers file (`settings.collector`), drawn on the server: its
       * segments, odds and unique codes stay there, instead of `segments` (see docs/coupons.md).
       */
      wheel: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "a wheel name: letters, digits, _ and - (at most 64)"))),
      /** Ask for an email before the spin (sent as a lead: `on("lead")`, attribute `email`). */
      requireEmail: z.optional(z.boolean()),
      emailLabel: text(),
      /** With `requireEmail`: the label of a consent checkbox the visitor must tick (personal-data processing). */
      consent: text(),
      spinLabel: text(),
      /** The result screen for a prize; `{prize}` is the segment's label. */
      win: z.optional(z.strictObject({ title: text(), text: z.optional(z.string()) })),
      /** The result screen for a "no luck" segment. */
      lose: z.optional(z.strictObject({ title: text(), text: z.optional(z.string()) })),
      /** A link on the result screen, e.g. to the shop. */
      cta: z.optional(z.strictObject({ label: z.string().check(z.minLength(1)), href: safeUrl() })),
      closeLabel: z.optional(z.string()),
    })
    .check(z.refine((c) => (c.segments === undefined) !== (c.wheel === undefined), 'give either "segments" (drawn in the browser) or "wheel" (drawn by the collector)'));
}

export type WheelContent = z.infer<ReturnType<typeof wheelContentSchema>>;
export type WheelSegment = z.infer<ReturnType<typeof wheelSegmentSchema>>;
