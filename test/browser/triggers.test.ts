import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * Page-signal triggers in real Chromium: the demo shop gets a rules file with one widget per
 * test (served through context.route), and a real mouse, scroll or touch gesture fires it.
 */

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;

/** A context whose shop serves a rules file with one popup, triggered by `trigger`. */
async function shopWith(trigger: unknown, options: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }) {
  context = await harness.browser.newContext(options);
  await context.route("**/shop/rules.json", (route) =>
    route.fulfill({
      json: { version: 1, widgets: [{ id: "moment", type: "popup", trigger, content: { title: "Wait!", text: "10% off before you go.", dismiss: "No thanks" } }] },
    }),
  );
  return watchedPage(context);
}

async function open(page: Page, path: string) {
  await page.goto(url(path));
  await nudgeReady(page);
  // The page-signal triggers load their code on demand: wait until they say they are watching.
  await page.waitForFunction(() => !/arming/.test((window as any).nudge.explain("moment")[0].blockedBy.join(" ")));
}

const blockedBy = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).nudge.explain("moment")[0].blockedBy);

/** Gives a trigger that should not fire the time to show it anyway, then checks nothing is on screen. */
async function expectNothingShown(page: Page) {
  await page.waitForTimeout(400);
  expect(await dialog(page).count()).toBe(0);
}

describe("exit intent in Chromium (desktop)", () => {
  it("a real mouse leaving fast through the top edge shows the popup", async () => {
    const { page, errors } = await shopWith({ type: "exit_intent" });
    await open(page, "/shop/index.html");
    expect((await blockedBy(page)).join(" ")).toContain("trigger: exit_intent, waiting (desktop: pointer leaving through the top)");
    await page.mouse.move(640, 400);
    await page.mouse.move(640, 5, { steps: 6 });
    await page.mouse.move(640, -10);
    await dialog(page).waitFor({ state: "visible" });
    expect((await blockedBy(page)).join(" ")).toContain("trigger: exit_intent, fired on this page (pointer left through the top)");
    expect(errors).toEqual([]);
  });

  it("ordinary movement, leaving through a side or the bottom, does not", async () => {
    const { page, errors } = await shopWith({ type: "exit_intent" });
    await open(page, "/shop/index.html");
    await page.mouse.move(640, 400);
    await page.mouse.move(200, 600, { steps: 10 });
    await page.mouse.move(900, 100, { steps: 10 });
    await page.mouse.move(-10, 300, { steps: 5 }); // out through the left side
    await page.mouse.move(640, 400, { steps: 5 });
    await page.mouse.move(640, 810, { steps: 5 }); // out through the bottom
    await page.mouse.move(640, 400, { steps: 5 });
    await expectNothingShown(page);
    expect((await blockedBy(page)).join(" ")).toContain("trigger: exit_intent, waiting");
    expect(errors).toEqual([]);
  });

  it("a slow drift out through the top does not", async () => {
    const { page } = await shopWith({ type: "exit_intent" });
    await open(page, "/shop/index.html");
    await page.mouse.move(640, 12);
    for (const y of [9, 6, 3, 0, -2]) {
      await page.waitForTimeout(120);
      await page.mouse.move(640, y);
    }
    await expectNothingShown(page);
    expect((await blockedBy(page)).join(" ")).toContain("trigger: exit_intent, waiting (desktop: pointer leaving through the top)");
  });
});

describe("scroll, click", () => {
  it("scrolling to 60% of the page shows a 50% scroll widget", async () => {
    const { page, errors } = await shopWith({ type: "scroll", percent: 50 }, { viewport: { width: 1280, height: 500 } });
    await open(page, "/shop/category.html");
    const max = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    expect(max).toBeGreaterThan(200);
    await page.mouse.move(640, 250);
    await page.mouse.wheel(0, Math.round(max * 0.3));
    await page.waitForFunction(() => scrollY > 0);
    await expectNothingShown(page);
    expect((await blockedBy(page)).join(" ")).toMatch(/trigger: scroll, 50% not reached \(at \d+%\)/);
    await page.mouse.wheel(0, Math.round(max * 0.3));
    await dialog(page).waitFor({ state: "visible" });
    expect(errors).toEqual([]);
  });

  it("clicking #add-to-cart on a product page fires a click trigger", async () => {
    const { page, errors } = await shopWith({ type: "click", selector: "#add-to-cart" });
    await open(page, "/shop/product.html?id=sku-101");
    await page.locator("#add-to-cart:not([disabled])").waitFor();
    await page.locator("h1").first().click();
    await expectNothingShown(page);
    expect((await blockedBy(page)).join(" ")).toContain('trigger: click, waiting for a click on "#add-to-cart"');
    await page.locator("#add-to-cart").click();
    await dialog(page).waitFor({ state: "visible" });
    expect(errors).toEqual([]);
  });
});

describe("exit intent on a phone (touch)", () => {
  const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  it("a fast scroll up shows the popup; scrolling down does not", async () => {
    const { page, errors } = await shopWith({ type: "exit_intent" }, phone);
    await open(page, "/shop/category.html");
    expect(await page.evaluate(() => matchMedia("(hover: none)").matches)).toBe(true);
    expect((await blockedBy(page)).join(" ")).toContain("waiting (touch: a fast scroll up");
    const cdp = await context.newCDPSession(page);
    /** A real finger swipe from y0 to y1 (touch events through the DevTools protocol), `steps` moves `ms` apart. */
    const swipe = async (y0: number, y1: number, steps: number, ms: number) => {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: 200, y: y0 }] });
      for (let i = 1; i <= steps; i++) {
        await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: 200, y: y0 + ((y1 - y0) * i) / steps }] });
        await page.waitForTimeout(ms);
      }
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    };
    await swipe(700, 150, 10, 16); // finger up: the page scrolls down
    await page.waitForFunction(() => scrollY > 400);
    await expectNothingShown(page);
    expect((await blockedBy(page)).join(" ")).toContain("trigger: exit_intent, waiting (touch:");
    await swipe(150, 700, 8, 8); // a quick flick down: the page scrolls up fast
    await dialog(page).waitFor({ state: "visible" });
    expect((await blockedBy(page)).join(" ")).toContain("trigger: exit_intent, fired on this page (fast scroll up)");
    expect(errors).toEqual([]);
  });
});
