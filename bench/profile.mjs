// Nudge's real path from a raw event list to a facts document, shared by rules.mjs and growth.mjs:
// the profile records every event with src/profile/profile.ts recordPageView/recordEvent (as tracking
// does during the visits; done here once, outside any timing), and buildFacts (src/profile/build-facts.ts)
// derives the facts a decision reads. `facts.events[name]` is then the EventHistory `$event` reads.
import "./ts.mjs";

const { recordEvent, recordPageView, newProfile } = await import("../src/profile/profile.ts");
const { buildFacts } = await import("../src/profile/build-facts.ts");

export { buildFacts };

/**
 * The visitor `base` (the workload's fixed facts) with `events` recorded into a profile.
 * Returns `{ profile, context, env, facts() }`: `facts()` is `buildFacts(profile, context, env)`.
 */
export function nudgeVisitor(base, events, now) {
  // A node stand-in for the browser seam: only what buildFacts reads.
  const env = {
    window: { navigator: { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148", language: base.visitor.language }, innerWidth: 390 },
    document: undefined,
    now: () => now,
    random: Math.random,
    setTimeout,
    clearTimeout,
    fetch: undefined,
    console,
  };
  const context = { page: base.page, pageStart: now - base.visitor.secondsOnPage * 1000, isNew: base.visitor.isNew, currency: base.cart.currency };
  let ids = 0;
  const newId = () => `s${++ids}`;
  let profile = newProfile(base.visitor.id, events[0]?.time ?? now);
  for (const e of events) profile = e.name === "page_view" ? recordPageView(profile, e.time, newId) : recordEvent(profile, e.name, e.time, newId);
  profile = { ...profile, cart: base.cart.items, orders: { count: base.orders.count, total: base.orders.total, last: base.orders.last }, attributes: base.attributes };
  return { profile, context, env, facts: () => buildFacts(profile, context, env) };
}
