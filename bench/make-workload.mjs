// Generates bench/workload.json: one visitor (fixed facts + ~1,000 raw events) and 200 rules of 3–8
// conditions (equality, $in, numeric comparisons, a regex on the URL, "event X at least N times in the
// last D days", D whole local days with today, as `$event` counts them), in an engine-neutral form that
// ./engines.mjs translates for each engine.
// Seeded: `node bench/make-workload.mjs` always writes the same file; `--check` only compares.
import { readFileSync, writeFileSync } from "node:fs";
import { DAY, EVENT_NAMES, factsFromEvents, makeEvents, pick, rng, WINDOWS } from "./events.mjs";

export const SEED = 20240607;
export const NOW = Date.UTC(2025, 5, 14, 15, 42, 7); // a fixed "now" (UTC) so facts never depend on the day it runs
const FILE = new URL("./workload.json", import.meta.url);

/** The visitor's facts that do not come from event history (the page, the device, the cart, …). */
function baseFacts() {
  const items = [
    { id: "sku-104", name: "Linen shirt", price: 49.9, quantity: 1, category: "shirts" },
    { id: "sku-311", name: "Canvas tote", price: 19.5, quantity: 2, category: "bags" },
  ];
  const now = new Date(NOW);
  return {
    page: {
      url: "https://shop.example/product/linen-shirt-104?utm_source=newsletter&utm_medium=email&color=sand",
      path: "/product/linen-shirt-104",
      title: "Linen shirt – Example Shop",
      referrer: "https://mail.example/",
      query: { utm_source: "newsletter", utm_medium: "email", color: "sand" },
      utm: { source: "newsletter", medium: "email" },
    },
    visitor: {
      id: "v-8f2d41",
      isNew: false,
      secondsOnPage: 37,
      device: "mobile",
      language: "de-DE",
      timezone: "UTC",
    },
    time: { now: NOW, hour: now.getUTCHours(), weekday: now.getUTCDay(), date: now.toISOString().slice(0, 10) },
    cart: { count: 3, value: 88.9, currency: "EUR", items },
    orders: { count: 4, total: 312.4, average: 78.1, last: { id: "o-1009", value: 64.2, time: NOW - 12 * DAY } },
    attributes: { tier: "silver", country: "DE", newsletter: true },
    segments: [],
  };
}

const STRING_FIELDS = {
  "page.path": ["/product/linen-shirt-104", "/", "/cart", "/checkout", "/category/shirts", "/product/canvas-tote-311", "/search"],
  "visitor.device": ["mobile", "desktop", "tablet"],
  "visitor.language": ["de-DE", "en-US", "fr-FR", "nl-NL", "es-ES"],
  "cart.currency": ["EUR", "USD", "GBP", "CHF"],
  "attributes.tier": ["silver", "gold", "bronze", "platinum"],
  "attributes.country": ["DE", "AT", "CH", "FR", "NL", "US", "GB"],
  "page.utm.source": ["newsletter", "google", "facebook", "instagram", "affiliate"],
  "page.utm.medium": ["email", "cpc", "social", "referral"],
  "visitor.isNew": [false, true],
  "attributes.newsletter": [true, false],
};
const NUMBER_FIELDS = [
  "visitor.sessions",
  "visitor.pagesThisSession",
  "visitor.pagesTotal",
  "visitor.secondsOnPage",
  "cart.count",
  "cart.value",
  "orders.count",
  "orders.total",
  "orders.average",
  "time.hour",
  "time.weekday",
  ...EVENT_NAMES.map(([name]) => `events.${name}.count`),
];
/** URL patterns (JavaScript regex source, no flags: GrowthBook's $regex takes none). */
const URL_PATTERNS = [
  "^https://shop\\.example/product/",
  "^https://shop\\.example/(cart|checkout)",
  "utm_source=(newsletter|google)",
  "utm_medium=cpc",
  "/category/[a-z-]+$",
  "[?&]color=(sand|white)",
  "^https://shop\\.example/$",
  "-\\d{3}\\b",
  "/sale/",
  "utm_source=facebook",
];

function get(facts, path) {
  return path.split(".").reduce((value, key) => value?.[key], facts);
}

/** One condition on `path`, true for the visitor iff `wantTrue`. Kinds: eq, in, cmp, regex, window. */
function makeCondition(random, kind, facts, wantTrue, usedPaths) {
  const free = (paths) => paths.filter((p) => !usedPaths.has(p));
  if (kind === "eq" || kind === "in") {
    const path = pick(random, free(Object.keys(STRING_FIELDS)));
    const actual = get(facts, path);
    const others = STRING_FIELDS[path].filter((v) => v !== actual);
    if (kind === "eq") return { kind, path, value: wantTrue ? actual : pick(random, others) };
    const n = 1 + Math.floor(random() * Math.min(4, others.length));
    const values = [...others].sort(() => random() - 0.5).slice(0, n);
    if (wantTrue) values.splice(Math.floor(random() * (values.length + 1)), 0, actual);
    return { kind, path, values };
  }
  if (kind === "cmp") {
    const path = pick(random, free(NUMBER_FIELDS.filter((p) => typeof get(facts, p) === "number")));
    const actual = get(facts, path);
    const op = pick(random, ["gt", "gte", "lt", "lte"]);
    const delta = Math.max(1, Math.round(Math.abs(actual) * (0.1 + random() * 0.5)));
    // gt/gte true when value is below actual; lt/lte true when value is above.
    const below = op === "gt" || op === "gte";
    const value = below === wantTrue ? actual - delta : actual + delta;
    return { kind, path, op, value };
  }
  if (kind === "regex") {
    const path = "page.url";
    const url = get(facts, path);
    const fitting = URL_PATTERNS.filter((p) => new RegExp(p).test(url) === wantTrue);
    return { kind, path, pattern: pick(random, fitting) };
  }
  // window: "event X at least N times in the last D days" (whole local days, today included): for the
  // peers a precomputed fact recent.X.dD, for Nudge's real path `$event` (see ./engines.mjs).
  const name = pick(random, ["page_view", "view_item", "add_to_cart", "search", "begin_checkout", "purchase", "view_category"]);
  const days = pick(random, WINDOWS);
  const path = `recent.${name}.d${days}`;
  const actual = get(facts, path);
  const atLeast = wantTrue ? Math.max(1, Math.floor(actual * (0.3 + random() * 0.7))) : actual + 1 + Math.floor(random() * 3);
  if (wantTrue && actual === 0) return makeCondition(random, "cmp", facts, wantTrue, usedPaths);
  return { kind, path, event: name, days, atLeast };
}

export function makeWorkload() {
  const random = rng(SEED);
  const events = makeEvents(SEED + 1, 1000, NOW);
  const base = baseFacts();
  const facts = factsFromEvents(base, events, NOW);
  const rules = [];
  for (let i = 0; i < 200; i++) {
    const n = 3 + Math.floor(random() * 6);
    const kinds = [];
    if (random() < 0.6) kinds.push("window");
    if (random() < 0.5) kinds.push("regex");
    while (kinds.length < n) kinds.push(pick(random, ["eq", "eq", "in", "in", "cmp", "cmp", "cmp", "window"]));
    kinds.sort(() => random() - 0.5);
    const used = new Set();
    const conditions = [];
    for (const kind of kinds) {
      const condition = makeCondition(random, kind, facts, random() < 0.86, used);
      if (used.has(condition.path)) continue; // a rule tests each field once (a Mongo condition object has one key per path)
      used.add(condition.path);
      conditions.push(condition);
    }
    rules.push({ id: `rule-${String(i + 1).padStart(3, "0")}`, conditions });
  }
  return {
    about: "Nudge benchmark workload (bench/make-workload.mjs, seeded): one visitor and 200 rules in an engine-neutral form",
    seed: SEED,
    now: NOW,
    base,
    events,
    rules,
  };
}

export function workloadJson() {
  const w = makeWorkload();
  // One event per line keeps the file diffable.
  return JSON.stringify(w, null, 1).replace(/\{\n\s+"name": "([^"]+)",\n\s+"time": (\d+)\n\s+\}/g, '{ "name": "$1", "time": $2 }') + "\n";
}

export function loadWorkload() {
  return JSON.parse(readFileSync(FILE, "utf8"));
}

if (import.meta.url === new URL(process.argv[1], "file://").href || process.argv[1]?.endsWith("make-workload.mjs")) {
  process.env.TZ = "UTC";
  const text = workloadJson();
  if (process.argv.includes("--check")) {
    const same = readFileSync(FILE, "utf8") === text;
    console.log(same ? "bench/workload.json is up to date" : "bench/workload.json differs from the generator's output");
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(FILE, text);
    const w = JSON.parse(text);
    const conds = w.rules.reduce((n, r) => n + r.conditions.length, 0);
    console.log(`wrote bench/workload.json: ${w.events.length} events, ${w.rules.length} rules, ${conds} conditions`);
  }
}
