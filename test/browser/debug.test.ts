import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;
/** The debug panel's facts text (its shadow root is open; Playwright's CSS engine pierces it). */
const factsText = (page: Page) => page.locator("nudge-debug pre").textContent();
const pagesThisSession = async (page: Page) => Number(/"pagesThisSession": (\d+)/.exec((await factsText(page)) ?? "")?.[1]);
const isDebugChunk = (request: string) => /\/chunks\/panel-[^/]*\.js$/.test(request);

describe("debug view (?nudge_debug=1)", () => {
  it("shows the live facts and explain(), and follows navigation", async () => {
    const { page, errors, requests } = await watchedPage(context);
    await page.goto(url("/shop/index.html?nudge_debug=1"));
    await nudgeReady(page);
    await page.locator("nudge-debug pre").waitFor({ state: "visible" });
    expect(await pagesThisSession(page)).toBe(1);
    expect(requests.some(isDebugChunk)).toBe(true);
    // explain() for every widget of the shop's rules.
    await expect(page.locator("nudge-debug ul.widgets > li").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("nudge-debug ul.widgets").textContent()).resolves.toContain("welcome-offer");
    // Fixed at the bottom left.
    const box = await page.locator("nudge-debug .panel").boundingBox();
    expect(box!.x).toBeLessThan(20);
    expect(box!.y + box!.height).toBeGreaterThan(800 - 20);

    // A full navigation: the panel comes back with the new count.
    await page.goto(url("/shop/category.html?c=tea&nudge_debug=1"));
    await nudgeReady(page);
    await page.locator("nudge-debug pre").waitFor({ state: "visible" });
    await expect.poll(() => pagesThisSession(page)).toBe(2);

    // A single-page-app navigation updates it live.
    await page.evaluate(() => history.pushState({}, "", "/shop/somewhere?nudge_debug=1"));
    await expect.poll(() => pagesThisSession(page)).toBe(3);
    await expect.poll(async () => (await factsText(page)) ?? "").toContain('"previous": "/shop/category.html"');

    // Collapsible.
    await page.locator("nudge-debug button.toggle").click();
    await page.locator("nudge-debug pre").waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
  });

  it("without the flag, the debug chunk is never requested", async () => {
    const { page, errors, requests } = await watchedPage(context);
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    await page.goto(url("/shop/category.html?c=coffee"));
    await nudgeReady(page);
    await page.waitForTimeout(300);
    expect(requests.filter((r) => r.includes("/dist/")).length).toBeGreaterThan(0);
    expect(requests.filter(isDebugChunk)).toEqual([]);
    await expect(page.locator("nudge-debug").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
