import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * The decide core loads the rest when it is needed: the show path (widget host, renderer) when a
 * widget is about to show, the rarely called API (identify, consent, forget, registerWidget) on
 * its first call. Calls made while that code downloads wait, in order, and are never dropped.
 */

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
});
afterEach(async () => context?.close());

/** A popup for visitors with something in their cart, on every page view. */
const RULES = {
  version: 1,
  widgets: [{ id: "cart-offer", type: "popup", trigger: { type: "page_view" }, when: { "cart.count": { $gte: 1 } }, content: { title: "Free shipping today" } }],
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lazy chunks</title>
<script async src="/dist/nudge.js" data-rules="/lazy-test/rules.json"></script>
</head><body><main><h1>Fernhouse</h1><p>Small-batch coffee.</p></main></body></html>`;

async function open(rules: object = RULES): Promise<ReturnType<typeof watchedPage> extends Promise<infer W> ? W : never> {
  await context.route("**/lazy-test/page.html", (route) => route.fulfill({ body: PAGE, contentType: "text/html" }));
  await context.route("**/lazy-test/rules.json", (route) => route.fulfill({ body: JSON.stringify(rules), contentType: "application/json" }));
  const watched = await watchedPage(context);
  await watched.page.goto(`${harness.baseUrl}/lazy-test/page.html`);
  await nudgeReady(watched.page);
  return watched;
}

/** Chunks of the show path and of the rarely called API that were requested, by name (no hash), sorted. */
const lazyChunks = (requests: string[]) =>
  requests
    .filter((r) => /\/chunks\/(show-path|renderer|popup|occasional-calls)-/.test(r))
    .map((r) => r.replace(/.*\/chunks\//, "").replace(/-[\w-]{8}\.js$/, ""))
    .sort();

/** Lets the page run its timers and a few frames (prefetching happens after the first decision). */
const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => setTimeout(resolve, 50)), 50)));

describe("the decide core", () => {
  it("a page view where no widget shows and no API is called requests neither the show path nor the API chunk", async () => {
    const { page, requests, errors } = await open();
    await settle(page);
    expect(requests.some((r) => r.endsWith("/dist/nudge.runtime.js"))).toBe(true);
    expect(lazyChunks(requests)).toEqual([]);
    expect(await dialog(page).count()).toBe(0);
    expect(errors).toEqual([]);

    // Once the widget is due, the show path comes with its widget code, and it shows.
    await page.evaluate(() => (window as any).nudge.cart.add({ id: "beans", price: 12 }));
    await dialog(page).waitFor({ state: "visible" });
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("Free shipping today");
    // The show path, the shown coupon and the layer styles ride in the renderer chunk (rollup.config.mjs): no chunk of their own.
    expect(lazyChunks(requests)).toEqual(["popup", "renderer"]);
    expect(requests.filter((r) => /\/chunks\/(shown-coupon|layer-styles)-/.test(r))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a widget that waits only on its trigger has its code downloaded before the trigger fires", async () => {
    const leaving = { version: 1, widgets: [{ id: "leaving", type: "popup", trigger: { type: "delay", after: "1h" }, content: { title: "Before you go" } }] };
    const { page, requests, errors } = await open(leaving);
    await expect.poll(() => lazyChunks(requests)).toEqual(["popup", "renderer"]);
    expect(requests.some((r) => /\/chunks\/modal-lock-/.test(r))).toBe(true); // a modal popup: the cross-tab lock too
    expect(await dialog(page).count()).toBe(0);
    // When it is due, nothing is left to download.
    const before = requests.length;
    expect(await page.evaluate(() => (window as any).nudge.show("leaving"))).toBe(true);
    await dialog(page).waitFor({ state: "visible" });
    const later = requests.slice(before);
    expect(lazyChunks(later)).toEqual([]);
    expect(later.filter((r) => /\/chunks\/modal-lock-/.test(r))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("valid calls never fetch the warning texts; rejected calls warn with their exact text, in call order, once the texts arrive", async () => {
    // The texts' response is held until the page has made its calls.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route("**/chunks/argument-messages-*.js", async (route) => {
      await held;
      await route.continue();
    });
    const { page, requests, errors, warnings } = await open();
    const texts = () => requests.filter((r) => /\/chunks\/argument-messages-/.test(r));
    await page.evaluate(() => {
      const nudge = (window as any).nudge;
      nudge.track("signup", { plan: "pro" });
      nudge.page({ type: "product" });
      nudge.viewItem({ id: "sku-1", name: "Mug", price: 12, category: "cups" });
      nudge.search("decaf");
      nudge.purchase({ id: "o-1", value: 24, items: [{ id: "sku-1", price: 12, quantity: 2 }] });
      nudge.on("track", () => {});
      nudge.hide();
      nudge.push(["track", "pushed"]);
    });
    await settle(page);
    expect(texts()).toEqual([]);
    expect(warnings).toEqual([]);

    await page.evaluate(() => {
      const nudge = (window as any).nudge;
      nudge.track(42);
      nudge.track("between"); // valid calls around rejected ones apply at once
      nudge.cart.add({ price: 1 });
      nudge.purchase({ id: "o-2", value: "lots" });
      nudge.page({ type: "blog" });
      nudge.push(["nope"]);
      nudge.on("shown", 5);
    });
    await expect.poll(() => texts().length).toBe(1);
    expect(warnings).toEqual([]); // held back with the texts
    expect(await page.evaluate(() => (window as any).nudge.facts().events.between?.count)).toBe(1);
    expect(await page.evaluate(() => (window as any).nudge.facts().cart.count)).toBe(0);

    release();
    await expect.poll(() => warnings.length).toBe(6);
    expect(warnings).toEqual([
      "[nudge] track(): the event name must be a non-empty string, got number",
      "[nudge] cart.add(): item.id must be a non-empty string or number, got undefined",
      '[nudge] purchase(): order.value must be a number ≥ 0, got "lots"',
      '[nudge] page(): type must be one of home, category, product, cart, checkout, other, got "blog"',
      '[nudge] push(): unknown command "nope"',
      '[nudge] on(): on("shown"): the handler must be a function',
    ]);
    // Once there, the texts are used at once.
    await page.evaluate(() => (window as any).nudge.search(""));
    expect(warnings.at(-1)).toBe('[nudge] search(): expected a non-empty search string, got ""');
    expect(texts()).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("calls made before the API chunk arrives wait in order, and their promises resolve as usual", async () => {
    // The API chunk's response is held until the page has made its calls.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route("**/chunks/occasional-calls-*.js", async (route) => {
      await held;
      await route.continue();
    });
    const { page, requests, errors, warnings } = await open();
    await page.evaluate(() => {
      const nudge = (window as any).nudge;
      const seen: string[] = [];
      (window as any).seen = seen;
      // Each tracked event notes the visitor id it was recorded under: identify() must have applied first.
      nudge.on("track", (event: { name: string }) => seen.push(`${event.name} as ${nudge.facts().visitor.id}`));
      nudge.identify("u-42", { tier: "gold" });
      nudge.track("first");
      nudge.cart.add({ id: "beans", price: 12 });
      nudge.consent({ measurement: false });
      nudge.identify("u-42", [1]); // a wrong call: warned once its check has loaded, the others still run
      nudge.track("second");
      // A promise-returning call waits too (no widget "nope": it resolves false, as it would at once).
      (window as any).shown = nudge.show("nope").then((result: boolean) => seen.push(`show resolved ${result}`));
    });
    await expect.poll(() => requests.some((r) => /\/chunks\/occasional-calls-/.test(r))).toBe(true);
    expect(await page.evaluate(() => (window as any).seen)).toEqual([]); // nothing applied while the code is on its way
    expect(await page.evaluate(() => (window as any).nudge.facts().visitor.id)).not.toBe("u-42");
    expect(await dialog(page).count()).toBe(0); // nor decided: the cart holds nothing yet

    release();
    await page.evaluate(() => (window as any).shown);
    expect(await page.evaluate(() => (window as any).seen)).toEqual(["first as u-42", "add_to_cart as u-42", "second as u-42", "show resolved false"]);
    const facts = await page.evaluate(() => (window as any).nudge.facts());
    expect(facts.attributes).toEqual({ tier: "gold" });
    expect(facts.consent).toEqual({ storage: true, personalization: true, measurement: false });
    expect(facts.events.first.count).toBe(1);
    expect(facts.events.second.count).toBe(1);
    await dialog(page).waitFor({ state: "visible" }); // decided once the calls applied: the cart now holds something
    expect(warnings.filter((w) => w.includes("identify() traits: expected an object, got an array"))).toHaveLength(1);

    // With the chunk there, the next calls apply at once, and forget()'s promise resolves.
    const after = await page.evaluate(async () => {
      const nudge = (window as any).nudge;
      nudge.identify("u-43");
      const id = nudge.facts().visitor.id;
      return { id, forgot: await nudge.forget() };
    });
    expect(after).toEqual({ id: "u-43" }); // forget() resolves to undefined
    expect(requests.filter((r) => /\/chunks\/occasional-calls-/.test(r))).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
