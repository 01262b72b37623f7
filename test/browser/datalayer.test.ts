import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * GA4 dataLayer pickup in Chromium, on a page built like a tag-managed shop: gtag's snippet,
 * a tag manager's own events, GA4 ecommerce objects pushed before Nudge loads (with the
 * `{ ecommerce: null }` resets GA4 recommends) and gtag("event", …) calls after it has.
 */

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;

/** The page's head: gtag's snippet and tag-manager events, then `pushed` (GA4 ecommerce, before Nudge), then Nudge's script tag. */
function shopPage(pushed: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tag-managed shop</title>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag("js", new Date());
  gtag("config", "G-TEST123");
  dataLayer.push({ "gtm.start": Date.now(), event: "gtm.js" });
  ${pushed}
</script>
<script>window.nudge = window.nudge || [];</script>
<script async src="/dist/nudge.js" data-rules="/shop/rules.json"></script>
</head><body><h1>Coffee beans</h1></body></html>`;
}

async function open(pushed: string, widgets: unknown[] = []) {
  context = await harness.browser.newContext();
  await context.route("**/shop/rules.json", (route) => route.fulfill({ json: { version: 1, widgets } }));
  await context.route("**/shop/ga4.html", (route) => route.fulfill({ contentType: "text/html", body: shopPage(pushed) }));
  const watched = await watchedPage(context);
  await watched.page.goto(url("/shop/ga4.html"));
  await nudgeReady(watched.page);
  return watched;
}

const facts = (page: Page) => page.evaluate(() => (window as any).nudge.facts());

describe("GA4 dataLayer pickup on a tag-managed page", () => {
  it("view_item and add_to_cart pushed before Nudge loaded are viewed and cart facts in its first decision", async () => {
    const { page, errors, requests } = await open(
      `dataLayer.push({ ecommerce: null });
      dataLayer.push({ event: "view_item", ecommerce: { currency: "USD", value: 12.5, items: [{ item_id: "sku-101", item_name: "House blend", price: 12.5, item_category: "coffee" }] } });
      dataLayer.push({ ecommerce: null });
      dataLayer.push({ event: "add_to_cart", ecommerce: { currency: "USD", value: 25, items: [{ item_id: "sku-101", item_name: "House blend", price: 12.5, quantity: 2, item_category: "coffee" }] } });`,
      [{ id: "cart-saver", type: "popup", trigger: "page_view", when: { "cart.count": { $gte: 2 } }, content: { title: "Your beans are waiting" } }],
    );
    await dialog(page).waitFor({ state: "visible" }); // the page-view decision already saw the cart
    const seen = await facts(page);
    expect(seen.cart).toMatchObject({ count: 2, value: 25, items: [{ id: "sku-101", name: "House blend", price: 12.5, quantity: 2, category: "coffee" }] });
    expect(seen.viewed).toMatchObject({ products: ["sku-101"], categories: ["coffee"], last: { id: "sku-101", name: "House blend", price: 12.5, category: "coffee" } });
    expect(seen.events.view_item.count).toBe(1);
    expect(requests.some((r) => /\/chunks\/ga4-/.test(r))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("gtag('event', …) calls after Nudge loaded: add_to_cart, remove_from_cart, begin_checkout, purchase become cart and order facts", async () => {
    const { page, errors } = await open(
      `dataLayer.push({ event: "view_item_list", ecommerce: { item_list_name: "Coffee", items: [{ item_id: "sku-101" }, { item_id: "sku-102" }] } });`,
    );
    await page.evaluate(() => {
      const gtag = (window as any).gtag;
      gtag("event", "add_to_cart", { currency: "USD", value: 12.5, items: [{ item_id: "sku-101", item_name: "House blend", price: 12.5 }] });
      gtag("event", "add_to_cart", { currency: "USD", value: 30, items: [{ item_id: "sku-301", item_name: "Dripper", price: 30 }] });
      gtag("event", "remove_from_cart", { currency: "USD", items: [{ item_id: "sku-301" }] });
      gtag("event", "begin_checkout", { currency: "USD", value: 12.5, items: [{ item_id: "sku-101", price: 12.5 }] });
    });
    await page.waitForFunction(() => (window as any).nudge.facts().events.begin_checkout?.count === 1);
    let seen = await facts(page);
    expect(seen.cart).toMatchObject({ count: 1, value: 12.5, items: [{ id: "sku-101" }] });
    expect(seen.events.view_item_list.recent.at(-1).props).toEqual({ list: "Coffee", count: 2 });

    await page.evaluate(() => (window as any).gtag("event", "purchase", { transaction_id: "T-1001", value: 12.5, currency: "USD", items: [{ item_id: "sku-101", price: 12.5 }] }));
    await page.waitForFunction(() => (window as any).nudge.facts().orders.count === 1);
    seen = await facts(page);
    expect(seen.orders).toMatchObject({ count: 1, total: 12.5, last: { id: "T-1001", value: 12.5 } });
    expect(seen.cart.count).toBe(0);
    expect(seen.rfm.segment).toBe("new_customers");
    expect(errors).toEqual([]);
  });

  it("a page whose dataLayer holds only the tag manager's own events does not load the GA4 mapping", async () => {
    const { page, errors, requests } = await open(`dataLayer.push({ event: "gtm.dom" }); dataLayer.push({ event: "page_view" });`);
    await page.evaluate(() => (window as any).dataLayer.push({ event: "gtm.load" }));
    expect((await facts(page)).cart.count).toBe(0);
    expect(requests.filter((r) => /\/chunks\/ga4-/.test(r))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
