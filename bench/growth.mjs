// Cost growth with history length: facts + all 200 rules for visitors with 10, 1,000 and 100,000 events.
// - Nudge: the real profile → facts path. The profile is kept up to date as events are tracked
//   (src/profile/profile.ts recordEvent/recordPageView, replayed here before timing, as tracking does
//   during the visit); what is timed is what a decision costs: buildFacts (src/profile/build-facts.ts)
//   + the 200 compiled conditions.
//   As issue #7 asks for now, the "event X ≥ N times in the last D days" counts are precomputed facts for
//   every engine (Nudge's own $event operator is not what is timed): row A adds them precomputed
//   (outside the timing), row B computes them inside the timing by scanning the raw event list, as a peer must.
// - GrowthBook: a peer's straightforward way: scan the raw event list into facts, then evalCondition.
import "./ts.mjs";
import { evalCondition } from "@growthbook/growthbook";
import { Bench } from "tinybench";
import { compileCondition } from "../dist/esm/rules.js";
import { toMongo } from "./engines.mjs";
import { factsFromEvents, makeEvents, scanWindows } from "./events.mjs";

export const SIZES = [10, 1_000, 100_000];

let sink = 0;

export async function benchGrowth(workload, { time = 500, sizes = SIZES } = {}) {
  const { recordEvent, recordPageView, newProfile } = await import("../src/profile/profile.ts");
  const { buildFacts } = await import("../src/profile/build-facts.ts");
  const { base, now } = workload;
  const tests = workload.rules.map((r) => compileCondition(toMongo(r)));
  const conditions = workload.rules.map(toMongo);
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
  const results = [];
  for (const size of sizes) {
    const events = makeEvents(workload.seed + size, size, now);
    let ids = 0;
    const newId = () => `s${++ids}`;
    let profile = newProfile(base.visitor.id, events[0].time);
    for (const e of events) profile = e.name === "page_view" ? recordPageView(profile, e.time, newId) : recordEvent(profile, e.name, e.time, newId);
    profile = { ...profile, cart: base.cart.items, orders: { count: base.orders.count, total: base.orders.total, last: base.orders.last }, attributes: base.attributes };
    const recent = scanWindows(events, now); // row A: precomputed, outside the timing

    const nudgeFacts = (withScan) => {
      const facts = buildFacts(profile, context, env);
      facts.recent = withScan ? scanWindows(events, now) : recent;
      return facts;
    };
    const nudgeAll = (facts) => {
      let n = 0;
      for (let i = 0; i < tests.length; i++) if (tests[i](facts)) n++;
      return n;
    };
    const growthbookAll = () => {
      const facts = factsFromEvents(base, events, now);
      let n = 0;
      for (let i = 0; i < conditions.length; i++) if (evalCondition(facts, conditions[i])) n++;
      return n;
    };

    // Both paths must see the same visitor: same result for every rule.
    const a = nudgeFacts(false);
    const g = factsFromEvents(base, events, now);
    let mismatches = 0;
    let passing = 0;
    for (let i = 0; i < tests.length; i++) {
      const x = tests[i](a);
      if (x !== evalCondition(g, conditions[i])) mismatches++;
      if (x) passing++;
    }

    const bench = new Bench({ time, warmupTime: 100, warmupIterations: 10 });
    const expect = (n) => {
      if (n !== passing) throw new Error(`growth: ${n} rules passed, expected ${passing}`);
      sink += n;
    };
    bench.add("Nudge A: buildFacts + 200 rules (window counts precomputed)", () => expect(nudgeAll(nudgeFacts(false))));
    bench.add("Nudge B: buildFacts + window scan + 200 rules", () => expect(nudgeAll(nudgeFacts(true))));
    bench.add("GrowthBook: scan raw events + evalCondition ×200", () => expect(growthbookAll()));
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result.state !== "completed") throw new Error(`${task.name}: ${task.result.error ?? task.result.state}`);
      results.push({ size, name: task.name, medianUs: task.result.latency.p50 * 1000, rme: task.result.latency.rme, passing, mismatches });
    }
  }
  return { results, sink };
}
