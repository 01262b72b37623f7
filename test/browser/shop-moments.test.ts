import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { assignVariant } from "../../src/decide/variants.js";
import { axeViolations } from "./audit.js";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness, type WatchedPage } from "./harness.js";

/*
 * Issue 20's capabilities in the demo shop, with its real rules file (examples/shop/rules.json),
 * the way a shopper meets them: the push ask on the thanks page (its two variants differ in
 * delay), the comparison on the category page, the post-purchase survey with CSAT faces, the cart
 * message picked by behavioural scores, smart timing and the `cancel` trigger. Each test installs
 * Playwright's clock so that the shop's 20 s quiet period between widgets and the days between
 * visits pass at once. Screenshots go to .tmp/screenshots/shop-*.png.
 */

let harness: Harness;
const contexts: BrowserContext[] = [];
const SHOTS = resolve(import.meta.dirname, "../../.tmp/screenshots");
const SLOW = 180_000;
const RULES = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../examples/shop/rules.json"), "utf8")) as {
  widgets: Array<{ id: string; holdout?: number; variants?: Array<{ id: string; weight?: number }> }>;
};

beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => harness?.close());
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

const url = (path: string) => `${harness.baseUrl}${path}`;

/** A new visitor: a fresh context with Playwright's clock installed (time flows; fastForward jumps). */
async function visitor(options: Parameters<Harness["browser"]["newContext"]>[0] = {}, time?: Date): Promise<WatchedPage> {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "UTC", ...options });
  contexts.push(context);
  await context.clock.install(time ? { time } : {});
  const watched = await watchedPage(context);
  await watched.page.addInitScript(() => {
    const w = window as any;
    w.__events = [];
    w.nudge = w.nudge || [];
    for (const name of ["shown", "action", "answer", "push"]) w.nudge.push(["on", name, (e: object) => w.__events.push({ ...e, __event: name })]);
  });
  return watched;
}

async function open(page: Page, path: string) {
  await page.goto(url(path));
  await nudgeReady(page);
}

const facts = (page: Page) => page.evaluate(() => (window as any).nudge.facts());
const explain = (page: Page, id: string) => page.evaluate((widget) => (window as any).nudge.explain(widget)[0].blockedBy.join(" ") as string, id);
const events = (page: Page, kind: string): Promise<any[]> => page.evaluate((k) => (window as any).__events.filter((e: any) => e.__event === k), kind);
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(SHOTS, `shop-${name}.png`) });
const settle = (page: Page) => page.evaluate(() => Promise.all((document.querySelector("nudge-root")?.shadowRoot?.getAnimations() ?? []).map((a) => a.finished.catch(() => {}))));

/** The welcome offer (second page view of a new visitor) closed with Escape, as a shopper does. */
async function closeWelcome(page: Page) {
  await dialog(page).filter({ hasText: "10% off your first order" }).waitFor();
  await page.keyboard.press("Escape");
  await dialog(page).waitFor({ state: "detached" });
}

/** Opens a product page and presses its "Add to cart". */
async function addToCart(page: Page, id: string, welcome = false) {
  await open(page, `/shop/product.html?id=${id}`);
  if (welcome) await closeWelcome(page);
  const before = (await facts(page)).cart.count as number;
  await page.locator("#add-to-cart:enabled").click();
  await page.waitForFunction((n) => (window as any).nudge.facts().cart.count > n, before);
}

/** Checks out what is in the cart (the form comes filled in), with a discount code if given; ends on the thanks page. */
async function placeOrder(page: Page, code?: string) {
  await open(page, "/shop/checkout.html");
  if (code) {
    await page.locator("#promo-code").fill(code);
    await page.locator("#apply-promo").click();
    await page.locator("#promo-message").filter({ hasText: "applied" }).waitFor();
    // Submitting the code form shows the club invite (a form_submit trigger): the shopper closes it.
    await dialog(page).filter({ hasText: "Early access to new roasts" }).waitFor();
    await page.keyboard.press("Escape");
    await dialog(page).waitFor({ state: "detached" });
  }
  await Promise.all([page.waitForURL(/thanks\.html/), page.locator("#place-order").click()]);
  await nudgeReady(page);
  await page.waitForFunction(() => (window as any).nudge.facts().orders.count >= 1);
}

/** A new visitor, on a product page, whose variant of `widget` is `variant` (assigned by visitor id, as the runtime does). */
async function visitorInVariant(widgetId: string, variant: string, path: string): Promise<WatchedPage> {
  const widget = RULES.widgets.find((w) => w.id === widgetId)!;
  const arms = widget.variants!.map((v) => ({ id: v.id, weight: v.weight ?? 1 }));
  for (let i = 0; i < 16; i++) {
    const watched = await visitor();
    await open(watched.page, path);
    const id = (await facts(watched.page)).visitor.id as string;
    if (assignVariant(id, widgetId, arms, widget.holdout ?? 0) === variant) return watched;
    await contexts.pop()!.close();
  }
  throw new Error(`no visitor in variant ${variant} of ${widgetId} after 16 tries`);
}

describe("push ask on the thanks page, an experiment on its moment", () => {
  it(
    "variant right-away: asks 2 s after the order; 'yes' opens the browser's prompt and hands off to on('push')",
    async () => {
      const { page, errors } = await visitorInVariant("ship-alerts", "right-away", "/shop/product.html?id=sku-104");
      await page.locator("#add-to-cart:enabled").click();
      await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
      await placeOrder(page);
      const card = page.locator("nudge-root .nudge-push__card");
      await card.waitFor();
      await settle(page);
      await expect(page.locator("nudge-root .nudge-push__title").textContent()).resolves.toBe("Know the moment it ships?");
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, "push-thanks");
      expect(await events(page, "shown")).toMatchObject([{ id: "ship-alerts", variant: "right-away" }]);
      await page.context().grantPermissions(["notifications"], { origin: harness.baseUrl });
      await page.locator("nudge-root .nudge-push__yes").click();
      await page.locator("nudge-root .nudge-push__title").filter({ hasText: "You're set" }).waitFor();
      expect(await events(page, "push")).toMatchObject([{ id: "ship-alerts", answer: "yes", permission: "granted" }]);
      expect((await facts(page)).push).toMatchObject({ permission: "granted", asked: true });
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "variant after-a-read: waits 12 s, not 2; 'no' is remembered and the next order's thanks page does not ask again",
    async () => {
      const { page, errors } = await visitorInVariant("ship-alerts", "after-a-read", "/shop/product.html?id=sku-104");
      await page.locator("#add-to-cart:enabled").click();
      await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
      await placeOrder(page);
      await page.clock.fastForward("00:05");
      await expect.poll(() => explain(page, "ship-alerts")).toMatch(/trigger: delay, \d+s left on this page/);
      expect(await page.locator("nudge-root .nudge-push__card").count()).toBe(0);
      await page.clock.fastForward("00:08");
      await page.locator("nudge-root .nudge-push__card").waitFor();
      expect(await events(page, "shown")).toMatchObject([{ id: "ship-alerts", variant: "after-a-read" }]);
      await page.locator("nudge-root .nudge-push__no").click();
      await page.locator("nudge-root .nudge-push__card").waitFor({ state: "detached" });
      expect(await events(page, "push")).toMatchObject([{ id: "ship-alerts", answer: "no", permission: "default" }]);
      expect((await facts(page)).push.declined).toEqual(expect.any(Number));
      // A second order the next week: within the 60 days after "no" the ask is not shown nor counted.
      await page.clock.fastForward(7 * 24 * 3600_000);
      await addToCart(page, "sku-106");
      await placeOrder(page);
      await page.clock.fastForward("00:20");
      await expect.poll(() => explain(page, "ship-alerts")).toContain("fired on this page");
      expect(await page.locator("nudge-root .nudge-push__card").count()).toBe(0);
      expect((await events(page, "shown")).filter((e) => e.id === "ship-alerts")).toEqual([]);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("compare on the category page", () => {
  it(
    "two coffees viewed: the category page sets them side by side, and its add to cart goes into the shop's cart",
    async () => {
      const { page, errors } = await visitor();
      await open(page, "/shop/product.html?id=sku-104");
      await open(page, "/shop/product.html?id=sku-105");
      await closeWelcome(page);
      await open(page, "/shop/product.html?id=sku-106");
      await page.clock.fastForward("00:25"); // the shop's quiet period after the welcome offer
      await open(page, "/shop/category.html?c=coffee");
      const table = page.locator("nudge-root .nudge-compare__table");
      await table.waitFor();
      await settle(page);
      await expect(dialog(page).getByRole("heading").first().textContent()).resolves.toBe("Still choosing? Side by side");
      // The three coffees viewed, newest first, with the feed's fields; the one sold out has no button.
      expect(await page.locator("nudge-root .nudge-compare__product").allTextContents()).toEqual([
        expect.stringContaining("Cold Brew Pitcher Packs"),
        expect.stringContaining("Guatemala Antigua"),
        expect.stringContaining("Midnight Espresso Roast"),
      ]);
      expect(await page.locator("nudge-root .nudge-compare__add").count()).toBe(2);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, "compare-category");
      await page.locator("nudge-root .nudge-compare__add").first().click();
      await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
      expect(await events(page, "action")).toMatchObject([{ id: "compare-viewed", name: "add_to_cart", payload: { id: "sku-106" } }]);
      await expect(page.locator("#cart-count").textContent()).resolves.toBe("1");
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "one coffee and one tea: nothing to compare, nothing shown and nothing counted",
    async () => {
      const { page, errors } = await visitor();
      await open(page, "/shop/product.html?id=sku-104");
      await open(page, "/shop/product.html?id=sku-203");
      await closeWelcome(page);
      await page.clock.fastForward("00:25");
      await open(page, "/shop/category.html?c=tea");
      await page.clock.fastForward("00:06");
      await expect.poll(() => explain(page, "compare-viewed")).toContain("fired on this page");
      expect(await page.locator("nudge-root .nudge-compare__table").count()).toBe(0);
      expect((await events(page, "shown")).filter((e) => e.id === "compare-viewed")).toEqual([]);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("post-purchase survey with CSAT faces", () => {
  it(
    "on the next visit after an order: an unhappy face branches to what went wrong; answers become facts",
    async () => {
      const { page, errors } = await visitor({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await addToCart(page, "sku-104");
      await placeOrder(page);
      // Leave the thanks page first: its push ask (2 s or 12 s, by variant) would otherwise fire inside the jump
      // and its show, a moment before the next visit, would hold the survey back by the quiet period.
      await page.goto("about:blank");
      await page.clock.fastForward(26 * 3600_000); // the next day: a new visit
      await open(page, "/shop/index.html");
      const faces = page.locator("nudge-root .nudge-survey__rating--faces");
      await faces.waitFor();
      await settle(page);
      await expect(page.locator("nudge-root .nudge-survey__title").textContent()).resolves.toBe("How was your last order?");
      expect(
        await page
          .locator("nudge-root")
          .getByRole("radio")
          .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent)),
      ).toEqual(["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"]);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, "survey-faces-360");
      await page.locator("nudge-root").getByRole("radio", { name: "Unhappy", exact: true }).check();
      await page.locator("nudge-root .nudge-survey__next").click();
      await expect(page.locator("nudge-root .nudge-survey__title").textContent()).resolves.toBe("Sorry about that. What went wrong?");
      await page.locator("nudge-root .nudge-survey__option").filter({ hasText: "It arrived late" }).click();
      await page.locator("nudge-root .nudge-survey__next").click();
      await page.locator("nudge-root .nudge-survey__input").fill("Ship on Mondays");
      await page.locator("nudge-root .nudge-survey__next").click();
      await page.locator("nudge-root .nudge-survey__thanks").waitFor();
      expect((await facts(page)).survey["order-feedback"]).toEqual({ order: 2, trouble: ["late"], fix: "Ship on Mondays" });
      expect((await events(page, "answer")).map((e) => e.question)).toEqual(["order", "trouble", "fix"]);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("behavioural scores choose the cart message", () => {
  it(
    "a customer who ordered with a code (discount-sensitive) gets BEANS10 on the cart page next time",
    async () => {
      const { page, errors } = await visitor();
      await addToCart(page, "sku-104");
      await placeOrder(page, "WELCOME10");
      expect((await facts(page)).scores.discountSensitivity).toBeGreaterThanOrEqual(0.5);
      await page.goto("about:blank"); // the thanks page's push ask must not fire inside the jump (see the survey test)
      await page.clock.fastForward(26 * 3600_000);
      await addToCart(page, "sku-106");
      await open(page, "/shop/cart.html");
      await page.locator("nudge-root h2").filter({ hasText: "10% off this cart" }).waitFor();
      // Its `when` fails; the first explain() loads the words that trace it (the gate's name meanwhile).
      await expect.poll(() => explain(page, "likely-buyer-shipping")).toMatch(/(^| )when: \S/);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, "score-deal-seeker");
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "a visitor with high purchase intent and no coupon history gets shipping news, not a discount",
    async () => {
      const { page, errors } = await visitor();
      await addToCart(page, "sku-104");
      await addToCart(page, "sku-106", true);
      await addToCart(page, "sku-204");
      await open(page, "/shop/product.html?id=sku-203");
      await page.clock.fastForward("00:25");
      await open(page, "/shop/cart.html");
      const scores = (await facts(page)).scores;
      expect(scores.purchaseIntent).toBeGreaterThanOrEqual(0.6);
      expect(scores.discountSensitivity).toBeLessThan(0.5);
      await page.locator("nudge-root h2").filter({ hasText: "Order by 2 pm, it ships today" }).waitFor();
      expect(await page.locator("nudge-root").getByText("BEANS10").count()).toBe(0);
      // Its `when` fails; the first explain() loads the words that trace it (the gate's name meanwhile).
      await expect.poll(() => explain(page, "deal-seeker-code")).toMatch(/(^| )when: \S/);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("smart timing", () => {
  // Retried: one run in a few under load timed out waiting for the popup after the 10 h jump (seen twice on
  // 2026-12-06, cause not found; every timer due in the jump fires at once). A real miss fails all three.
  it("the returning browser's popup waits for the visitor's usual hour, and explain() names it", { timeout: SLOW, retry: 2 }, async () => {
    // Evenings at 20:00 (UTC) two days running, then a morning visit.
    const { page, errors } = await visitor({}, new Date("2026-11-30T20:05:00Z"));
    await open(page, "/shop/index.html");
    await page.clock.setSystemTime(new Date("2026-12-01T20:10:00Z"));
    await open(page, "/shop/index.html");
    await page.clock.setSystemTime(new Date("2026-12-02T09:00:00Z"));
    await open(page, "/shop/index.html");
    expect((await facts(page)).visitor).toMatchObject({ usualHour: 20, activeNow: false, visits: 3 });
    await page.clock.fastForward("03:10"); // the 3 minutes on the site the trigger asks for
    await expect.poll(() => explain(page, "returning-browser")).toContain("smartTiming: waiting for the visitor's usual hour, 20:00 (in 9h");
    expect(await dialog(page).count()).toBe(0);
    // The window opens an hour before the usual hour: the popup shows then.
    await page.clock.fastForward(10 * 3600_000);
    await dialog(page).filter({ hasText: "Take your time, here's 10%" }).waitFor();
    expect((await facts(page)).visitor.activeNow).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe("cancel trigger", () => {
  it(
    "'still deciding?' is called off by an add to cart on that page, and shows on the next product read to the end",
    async () => {
      const { page, errors } = await visitor({ viewport: { width: 1280, height: 600 } });
      await open(page, "/shop/product.html?id=sku-104");
      await open(page, "/shop/product.html?id=sku-105");
      await closeWelcome(page);
      await page.clock.fastForward("00:25");
      await open(page, "/shop/product.html?id=sku-106");
      await page.locator("#add-to-cart:enabled").click();
      await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => explain(page, "still-deciding")).toContain('cancelled on this page by the "add_to_cart" event');
      expect(await dialog(page).count()).toBe(0);
      await open(page, "/shop/product.html?id=sku-203");
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await dialog(page).filter({ hasText: "Free returns for 30 days" }).waitFor();
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});
