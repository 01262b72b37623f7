import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness.js";
import { expectClean, guardedPage, HELLO_RULES, hostHtml, serveHost } from "./guard.js";

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const inFrame = (page: import("playwright-core").Page) => page.frameLocator("iframe");

describe("Nudge inside an iframe", { timeout: 60_000 }, () => {
  it("same origin: the popup shows inside the frame, the parent page is untouched, the profile persists", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const g = await guardedPage(context);
    await serveHost(context, "/rel/inner.html", hostHtml());
    await context.route(
      (url) => url.pathname === "/rel/outer.html",
      (route) => route.fulfill({ contentType: "text/html", body: '<!doctype html><h1>Parent</h1><iframe src="/rel/inner.html" width="600" height="500"></iframe>' }),
    );
    await g.page.goto(`${harness.baseUrl}/rel/outer.html`);
    const dialog = inFrame(g.page).locator("nudge-root [role=dialog]");
    await dialog.waitFor({ state: "visible" });
    expect(await g.page.locator("nudge-root").count()).toBe(0);
    const box = (await dialog.boundingBox())!;
    const frame = (await g.page.locator("iframe").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(frame.x);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    await inFrame(g.page)
      .locator("html")
      .evaluate(() => (window as any).nudge.cart.add({ id: "in-frame", price: 1 }));
    await inFrame(g.page)
      .locator("html")
      .evaluate(() => (window as any).nudge.destroy()); // writes pending changes
    await g.page.reload();
    await inFrame(g.page).locator("nudge-root [role=dialog]").waitFor({ state: "visible" });
    expect(
      await inFrame(g.page)
        .locator("html")
        .evaluate(() => (window as any).nudge.facts().cart.count),
    ).toBe(1);
    await expectClean(g);
    await expectClean(g, { frame: "iframe" });
  });

  it('sandbox="allow-scripts" (an opaque origin: every storage throws SecurityError): it runs in memory, the popup shows, only Nudge\'s own notes', async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const g = await guardedPage(context);
    // From an opaque origin the module and the rules are cross-origin requests: a CDN answers them with CORS.
    await context.route("**/dist/**", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "access-control-allow-origin": "*" } });
    });
    await serveHost(context, "/rel/sandboxed.html", hostHtml({ head: '<script src="/rel/queue.js"></script>' }));
    await context.route("**/rel/rules.json", async (route) => route.fulfill({ json: HELLO_RULES, headers: { "access-control-allow-origin": "*" } }));
    await context.route("**/rel/queue.js", (route) =>
      route.fulfill({ contentType: "text/javascript", body: 'window.nudge = window.nudge || []; nudge.push(["cart.add", { id: "sku-1", price: 2 }]);' }),
    );
    await context.route(
      (url) => url.pathname === "/rel/outer.html",
      (route) =>
        route.fulfill({
          contentType: "text/html",
          body: '<!doctype html><h1>Parent</h1><iframe sandbox="allow-scripts" src="/rel/sandboxed.html" width="700" height="600"></iframe>',
        }),
    );
    await g.page.goto(`${harness.baseUrl}/rel/outer.html`);
    await inFrame(g.page).locator("nudge-root [role=dialog]").waitFor({ state: "visible" });
    const frame = inFrame(g.page).locator("html");
    expect(
      await frame.evaluate(() => {
        try {
          return (void localStorage.length, "storage works");
        } catch (e) {
          return (e as Error).name;
        }
      }),
    ).toBe("SecurityError");
    expect(await frame.evaluate(() => (window as any).nudge.facts().cart.count)).toBe(1);
    await frame.evaluate(() => (window as any).nudge.forget());
    await expectClean(g);
    await expectClean(g, { frame: "iframe" });
  });
});
