// Rule evaluation on the fixed workload: every engine evaluates the 200 rules against the visitor's facts.
// The peers and "Nudge, windows precomputed" read the same facts document (factsFromEvents: the raw
// events scanned, windows as `recent.<name>.d<days>`); "Nudge, `$event`" reads the facts buildFacts
// derives from a profile that recorded the same ~1,000 events (./profile.mjs), windows as `$event`.
// Facts are built once, outside the timing. Agreement first (every engine must give the same boolean
// for every rule), then tinybench timing.
import { Bench } from "tinybench";
import { agreement, ENGINES, windowCountMismatches } from "./engines.mjs";
import { factsFromEvents } from "./events.mjs";
import { nudgeVisitor } from "./profile.mjs";

/** A plain-JS reading of one neutral condition against the peers' facts (windows precomputed). */
export function holds(c, facts) {
  const v = c.path.split(".").reduce((value, k) => value?.[k], facts);
  if (c.kind === "eq") return v === c.value;
  if (c.kind === "in") return c.values.includes(v);
  if (c.kind === "cmp") return { gt: v > c.value, gte: v >= c.value, lt: v < c.value, lte: v <= c.value }[c.op];
  if (c.kind === "regex") return new RegExp(c.pattern).test(v);
  return v >= c.atLeast;
}

/** A plain-JS reading of the neutral rules: the agreement check's independent referee. */
export function referee(rule, facts) {
  return rule.conditions.every((c) => holds(c, facts));
}

/** How many window conditions an engine that stops at a rule's first false condition evaluates (all rules). */
export function windowsReached(rules, facts) {
  let n = 0;
  for (const rule of rules) {
    for (const c of rule.conditions) {
      if (c.kind === "window") n++;
      if (!holds(c, facts)) break;
    }
  }
  return n;
}

/** Sink for results so the JIT cannot drop the evaluation as dead code. */
let sink = 0;

export async function benchRules(workload, { time = 700 } = {}) {
  const peerFacts = factsFromEvents(workload.base, workload.events, workload.now);
  const profileFacts = nudgeVisitor(workload.base, workload.events, workload.now).facts();
  const factsFor = (engine) => (engine.input === "profile" ? profileFacts : peerFacts);
  const windowCounts = windowCountMismatches(peerFacts.recent, profileFacts);
  const check = await agreement(ENGINES, workload.rules, factsFor);
  let refereeMismatches = 0;
  for (let i = 0; i < workload.rules.length; i++) if (check.want[i] !== referee(workload.rules[i], peerFacts)) refereeMismatches++;
  const built = ENGINES.map((e) => ({ e, b: e.build(workload.rules) }));
  const bench = new Bench({ time, warmupTime: 150, warmupIterations: 50 });
  const expected = check.passing;
  for (const { e, b } of built) {
    const all = b.all;
    const facts = factsFor(e);
    if (e.async) {
      bench.add(e.name, async () => {
        const n = await all(facts);
        if (n !== expected) throw new Error(`${e.name}: ${n} rules passed, expected ${expected}`);
        sink += n;
      });
    } else {
      bench.add(e.name, () => {
        const n = all(facts);
        if (n !== expected) throw new Error(`${e.name}: ${n} rules passed, expected ${expected}`);
        sink += n;
      });
    }
  }
  await bench.run();
  const rows = bench.tasks.map((task) => {
    if (task.result.state !== "completed") throw new Error(`${task.name}: ${task.result.error ?? task.result.state}`);
    const engine = ENGINES.find((e) => e.name === task.name);
    return {
      name: task.name,
      nudge: engine.nudge,
      how: engine.how,
      medianUs: task.result.latency.p50 * 1000,
      meanUs: task.result.latency.mean * 1000,
      rme: task.result.latency.rme,
      samples: task.result.latency.samplesCount,
    };
  });
  return {
    rules: workload.rules.length,
    conditions: workload.rules.reduce((n, r) => n + r.conditions.length, 0),
    events: workload.events.length,
    passing: check.passing,
    mismatches: check.mismatches.length,
    perEngine: check.perEngine,
    refereeMismatches,
    windowCounts: Object.values(peerFacts.recent).reduce((n, w) => n + Object.keys(w).length, 0),
    windowCountMismatches: windowCounts,
    eventConditions: workload.rules.reduce((n, r) => n + r.conditions.filter((c) => c.kind === "window").length, 0),
    rows,
    sink,
  };
}
