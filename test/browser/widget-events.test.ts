import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

/** Collects every lifecycle event of the script-tag instance into `window.__events`, from before it loads. */
const collectEvents = () => {
  (window as any).__events = [];
  const w = window as any;
  w.nudge = w.nudge || [];
  for (const name of ["shown", "viewable", "closed"]) w.nudge.push(["on", name, (e: { id: string }) => w.__events.push(`${name}:${e.id}`)]);
};

describe("widget lifecycle events in Chromium", () => {
  it("a popup on screen reports one viewable impression; a second show reports another", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(collectEvents);
    const { page, errors } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}/shop/index.html`);
    await nudgeReady(page);
    await page.goto(`${harness.baseUrl}/shop/category.html`);
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });
    await page.waitForFunction(() => (window as any).__events.includes("viewable:welcome-offer"));
    await page.keyboard.press("Escape");
    await dialog(page).waitFor({ state: "detached" });
    await page.evaluate(() => (window as any).nudge.show("welcome-offer", { force: true }));
    await dialog(page).waitFor({ state: "visible" });
    await page.waitForFunction(() => (window as any).__events.filter((e: string) => e === "viewable:welcome-offer").length === 2);
    const events = await page.evaluate(() => (window as any).__events as string[]);
    expect(events.filter((e) => e.endsWith(":welcome-offer"))).toEqual([
      "shown:welcome-offer",
      "viewable:welcome-offer",
      "closed:welcome-offer",
      "shown:welcome-offer",
      "viewable:welcome-offer",
    ]);
    expect(errors).toEqual([]);
  });
});
