import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness.js";
import { expectClean, guardedPage, HELLO_RULES, hostHtml, popup, ready, serveHost, settled } from "./guard.js";

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

/**
 * What old and over-eager libraries do to built-ins before Nudge loads: Prototype.js's
 * Array.prototype.toJSON (JSON.stringify([1]) is then '"[1]"'), a Zone.js-like Promise,
 * a JSON.stringify wrapper, an analytics wrapper around fetch that insists on `this`,
 * and SES-style frozen prototypes.
 */
const HOSTILE_BUILTINS = `<script>
(function () {
  Array.prototype.toJSON = function () { return "[" + this.map(String).join(",") + "]"; };
  var NativePromise = Promise;
  function ZonePromise(executor) { return Reflect.construct(NativePromise, [executor], ZonePromise); }
  Object.setPrototypeOf(ZonePromise, NativePromise);
  ZonePromise.prototype = Object.create(NativePromise.prototype, { constructor: { value: ZonePromise } });
  window.Promise = ZonePromise;
  var stringify = JSON.stringify;
  JSON.stringify = function (value, replacer, space) { return stringify.call(JSON, value, replacer, space); };
  var nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    if (this !== window && this !== undefined) throw new TypeError("Illegal invocation");
    window.__fetches = (window.__fetches || 0) + 1;
    return nativeFetch.call(window, input, init);
  };
  [Object.prototype, Array.prototype, Function.prototype, ZonePromise, ZonePromise.prototype, NativePromise.prototype, JSON, String.prototype, History.prototype, EventTarget.prototype, Node.prototype, Element.prototype].forEach(Object.freeze);
})();
</script>`;

const CART_RULES = {
  ...HELLO_RULES,
  widgets: [{ ...HELLO_RULES.widgets[0], content: { ...HELLO_RULES.widgets[0].content, text: "{{cart.count}} item(s) in your cart" } }],
};

async function addTwoAndReload(page: Page, url: string) {
  await page.goto(url);
  await ready(page);
  await page.evaluate(() => {
    const nudge = (window as any).nudge;
    nudge.cart.add({ id: "sku-1", price: 10 });
    nudge.cart.add({ id: "sku-2", price: 5, quantity: 2 });
    nudge.track("hostile", { list: [1, 2, 3] });
  });
  await page.reload(); // pagehide flushes; the next page must read back what was written
  await ready(page);
  return page.evaluate(() => {
    const facts = (window as any).nudge.facts();
    return { items: facts.cart.items.map((i: { id: string; quantity: number }) => `${i.id}×${i.quantity}`), count: facts.cart.count, hostile: facts.events.hostile?.count };
  });
}

describe("a page that overrides or freezes built-ins", { timeout: 60_000 }, () => {
  it("IndexedDB: the profile survives a reload, the popup shows with its facts intact", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    await serveHost(context, "/rel/builtins.html", hostHtml({ head: HOSTILE_BUILTINS }), { rules: CART_RULES });
    expect(await addTwoAndReload(g.page, `${harness.baseUrl}/rel/builtins.html`)).toEqual({ items: ["sku-1×1", "sku-2×2"], count: 3, hostile: 1 });
    await settled(g.page);
    await expect(popup(g.page).locator(".nudge-popup__text").textContent()).resolves.toBe("3 item(s) in your cart");
    expect(await g.page.evaluate(() => (window as any).__fetches)).toBeGreaterThan(0); // Nudge went through the page's fetch
    await g.page.keyboard.press("Escape");
    await popup(g.page).waitFor({ state: "detached" });
    await expectClean(g);
  });

  it("localStorage (no IndexedDB): arrays are stored as arrays despite Array.prototype.toJSON", async () => {
    context = await harness.browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, "indexedDB", { value: undefined });
    });
    const g = await guardedPage(context);
    await serveHost(context, "/rel/builtins.html", hostHtml({ head: HOSTILE_BUILTINS }), { rules: CART_RULES });
    expect(await addTwoAndReload(g.page, `${harness.baseUrl}/rel/builtins.html`)).toEqual({ items: ["sku-1×1", "sku-2×2"], count: 3, hostile: 1 });
    await settled(g.page);
    await expect(popup(g.page).locator(".nudge-popup__text").textContent()).resolves.toBe("3 item(s) in your cart");
    await expectClean(g, { allow: [/^info: \[nudge\] storage:/] });
  });
});
