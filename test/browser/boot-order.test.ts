import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
  // Records, per page, when IndexedDB was first opened and every key written or deleted there.
  await context.addInitScript(() => {
    const seen = { opened: -1, writes: [] as string[] };
    (window as unknown as { __idb: typeof seen }).__idb = seen;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args: Parameters<typeof open>) {
      if (seen.opened < 0) seen.opened = performance.now();
      return open.apply(this, args);
    };
    for (const name of ["put", "delete"] as const) {
      const original = IDBObjectStore.prototype[name] as (...a: unknown[]) => IDBRequest;
      (IDBObjectStore.prototype as unknown as Record<string, unknown>)[name] = function (this: IDBObjectStore, ...args: unknown[]) {
        seen.writes.push(String(name === "put" ? args[1] : args[0]));
        return original.apply(this, args);
      };
    }
  });
});
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;

/** When the rules request started, and IndexedDB's first open, in the page's own clock (ordering, not durations). */
async function bootOrder(page: import("playwright-core").Page) {
  return page.evaluate(() => {
    const rules = performance.getEntriesByType("resource").find((e) => e.name.includes("/shop/rules.json"));
    const idb = (window as unknown as { __idb: { opened: number; writes: string[] } }).__idb;
    return { rulesStart: rules?.startTime ?? Number.NaN, idbOpened: idb.opened, writes: idb.writes };
  });
}

describe("boot order and storage", () => {
  it("the rules request starts before storage opens, and a repeat view skips the write probe", async () => {
    const { page, errors } = await watchedPage(context);
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    const first = await bootOrder(page);
    // The first page on this site probes IndexedDB with a write, a read and a delete.
    expect(first.writes).toContain("probe");
    expect(first.rulesStart).toBeLessThanOrEqual(first.idbOpened);

    await page.goto(url("/shop/category.html"));
    await nudgeReady(page);
    const repeat = await bootOrder(page);
    expect(repeat.rulesStart).toBeLessThanOrEqual(repeat.idbOpened);
    // Known to work here (remembered in localStorage): one read, no probe written.
    expect(repeat.writes).not.toContain("probe");
    expect(await page.evaluate(() => localStorage.getItem("nudge:store"))).toBe("indexeddb");
    expect(errors).toEqual([]);
  });
});
