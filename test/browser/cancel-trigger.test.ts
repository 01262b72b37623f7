import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * `trigger.cancel` in real Chromium, in the demo shop: adding to the cart calls off the
 * "still deciding?" popup, before its delay (disarmed) or while it is on screen (closed).
 */

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

async function shopWith(trigger: unknown) {
  context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route("**/shop/rules.json", (route) =>
    route.fulfill({
      json: { version: 1, widgets: [{ id: "still-deciding", type: "popup", trigger, content: { title: "Still deciding?", text: "Ask us about sizes." } }] },
    }),
  );
  const watched = await watchedPage(context);
  await watched.page.addInitScript(() => {
    (window as any).shownWidgets = [];
    (window as any).nudge = (window as any).nudge || [];
    (window as any).nudge.push(["on", "shown", (e: { id: string }) => (window as any).shownWidgets.push(e.id)]);
  });
  await watched.page.goto(`${harness.baseUrl}/shop/product.html?id=sku-101`);
  await nudgeReady(watched.page);
  return watched;
}

const explained = (page: import("playwright-core").Page) => page.evaluate(() => (window as any).nudge.explain("still-deciding")[0].blockedBy.join(" ") as string);

describe("trigger.cancel in Chromium", () => {
  it("clicking the shop's real Add to cart button before the delay disarms the popup for the page", async () => {
    const { page, errors } = await shopWith({ type: "delay", after: "6s", cancel: ["add_to_cart"] });
    await page.locator("#add-to-cart").click();
    await page.waitForFunction(() => /cancelled on this page by the "add_to_cart" event/.test((window as any).nudge.explain("still-deciding")[0].blockedBy.join(" ")));
    // Past the delay: it stays disarmed.
    await page.waitForTimeout(7000);
    expect(await dialog(page).count()).toBe(0);
    expect(await page.evaluate(() => (window as any).shownWidgets)).toEqual([]);
    expect(await explained(page)).toContain("waits for the next page view");
    expect(errors).toEqual([]);
  });

  it("an add to cart while the popup is on screen closes it", async () => {
    const { page, errors } = await shopWith({ type: "page_view", cancel: "add_to_cart" });
    await dialog(page).waitFor({ state: "visible" });
    // The shop's own code adds to the cart (as a quick-buy button elsewhere on the page would).
    await page.evaluate(() => (window as any).nudge.cart.add({ id: "sku-101", price: 49 }));
    await dialog(page).waitFor({ state: "detached" });
    expect(await explained(page)).toContain('cancelled on this page by the "add_to_cart" event');
    expect(errors).toEqual([]);
  });
});
