import * as z from "zod/mini";
import { safeUrl } from "../shared/schema.js";

/** Content of a `popup` widget in the rules file. */
export function popupContentSchema() {
  return z.strictObject({
    /** Small line above the title, e.g. "Members only" or "-10%". */
    eyebrow: z.optional(z.string()),
    title: z.string().check(z.minLength(1)),
    text: z.optional(z.string()),
    image: z.optional(z.strictObject({ src: safeUrl(), alt: z.string() })),
    /** The call to action: a link, or an action handled by the runtime. */
    cta: z.optional(
      z.strictObject({
        label: z.string().check(z.minLength(1)),
        href: z.optional(safeUrl()),
        action: z.optional(z.enum(["close", "convert"])),
      }),
    ),
    /** Label of a secondary "no thanks" link that closes the popup. */
    dismiss: z.optional(z.string()),
    /** Accessible label of the × button. */
    closeLabel: z.optional(z.string()),
  });
}

export type PopupContent = z.infer<ReturnType<typeof popupContentSchema>>;
