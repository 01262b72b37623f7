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
  // Records, per page, when IndexedDB was first opened and every key read, written or deleted there.
  // A page opened with `sessionStorage["break-idb"]` set finds IndexedDB's open failing, as on a broken disk.
  await context.addInitScript(() => {
    const seen = { opened: -1, writes: [] as string[], reads: [] as string[] };
    (window as unknown as { __idb: typeof seen }).__idb = seen;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args: Parameters<typeof open>) {
      if (seen.opened < 0) seen.opened = performance.now();
      if (sessionStorage.getItem("break-idb")) throw new DOMException("The user denied permission to access the database.", "UnknownError");
      return open.apply(this, args);
    };
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, ...args: Parameters<typeof get>) {
      seen.reads.push(String(args[0]));
      return get.apply(this, args);
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
    const idb = (window as unknown as { __idb: { opened: number; writes: string[]; reads: string[] } }).__idb;
    return { rulesStart: rules?.startTime ?? Number.NaN, idbOpened: idb.opened, writes: idb.writes, reads: idb.reads };
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
    expect(repeat.reads.filter((key) => key === "probe")).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem("nudge:store"))).toBe("indexeddb");
    expect(errors).toEqual([]);
  });

  it("remembered IndexedDB failing on a later page: that page falls back to localStorage (remembered from then on), and Nudge runs", async () => {
    const { page, errors } = await watchedPage(context);
    const infos: string[] = [];
    page.on("console", (message) => message.type() === "info" && infos.push(message.text()));
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    expect(await page.evaluate(() => localStorage.getItem("nudge:store"))).toBe("indexeddb");

    await page.evaluate(() => sessionStorage.setItem("break-idb", "1"));
    await page.goto(url("/shop/category.html"));
    await nudgeReady(page);
    expect(infos).toContain("[nudge] storage: indexeddb is not usable; trying the next storage");
    expect(await page.evaluate(() => localStorage.getItem("nudge:store"))).toBe("localstorage");
    await page.evaluate(() => (window as any).nudge.track("boot_order_check"));
    await expect.poll(() => page.evaluate(() => localStorage.getItem("nudge:profile") ?? "")).toContain("boot_order_check");

    // IndexedDB answers again: the profile stays where the last page wrote it.
    await page.evaluate(() => sessionStorage.removeItem("break-idb"));
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    expect(await page.evaluate(() => Object.keys((window as any).nudge.facts().events))).toContain("boot_order_check");
    expect(await page.evaluate(() => localStorage.getItem("nudge:store"))).toBe("localstorage");
    expect(errors).toEqual([]);
  });
});
