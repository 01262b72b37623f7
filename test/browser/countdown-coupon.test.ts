import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, layoutShift, layoutShifts, resetLayoutShift, watchLayoutShift } from "./audit.js";
import { animationsDone, events, focused, openGallery, show } from "./gallery.js";
import { startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const bar = (page: Page) => page.locator("nudge-root .nudge-cc");
const deadline = (page: Page) => bar(page).locator("time").getAttribute("datetime");
const digits = (page: Page) => bar(page).locator(".nudge-cd__digits").textContent();

async function newContext(options: Record<string, unknown> = {}) {
  context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  await watchLayoutShift(context);
  return context;
}

describe.each([
  ["desktop", { viewport: { width: 1280, height: 800 } }],
  ["phone", { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }],
] as const)("countdown-coupon on %s", (_, size) => {
  it.each(["countdown-coupon", "countdown-coupon-slide"])("%s ticks, fits, passes axe, shifts nothing, closes with Esc", { timeout: 120_000 }, async (id) => {
    await newContext(size);
    const { page, errors } = await watchedPage(context);
    await openGallery(page, harness.baseUrl);
    await resetLayoutShift(page);
    await page.locator(`[data-show="${id}"]`).focus();
    await show(page, id);
    await bar(page).waitFor({ state: "visible" });
    await animationsDone(page);
    const box = (await bar(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(-0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width + 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(size.viewport.height + 0.5);
    const first = await digits(page);
    // The evergreen timer shows seconds; a deadline days away shows days, hours and minutes only.
    if (id === "countdown-coupon")
      await page.waitForFunction((before) => document.querySelector("nudge-root")!.shadowRoot!.querySelector(".nudge-cd__digits")!.textContent !== before, first);
    expect(await axeViolations(page)).toEqual([]);
    expect(await focused(page)).toBe(`page:${id}`); // it never takes focus
    await bar(page).locator(".nudge-coupon__copy").focus();
    await page.keyboard.press("Escape");
    await bar(page).waitFor({ state: "detached" });
    expect(await focused(page)).toBe(`page:${id}`);
    expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("the coupon code", () => {
  it("copies to the clipboard with visible, announced feedback", { timeout: 120_000 }, async () => {
    await newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: harness.baseUrl });
    const { page } = await watchedPage(context);
    await openGallery(page, harness.baseUrl);
    await show(page, "countdown-coupon");
    await bar(page).locator(".nudge-coupon__copy").click();
    const status = bar(page).locator("[role=status]");
    await page.waitForFunction(() => document.querySelector("nudge-root")!.shadowRoot!.querySelector("[role=status]")!.textContent !== "");
    expect(await status.textContent()).toBe("Code SAVE15 copied");
    expect(await status.getAttribute("aria-live")).toBe("polite");
    expect(await bar(page).locator(".nudge-coupon__copy").textContent()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("SAVE15");
    expect((await events(page, "clicked")).map((e) => e.props)).toEqual([{ coupon: "SAVE15", copy: "clipboard" }]);
  });

  it("selects the code and says how to copy it when the clipboard is denied", { timeout: 120_000 }, async () => {
    await newContext();
    await context.addInitScript(() => {
      Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) } });
    });
    const { page } = await watchedPage(context);
    await openGallery(page, harness.baseUrl);
    await show(page, "countdown-coupon");
    await bar(page).locator(".nudge-coupon__copy").click();
    await page.waitForFunction(() => document.querySelector("nudge-root")!.shadowRoot!.querySelector("[role=status]")!.textContent !== "");
    expect(await bar(page).locator("[role=status]").textContent()).toContain("press Ctrl+C");
    const selection = await bar(page)
      .locator(".nudge-coupon__code")
      .evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.matches(":focus")]);
    expect(selection).toEqual([0, 6, true]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("speaks Russian with ?lang=ru", { timeout: 120_000 }, async () => {
    await newContext();
    const { page } = await watchedPage(context);
    await openGallery(page, harness.baseUrl, "?lang=ru");
    await show(page, "countdown-coupon");
    await bar(page).waitFor({ state: "visible" });
    expect(await bar(page).locator(".nudge-cd__label").textContent()).toBe("До конца акции");
    expect(await bar(page).locator("time").textContent()).toMatch(/^До конца акции (29 минут|30 минут)$/);
    expect(await bar(page).locator(".nudge-coupon__copy").textContent()).toBe("Копировать");
  });
});

describe("the evergreen deadline", () => {
  it("is kept across a reload and in a second tab", { timeout: 120_000 }, async () => {
    await newContext();
    const { page } = await watchedPage(context);
    await openGallery(page, harness.baseUrl);
    await show(page, "countdown-coupon");
    await bar(page).waitFor({ state: "visible" });
    const first = await deadline(page);
    expect(Date.parse(first!) - Date.now()).toBeGreaterThan(25 * 60_000);
    // Another tab of the same visitor.
    const other = await watchedPage(context);
    await openGallery(other.page, harness.baseUrl);
    await show(other.page, "countdown-coupon");
    await bar(other.page).waitFor({ state: "visible" });
    expect(await deadline(other.page)).toBe(first);
    await page.reload();
    await openGallery(page, harness.baseUrl);
    await show(page, "countdown-coupon");
    await bar(page).waitFor({ state: "visible" });
    expect(await deadline(page)).toBe(first);
  });

  it("expires for good: the bar closes itself and never shows again", { timeout: 120_000 }, async () => {
    await newContext();
    await context.route("**/gallery/popup-rules.json", async (route) => {
      const rules = await (await route.fetch()).json();
      rules.widgets.find((w: any) => w.id === "countdown-coupon").content.countdown.evergreen = "3s";
      await route.fulfill({ json: rules });
    });
    const { page } = await watchedPage(context);
    await openGallery(page, harness.baseUrl);
    await show(page, "countdown-coupon");
    await bar(page).waitFor({ state: "visible" });
    await bar(page).waitFor({ state: "detached", timeout: 15_000 });
    expect((await events(page, "closed")).map((e) => [e.id, e.reason])).toEqual([["countdown-coupon", "api"]]);
    await page.reload();
    await openGallery(page, harness.baseUrl);
    await show(page, "countdown-coupon");
    await show(page, "countdown-coupon-slide"); // a later show, so the first one has been decided
    await bar(page).waitFor({ state: "visible" });
    expect(await page.locator("nudge-root .nudge-cc--bottom-bar").count()).toBe(0);
    expect((await events(page, "shown")).map((e) => e.id)).toEqual(["countdown-coupon-slide"]);
  });

  it("a purchase with the code stops it (goal + stopAfter converted)", { timeout: 120_000 }, async () => {
    await newContext();
    const { page } = await watchedPage(context);
    await openGallery(page, harness.baseUrl);
    await show(page, "countdown-coupon");
    await bar(page).waitFor({ state: "visible" });
    await page.locator("#buy").click();
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.kind === "converted"));
    const blocked = await page.evaluate(() => (window as any).nudge.explain("countdown-coupon")[0].blockedBy);
    expect(blocked.join(" ")).toContain("stopAfter");
  });
});
