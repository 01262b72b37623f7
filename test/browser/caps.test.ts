import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * Day and total caps across real page loads: each load is a new runtime that knows the earlier
 * shows only from the stored profile (IndexedDB), as the session cap is tested in popup.test.ts.
 * The page's clock is moved a day on with Playwright's clock (timers keep running).
 */

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const DAY = 24 * 60 * 60 * 1000;
/** explain("offer")'s reasons in words: the first call loads them (each gate's name meanwhile, with no ": " in it). */
async function blockedBy(page: Page): Promise<string> {
  await page.waitForFunction(() => ((window as any).nudge.explain("offer")[0].blockedBy as string[]).every((reason) => reason.includes(": ")));
  return page.evaluate(() => ((window as any).nudge.explain("offer")[0].blockedBy as string[]).join("; "));
}

/** Loads the page (a new runtime) and returns whether the offer showed, closing it if it did. */
async function load(page: Page, url: string): Promise<boolean> {
  await page.goto(url);
  await nudgeReady(page);
  const shown = (await dialog(page).count()) > 0;
  if (shown) {
    await page.evaluate(() => (window as any).nudge.hide());
    await dialog(page).waitFor({ state: "detached" });
  }
  return shown;
}

describe("frequency caps across page loads", () => {
  it("day: 1 and total: 2 hold across reloads and days", { timeout: 60_000 }, async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route("**/shop/rules.json", (route) =>
      route.fulfill({
        json: { version: 1, widgets: [{ id: "offer", type: "popup", trigger: "page_view", frequency: { day: 1, total: 2 }, content: { title: "10% off today" } }] },
      }),
    );
    const { page, errors } = await watchedPage(context);
    const url = `${harness.baseUrl}/shop/index.html`;
    const start = Date.now();
    await context.clock.setFixedTime(start);
    expect(await load(page, url)).toBe(true);
    expect(await load(page, url)).toBe(false); // the same day, a new page load
    expect(await blockedBy(page)).toContain("frequency.day: shown 1 of 1 times today");
    await context.clock.setFixedTime(start + DAY);
    expect(await load(page, url)).toBe(true); // the next day: shown again, the second time in all
    await context.clock.setFixedTime(start + 2 * DAY);
    expect(await load(page, url)).toBe(false); // a third day: the total is used up
    const reasons = await blockedBy(page);
    expect(reasons).toContain("frequency.total: shown 2 of 2 times in total");
    expect(reasons).not.toContain("frequency.day");
    expect(errors).toEqual([]);
  });
});
