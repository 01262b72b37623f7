/*
 * The visitor's consent, in three categories, as `consent()` takes it and the
 * runtime keeps it. Reading a consent platform's signals (Consent Mode, TCF)
 * is `./consent-signals.ts`, a chunk loaded only with `consent: "auto"`.
 */
import { ArgumentProblem } from "./arguments.js";
import type { ConsentChoice, ConsentState } from "./types.js";

export type { ConsentChoice, ConsentState };

export const CONSENT_CATEGORIES = ["storage", "personalization", "measurement"] as const;

/** Every category granted (`true`) or denied (`false`). */
export const allConsent = (granted: boolean): ConsentState => ({ storage: granted, personalization: granted, measurement: granted });

/** Checks a `consent()` argument: `true`/`false`, or an object of categories with boolean values. */
export function consentChoice(value: unknown): ConsentChoice {
  if (typeof value === "boolean") return allConsent(value);
  // The first key that is not a category with true or false (`true` when it is not an object at all).
  const wrong =
    typeof value !== "object" ||
    !value ||
    Object.keys(value).find((key) => !(CONSENT_CATEGORIES as readonly string[]).includes(key) || typeof (value as Record<string, unknown>)[key] !== "boolean");
  if (wrong !== undefined)
    throw new ArgumentProblem(`consent(): expected true, false or { storage?, personalization?, measurement? } set to true or false${wrong === true ? "" : `; check "${wrong}"`}`);
  return value as ConsentChoice;
}
