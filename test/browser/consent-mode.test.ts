/*
 * data-consent="auto" in Chromium: the site's consent platform speaks through Google Consent
 * Mode v2 (gtag in the dataLayer) or IAB TCF v2.2 (__tcfapi), and Nudge follows it with no code.
 * A test page (served through routes) has one popup on page view and a beacon to /collect.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, storageLeftovers, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const RULES = { version: 1, widgets: [{ id: "welcome", type: "popup", trigger: "page_view", content: { title: "Welcome to Fernhouse" } }] };

const GTAG_DEFAULT_DENIED = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag("consent", "default", { ad_storage: "denied", ad_user_data: "denied", ad_personalization: "denied", analytics_storage: "denied", functionality_storage: "denied", personalization_storage: "denied", wait_for_update: 500 });
</script>`;

/**
 * A TCF v2.2 platform as a page sees one: \`__tcfapi\` with addEventListener / removeEventListener.
 * The banner is up at first (cmpuishown); \`window.tcfChoose(purposes)\` is the visitor's click.
 */
const TCF_STUB = `<script>
  (function () {
    var listeners = {}, next = 1, state = { gdprApplies: true, eventStatus: "cmpuishown", purpose: { consents: {}, legitimateInterests: {} }, publisher: { consents: {} } };
    window.__tcfapi = function (command, version, callback, parameter) {
      if (command === "addEventListener") { var id = next++; listeners[id] = callback; callback(Object.assign({ listenerId: id }, state), true); }
      else if (command === "removeEventListener") { var had = !!listeners[parameter]; delete listeners[parameter]; callback(had); }
      else if (command === "ping") callback({ gdprApplies: true, cmpLoaded: true, apiVersion: "2.2" });
    };
    window.tcfChoose = function (purposes) {
      var consents = {};
      purposes.forEach(function (n) { consents[n] = true; });
      state = Object.assign({}, state, { eventStatus: "useractioncomplete", purpose: { consents: consents, legitimateInterests: {} } });
      Object.keys(listeners).forEach(function (id) { listeners[id](Object.assign({ listenerId: Number(id) }, state), true); });
    };
  })();
</script>`;

const pageWith = (head: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consent test</title>
${head}
<script>window.nudge = window.nudge || [];</script>
<script async src="/dist/nudge.js" data-rules="/consent-test/rules.json" data-consent="auto" data-beacon="/collect"></script>
</head><body><main><h1>Fernhouse</h1><p>Small-batch coffee.</p></main></body></html>`;

/** Opens the test page; `beacons` collects what reaches /collect. */
async function open(head: string): Promise<{ page: Page; errors: string[]; beacons: unknown[] }> {
  context = await harness.browser.newContext();
  const beacons: unknown[] = [];
  await context.route("**/consent-test/page.html", (route) => route.fulfill({ body: pageWith(head), contentType: "text/html" }));
  await context.route("**/consent-test/rules.json", (route) => route.fulfill({ body: JSON.stringify(RULES), contentType: "application/json" }));
  await context.route("**/collect", (route) => {
    beacons.push(route.request().postDataJSON());
    return route.fulfill({ status: 204 });
  });
  const { page, errors } = await watchedPage(context);
  await page.goto(`${harness.baseUrl}/consent-test/page.html`);
  await nudgeReady(page);
  return { page, errors, beacons };
}

const explain = (page: Page) => page.evaluate(() => (window as any).nudge.explain("welcome")[0].blockedBy as string[]);
const consentFacts = (page: Page) => page.evaluate(() => (window as any).nudge.facts().consent);
const empty = { idb: [], local: [], session: [], cookies: "" };

/** Nothing stored, nothing on screen, nothing sent, with a moment for a write or a beacon to happen. */
async function expectNothing(page: Page, beacons: unknown[]) {
  await page.waitForTimeout(1500); // past the 250 ms profile write batch and the beacon's 1 s flush
  expect(await page.evaluate(storageLeftovers)).toEqual(empty);
  expect(await dialog(page).count()).toBe(0);
  expect(beacons).toEqual([]);
}

describe('data-consent="auto" in Chromium', () => {
  it("Consent Mode default denied: nothing stored, shown or sent; the update to granted stores the profile, shows the widget and measures", async () => {
    const { page, errors, beacons } = await open(GTAG_DEFAULT_DENIED);
    await expectNothing(page, beacons);
    expect(await explain(page)).toContain("consent: personalization not granted");

    await page.evaluate(() =>
      (window as any).gtag("consent", "update", { ad_storage: "granted", analytics_storage: "granted", functionality_storage: "granted", personalization_storage: "granted" }),
    );
    await dialog(page).waitFor();
    expect(await dialog(page).innerText()).toContain("Welcome to Fernhouse");
    await expect.poll(async () => (await page.evaluate(storageLeftovers)).idb, { timeout: 10_000 }).toContain("profile");
    const sent = () => (beacons as Array<{ events: Array<{ name: string }> }>).flatMap((b) => b.events.map((e) => e.name));
    await expect.poll(sent, { timeout: 10_000 }).toContain("shown");
    expect(errors).toEqual([]);
  });

  it("Consent Mode partial: functionality granted, personalization and analytics denied: the profile is stored, no widget, no beacon", async () => {
    const { page, errors, beacons } = await open(GTAG_DEFAULT_DENIED);
    await page.evaluate(() => (window as any).gtag("consent", "update", { functionality_storage: "granted" }));
    await expect.poll(async () => (await page.evaluate(storageLeftovers)).idb, { timeout: 10_000 }).toContain("profile");
    await page.waitForTimeout(1500);
    expect(await dialog(page).count()).toBe(0);
    expect(beacons).toEqual([]);
    expect(await consentFacts(page)).toEqual({ storage: true, personalization: false, measurement: false });
    expect(await explain(page)).toContain("consent: personalization not granted");

    // The next page view: the platform's update from its cookie is in the dataLayer before Nudge loads.
    await context.route("**/consent-test/page.html", (route) =>
      route.fulfill({ body: pageWith(`${GTAG_DEFAULT_DENIED}<script>gtag("consent", "update", { functionality_storage: "granted" });</script>`), contentType: "text/html" }),
    );
    await page.reload();
    await nudgeReady(page);
    expect(await page.evaluate(() => (window as any).nudge.facts().visitor.pagesTotal)).toBe(2); // the stored profile was read
    expect(await dialog(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a TCF v2.2 platform: nothing while its banner is up; the visitor's choice of purposes grants by category", async () => {
    const { page, errors, beacons } = await open(TCF_STUB);
    await expectNothing(page, beacons);

    // Purposes 1 (device storage) and 5 (build a content profile), not 6 (use it) nor 8 (measure).
    await page.evaluate(() => (window as any).tcfChoose([1, 5]));
    await expect.poll(async () => (await page.evaluate(storageLeftovers)).idb, { timeout: 10_000 }).toContain("profile");
    expect(await consentFacts(page)).toEqual({ storage: true, personalization: false, measurement: false });
    await page.waitForTimeout(1500);
    expect(await dialog(page).count()).toBe(0);
    expect(beacons).toEqual([]);

    await page.evaluate(() => (window as any).tcfChoose([1, 5, 6, 8]));
    await dialog(page).waitFor();
    await expect.poll(() => beacons.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('no signal at all (no Consent Mode, no TCF): as data-consent="required"', async () => {
    const { page, errors, beacons } = await open("");
    await expectNothing(page, beacons);
    expect(await consentFacts(page)).toEqual({ storage: false, personalization: false, measurement: false });
    // The site can still answer by hand.
    await page.evaluate(() => (window as any).nudge.push(["consent", { storage: false, personalization: true }]));
    await dialog(page).waitFor();
    expect(await page.evaluate(storageLeftovers)).toEqual(empty);
    expect(errors).toEqual([]);
  });
});
