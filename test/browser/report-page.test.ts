import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MeasureEvent } from "../../src/measure/event.js";
import { buildReport } from "../../src/measure/report.js";
import { startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterEach(async () => context?.close());

const SCREENSHOTS = resolve(import.meta.dirname, "../../.tmp/screenshots");

describe("the report page (examples/report/)", () => {
  it("draws a funnel and a conversion chart per widget, with numbers equal to buildReport over the same events", async () => {
    const { page, errors } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}/report/?visitors=2000&seed=7`);
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    const events = (await page.evaluate(() => (window as any).nudgeReport.events)) as MeasureEvent[];
    expect(events.length).toBeGreaterThan(5_000);
    const expected = buildReport(events); // computed here, in Node, from the sources

    // Everything the page shows, read in one go: table cells, chart marks, split badges.
    const shown = await page.evaluate(() => {
      const num = (el: Element | null, attr: string) => (el ? Number(el.getAttribute(attr)) : NaN);
      return [...document.querySelectorAll("section.card")].map((card) => ({
        widget: card.getAttribute("data-widget"),
        funnels: card.querySelectorAll('svg[data-chart="funnel"]').length,
        dots: card.querySelectorAll('svg[data-chart="conversion"] circle').length,
        srm: card.querySelector("[data-srm]")?.getAttribute("data-srm"),
        variants: Object.fromEntries(
          [...card.querySelectorAll("td[data-metric=visitors]")].map((td) => {
            const variant = td.getAttribute("data-variant")!;
            const cell = (metric: string) => num(card.querySelector(`td[data-variant="${variant}"][data-metric="${metric}"]`), "data-value");
            const mark = (selector: string, attr: string) => num(card.querySelector(selector.replace("V", variant)), attr);
            return [
              variant,
              {
                visitors: cell("visitors"),
                impressions: cell("impressions"),
                conversionRate: cell("conversionRate"),
                revenue: cell("revenue"),
                probabilityToBeat: cell("probabilityToBeat"),
                dot: mark('svg[data-chart="conversion"] circle[data-variant="V"]', "data-rate"),
                low: mark('svg[data-chart="conversion"] line[data-variant="V"]', "data-low"),
                high: mark('svg[data-chart="conversion"] line[data-variant="V"]', "data-high"),
                convertedBar: mark('svg[data-chart="funnel"] rect[data-variant="V"][data-step="converted"]', "data-count"),
                convertedWidth: mark('svg[data-chart="funnel"] rect[data-variant="V"][data-step="converted"]', "width"),
              },
            ];
          }),
        ),
      }));
    });
    expect(shown.map((card) => card.widget)).toEqual(expected.widgets.map((w) => w.widget));
    for (const widget of expected.widgets) {
      const card = shown.find((c) => c.widget === widget.widget)!;
      expect(card.funnels).toBe(1);
      expect(card.dots).toBe(widget.variants.length);
      expect(card.srm).toBe(widget.sampleRatio?.mismatch ? "mismatch" : "ok");
      for (const variant of widget.variants) {
        const got = card.variants[variant.variant];
        const where = `${widget.widget}/${variant.variant}`;
        expect(got.visitors, where).toBe(variant.visitors);
        expect(got.impressions, where).toBe(variant.impressions);
        expect(got.conversionRate, where).toBeCloseTo(variant.conversionRate.value, 12);
        expect(got.revenue, where).toBeCloseTo(variant.revenue, 6);
        if (variant.uplift) expect(got.probabilityToBeat, where).toBeCloseTo(variant.uplift.conversionRate.probabilityToBeat, 12);
        // The chart draws the same numbers: the dot at the rate, the whisker across the interval.
        expect(got.dot, where).toBeCloseTo(variant.conversionRate.value, 12);
        expect(got.low, where).toBeCloseTo(variant.conversionRate.interval[0], 12);
        expect(got.high, where).toBeCloseTo(variant.conversionRate.interval[1], 12);
        expect(got.convertedBar, where).toBe(variant.funnel.converted);
        if (variant.funnel.converted) expect(got.convertedWidth, where).toBeGreaterThan(0);
      }
    }
    // Nudge as a whole against the site-wide control group, and each order credited once.
    const overall = await page.evaluate(() => {
      const value = (name: string, arm: string) => Number(document.querySelector(`td[data-overall="${name}"][data-arm="${arm}"]`)?.getAttribute("data-value"));
      const totals = document.querySelector("p.attribution")!;
      const credited = Object.fromEntries(
        [...document.querySelectorAll('[data-metric="attributed"]')].map((td) => [
          `${td.getAttribute("data-widget")}/${td.getAttribute("data-variant")}`,
          Number(td.getAttribute("data-value")),
        ]),
      );
      return {
        visitors: [value("visitors", "treated"), value("visitors", "control")],
        conversion: [value("conversionRate", "treated"), value("conversionRate", "control"), value("conversionRate", "uplift")],
        revenuePerVisitor: value("revenuePerVisitor", "uplift"),
        averageOrderValue: value("averageOrderValue", "uplift"),
        orders: Number(totals.getAttribute("data-orders")),
        unattributed: Number(totals.getAttribute("data-unattributed")),
        credited,
      };
    });
    const site = expected.overall!;
    expect(overall.visitors).toEqual([site.treated.visitors, site.control.visitors]);
    expect(site.control.visitors).toBeGreaterThan(0);
    expect(overall.conversion[0]).toBeCloseTo(site.treated.conversionRate.value, 12);
    expect(overall.conversion[1]).toBeCloseTo(site.control.conversionRate.value, 12);
    expect(overall.conversion[2]).toBeCloseTo(site.uplift!.conversionRate.relative!, 12);
    expect(overall.revenuePerVisitor).toBeCloseTo(site.uplift!.revenuePerVisitor!.relative!, 12);
    expect(overall.averageOrderValue).toBeCloseTo(site.uplift!.averageOrderValue!.relative!, 12);
    expect(overall.orders).toBe(expected.attribution.orders);
    expect(overall.unattributed).toBe(expected.attribution.unattributed.orders);
    let credited = 0;
    for (const w of expected.widgets) for (const v of w.variants) if (!v.holdout) credited += overall.credited[`${w.widget}/${v.variant}`];
    expect(credited + overall.unattributed).toBe(overall.orders);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, "report.png"), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000); // simulating and reporting thousands of visitors twice (page and Node) on a shared machine

  it("imports an events JSON (a beacon body) and reports a broken file by name", async () => {
    const { page } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}/report/?visitors=200`);
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    const events = [
      { id: "1", name: "eligible", time: 1, visitor: "v1", session: "s", widget: "imported", type: "popup", variant: "a", exposure: "imported@1" },
      { id: "2", name: "shown", time: 2, visitor: "v1", session: "s", widget: "imported", type: "popup", variant: "a", exposure: "imported@1" },
      { id: "2", name: "shown", time: 2, visitor: "v1", session: "s", widget: "imported", type: "popup", variant: "a", exposure: "imported@1" },
    ];
    await page.locator("#file").setInputFiles({ name: "events.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ events })) });
    await page.waitForFunction(() => (window as any).nudgeReport.source === "from events.json");
    await expect(page.locator("section.card").count()).resolves.toBe(1);
    await expect(page.locator("#summary").textContent()).resolves.toContain("1 duplicate(s) ignored");
    await page.locator("#file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{nope") });
    await page.locator("#error").waitFor({ state: "visible" });
    await expect(page.locator("#error").textContent()).resolves.toContain("broken.json");
  });
});
