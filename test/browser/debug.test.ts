import { mkdirSync } from "node:fs";
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
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
/** A fact's value in the panel's tree (its shadow root is open; Playwright's CSS engine pierces it). */
const fact = (page: Page, path: string) => page.locator(`nudge-debug .leaf[data-path="${path}"] .value`).textContent();
const pagesThisSession = async (page: Page) => Number(await fact(page, "visitor.pagesThisSession"));
const isDebugChunk = (request: string) => /\/chunks\/panel-[^/]*\.js$/.test(request);

describe("debug view (?nudge_debug=1)", { timeout: 60_000 }, () => {
  it("shows the live facts and explain(), and follows navigation", async () => {
    const { page, errors, requests } = await watchedPage(context);
    await page.goto(url("/shop/index.html?nudge_debug=1"));
    await nudgeReady(page);
    await page.locator('nudge-debug .leaf[data-path="visitor.pagesThisSession"]').waitFor({ state: "visible" });
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
    // The welcome offer (a modal) shows on the second page: no corner is free of it, so the panel folds to its tab.
    const modal = page.locator("nudge-root [role=dialog]");
    await modal.waitFor();
    await expect.poll(() => page.locator("nudge-debug .toggle").getAttribute("aria-expanded")).toBe("false");
    const tab = (await page.locator("nudge-debug .panel").boundingBox())!;
    const shown = (await modal.boundingBox())!;
    expect(tab.x + tab.width < shown.x || tab.y > shown.y + shown.height || tab.y + tab.height < shown.y || tab.x > shown.x + shown.width).toBe(true);
    await screenshot(page, "debug-1280-folded");
    // The visitor may open it anyway.
    await page.locator("nudge-debug .toggle").click();
    await page.locator('nudge-debug .leaf[data-path="visitor.pagesThisSession"]').waitFor({ state: "visible" });
    await expect.poll(() => pagesThisSession(page)).toBe(2);
    await page.keyboard.press("Escape");

    // A single-page-app navigation updates it live.
    await page.evaluate(() => history.pushState({}, "", "/shop/somewhere?nudge_debug=1"));
    await expect.poll(() => pagesThisSession(page)).toBe(3);
    await expect.poll(() => fact(page, "page.previous")).toBe('"/shop/category.html"');

    // Collapsible.
    await page.locator("nudge-debug button.toggle").click();
    await page.locator("nudge-debug .facts").waitFor({ state: "hidden" });
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

// A shop whose rules hold one widget in each state the panel names.
const STATES_RULES = {
  version: 1,
  widgets: [
    { id: "now", type: "popup", trigger: "page_view", frequency: { session: 1 }, content: { title: "Now", layout: "slide-in", corner: "bottom-left" } },
    { id: "leaving", type: "popup", trigger: { type: "exit_intent" }, content: { title: "Before you go" } },
    { id: "vip", type: "popup", trigger: "page_view", when: { "orders.count": { $gte: 5 } }, content: { title: "For our best customers", layout: "top-bar" } },
  ],
};

async function shopWithStates(options: BrowserContextOptions) {
  context = await harness.browser.newContext(options);
  await context.route("**/shop/rules.json", (route) => route.fulfill({ json: STATES_RULES }));
  return watchedPage(context);
}

const panelBox = (page: Page) => page.locator("nudge-debug .panel").boundingBox();
const stateOf = (page: Page, id: string) => page.locator(`nudge-debug li.widget[data-widget="${id}"]`).getAttribute("data-state");
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function screenshot(page: Page, name: string) {
  mkdirSync(".tmp/screenshots", { recursive: true });
  await page.screenshot({ path: `.tmp/screenshots/${name}.png` });
}

describe("debug panel: a tool", { timeout: 60_000 }, () => {
  it("names each widget's state, fires a trigger, forces a widget, searches the facts and resets the visitor (1280 px)", async () => {
    const { page, errors } = await shopWithStates({ viewport: { width: 1280, height: 800 } });
    await page.goto(url("/shop/index.html?nudge_debug=1"));
    await nudgeReady(page);
    await expect.poll(() => stateOf(page, "now")).toBe("showing");
    await expect.poll(() => stateOf(page, "leaving")).toBe("waiting");
    expect(await stateOf(page, "vip")).toBe("blocked");
    const leaving = page.locator('nudge-debug li.widget[data-widget="leaving"]');
    expect(await leaving.innerText()).toContain("waiting for its trigger");
    expect(await leaving.innerText()).toContain("trigger: exit_intent, waiting (desktop: pointer leaving through the top)");
    // Waiting is not an error: amber, not red.
    expect(await leaving.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe("rgb(251, 191, 36)");
    // The reason in full once the explain texts have loaded (a lazy chunk).
    await expect.poll(() => page.locator('nudge-debug li.widget[data-widget="vip"]').innerText()).toContain("when: orders.count: expected $gte 5, found 0");
    // The slide-in sits bottom left: the panel moved to another corner and covers none of it.
    const slide = await page.locator("nudge-root").getByText("Now", { exact: true }).boundingBox();
    await expect.poll(async () => overlap((await panelBox(page))!, slide!)).toBe(false);
    expect(await page.locator("nudge-debug .panel").getAttribute("data-dock")).not.toBe("bottom-left");
    await screenshot(page, "debug-1280");

    // Search the facts: only matching rows, with the catalog's description.
    await page.locator("nudge-debug .search input").fill("scroll");
    const depth = page.locator('nudge-debug .leaf[data-path="visitor.scrollDepth"]');
    await depth.waitFor({ state: "visible" });
    expect(await depth.locator(".about").textContent()).toMatch(/\w+/);
    expect(await page.locator('nudge-debug .leaf[data-path="cart.value"]').count()).toBe(0);
    await screenshot(page, "debug-1280-search");

    // Fire its trigger: the exit-intent popup shows now; force show: the blocked one too.
    await leaving.getByRole("button", { name: "Fire its trigger" }).click();
    await expect.poll(() => stateOf(page, "leaving")).toBe("showing");
    await page.keyboard.press("Escape");
    await expect.poll(() => stateOf(page, "leaving")).not.toBe("showing");
    await page.locator('nudge-debug li.widget[data-widget="vip"]').getByRole("button", { name: "Force show" }).click();
    await expect.poll(() => stateOf(page, "vip")).toBe("showing");
    await page.locator("nudge-root").getByText("For our best customers").waitFor();

    // The next page: the slide-in's session cap is used up.
    await page.goto(url("/shop/category.html?c=tea&nudge_debug=1"));
    await nudgeReady(page);
    await expect.poll(() => stateOf(page, "now")).toBe("done");
    expect(await page.locator('nudge-debug li.widget[data-widget="now"]').innerText()).toContain("done for this session");

    // Reset this visitor: a new profile, and the slide-in shows again.
    const before = await page.evaluate(() => (window as any).nudge.facts().visitor.id);
    await Promise.all([page.waitForEvent("load"), page.locator("nudge-debug button.reset").click()]);
    await nudgeReady(page);
    await expect.poll(() => stateOf(page, "now")).toBe("showing");
    expect(await page.evaluate(() => (window as any).nudge.facts().visitor.id)).not.toBe(before);
    expect(await pagesThisSession(page)).toBe(1);
    expect(errors).toEqual([]);
  });

  it("at 390 px it keeps off the widget: another corner, or folded to its tab, and opens on request", async () => {
    const { page, errors } = await shopWithStates({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(url("/shop/index.html?nudge_debug=1"));
    await nudgeReady(page);
    await expect.poll(() => stateOf(page, "now")).toBe("showing");
    const slide = await page.locator("nudge-root").getByText("Now", { exact: true }).boundingBox();
    await expect.poll(async () => overlap((await panelBox(page))!, slide!)).toBe(false);
    const box = (await panelBox(page))!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await screenshot(page, "debug-390");
    // Folded or not, the visitor can open it and read the widgets.
    if ((await page.locator("nudge-debug .toggle").getAttribute("aria-expanded")) === "false") await page.locator("nudge-debug .toggle").click();
    await page.locator('nudge-debug li.widget[data-widget="leaving"]').waitFor({ state: "visible" });
    await screenshot(page, "debug-390-open");
    expect(errors).toEqual([]);
  });
});
