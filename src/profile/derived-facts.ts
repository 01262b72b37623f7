import type { Profile } from "./profile.js";
import { rfm, type RfmThresholds } from "./rfm.js";
import { scores } from "./scores.js";
import { setDerivedFacts, type DerivedFacts } from "./derived-slot.js";
import { usualTime } from "./learn-usual-time.js";
import { msUntilUsual, usualWaitText } from "./usual-time.js";

/**
 * The facts learned from the whole profile: `rfm`, `scores` and the visitor's usual time. A lazy
 * chunk: loaded before the rules compile when they use one of these, or when the API, the debug
 * panel or `explain()` first asks for the facts.
 */
export function derivedFacts(profile: Profile, now: number, bounds?: Partial<RfmThresholds>): DerivedFacts {
  const orders = profile.orders;
  return {
    rfm: rfm({ count: orders.count, total: orders.total, lastTime: orders.last?.time ?? null }, now, bounds),
    scores: scores(profile, now),
    usual: usualTime(profile.events.page_view, now),
  };
}

/** Makes `buildFacts` compute them (and smart timing wait for the usual hour) from now on. */
export function installDerivedFacts() {
  setDerivedFacts(derivedFacts, { msUntilUsual, waitText: usualWaitText });
}
