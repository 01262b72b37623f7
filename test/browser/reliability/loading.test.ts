import type { BrowserContext } from "playwright-core";
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

describe("how and where the script is loaded", { timeout: 60_000 }, () => {
  it("a blocking tag in <head>, before <body> exists: it starts, and the popup shows once the page is there", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    await serveHost(context, "/rel/head.html", hostHtml({ script: "head", async: false }));
    await context.route("**/dist/nudge.js", async (route) => {
      // Hold the body back until the loader has run: prove it really ran without a <body>.
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()};window.__bodyAtLoad = !!document.body;` });
    });
    await g.page.goto(`${harness.baseUrl}/rel/head.html`);
    await ready(g.page);
    expect(await g.page.evaluate(() => (window as any).__bodyAtLoad)).toBe(false);
    await settled(g.page);
    await expectClean(g);
  });

  it("a second copy of the tag injected later (a tag manager firing again) keeps the one runtime and its state", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    await serveHost(context, "/rel/twice.html", hostHtml());
    await g.page.goto(`${harness.baseUrl}/rel/twice.html`);
    await ready(g.page);
    await g.page.evaluate(() => (window as any).nudge.cart.add({ id: "sku-1", price: 3 }));
    await g.page.evaluate(() => {
      (window as any).__first = (window as any).nudge;
      for (const src of ["/dist/nudge.js", "/dist/nudge.js?v=2"]) {
        const tag = document.createElement("script");
        tag.src = src;
        tag.dataset.rules = "/rel/rules.json";
        document.head.append(tag);
      }
    });
    await g.page.waitForFunction(() => performance.getEntriesByName(new URL("/dist/nudge.js?v=2", location.href).href).length > 0);
    await g.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300))); // let both loaders run
    expect(await g.page.evaluate(() => (window as any).nudge === (window as any).__first)).toBe(true);
    expect(await g.page.evaluate(() => (window as any).nudge.push(["cart.add", { id: "sku-2", price: 1 }]))).toBe(0);
    expect(await g.page.evaluate(() => (window as any).nudge.facts().cart.count)).toBe(2);
    expect(await g.page.locator("nudge-root").count()).toBe(1);
    await expectClean(g);
  });

  it("an SPA that replaces document.body, with the popup open and after: the popup stays, navigations count, show() works", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    await serveHost(context, "/rel/spa.html", hostHtml({ body: '<div id="app">Home</div>' }));
    await g.page.goto(`${harness.baseUrl}/rel/spa.html`);
    await ready(g.page);
    await settled(g.page);
    const swapBody = () =>
      g.page.evaluate(() => {
        const body = document.createElement("body");
        body.innerHTML = `<div id="app">${Math.random()}</div>`;
        document.body = body;
      });
    await swapBody();
    await expect(popup(g.page).isVisible()).resolves.toBe(true);
    await g.page.keyboard.press("Escape");
    await popup(g.page).waitFor({ state: "detached" });
    await swapBody();
    await g.page.evaluate(() => history.pushState({}, "", "/rel/spa/next"));
    expect(await g.page.evaluate(() => (window as any).nudge.facts().page.path)).toBe("/rel/spa/next");
    expect(await g.page.evaluate(() => (window as any).nudge.facts().visitor.pagesThisSession)).toBe(2);
    // A framework that wipes the whole document element's children (some hydration bugs) removes our host too.
    await g.page.evaluate(() => document.querySelector("nudge-root")!.remove());
    await g.page.evaluate(() => (window as any).nudge.show("hello", { force: true }));
    await settled(g.page);
    await expectClean(g);
  });

  it("selectors that match nothing (and one invalid) in click, visible and form triggers: nothing breaks, the other widget shows, and a late element still triggers", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    const rules = {
      version: 1,
      widgets: [
        { id: "on-click", type: "popup", trigger: { type: "click", selector: "#does-not-exist" }, content: { title: "clicked" } },
        { id: "on-form", type: "popup", trigger: { type: "form_submit", selector: "form.none" }, content: { title: "form" } },
        { id: "bad-selector", type: "popup", trigger: { type: "click", selector: "div[[" }, content: { title: "never" } },
        { id: "on-visible", type: "popup", trigger: { type: "visible", selector: ".late-banner" }, content: { title: "late element seen" }, priority: 5 },
        HELLO_RULES.widgets[0],
      ],
    };
    await serveHost(context, "/rel/selectors.html", hostHtml(), { rules });
    await g.page.goto(`${harness.baseUrl}/rel/selectors.html`);
    await ready(g.page);
    await settled(g.page);
    await expect(popup(g.page).locator("h2").textContent()).resolves.toBe("Hello from Nudge");
    await g.page.keyboard.press("Escape");
    await popup(g.page).waitFor({ state: "detached" });
    await g.page.locator("#buy").click();
    await g.page.evaluate(() => document.body.insertAdjacentHTML("afterbegin", '<p class="late-banner">Sale</p>'));
    await popup(g.page).waitFor({ state: "visible" });
    await expect(popup(g.page).locator("h2").textContent()).resolves.toBe("late element seen");
    // The invalid selector is a validation warning naming its path; the rest of the file runs.
    await expectClean(g);
    expect(g.console.some((line) => line.startsWith("warning: [nudge]") && line.includes("widgets[2].trigger") && line.includes("not a valid CSS selector"))).toBe(true);
  });

  it("the runtime file failing to load: one clear console error, the page's queue is left intact", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    await serveHost(context, "/rel/no-runtime.html", hostHtml());
    await context.route("**/dist/nudge.runtime.js", (route) => route.fulfill({ status: 503, body: "down" }));
    await g.page.goto(`${harness.baseUrl}/rel/no-runtime.html`);
    await g.page.waitForFunction(() => (window as any).__faults && Array.isArray((window as any).nudge));
    await g.page.waitForFunction(() => document.readyState === "complete");
    // Same origin as the page: the message names the file, and no CORS header (that is not the problem).
    const ours = () => g.console.filter((line) => line.startsWith("error: [nudge]"));
    await expect.poll(() => ours().length, { timeout: 10_000 }).toBe(1);
    expect(ours()[0]).toMatch(new RegExp(`^error: \\[nudge\\] ${harness.baseUrl}/dist/nudge\\.runtime\\.js did not load(?!.*Access-Control)`));
    expect(await g.page.evaluate(() => (window as any).nudge.push(["track", "later"]))).toBe(1); // still the plain array the page made
    await expectClean(g, { allow: [/^error: Failed to load resource: the server responded with a status of 503/] });
  });
});
