// The rule engines under test, each given the workload's neutral rules translated into its own idiom:
// Mongo-style conditions for Nudge, GrowthBook, mingo and sift; JsonLogic; json-rules-engine rules.
// Every engine exposes `test(i, facts)` (one rule → boolean, for the agreement check) and
// `all(facts)` (every rule → how many passed; returning it keeps the work from being optimised away).
// Nudge appears twice: `$event` (its real path: the event windows written as `$event` and read from the
// facts built from the visitor's profile, `input: "profile"`) and "windows precomputed" (the same
// conditions as the peers, on the same facts document, windows as `recent.<name>.d<days>` with `$gte`).
import { evalCondition } from "@growthbook/growthbook";
import jsonLogic from "json-logic-js";
import { Engine } from "json-rules-engine";
import { Query } from "mingo";
import sift from "sift";
import { compileCondition } from "../dist/esm/rules.js";

const CMP = { gt: "$gt", gte: "$gte", lt: "$lt", lte: "$lte" };
const LOGIC_CMP = { gt: ">", gte: ">=", lt: "<", lte: "<=" };
const JRE_CMP = { gt: "greaterThan", gte: "greaterThanInclusive", lt: "lessThan", lte: "lessThanInclusive" };

/** A rule's conditions as one MongoDB-style condition object (implicit AND, one key per path). */
export function toMongo(rule) {
  const condition = {};
  for (const c of rule.conditions) {
    if (c.kind === "eq") condition[c.path] = c.value;
    else if (c.kind === "in") condition[c.path] = { $in: c.values };
    else if (c.kind === "cmp") condition[c.path] = { [CMP[c.op]]: c.value };
    else if (c.kind === "regex") condition[c.path] = { $regex: c.pattern };
    else if (c.kind === "window") condition[c.path] = { $gte: c.atLeast };
  }
  return condition;
}

/** The window condition as Nudge's own operator: "at least N times in the last D days" (whole local days, today included). */
export function toEvent(c) {
  return { $event: { name: c.event, within: `${c.days}d`, count: { $gte: c.atLeast } } };
}

/**
 * A rule for Nudge's real path: like `toMongo`, but each window condition is a `$event`. A rule with one
 * window keeps one flat object (`$event` as a key in its place); with more, the conditions go in order into
 * `$and` (a condition object has one `$event` key), which Nudge evaluates the same way as a flat object.
 */
export function toNudgeEvent(rule) {
  const windows = rule.conditions.filter((c) => c.kind === "window").length;
  if (windows > 1) return { $and: rule.conditions.map((c) => (c.kind === "window" ? toEvent(c) : toMongo({ conditions: [c] }))) };
  const condition = {};
  for (const c of rule.conditions) {
    if (c.kind === "window") condition.$event = toEvent(c).$event;
    else Object.assign(condition, toMongo({ conditions: [c] }));
  }
  return condition;
}

/**
 * The precomputed window counts (`recent`, from the raw events) next to what `$event` counts from the
 * profile's facts, for every event name and window: the names × windows where they differ (none expected).
 */
export function windowCountMismatches(recent, profileFacts) {
  const out = [];
  for (const [name, windows] of Object.entries(recent)) {
    for (const [key, count] of Object.entries(windows)) {
      const within = `${key.slice(1)}d`;
      if (!compileCondition({ $event: { name, within, count } })(profileFacts)) out.push(`${name} ${within}: precomputed ${count}`);
    }
  }
  return out;
}

/** JsonLogic has no regex operator: a `regex` operation is added (with compiled patterns cached, to be fair to it). */
export function toJsonLogic(rule) {
  return {
    and: rule.conditions.map((c) => {
      const v = { var: c.path };
      if (c.kind === "eq") return { "===": [v, c.value] };
      if (c.kind === "in") return { in: [v, c.values] };
      if (c.kind === "cmp") return { [LOGIC_CMP[c.op]]: [v, c.value] };
      if (c.kind === "regex") return { regex: [v, c.pattern] };
      return { ">=": [v, c.atLeast] };
    }),
  };
}

/** json-rules-engine: a fact per top-level key of the facts document, a JSONPath into it; `matches` is a custom operator. */
export function toRulesEngine(rule) {
  return {
    name: rule.id,
    conditions: {
      all: rule.conditions.map((c) => {
        const [fact, ...rest] = c.path.split(".");
        const base = { fact, path: `$.${rest.join(".")}` };
        if (c.kind === "eq") return { ...base, operator: "equal", value: c.value };
        if (c.kind === "in") return { ...base, operator: "in", value: c.values };
        if (c.kind === "cmp") return { ...base, operator: JRE_CMP[c.op], value: c.value };
        if (c.kind === "regex") return { ...base, operator: "matches", value: c.pattern };
        return { ...base, operator: "greaterThanInclusive", value: c.atLeast };
      }),
    },
    event: { type: rule.id },
  };
}

const regexCache = new Map();
function cachedRegex(pattern) {
  let re = regexCache.get(pattern);
  if (!re) regexCache.set(pattern, (re = new RegExp(pattern)));
  return re;
}
jsonLogic.add_operation("regex", (value, pattern) => typeof value === "string" && cachedRegex(pattern).test(value));

function countTrue(tests, facts) {
  let n = 0;
  for (let i = 0; i < tests.length; i++) if (tests[i](facts)) n++;
  return n;
}

export const ENGINES = [
  {
    name: "Nudge, `$event`",
    nudge: "event",
    input: "profile",
    version: "this build (dist/esm/rules.js)",
    how: "compiled once; windows as `$event` over `facts.events` built by the profile (its real path)",
    build(rules) {
      const tests = rules.map((r) => compileCondition(toNudgeEvent(r)));
      return { test: (i, facts) => tests[i](facts), all: (facts) => countTrue(tests, facts) };
    },
  },
  {
    name: "Nudge, windows precomputed",
    nudge: "precomputed",
    version: "this build (dist/esm/rules.js)",
    how: "compiled once; same facts and conditions as the peers (`recent.<name>.d<days>` with `$gte`)",
    build(rules) {
      const tests = rules.map((r) => compileCondition(toMongo(r)));
      return { test: (i, facts) => tests[i](facts), all: (facts) => countTrue(tests, facts) };
    },
  },
  {
    name: "GrowthBook evalCondition",
    pkg: "@growthbook/growthbook",
    how: "interpreted per call (GrowthBook's own API)",
    build(rules) {
      const conditions = rules.map(toMongo);
      return {
        test: (i, facts) => evalCondition(facts, conditions[i]),
        all: (facts) => {
          let n = 0;
          for (let i = 0; i < conditions.length; i++) if (evalCondition(facts, conditions[i])) n++;
          return n;
        },
      };
    },
  },
  {
    name: "mingo Query.test",
    pkg: "mingo",
    how: "new Query(condition) once, query.test(facts)",
    build(rules) {
      const queries = rules.map((r) => new Query(toMongo(r)));
      const tests = queries.map((q) => (facts) => q.test(facts));
      return { test: (i, facts) => tests[i](facts), all: (facts) => countTrue(tests, facts) };
    },
  },
  {
    name: "sift",
    pkg: "sift",
    how: "sift(condition) once, filter(facts)",
    build(rules) {
      const tests = rules.map((r) => sift(toMongo(r)));
      return { test: (i, facts) => tests[i](facts), all: (facts) => countTrue(tests, facts) };
    },
  },
  {
    name: "json-logic-js apply",
    pkg: "json-logic-js",
    how: "interpreted per call; regex op added",
    build(rules) {
      const logic = rules.map(toJsonLogic);
      const tests = logic.map((l) => (facts) => jsonLogic.truthy(jsonLogic.apply(l, facts)));
      return { test: (i, facts) => tests[i](facts), all: (facts) => countTrue(tests, facts) };
    },
  },
  {
    name: "json-rules-engine run",
    pkg: "json-rules-engine",
    how: "one Engine with all rules, await engine.run(facts) (async, JSONPath paths); matches op added",
    async: true,
    build(rules) {
      const engine = new Engine(rules.map(toRulesEngine), { allowUndefinedFacts: true });
      engine.addOperator("matches", (value, pattern) => typeof value === "string" && cachedRegex(pattern).test(value));
      const ids = rules.map((r) => r.id);
      let cacheFacts;
      let cacheResult;
      const passed = async (facts) => {
        const { results } = await engine.run(facts);
        return new Set(results.map((r) => r.event.type));
      };
      return {
        test: async (i, facts) => {
          if (cacheFacts !== facts) [cacheFacts, cacheResult] = [facts, await passed(facts)];
          return cacheResult.has(ids[i]);
        },
        all: async (facts) => (await engine.run(facts)).results.length,
      };
    },
  },
];

/**
 * Runs every engine over every rule, each on its own input (`factsFor(engine)`), against the first engine's
 * results; returns { want: the reference booleans, passing, mismatches: [{engine, rule, got, want}], perEngine }.
 */
export async function agreement(engines, rules, factsFor) {
  const built = engines.map((e) => ({ e, b: e.build(rules) }));
  const want = [];
  for (let i = 0; i < rules.length; i++) want.push(await built[0].b.test(i, factsFor(built[0].e)));
  const mismatches = [];
  const perEngine = {};
  for (const { e, b } of built) {
    let bad = 0;
    const facts = factsFor(e);
    for (let i = 0; i < rules.length; i++) {
      const got = await b.test(i, facts);
      if (got !== want[i]) {
        bad++;
        mismatches.push({ engine: e.name, rule: rules[i].id, got, want: want[i] });
      }
    }
    perEngine[e.name] = bad;
  }
  return { want, passing: want.filter(Boolean).length, mismatches, perEngine };
}
