/**
 * `npm start`'s wiring, end to end: the demo shop's beacon posts to the real collector on an
 * embedded DuckDB file (scripts/serve.mjs with `eventsDb`), and the visits just made show on the
 * collector's report page, counted in the database, with nothing else started.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types
import { serve } from "../../scripts/serve.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH, dialog, nudgeReady, watchedPage } from "./harness.js";

const folder = mkdtempSync(join(tmpdir(), "nudge-start-"));
const SCREENSHOTS = resolve(import.meta.dirname, "../../.tmp/screenshots");
let server: { url: string; close(): Promise<void> };
let browser: Browser;
beforeAll(async () => {
  server = await serve({ port: 0, eventsDb: join(folder, "events.duckdb") });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

interface Arm {
  variant: string;
  visitors: number;
  impressions: number;
  conversions: number;
  revenue: number;
}

describe("the demo shop → nudge collect (DuckDB) → the collector's report page", () => {
  it("shows the visits just made, counted in the database", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Only the welcome offer (shown on the second page view): no random promo takes its turn.
    const rules = JSON.parse(readFileSync(new URL("../../examples/shop/rules.json", import.meta.url), "utf8")) as { widgets: Array<{ id: string }> };
    await context.route("**/shop/rules.json", (route) => route.fulfill({ json: { ...rules, widgets: rules.widgets.filter((w) => w.id === "welcome-offer") } }));
    const { page, errors } = await watchedPage(context);
    await page.goto(`${server.url}/shop/index.html`);
    await nudgeReady(page);
    await page.goto(`${server.url}/shop/category.html`);
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });
    const variant = await dialog(page).evaluate((el) => el.closest("[data-variant]")?.getAttribute("data-variant") ?? null);
    await page.evaluate(() => (window as any).nudge.purchase({ id: "order-1", value: 45 }));

    // The beacon delivers; the collector's JSON report (counted by DuckDB) shows this visit.
    const arms = async () => {
      const response = await page.request.get(`${server.url}/collector/report.json`);
      const report = (await response.json()) as { widgets: Array<{ widget: string; variants: Arm[] }> };
      return report.widgets.find((w) => w.widget === "welcome-offer")?.variants ?? [];
    };
    await expect.poll(async () => (await arms()).reduce((s, a) => s + a.conversions, 0), { timeout: 20_000 }).toBe(1);
    const shown = (await arms()).find((a) => a.impressions > 0)!;
    expect(shown).toMatchObject({ visitors: 1, impressions: 1, conversions: 1, revenue: 45 });
    if (variant) expect(shown.variant).toBe(variant);

    // The report page draws it.
    await page.goto(`${server.url}/collector/report/`);
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    const card = page.locator('section.card[data-widget="welcome-offer"]');
    await expect.poll(() => card.count()).toBe(1);
    const cell = (metric: string) => card.locator(`td[data-variant="${shown.variant}"][data-metric="${metric}"]`).getAttribute("data-value");
    expect(await cell("visitors")).toBe("1");
    expect(await cell("impressions")).toBe("1");
    expect(await cell("revenue")).toBe("45");
    expect(await page.locator("#summary").textContent()).toMatch(/events from 1 visitors/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "collector-report.png"), fullPage: true });

    // The static report demo's "Events from the demo shop" reads the same collector.
    await page.goto(`${server.url}/report/?visitors=100`);
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    await page.locator("#collector").click();
    await expect.poll(() => page.locator("#summary").textContent()).toContain("counted in DuckDB");
    await expect.poll(() => page.locator('section.card[data-widget="welcome-offer"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
