import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nudgeReady, startHarness, storageLeftovers, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const leftovers = storageLeftovers;

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

  it('with data-consent="required" nothing is stored before consent, and the profile is after it', async () => {
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
