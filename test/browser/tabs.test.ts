import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness, type WatchedPage } from "./harness.js";

// Several tabs of one visitor: one browser context, several pages, one IndexedDB.

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;

async function openTab(path: string): Promise<WatchedPage> {
  const tab = await watchedPage(context);
  await tab.page.goto(url(path));
  await nudgeReady(tab.page);
  return tab;
}

/** Adds `count` different items, one call at a time with a yield between, as a shopper clicking fast. */
function addItems(page: Page, prefix: string, count: number) {
  return page.evaluate(
    async ({ prefix, count }) => {
      const nudge = (window as any).nudge;
      for (let i = 0; i < count; i++) {
        nudge.cart.add({ id: `${prefix}-${i}`, price: 1, quantity: 1 });
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      }
    },
    { prefix, count },
  );
}

/** Waits past the write batch, then reads the facts a fresh page load sees. */
async function factsAfterReload(page: Page) {
  await page.waitForTimeout(800);
  await page.reload();
  await nudgeReady(page);
  return page.evaluate(() => {
    const facts = (window as any).nudge.facts();
    return { cart: facts.cart.count as number, added: (facts.events.add_to_cart?.count ?? 0) as number, lines: facts.cart.items.length as number };
  });
}

describe("several tabs in Chromium", () => {
  it("two tabs adding 20 items each at once: all 40 are in the cart and in the event history", async () => {
    context = await harness.browser.newContext();
    const one = await openTab("/shop/product.html?id=sku-101");
    const two = await openTab("/shop/product.html?id=sku-102");
    await Promise.all([addItems(one.page, "one", 20), addItems(two.page, "two", 20)]);
    expect(await factsAfterReload(one.page)).toEqual({ cart: 40, added: 40, lines: 40 });
    // The other tab, without a reload, has caught up through the broadcast.
    const live = await two.page.evaluate(() => (window as any).nudge.facts().cart.count);
    expect(live).toBe(40);
    expect([...one.errors, ...two.errors]).toEqual([]);
  });

  it("five tabs adding at once lose nothing", { timeout: 60_000 }, async () => {
    context = await harness.browser.newContext();
    const tabs = [];
    for (let i = 0; i < 5; i++) tabs.push(await openTab(`/shop/product.html?id=sku-10${i + 1}`));
    await Promise.all(tabs.map((tab, i) => addItems(tab.page, `tab${i}`, 10)));
    expect(await factsAfterReload(tabs[0].page)).toEqual({ cart: 50, added: 50, lines: 50 });
    expect(tabs.flatMap((tab) => tab.errors)).toEqual([]);
  });

  it("a welcome offer closed in one tab does not pop up in the other on its next page view", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const two = await openTab("/shop/index.html"); // page view 1 of the session: no offer yet
    const one = await openTab("/shop/index.html"); // page view 2: the offer shows here
    await dialog(one.page).waitFor({ state: "visible" });
    await one.page.keyboard.press("Escape");
    await dialog(one.page).waitFor({ state: "detached" });
    // The close reaches tab two (written, broadcast, re-read): wait until tab two knows, however busy the machine.
    await two.page.waitForFunction(() => ((window as any).nudge.explain("welcome-offer")[0].blockedBy as string[]).some((b) => b.includes("frequency.session")));
    // Tab two never reloaded: its next page view is a client-side navigation.
    await two.page.evaluate(() => history.pushState({}, "", "/shop/category.html?c=tea"));
    await two.page.waitForFunction(() => (window as any).nudge.facts().visitor.pagesThisSession === 3);
    await two.page.waitForTimeout(800); // a window in which a wrongly shown popup would appear
    expect(await dialog(two.page).count()).toBe(0);
    const blockedBy = await two.page.evaluate(() => (window as any).nudge.explain("welcome-offer")[0].blockedBy as string[]);
    expect(blockedBy.join(" ")).toContain("frequency.session");
    expect(await two.page.evaluate(() => (window as any).nudge.facts().visitor.pagesThisSession)).toBe(3);
  });

  // The cross-tab lock is what this proves: with `heldElsewhere()` returning null, tab two shows at once.
  it("one modal at a time across tabs: tab two waits while tab one's popup is up, then shows it", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route("**/shop/rules.json", (route) =>
      route.fulfill({
        json: { version: 1, widgets: [{ id: "offer", type: "popup", trigger: "page_view", content: { title: "10% off today", cta: { label: "Shop", href: "#shop" } } }] },
      }),
    );
    const one = await openTab("/shop/index.html");
    await dialog(one.page).waitFor({ state: "visible" });
    const two = await openTab("/shop/category.html");
    const reasons = () => two.page.evaluate(() => ((window as any).nudge.explain("offer")[0].blockedBy as string[]).join("; "));
    await two.page.waitForTimeout(600); // a window in which a wrongly shown popup would appear
    expect(await dialog(two.page).count()).toBe(0);
    // The first explain() loads its words: the gate's name meanwhile, then the sentence.
    await expect.poll(reasons).toContain('one modal at a time: "offer" is showing in another tab');
    await one.page.evaluate(() => (window as any).nudge.hide());
    await dialog(two.page).waitFor({ state: "visible" }); // released, broadcast: tab two's turn
    expect(await dialog(one.page).count()).toBe(0);
    expect([...one.errors, ...two.errors]).toEqual([]);
  });
});
