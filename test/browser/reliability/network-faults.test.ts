import type { BrowserContext, Route } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness.js";
import { expectClean, guardedPage, HELLO_RULES, hostHtml, popup, ready, serveHost } from "./guard.js";

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const PAGE = "/rel/net.html";
/** What Chromium itself prints for a failed request: the browser's line, not Nudge's. */
const BROWSER_NETWORK = /^error: Failed to load resource: /;

type Fault = (route: Route) => Promise<void>;
const faults: Array<[string, Fault, RegExp]> = [
  ["404", (route) => route.fulfill({ status: 404, body: "not found" }), /rules\.json answered 404; using the last good rules/],
  ["500", (route) => route.fulfill({ status: 500, body: "boom" }), /rules\.json answered 500; using the last good rules/],
  [
    "invalid JSON",
    (route) => route.fulfill({ contentType: "application/json", body: '{"version": 1, "widgets": [' }),
    /rules\.json is not valid JSON \(.+\); using the last good rules/,
  ],
  ["offline (connection refused)", (route) => route.abort("connectionrefused"), /; using the last good rules/],
];

describe("network faults on the rules URL", { timeout: 60_000 }, () => {
  for (const [name, fault, message] of faults) {
    it(`${name}: the last good rules from the cache are used, with one clear console error`, async () => {
      context = await harness.browser.newContext();
      const g = await guardedPage(context);
      await serveHost(context, PAGE, hostHtml());
      await g.page.goto(`${harness.baseUrl}${PAGE}`);
      await ready(g.page);
      await popup(g.page).waitFor({ state: "visible" });

      await context.unroute("**/rel/rules.json");
      await context.route("**/rel/rules.json", fault);
      await g.page.reload();
      await ready(g.page);
      await popup(g.page).waitFor({ state: "visible" });
      const errors = g.console.filter((line) => line.startsWith("error: [nudge]"));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      await expectClean(g, { allow: [BROWSER_NETWORK] });
    });
  }

  it("answering slowly: the page is not held up, calls work meanwhile, and the popup shows when the rules arrive", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    await serveHost(context, PAGE, hostHtml());
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.unroute("**/rel/rules.json");
    await context.route("**/rel/rules.json", async (route) => {
      await held;
      await route.fulfill({ json: HELLO_RULES });
    });
    await g.page.goto(`${harness.baseUrl}${PAGE}`); // resolves on "load": the rules request does not block it
    await g.page.waitForFunction(() => (window as any).nudge?.__nudge === "running");
    await g.page.evaluate(() => (window as any).nudge.cart.add({ id: "early", price: 1 }));
    // Calls made before the profile has opened are applied once it has (storage is async): poll.
    await expect.poll(() => g.page.evaluate(() => (window as any).nudge.facts().cart.count), { timeout: 10_000 }).toBe(1);
    expect(await popup(g.page).count()).toBe(0);
    release();
    await ready(g.page);
    await popup(g.page).waitFor({ state: "visible" });
    await expectClean(g);
  });

  it("a 500 on the first visit (nothing cached): one clear error, no widget, every call still works", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    await serveHost(context, PAGE, hostHtml());
    await context.unroute("**/rel/rules.json");
    await context.route("**/rel/rules.json", (route) => route.fulfill({ status: 500, body: "boom" }));
    await g.page.goto(`${harness.baseUrl}${PAGE}`);
    await ready(g.page);
    await g.page.evaluate(() => (window as any).nudge.track("still_tracked"));
    expect(await g.page.evaluate(() => (window as any).nudge.facts().events.still_tracked.count)).toBe(1);
    expect(await g.page.evaluate(() => (window as any).nudge.show("hello"))).toBe(false);
    expect(await popup(g.page).count()).toBe(0);
    expect(g.console.filter((line) => line.startsWith("error: [nudge]"))).toEqual([expect.stringMatching(/rules\.json answered 500; no widgets will show/)]);
    await expectClean(g, { allow: [BROWSER_NETWORK, /^warning: \[nudge\] show\("hello"\)/] });
  });

  it("a section whose own rules file answers 503 never shows another section's cached widgets", async () => {
    context = await harness.browser.newContext();
    const g = await guardedPage(context);
    const english = { version: 1, widgets: [{ ...HELLO_RULES.widgets[0], id: "campaign-en", content: { ...HELLO_RULES.widgets[0].content, title: "Summer sale" } }] };
    await serveHost(context, "/en/shop.html", hostHtml({ rulesUrl: "/en/rules.json" }));
    await serveHost(context, "/de/shop.html", hostHtml({ rulesUrl: "/de/rules.json" }));
    await context.route("**/en/rules.json", (route) => route.fulfill({ json: english }));
    await context.route("**/de/rules.json", (route) => route.fulfill({ status: 503, body: "busy" }));
    await g.page.goto(`${harness.baseUrl}/en/shop.html`);
    await ready(g.page);
    await popup(g.page).waitFor({ state: "visible" });

    await g.page.goto(`${harness.baseUrl}/de/shop.html`);
    await ready(g.page);
    expect(await g.page.evaluate(() => (window as any).nudge.explain())).toEqual([]);
    expect(await popup(g.page).count()).toBe(0);
    expect(g.console.filter((line) => line.startsWith("error: [nudge]"))).toEqual([expect.stringMatching(/\/de\/rules\.json answered 503; no widgets will show/)]);
    await expectClean(g, { allow: [BROWSER_NETWORK] });
  });
});
