/*
 * `consent: "auto"`: the visitor's choice as the site's consent platform
 * publishes it, with no code from the site. Its own chunk, loaded only in that
 * mode. Two sources, the latest signal wins:
 *
 * - Google Consent Mode v2, `gtag("consent", "default" | "update", {...})` in the
 *   dataLayer (the runtime's dataLayer watch hands each such entry to `gtag()`):
 *   functionality_storage → storage, personalization_storage → personalization,
 *   analytics_storage → measurement. A type the platform never sets stays denied.
 * - IAB TCF v2.2, `__tcfapi("addEventListener", 2, …)`: purpose 1 (store and/or
 *   access information on a device) → storage; purposes 5 and 6 (create profiles
 *   to personalise content, use them to select it) → personalization; purpose 8
 *   (measure content performance) → measurement. A purpose counts when the visitor
 *   consented to it (`purpose.consents`, or `publisher.consents` for the site's own
 *   processing); `gdprApplies: false` grants all.
 *
 * Until one of them speaks, nothing is granted (as with `consent: "required"`).
 */
import { allConsent, CONSENT_CATEGORIES, type ConsentChoice } from "./consent.js";

/** Consent Mode's types, by our category. */
const CONSENT_MODE = { storage: "functionality_storage", personalization: "personalization_storage", measurement: "analytics_storage" } as const;

/** The part of TCF's `tcData` read here. */
interface TcData {
  gdprApplies?: boolean;
  eventStatus?: string;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean> };
  publisher?: { consents?: Record<string, boolean> };
}
type TcfApi = (command: string, version: number, callback: (data: TcData | null, success: boolean) => void, parameter?: unknown) => void;

/**
 * Follows TCF where the page has `__tcfapi` (the platform's stub must run before Nudge starts,
 * as platforms ask), and returns `gtag(entry)` for the dataLayer's consent entries. `apply` gets
 * each choice (only the categories it names). With `gpc` (Global Privacy Control on and respected)
 * only the visitor's own choice grants (a Consent Mode `update`, a TCF decision), not the site's
 * defaults or `gdprApplies: false`.
 *
 * @example
 * const signals = followConsentSignals(window, (choice) => nudge.consent(choice), console.error);
 * signals.gtag(["consent", "update", { personalization_storage: "granted" }]);
 */
export function followConsentSignals(win: Window, apply: (choice: ConsentChoice) => void, onError: (error: unknown) => void, gpc = false) {
  /** Types an `update` has set: a later `default` does not change them (as in gtag). */
  const updated = new Set<string>();
  const tcfApi = (win as unknown as { __tcfapi?: TcfApi }).__tcfapi;
  let listenerId: number | undefined;

  const onTcData = (data: TcData | null, success: boolean) => {
    try {
      if (!success || !data) return;
      listenerId = data.listenerId ?? listenerId;
      if (data.gdprApplies === false) {
        if (!gpc) apply(allConsent(true));
        return;
      }
      // "cmpuishown" says the banner is up: the choice is not made yet.
      if (data.eventStatus !== "tcloaded" && data.eventStatus !== "useractioncomplete") return;
      const purpose = (n: number) => data.purpose?.consents?.[n] === true || data.publisher?.consents?.[n] === true;
      apply({ storage: purpose(1), personalization: purpose(5) && purpose(6), measurement: purpose(8) });
    } catch (error) {
      onError(error); // never into the platform's code
    }
  };
  if (typeof tcfApi === "function") {
    try {
      tcfApi("addEventListener", 2, onTcData);
    } catch (error) {
      onError(error);
    }
  }

  return {
    /** A dataLayer entry `["consent", "default" | "update", { …types }]` (an `arguments` object from gtag). */
    gtag(entry: ArrayLike<unknown>): void {
      const command = entry[1];
      const params = entry[2] as Record<string, unknown> | null | undefined;
      if ((command !== "default" && command !== "update") || typeof params !== "object" || !params) return;
      // A default for some regions only: Nudge does not know the visitor's region, so it applies what it denies.
      const grants = command === "update" || (!params.region && !gpc);
      const choice: ConsentChoice = {};
      for (const category of CONSENT_CATEGORIES) {
        const type = CONSENT_MODE[category];
        const value = params[type];
        if ((value !== "granted" && value !== "denied") || (command === "default" && updated.has(type))) continue;
        if (command === "update") updated.add(type);
        if (value === "denied" || grants) choice[category] = value === "granted";
      }
      if (Object.keys(choice).length) apply(choice);
    },
    /** Stops following TCF. */
    stop(): void {
      try {
        if (typeof tcfApi === "function" && listenerId !== undefined) tcfApi("removeEventListener", 2, () => {}, listenerId);
      } catch (error) {
        onError(error);
      }
    },
  };
}

export type ConsentSignals = ReturnType<typeof followConsentSignals>;
