import { fakeClock, fakeEnv, fakeWindow, settle } from "../../../src/cli/fake-env.js";
import { createNudge } from "../../../src/core/create-nudge.js";
import { memoryStore } from "../../../src/profile/storage.js";

// What the docs may name, read from a running instance: the facts document's paths and the
// instance's methods. No hand list of fact paths: a fact the code drops disappears from here too.

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Maps of the facts document whose keys are the site's own (query parameters, traits, event names, widget ids…). */
const OPEN_MAPS = new Set(["page.query", "page.utm", "customer.bought", "attributes", "events", "events.*.days", "widgets", "widgets.*.state", "survey", "survey.*"]);

export interface KnownNames {
  /** A real facts document. */
  facts: Record<string, unknown>;
  /** The instance's methods: `track`, `cart.add`… */
  methods: Set<string>;
  /** Whether a dotted path reads something in the facts document (arrays match element-wise, as conditions do). */
  factExists(path: string): boolean;
  /** Whether a name is a root of the facts document (`cart`, `attributes`…). */
  isFactRoot(name: string): boolean;
}

/** A headless instance and a visitor who came from a campaign, looked, bought, came back to the cart. */
export async function knownNames(): Promise<KnownNames> {
  const clock = fakeClock(Date.parse("2026-12-01T10:00:00Z"));
  const page = fakeWindow({ language: "en-US", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0", width: 1280 });
  page.go("/shop/p/1?utm_source=blog&utm_medium=email&utm_campaign=launch&ref=1");
  const quiet = () => {};
  const nudge = createNudge({
    rules: { version: 1, widgets: [{ id: "w", type: "popup", trigger: "manual", content: { title: "t" } }] },
    env: fakeEnv(clock, page.window, { info: quiet, warn: quiet, error: quiet }),
    store: memoryStore(),
    headless: true,
  });
  await nudge.ready;
  nudge.identify("u1", { firstName: "Ada" });
  nudge.viewItem({ id: "a", name: "A", price: 1, category: "c" });
  nudge.cart.add({ id: "a", name: "A", price: 1, category: "c" });
  nudge.purchase({ id: "o1", value: 5, items: [{ id: "a", price: 1 }] });
  nudge.cart.add({ id: "b", name: "B", price: 2, category: "c" });
  await nudge.show("w", { force: true });
  nudge.hide();
  await settle();
  const methods = new Set<string>();
  for (const [key, value] of Object.entries(nudge)) {
    methods.add(key);
    if (isObject(value)) for (const inner of Object.keys(value)) methods.add(`${key}.${inner}`);
  }
  const facts = nudge.facts() as unknown as Record<string, unknown>;
  nudge.destroy();
  return { facts, methods, factExists: (path) => factExists(facts, path), isFactRoot: (name) => Object.prototype.hasOwnProperty.call(facts, name) };
}

function factExists(facts: Record<string, unknown>, path: string): boolean {
  let node: unknown = facts;
  const seen: string[] = [];
  for (const key of path.split(".")) {
    while (Array.isArray(node) && !/^\d+$/.test(key)) node = node[0];
    if (Array.isArray(node)) {
      node = node[0];
      continue;
    }
    if (!isObject(node)) return false;
    if (OPEN_MAPS.has(seen.join("."))) {
      // The site's own key: anything below it is the site's too, unless the map's values have a known shape.
      const sample = Object.values(node)[0];
      if (!isObject(sample)) return true;
      node = sample;
      seen.push("*");
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = node[key];
    seen.push(key);
  }
  return true;
}

/** The fact paths a condition tests: its keys outside operators, through `$and`/`$or`/`$nor`/`$not`. */
export function conditionPaths(condition: unknown): string[] {
  if (!isObject(condition)) return [];
  return Object.entries(condition).flatMap(([key, value]) => {
    if (["$and", "$or", "$nor"].includes(key) && Array.isArray(value)) return value.flatMap(conditionPaths);
    if (key === "$not") return conditionPaths(value);
    return key.startsWith("$") ? [] : [key];
  });
}

/** `{{path|fallback}}` placeholders anywhere in a value (widgets fill their own, such as `{n}`, differently). */
export function templatePaths(value: unknown): string[] {
  if (typeof value === "string") return [...value.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]);
  if (Array.isArray(value)) return value.flatMap(templatePaths);
  return isObject(value) ? Object.values(value).flatMap(templatePaths) : [];
}
