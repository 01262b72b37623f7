import type { Profile } from "./profile.js";
import type { RfmFacts, RfmThresholds } from "./rfm.js";
import type { ScoreFacts } from "./scores.js";
import type { UsualTime } from "./usual-time.js";

/** What `derived-facts.ts` (a lazy chunk) adds to the facts document. */
export interface DerivedFacts {
  rfm: RfmFacts;
  scores: ScoreFacts;
  usual: UsualTime;
}

type Derive = (profile: Profile, now: number, bounds?: Partial<RfmThresholds>) => DerivedFacts;

/** Until the chunk is loaded: the values of a visitor with no orders and no habits yet. */
const UNKNOWN: DerivedFacts = {
  rfm: { recency: 0, frequency: 0, monetary: 0, segment: null },
  scores: { discountSensitivity: 0, purchaseIntent: 0, churnRisk: 0 },
  usual: { usualHour: null, usualWeekdays: [], activeNow: false },
};

/** Smart timing's clock arithmetic (`trigger.smartTiming`): it rides in the same chunk, as a usual hour is known only once that has loaded. */
export interface UsualTiming {
  /** Milliseconds until the window of the visitor's usual hour opens; 0 when it is open. */
  msUntilUsual(usualHour: number, now: number): number;
  /** The hour and the wait in words, for explain(): "20:00 (in 10h 0m)". */
  waitText(usualHour: number, now: number): string;
}

let derive: Derive | undefined;
let timing: UsualTiming | undefined;
let asked = false;

/** Called by the chunk when it loads (`installDerivedFacts`). */
export function setDerivedFacts(code: Derive, usual: UsualTiming) {
  derive = code;
  timing = usual;
}

/** Smart timing's code, once the chunk is loaded; before that no usual hour is known and triggers fire at once. */
export const usualTiming = (): UsualTiming | undefined => timing;

/**
 * The derived facts, or the "not known yet" values while their code is not loaded; `load` then
 * fetches it (once) for the next call.
 */
export function derivedOrUnknown(profile: Profile, now: number, bounds: Partial<RfmThresholds> | undefined, load: boolean): DerivedFacts {
  if (derive) return derive(profile, now, bounds);
  if (load && !asked) {
    asked = true;
    void loadDerivedFacts();
  }
  return structuredCloneOf(UNKNOWN);
}

/** Loads the chunk; never rejects (the facts keep their "not known yet" values). */
export function loadDerivedFacts(): Promise<unknown> {
  return import("./derived-facts.js").then(
    (code) => code.installDerivedFacts(),
    () => {},
  );
}

/** A fresh copy per facts document: a caller that edits one must not change the next. */
function structuredCloneOf(facts: DerivedFacts): DerivedFacts {
  return { rfm: { ...facts.rfm }, scores: { ...facts.scores }, usual: { ...facts.usual, usualWeekdays: [] } };
}

/** The fact groups that need the chunk, and how a rules file's text shows it uses them. */
export const DERIVED_FACT_USES: Record<string, RegExp> = { rfm: /\brfm\b/, scores: /\bscores\b/, usualTime: /usualHour|usualWeekdays|activeNow|smartTiming/ };
