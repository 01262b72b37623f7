import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;

/** Two page views, so the demo shop's welcome offer shows. */
async function openWelcomeOffer(page: Page, second = "/shop/category.html") {
  await page.goto(url("/shop/index.html"));
  await nudgeReady(page);
  await page.goto(url(second));
  await nudgeReady(page);
  await dialog(page).waitFor({ state: "visible" });
}

describe("the popup in Chromium", () => {
  it("fits a 390 px phone, even on a page that overflows sideways", async () => {
    context = await harness.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page, errors } = await watchedPage(context);
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    // A careless page: one element wider than the phone makes the layout viewport wider than the screen.
    await page.goto(url("/shop/category.html"));
    await page.addStyleTag({ content: "footer::after{content:'';display:block;width:700px;height:1px}" });
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });
    await dialog(page).evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeGreaterThan(390);
    const box = (await dialog(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390.5);
    expect(box.y + box.height).toBeLessThanOrEqual(844.5);
    const cta = (await page.locator("nudge-root .nudge-popup__cta").boundingBox())!;
    expect(cta.y + cta.height).toBeLessThanOrEqual(844.5);
    expect(errors).toEqual([]);
  });

  it("closes on a backdrop click but not on a click inside the card", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await watchedPage(context);
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    await page.goto(url("/shop/category.html"));
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });
    await dialog(page).locator("h2").click();
    await expect(dialog(page).count()).resolves.toBe(1);
    await page.mouse.click(20, 780); // the dimmed backdrop, outside the card
    await dialog(page).waitFor({ state: "detached" });
    const closed = await page.evaluate(() => (window as any).nudge.explain("welcome-offer")[0].blockedBy);
    expect(closed.join(" ")).toContain("frequency.session");
  });

  it("traps Tab inside the dialog and returns focus to the page's element on close", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await watchedPage(context);
    await page.goto(url("/shop/category.html"));
    await nudgeReady(page); // first page view: nothing shows
    await page.locator("#sort").focus();
    await page.evaluate(() => (window as any).nudge.show("welcome-offer", { force: true }));
    await dialog(page).waitFor({ state: "visible" });
    const inside = () => page.evaluate(() => !!document.querySelector("nudge-root")!.shadowRoot!.activeElement);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect(await inside()).toBe(true);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await inside()).toBe(true);
    await page.keyboard.press("Escape");
    await dialog(page).waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("sort");
  });

  // Focus in the render's task forced a style and layout pass there (issue 17): it moves in the next frame, before its paint.
  it("moves the initial focus into the popup in the frame after the show, before that frame is painted", async () => {
    context = await harness.browser.newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(url("/shop/category.html"));
    await nudgeReady(page);
    await page.locator("#sort").focus();
    const focus = await page.evaluate(
      () =>
        new Promise<{ atShow: string; inFrame: string }>((resolve) => {
          const nudge = (window as any).nudge;
          const active = () => {
            const inside = document.querySelector("nudge-root")?.shadowRoot?.activeElement;
            return inside ? `popup ${inside.className}` : `page #${document.activeElement?.id}`;
          };
          nudge.on("shown", () => {
            const atShow = active();
            // Called after the popup's own frame callback (queued during its render): same frame, before the paint.
            requestAnimationFrame(() => resolve({ atShow, inFrame: active() }));
          });
          nudge.show("welcome-offer", { force: true });
        }),
    );
    expect(focus.atShow).toBe("page #sort");
    expect(focus.inFrame).toMatch(/^popup .*nudge-(popup__cta|field__input)/);
    expect(errors).toEqual([]);
  });

  it("follows the call to action's link", async () => {
    context = await harness.browser.newContext();
    const { page } = await watchedPage(context);
    await openWelcomeOffer(page, "/shop/cart.html");
    await Promise.all([page.waitForURL(/category\.html$/), page.locator("nudge-root .nudge-popup__cta").click()]);
  });
});

describe("rules and loading in Chromium", () => {
  it("skips a broken widget with a warning naming its path, and still shows the valid one", async () => {
    context = await harness.browser.newContext();
    const { page, warnings, errors } = await watchedPage(context);
    await context.route("**/shop/rules.json", async (route) => {
      // The file as written (the server publishes it for the shop; an edited copy is validated in the browser).
      const rules = await (await route.fetch({ url: `${route.request().url()}?source` })).json();
      rules.widgets.unshift({ id: "typo", type: "popup", frequncy: { session: 1 }, content: { title: "Broken" } });
      await route.fulfill({ json: rules });
    });
    await openWelcomeOffer(page);
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("10% off your first order");
    expect(warnings.some((w) => w.includes("widgets[0]") && w.includes('unknown key "frequncy" (did you mean "frequency"?)'))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("starts one runtime when the script tag is pasted twice", async () => {
    context = await harness.browser.newContext();
    const { page, requests, errors } = await watchedPage(context);
    await context.route("**/shop/index.html", async (route) => {
      const html = await (await route.fetch()).text();
      const tag = '<script async src="/dist/nudge.js" data-rules="/shop/rules.json"></script>';
      await route.fulfill({ body: html.replace(tag, tag + tag), contentType: "text/html" });
    });
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    await page.evaluate(() => (window as any).nudge.show("welcome-offer", { force: true }));
    await dialog(page).waitFor({ state: "visible" });
    expect(await page.locator("nudge-root").count()).toBe(1);
    expect(requests.filter((r) => r.endsWith("/dist/nudge.runtime.js"))).toHaveLength(1);
    expect(await page.evaluate(() => (window as any).nudge.facts().visitor.pagesThisSession)).toBe(1);
    expect(errors).toEqual([]);
  });

  it("counts single-page-app navigations as page views", async () => {
    context = await harness.browser.newContext();
    const { page } = await watchedPage(context);
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    await page.evaluate(() => history.pushState({}, "", "/shop/category.html?c=tea"));
    await dialog(page).waitFor({ state: "visible" }); // the welcome offer's second page view, without a reload
    await page.evaluate(() => (location.hash = "#reviews"));
    const visitor = await page.evaluate(() => (window as any).nudge.facts().visitor);
    expect(visitor.pagesThisSession).toBe(3);
    expect(await page.evaluate(() => (window as any).nudge.facts().page.path)).toBe("/shop/category.html");
  });

  it("runs commands queued before it loaded, in order", async () => {
    context = await harness.browser.newContext();
    const { page } = await watchedPage(context);
    await page.goto(url("/shop/product.html?id=sku-101"));
    await nudgeReady(page);
    await page.locator("#add-to-cart").click();
    await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
    const facts = await page.evaluate(() => (window as any).nudge.facts());
    expect(facts.events.view_item.count).toBe(1);
    expect(facts.cart.items[0].id).toBe("sku-101");
    await page.reload();
    await nudgeReady(page);
    expect(await page.evaluate(() => (window as any).nudge.facts().cart.count)).toBe(1); // kept across reloads
  });
});
