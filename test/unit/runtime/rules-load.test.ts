import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { loadRules } from "../../../src/rules/load.js";
import * as validate from "../../../src/rules/validate.js";
import { cleanup, onScreen, rulesOf, spyStore, start } from "./harness.js";

// Count calls through the real validator: the cache must make the second load skip it.
vi.mock("../../../src/rules/validate.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/rules/validate.js")>();
  return { ...real, validateRules: vi.fn(real.validateRules) };
});
const validateRules = vi.mocked(validate.validateRules);

beforeEach(() => validateRules.mockClear());
afterEach(cleanup);

const rulesA = rulesOf([{ id: "a", type: "popup", content: { title: "A" } }]);
const rulesB = rulesOf([{ id: "b", type: "popup", content: { title: "B" } }]);

/** A fetch that answers from a queue of responses, recording the URLs asked for. */
function fakeFetch(...answers: Array<{ status: number; body: string } | Error>) {
  return vi.fn(async (_url: string) => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer instanceof Error) throw answer;
    return new Response(answer.body, { status: answer.status });
  });
}

function deps(store = spyStore(), fetch?: ReturnType<typeof fakeFetch>) {
  const reports: Array<[string, string, string]> = [];
  const env = { fetch } as unknown as Env;
  return { store, reports, deps: { env, store, report: (where: string, message: string, level: "warn" | "error") => void reports.push([where, message, level]) } };
}

describe("loadRules: cache by content hash", () => {
  it("the same content twice validates once; new content validates again", async () => {
    const { deps: d, reports } = deps();
    expect(await loadRules(rulesA, d)).toMatchObject({ rules: { widgets: [{ id: "a" }] } });
    expect(validateRules).toHaveBeenCalledTimes(1);
    expect(await loadRules(structuredClone(rulesA), d)).toMatchObject({ rules: { widgets: [{ id: "a" }] } });
    expect(validateRules).toHaveBeenCalledTimes(1);
    expect(await loadRules(rulesB, d)).toMatchObject({ rules: { widgets: [{ id: "b" }] } });
    expect(validateRules).toHaveBeenCalledTimes(2);
    expect(reports).toEqual([]);
  });

  it("two page loads (instances) with the same rules URL validate once, and both show the widget", async () => {
    const store = spyStore();
    const fetch = fakeFetch({ status: 200, body: JSON.stringify(rulesA) });
    const first = start("/rules.json", { store, env: { fetch: fetch as unknown as typeof globalThis.fetch } });
    await first.nudge.ready;
    expect(onScreen()).toEqual(["a"]);
    first.nudge.destroy();
    const second = start("/rules.json", { store, env: { fetch: fetch as unknown as typeof globalThis.fetch } });
    await second.nudge.ready;
    expect(onScreen()).toEqual(["a"]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[0][0]).toBe("/rules.json");
    expect(validateRules).toHaveBeenCalledTimes(1);
  });

  it("problems found by the validator are reported again from the cache", async () => {
    const withProblem = rulesOf([rulesA.widgets[0], { id: "bad", type: "popup", content: {} }]);
    const { deps: d, reports } = deps();
    const first = await loadRules(withProblem, d);
    const second = await loadRules(withProblem, d);
    expect(validateRules).toHaveBeenCalledTimes(1);
    expect(first!.rules.widgets.map((w) => w.id)).toEqual(["a"]);
    expect(second!.rules.widgets.map((w) => w.id)).toEqual(["a"]);
    const warns = reports.filter(([, , level]) => level === "warn");
    expect(warns.length).toBeGreaterThan(0);
    expect(warns.length % 2).toBe(0);
    expect(warns[0][1]).toMatch(/widgets\[1\]\.content/);
  });
});

describe("loadRules: failures fall back to the last good rules", () => {
  it.each([
    ["a 404", { status: 404, body: "not found" }, /\/rules\.json answered 404; using the last good rules/],
    ["invalid JSON", { status: 200, body: "{ version: 1, widgets: [" }, /\/rules\.json is not valid JSON .*; using the last good rules/],
    ["a network error", new TypeError("Failed to fetch"), /Failed to fetch; using the last good rules/],
  ])("%s: the cached rules are used and an error is reported", async (_name, failure, message) => {
    const store = spyStore();
    const good = deps(store, fakeFetch({ status: 200, body: JSON.stringify(rulesA) }));
    await loadRules("/rules.json", good.deps);
    const bad = deps(store, fakeFetch(failure));
    expect(await loadRules("/rules.json", bad.deps)).toMatchObject({ rules: { widgets: [{ id: "a" }] } });
    expect(bad.reports).toHaveLength(1);
    expect(bad.reports[0][0]).toBe("rules");
    expect(bad.reports[0][2]).toBe("error");
    expect(bad.reports[0][1]).toMatch(message);
  });

  it("a network error for a rules file on another origin names the missing CORS header; on the page's origin it does not", async () => {
    const failing = (pageUrl: string, rulesUrl: string) => {
      const d = deps(spyStore(), fakeFetch(new TypeError("Failed to fetch")));
      (d.deps.env as { window?: unknown }).window = { location: new URL(pageUrl) };
      return loadRules(rulesUrl, d.deps).then(() => d.reports.map(([, message]) => message));
    };
    expect(await failing("https://shop.example/cart", "https://cdn.example/nudge-rules.json")).toEqual([
      "https://cdn.example/nudge-rules.json could not be fetched: from another origin, its server must send Access-Control-Allow-Origin; no widgets will show",
    ]);
    expect(await failing("https://shop.example/cart", "/nudge-rules.json")).toEqual(["/nudge-rules.json could not be fetched: Failed to fetch; no widgets will show"]);
    expect(await failing("https://shop.example/cart", "https://shop.example/nudge-rules.json")).toEqual([
      "https://shop.example/nudge-rules.json could not be fetched: Failed to fetch; no widgets will show",
    ]);
  });

  it("an unusable rules file (invalid envelope) falls back to the last good rules", async () => {
    const store = spyStore();
    await loadRules(rulesA, deps(store).deps);
    const bad = deps(store);
    expect(await loadRules({ version: 2, widgets: [] }, bad.deps)).toMatchObject({ rules: { widgets: [{ id: "a" }] } });
    expect(bad.reports.some(([, m, level]) => level === "error" && /cannot be used; using the last good rules/.test(m))).toBe(true);
  });

  it("through the instance: a 404 after a good load still shows the cached widget and reports the error", async () => {
    const store = spyStore();
    const first = start("/rules.json", { store, env: { fetch: fakeFetch({ status: 200, body: JSON.stringify(rulesA) }) as unknown as typeof fetch } });
    await first.nudge.ready;
    first.nudge.destroy();
    const second = start("/rules.json", { store, env: { fetch: fakeFetch({ status: 404, body: "" }) as unknown as typeof fetch } });
    await second.nudge.ready;
    expect(onScreen()).toEqual(["a"]);
    expect(second.problems.some((p) => p.where === "rules" && /answered 404; using the last good rules/.test(p.message))).toBe(true);
  });

  it("no cache and a 404: no widgets, an error reported, nothing thrown", async () => {
    const h = start("/rules.json", { env: { fetch: fakeFetch({ status: 404, body: "" }) as unknown as typeof fetch } });
    await expect(h.nudge.ready).resolves.toBeUndefined();
    expect(h.nudge.explain()).toEqual([]);
    expect(onScreen()).toEqual([]);
    expect(h.problems.some((p) => p.where === "rules" && /answered 404; no widgets will show/.test(p.message))).toBe(true);
    expect(validateRules).not.toHaveBeenCalled();
    // the instance still works
    h.nudge.track("still_alive");
    expect(h.nudge.facts().events.still_alive.count).toBe(1);
  });

  it("no cache and invalid JSON: no widgets, an error reported", async () => {
    const { deps: d, reports } = deps(spyStore(), fakeFetch({ status: 200, body: "<html>oops</html>" }));
    expect(await loadRules("/rules.json", d)).toBeNull();
    expect(reports).toHaveLength(1);
    expect(reports[0][1]).toMatch(/is not valid JSON .*; no widgets will show/);
  });
});

describe("loadRules: one cache entry per rules URL", () => {
  const answer = (rules: object | null) => fakeFetch(rules ? { status: 200, body: JSON.stringify(rules) } : { status: 503, body: "" });

  it("a failing file falls back to its own last good rules, never to another file's", async () => {
    const store = spyStore();
    await loadRules("/en/rules.json", deps(store, answer(rulesA)).deps);
    const german = deps(store, answer(null));
    expect(await loadRules("/de/rules.json", german.deps)).toBeNull();
    expect(german.reports.map(([, message]) => message)).toEqual(["/de/rules.json answered 503; no widgets will show"]);
    await loadRules("/de/rules.json", deps(store, answer(rulesB)).deps);
    expect(await loadRules("/de/rules.json", deps(store, answer(null)).deps)).toMatchObject({ rules: { widgets: [{ id: "b" }] } });
    expect(await loadRules("/en/rules.json", deps(store, answer(null)).deps)).toMatchObject({ rules: { widgets: [{ id: "a" }] } });
  });

  it("keeps the 4 files validated last, so a ?v= per deploy does not grow the cache", async () => {
    const store = spyStore();
    for (let v = 1; v <= 6; v++) await loadRules(`/rules.json?v=${v}`, deps(store, answer(rulesA)).deps);
    expect(Object.keys((await store.get("rules")) as object)).toEqual(["/rules.json?v=3", "/rules.json?v=4", "/rules.json?v=5", "/rules.json?v=6"]);
  });

  it("an entry written before the cache was per URL is not used for any URL", async () => {
    const store = spyStore();
    await store.set("rules", { hash: 1, rules: rulesA, problems: [] });
    const failing = deps(store, answer(null));
    expect(await loadRules("/de/rules.json", failing.deps)).toBeNull();
  });
});
