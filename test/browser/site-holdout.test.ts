import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inSiteHoldout } from "../../src/decide/variants.js";
import type { MeasureEvent } from "../../src/measure/event.js";
import { buildReport } from "../../src/measure/report.js";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * The site-wide control group (settings.holdout) in Chromium: a visitor in it sees no widget at
 * all, explain() says why, and the report counts them in the control group; a visitor outside
 * it sees the popup and is counted with Nudge.
 */

const SCREENSHOTS = resolve(import.meta.dirname, "../../.tmp/screenshots");
const PERCENT = 50;
const RULES = {
  version: 1,
  settings: { holdout: PERCENT },
  widgets: [
    {
      id: "welcome",
      type: "popup",
      goal: { event: "purchase" },
      content: { title: "10% off your first order", text: "Code WELCOME10.", cta: { label: "Shop now", href: "/shop/index.html" } },
    },
  ],
};
/** A visitor id in (or out of) the site-wide control group: assignment is by id, so the test picks one. */
const visitorId = (held: boolean) => {
  for (let i = 0; ; i++) if (inSiteHoldout(`shopper-${i}`, PERCENT) === held) return `shopper-${i}`;
};

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

async function visit(held: boolean) {
  context = await harness.browser.newContext({ viewport: { width: 1100, height: 800 } });
  await context.route("**/shop/rules.json", (route) => route.fulfill({ json: RULES }));
  // Signed in before Nudge loads, through the command queue, as a shop's template would.
  await context.addInitScript((id) => {
    (window as any).nudge = [["identify", id]];
  }, visitorId(held));
  const watched = await watchedPage(context);
  await watched.page.goto(`${harness.baseUrl}/shop/index.html`);
  await nudgeReady(watched.page);
  return watched;
}

/** Orders on the page, then the report over what this browser measured. */
async function buyAndReport(page: import("playwright-core").Page) {
  await page.evaluate(() => (window as any).nudge.purchase({ id: "order-1", value: 40 }));
  return page.evaluate(async () => {
    const nudge = (window as any).nudge;
    for (let i = 0; i < 100; i++) {
      const report = await nudge.report();
      if (report.log.some((e: MeasureEvent) => e.name === "converted")) return report;
      await new Promise((r) => setTimeout(r, 50));
    }
    return nudge.report();
  });
}

describe("settings.holdout: the site-wide control group", () => {
  it("a visitor in it sees no widget, explain() names the control group, and the report counts them in it", async () => {
    const { page, errors } = await visit(true);
    const [first] = await page.evaluate(() => (window as any).nudge.explain("welcome"));
    expect(first.wouldShow).toBe(false);
    // The first explain() loads its words: the gate's name meanwhile, then the sentence.
    await page.waitForFunction(() => (window as any).nudge.explain("welcome")[0].blockedBy.some((reason: string) => reason.startsWith("settings.holdout:")));
    const [why] = await page.evaluate(() => (window as any).nudge.explain("welcome"));
    expect(why.blockedBy.join("\n")).toContain(`settings.holdout: this visitor is in the site-wide control group (${PERCENT}% of visitors)`);
    await expect(dialog(page).count()).resolves.toBe(0);
    await page.screenshot({ path: resolve(SCREENSHOTS, "site-holdout-control.png") });
    const report = await buyAndReport(page);
    const log = report.log as MeasureEvent[];
    expect(log.map((e) => [e.name, e.variant, e.siteHoldout])).toEqual([
      ["eligible", "holdout", true],
      ["converted", "holdout", true],
    ]);
    expect(report.overall).toMatchObject({ control: { visitors: 1, converters: 1, orders: 1, revenue: 40 }, treated: { visitors: 0 } });
    expect(report.widgets).toEqual([]); // not one of the popup's own arms
    await expect(dialog(page).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("a visitor outside it sees the popup and is counted with Nudge; together they make the comparison", async () => {
    const control = await visit(true);
    const controlLog = (await buyAndReport(control.page)).log as MeasureEvent[];
    await context.close();
    const { page, errors } = await visit(false);
    await dialog(page).waitFor({ state: "visible" });
    await page.screenshot({ path: resolve(SCREENSHOTS, "site-holdout-treated.png") });
    const treatedLog = (await buyAndReport(page)).log as MeasureEvent[];
    expect(treatedLog.every((e) => e.siteHoldout === false)).toBe(true);
    // Both browsers' events at one collector: one visitor per arm, each order once.
    const both = buildReport([...controlLog, ...treatedLog]);
    expect(both.overall).toMatchObject({ treated: { visitors: 1, converters: 1 }, control: { visitors: 1, converters: 1 } });
    expect(both.overall!.uplift).not.toBeNull();
    expect(both.attribution).toMatchObject({ orders: 2, unattributed: { orders: 1 } });
    expect(both.widgets[0].attributed.orders).toBe(1);
    expect(errors).toEqual([]);
  });
});
