import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

/** Every key Nudge could have left in this origin's storage (without creating the database by looking). */
const leftovers = async () => {
  const local = Object.keys(localStorage).filter((k) => k.startsWith("nudge"));
  const session = Object.keys(sessionStorage).filter((k) => k.startsWith("nudge"));
  const exists = (await indexedDB.databases()).some((db) => db.name === "nudge");
  const idb = !exists
    ? []
    : await new Promise<string[]>((resolve) => {
        const open = indexedDB.open("nudge");
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("kv")) return resolve([]);
          const keys = db.transaction("kv").objectStore("kv").getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
        };
      });
  return { idb, local, session, cookies: document.cookie };
};

describe("privacy in Chromium", () => {
  it("after forget() no Nudge key is left in IndexedDB, localStorage, sessionStorage or cookies", async () => {
    context = await harness.browser.newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}/shop/product.html?id=sku-101`);
    await nudgeReady(page);
    await page.locator("#add-to-cart").click();
    await page.goto(`${harness.baseUrl}/shop/category.html`);
    await nudgeReady(page);
    await page.waitForTimeout(600); // let the batched write land
    const before = await page.evaluate(leftovers);
    expect(before.idb.length).toBeGreaterThan(0); // the profile and the rules cache were stored

    await page.evaluate(() => (window as any).nudge.forget());
    expect(await page.evaluate(leftovers)).toEqual({ idb: [], local: [], session: [], cookies: "" });
    expect(await page.evaluate(() => (window as any).nudge.facts().cart.count)).toBe(0);
    expect(errors).toEqual([]);
  });

  it("with data-consent=\"required\" nothing is stored before consent, and the profile is after it", async () => {
    context = await harness.browser.newContext();
    await context.route("**/shop/index.html", async (route) => {
      const html = await (await route.fetch()).text();
      await route.fulfill({ body: html.replace('data-rules="/shop/rules.json"', 'data-rules="/shop/rules.json" data-consent="required"'), contentType: "text/html" });
    });
    const { page } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}/shop/index.html`);
    await nudgeReady(page);
    await page.waitForTimeout(600);
    expect(await page.evaluate(leftovers)).toEqual({ idb: [], local: [], session: [], cookies: "" });
    await page.evaluate(() => (window as any).nudge.consent(true));
    await page.waitForTimeout(800);
    const after = await page.evaluate(leftovers);
    expect(after.idb).toContain("profile");
  });
});
