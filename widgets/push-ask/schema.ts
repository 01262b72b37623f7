import * as z from "zod/mini";
import { duration } from "../../src/rules/schema/duration-schema.js";

/**
 * Content of a `push-ask` widget in the rules file: the shop's own question before the browser's
 * notification prompt. Only a "yes" calls `Notification.requestPermission()`; after a "no" the
 * widget waits `askAgainAfter` before it asks again.
 */
export function pushAskContentSchema() {
  const text = () => z.optional(z.string().check(z.minLength(1)));
  return z.strictObject({
    /** The question, e.g. "Hear about new roasts first?" (default: a localized one). */
    title: text(),
    /** What the visitor gets, e.g. "One message when a new roast lands. No spam." */
    text: text(),
    /** Label of the button that goes on to the browser's prompt (default "Turn on notifications"). */
    yesLabel: text(),
    /** Label of the button that says no (default "Not now"). */
    noLabel: text(),
    /** After "no" (or ×), ask again only this much later (default "30d"). */
    askAgainAfter: z.optional(duration()),
    /** The last screen once the browser granted it. */
    granted: z.optional(z.strictObject({ title: z.string().check(z.minLength(1)), text: z.optional(z.string()) })),
    /** Said when the browser's prompt was refused or closed (default: how to turn them on later). */
    notGranted: text(),
    /** Corner of the card (default "bottom-right"). */
    position: z.optional(z.enum(["bottom-right", "bottom-left"])),
    closeLabel: z.optional(z.string()),
  });
}

export type PushAskContent = z.infer<ReturnType<typeof pushAskContentSchema>>;
