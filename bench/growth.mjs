// Cost growth with history length: facts + all 200 rules for visitors with 10, 1,000 and 100,000 events.
// - Nudge: the real profile → facts path. The profile is kept up to date as events are tracked
//   (src/profile/profile.ts recordEvent/recordPageView, replayed here before timing, as tracking does
//   during the visit: ./profile.mjs); what is timed is what a decision costs: buildFacts
//   (src/profile/build-facts.ts) + the 200 compiled conditions.
//   `$event` row: the event windows written as `$event`, read from the EventHistory the profile keeps
//   (facts.events): Nudge's real path. Row A: the windows as precomputed facts `recent.<name>.d<days>`
//   (computed outside the timing, as for the peers); row B computes them inside the timing by scanning
//   the raw event list, as a peer must.
// - GrowthBook: a peer's straightforward way: scan the raw event list into facts, then evalCondition.
import { evalCondition } from "@growthbook/growthbook";
import { Bench } from "tinybench";
import { compileCondition } from "../dist/esm/rules.js";
import { toMongo, toNudgeEvent, windowCountMismatches } from "./engines.mjs";
import { factsFromEvents, makeEvents, scanWindows } from "./events.mjs";
import { buildFacts, nudgeVisitor } from "./profile.mjs";
import { windowsReached } from "./rules.mjs";

export const SIZES = [10, 1_000, 100_000];

/** Task names; report.mjs finds the rows by these prefixes. */
export const ROWS = {
  event: "Nudge: buildFacts + 200 rules with `$event`",
  a: "Nudge A: buildFacts + 200 rules (window counts precomputed)",
  b: "Nudge B: buildFacts + window scan + 200 rules",
  growthbook: "GrowthBook: scan raw events + evalCondition ×200",
};

let sink = 0;

export async function benchGrowth(workload, { time = 500, sizes = SIZES } = {}) {
  const { base, now } = workload;
  const tests = workload.rules.map((r) => compileCondition(toMongo(r)));
  const eventTests = workload.rules.map((r) => compileCondition(toNudgeEvent(r)));
  const conditions = workload.rules.map(toMongo);
  const results = [];
  for (const size of sizes) {
    const events = makeEvents(workload.seed + size, size, now);
    const { profile, context, env } = nudgeVisitor(base, events, now); // recordEvent/recordPageView, outside the timing
    const recent = scanWindows(events, now); // row A: precomputed, outside the timing

    const nudgeFacts = (withScan) => {
      const facts = buildFacts(profile, context, env);
      facts.recent = withScan ? scanWindows(events, now) : recent;
      return facts;
    };
    const count = (list, facts) => {
      let n = 0;
      for (let i = 0; i < list.length; i++) if (list[i](facts)) n++;
      return n;
    };
    const growthbookAll = () => {
      const facts = factsFromEvents(base, events, now);
      let n = 0;
      for (let i = 0; i < conditions.length; i++) if (evalCondition(facts, conditions[i])) n++;
      return n;
    };

    // Every path must see the same visitor: same result for every rule.
    const e = buildFacts(profile, context, env);
    const a = nudgeFacts(false);
    const g = factsFromEvents(base, events, now);
    let mismatches = 0;
    let eventMismatches = 0;
    let passing = 0;
    for (let i = 0; i < tests.length; i++) {
      const want = evalCondition(g, conditions[i]);
      if (tests[i](a) !== want) mismatches++;
      if (eventTests[i](e) !== want) eventMismatches++;
      if (want) passing++;
    }
    const windowCounts = windowCountMismatches(recent, e);
    const reached = windowsReached(workload.rules, g); // $event tests run, stopping at each rule's first false condition

    const bench = new Bench({ time, warmupTime: 100, warmupIterations: 10 });
    const expect = (n) => {
      if (n !== passing) throw new Error(`growth: ${n} rules passed, expected ${passing}`);
      sink += n;
    };
    bench.add(ROWS.event, () => expect(count(eventTests, buildFacts(profile, context, env))));
    bench.add(ROWS.a, () => expect(count(tests, nudgeFacts(false))));
    bench.add(ROWS.b, () => expect(count(tests, nudgeFacts(true))));
    bench.add(ROWS.growthbook, () => expect(growthbookAll()));
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result.state !== "completed") throw new Error(`${task.name}: ${task.result.error ?? task.result.state}`);
      results.push({
        size,
        name: task.name,
        medianUs: task.result.latency.p50 * 1000,
        rme: task.result.latency.rme,
        passing,
        mismatches,
        eventMismatches,
        windowCountMismatches: windowCounts,
        windowsReached: reached,
      });
    }
  }
  return { results, sink };
}
