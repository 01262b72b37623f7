import * as z from "zod/mini";
import { countdownSchema, couponSchema } from "../shared/offer-schema.js";
import { safeUrl } from "../shared/schema.js";

/** How a popup is shown: only "modal" (the default) and "fullscreen" block the page. */
export const LAYOUTS = ["modal", "slide-in", "top-bar", "bottom-bar", "fullscreen", "inline"] as const;
export const CORNERS = ["bottom-right", "bottom-left", "top-right", "top-left"] as const;

const label = () => z.string().check(z.minLength(1));

/** A button: a link, or an action handled by the runtime ("close", "convert"). */
function buttonSchema() {
  return z.strictObject({
    label: label(),
    href: z.optional(safeUrl()),
    action: z.optional(z.enum(["close", "convert"])),
  });
}

/** A lead form: its fields, a required consent checkbox, and what shows once it is sent. */
function formSchema() {
  return z.strictObject({
    fields: z
      .array(
        z.strictObject({
          name: z.enum(["email", "phone", "name"]),
          /** Default: "Email", "Phone", "Name" in the rules' locale. */
          label: z.optional(z.string()),
          placeholder: z.optional(z.string()),
          /** Default true. */
          required: z.optional(z.boolean()),
        }),
      )
      .check(z.minLength(1), z.maxLength(3)),
    /** The submit button's label. */
    submit: z.optional(z.string()),
    /** A checkbox the visitor must tick, e.g. "I agree to the processing of my personal data", with a link to the policy. */
    consent: z.strictObject({
      label: label(),
      policy: z.optional(z.strictObject({ label: label(), href: safeUrl() })),
    }),
    /** Shown after sending (with the coupon, if the popup has one). */
    success: z.optional(z.strictObject({ title: label(), text: z.optional(z.string()) })),
  });
}

/** Content of a `popup` widget in the rules file. */
export function popupContentSchema() {
  return z
    .strictObject({
      /** modal (default), slide-in, top-bar, bottom-bar, fullscreen, or inline (in the page at `inline.selector`). */
      layout: z.optional(z.enum(LAYOUTS)),
      /** Where a slide-in appears (default bottom-right). */
      corner: z.optional(z.enum(CORNERS)),
      /** Where an inline popup goes: into (or next to) the first element matching `selector`. */
      inline: z.optional(z.strictObject({ selector: label(), position: z.optional(z.enum(["append", "prepend", "before", "after"])) })),
      /** Closed with ×, Esc or the backdrop, the popup shrinks to a tab with this label (e.g. "-10% ↑") that reopens it. */
      teaser: z.optional(z.strictObject({ label: label() })),
      /** Small line above the title, e.g. "Members only" or "-10%". */
      eyebrow: z.optional(z.string()),
      title: label(),
      text: z.optional(z.string()),
      image: z.optional(z.strictObject({ src: safeUrl(), alt: z.string() })),
      /** A timer to a fixed date or an evergreen per-visitor deadline; once it is over the popup no longer shows its offer. */
      countdown: z.optional(countdownSchema()),
      /** The cart's lines (image, name, quantity, price), at most `limit` (default 3), then "+N more" (`more`, with `{n}`): an abandoned-cart reminder. */
      cartItems: z.optional(z.strictObject({ limit: z.optional(z.int().check(z.gte(1), z.lte(10))), more: z.optional(z.string()) })),
      /** A code to copy; with a `form`, it is revealed once the form is sent. */
      coupon: z.optional(couponSchema()),
      form: z.optional(formSchema()),
      /** The call to action: a link, or an action handled by the runtime. */
      cta: z.optional(buttonSchema()),
      /** More buttons after the CTA (secondary style). */
      buttons: z.optional(z.array(buttonSchema()).check(z.maxLength(4))),
      /** Label of a secondary "no thanks" link that closes the popup. */
      dismiss: z.optional(z.string()),
      /** Accessible label of the × button. */
      closeLabel: z.optional(z.string()),
    })
    .check(z.refine((c) => c.layout !== "inline" || !!c.inline, { message: 'layout "inline" needs "inline": { "selector": … }', path: ["inline"] }));
}

export type PopupContent = z.infer<ReturnType<typeof popupContentSchema>>;
export type PopupButton = NonNullable<PopupContent["cta"]>;
export type LeadFormContent = NonNullable<PopupContent["form"]>;
