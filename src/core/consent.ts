/*
 * The visitor's consent, in three categories, as `consent()` takes it and the
 * runtime keeps it (the check of `consent()`'s argument is in `./occasional-calls.ts`). Reading a consent platform's signals (Consent Mode, TCF)
 * is `./consent-signals.ts`, a chunk loaded only with `consent: "auto"`.
 */
import type { ConsentChoice, ConsentState } from "./types.js";

export type { ConsentChoice, ConsentState };

export const CONSENT_CATEGORIES = ["storage", "personalization", "measurement"] as const;

/** Every category granted (`true`) or denied (`false`). */
export const allConsent = (granted: boolean): ConsentState => ({ storage: granted, personalization: granted, measurement: granted });
