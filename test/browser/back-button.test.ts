import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * Exit intent's back button on a phone (Playwright's isMobile + hasTouch): the demo shop gets
 * a rules file with one exit-intent popup, a real tap gives the page user activation, and
 * page.goBack() is the visitor pressing back.
 */

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;

async function phoneShop(widget: Record<string, unknown> = {}) {
  context = await harness.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.route("**/shop/rules.json", (route) =>
    route.fulfill({
      json: {
        version: 1,
        widgets: [{ id: "moment", type: "popup", trigger: "exit_intent", content: { title: "Wait!", text: "10% off before you go.", dismiss: "No thanks" }, ...widget }],
      },
    }),
  );
  return watchedPage(context);
}

/** A cart-recovery offer: exit intent after 4 s on the page, only with something in the cart. */
const cartOffer = { trigger: { type: "exit_intent", minTimeOnPage: "4s" }, when: { "cart.count": { $gt: 0 } } };
const explainMoment = (page: Page): Promise<string> => page.evaluate(() => (window as any).nudge.explain("moment")[0].blockedBy.join("; "));

/** Opens the home page, then the category page (so a back that goes through lands on home). */
async function openCategory(page: Page) {
  await page.goto(url("/shop/index.html"));
  await page.goto(url("/shop/category.html"));
  await nudgeReady(page);
  await page.waitForFunction(() => /or the back button/.test((window as any).nudge.explain("moment")[0].blockedBy.join(" ")));
}

const historyLength = (page: Page) => page.evaluate(() => history.length);
const pagesThisSession = (page: Page): Promise<number> => page.evaluate(() => (window as any).nudge.facts().visitor.pagesThisSession);

describe("exit intent: the back button on a phone", () => {
  it("after a tap, back shows the popup on the same page; the next back leaves", async () => {
    const { page, errors } = await phoneShop();
    await openCategory(page);
    const length = await historyLength(page);
    const pages = await pagesThisSession(page);
    await page.waitForTimeout(300);
    expect(await historyLength(page)).toBe(length); // nothing pushed before the visitor interacts

    await page.locator("h1").first().tap(); // a real tap: user activation
    await page.waitForFunction((n) => history.length === n + 1, length);
    expect(await page.evaluate(() => history.state)).toMatchObject({ "nudge:back": true });
    await page.goBack();
    await dialog(page).waitFor({ state: "visible" });
    expect(page.url()).toBe(url("/shop/category.html"));
    expect(await page.evaluate(() => (window as any).nudge.explain("moment")[0].blockedBy.join(" "))).toContain("fired on this page (back_button)");
    expect(await pagesThisSession(page)).toBe(pages); // neither the sentinel nor the back to the page below is a page view

    await page.goBack(); // used up: the visitor leaves
    await page.waitForURL(/index\.html/);
    expect(errors).toEqual([]);
  });

  // Regression: the entry was added only on a tap made after minTimeOnPage with the cart already filled,
  // so the usual "add to cart, then back" never armed it.
  it("a tap that adds to the cart before minTimeOnPage, then back after it: the offer shows", async () => {
    const { page, errors } = await phoneShop(cartOffer);
    await page.goto(url("/shop/index.html"));
    await page.goto(url("/shop/product.html?id=sku-101"));
    await nudgeReady(page);
    await page.waitForFunction(() => /or the back button/.test((window as any).nudge.explain("moment")[0].blockedBy.join(" ")));
    const length = await historyLength(page);
    await page.locator("#add-to-cart:not([disabled])").tap(); // the first tap: nothing in the cart yet when it lands
    await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
    await page.waitForFunction((n) => history.length === n + 1, length);
    await page.waitForFunction(() => !/armed in/.test((window as any).nudge.explain("moment")[0].blockedBy.join(" ")));
    await page.goBack();
    await dialog(page).waitFor({ state: "visible" });
    expect(page.url()).toBe(url("/shop/product.html?id=sku-101"));
    expect(await explainMoment(page)).toContain("fired on this page (back_button)");
    expect(errors).toEqual([]);
  });

  it("back when the offer is not wanted (an empty cart) leaves the page at once", async () => {
    const { page, errors } = await phoneShop(cartOffer);
    await openCategory(page);
    await page.locator("h1").first().tap();
    await page.waitForFunction(() => (history.state as Record<string, unknown> | null)?.["nudge:back"] === true);
    await page.waitForFunction(() => !/armed in/.test((window as any).nudge.explain("moment")[0].blockedBy.join(" ")));
    expect(await explainMoment(page)).toContain("when:");
    await page.goBack(); // one press: through the sentinel and on to the page before
    await page.waitForURL(/index\.html/);
    expect(errors).toEqual([]);
  });

  it("the site's own pushState routing is not confused with it", async () => {
    const { page, errors } = await phoneShop();
    await openCategory(page);
    await page.locator("h1").first().tap();
    const length = await historyLength(page);
    await page.waitForFunction(() => (history.state as Record<string, unknown> | null)?.["nudge:back"] === true);
    // The site's router moves to page 2 of the category, from the sentinel.
    await page.evaluate(() => history.pushState({ route: "page-2" }, "", "/shop/category.html?page=2"));
    await page.waitForFunction(() => (window as any).nudge.facts().page.query.page === "2");
    await page.goBack(); // back to page 1 (the sentinel's entry): the site's navigation, no popup
    await page.waitForFunction(() => location.search === "");
    await page.waitForTimeout(300);
    expect(await dialog(page).count()).toBe(0);
    await page.goBack(); // back from the sentinel: exit intent
    await dialog(page).waitFor({ state: "visible" });
    expect(await historyLength(page)).toBe(length + 1); // one sentinel in all, never a second
    expect(errors).toEqual([]);
  });
});
