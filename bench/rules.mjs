// Rule evaluation on the fixed workload: every engine evaluates the 200 rules against the same facts.
// Agreement first (every engine must give the same boolean for every rule), then tinybench timing.
import { Bench } from "tinybench";
import { agreement, ENGINES } from "./engines.mjs";
import { factsFromEvents } from "./events.mjs";

/** A plain-JS reading of the neutral rules: the agreement check's independent referee. */
export function referee(rule, facts) {
  const get = (path) => path.split(".").reduce((v, k) => v?.[k], facts);
  return rule.conditions.every((c) => {
    const v = get(c.path);
    if (c.kind === "eq") return v === c.value;
    if (c.kind === "in") return c.values.includes(v);
    if (c.kind === "cmp") return { gt: v > c.value, gte: v >= c.value, lt: v < c.value, lte: v <= c.value }[c.op];
    if (c.kind === "regex") return new RegExp(c.pattern).test(v);
    return v >= c.atLeast;
  });
}

/** Sink for results so the JIT cannot drop the evaluation as dead code. */
let sink = 0;

export async function benchRules(workload, { time = 700 } = {}) {
  const facts = factsFromEvents(workload.base, workload.events, workload.now);
  const check = await agreement(ENGINES, workload.rules, facts);
  let refereeMismatches = 0;
  const built = ENGINES.map((e) => ({ e, b: e.build(workload.rules) }));
  for (let i = 0; i < workload.rules.length; i++) {
    if ((await built[0].b.test(i, facts)) !== referee(workload.rules[i], facts)) refereeMismatches++;
  }
  const bench = new Bench({ time, warmupTime: 150, warmupIterations: 50 });
  const expected = check.passing;
  for (const { e, b } of built) {
    const all = b.all;
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
    rows,
    sink,
  };
}
