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

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
} as const;

async function gallery(size: keyof typeof VIEWPORTS, options: Record<string, unknown> = {}) {
  context = await harness.browser.newContext({ ...VIEWPORTS[size], ...options });
  await watchLayoutShift(context);
  const watched = await watchedPage(context);
  await openGallery(watched.page, harness.baseUrl);
  await resetLayoutShift(watched.page);
  return watched;
}

const card = (page: Page) => page.locator("nudge-root .nudge-popup__card");

/** The widget is fully on screen (inside the viewport). */
async function onScreen(page: Page, size: keyof typeof VIEWPORTS) {
  const { width, height } = VIEWPORTS[size].viewport;
  const box = (await card(page).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(-0.5);
  expect(box.y).toBeGreaterThanOrEqual(-0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(height + 0.5);
}

describe.each(["desktop", "phone"] as const)("popup layouts on %s", (size) => {
  it.each(["modal", "slide-in", "top-bar", "bottom-bar", "fullscreen", "lead"])(
    "%s: fits the screen, no axe violations, no layout shift, closes by keyboard",
    { timeout: 120_000 },
    async (id) => {
      const { page, errors } = await gallery(size);
      const opener = page.locator(`[data-show="${id}"]`);
      await opener.focus();
      await show(page, id);
      await card(page).waitFor({ state: "visible" });
      await animationsDone(page);
      await onScreen(page, size);
      expect(await axeViolations(page)).toEqual([]);
      const modal = id === "modal" || id === "fullscreen" || id === "lead";
      if (modal) {
        // Focus moved into the dialog and stays there.
        expect(await focused(page)).toMatch(/^nudge:/);
        for (let i = 0; i < 8; i++) {
          await page.keyboard.press("Tab");
          expect(await focused(page)).toMatch(/^nudge:/);
        }
      } else {
        // Not modal: the page keeps focus; the visitor can Tab into it (it comes last).
        expect(await focused(page)).toBe(`page:${id}`);
        await card(page).locator("button, a").first().focus();
        expect(await focused(page)).toMatch(/^nudge:/);
      }
      await page.keyboard.press("Escape");
      await card(page).waitFor({ state: "detached" });
      // With a teaser (modal, slide-in) Esc minimized it; otherwise it closed.
      const teaser = id === "modal" || id === "slide-in";
      expect((await events(page, teaser ? "minimized" : "closed")).map((e) => e.id)).toEqual([id]);
      expect(await focused(page)).toBe(`page:${id}`);
      expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
      expect(errors).toEqual([]);
    },
  );
});

describe("teaser", () => {
  it("× shrinks the modal to a tab; the tab reopens it (restored, not a new impression); its × closes it", { timeout: 120_000 }, async () => {
    const { page } = await gallery("desktop");
    await page.locator('[data-show="modal"]').focus();
    await show(page, "modal");
    await card(page).waitFor({ state: "visible" });
    await page.locator("nudge-root .nudge-popup__close").click();
    const tab = page.locator("nudge-root .nudge-teaser__open");
    await tab.waitFor({ state: "visible" });
    expect(await tab.textContent()).toContain("−15% ↑");
    expect(await axeViolations(page)).toEqual([]);
    // While minimized it is no longer modal: the page is usable and focus went back.
    expect(await focused(page)).toBe("page:modal");
    await tab.click();
    await card(page).waitFor({ state: "visible" });
    expect(await page.locator("nudge-root [role=dialog]").getAttribute("aria-modal")).toBe("true");
    expect(await focused(page)).toMatch(/^nudge:/);
    expect((await events(page, "restored")).length).toBe(1);
    expect((await events(page, "shown")).length).toBe(1);
    await page.keyboard.press("Escape");
    await tab.waitFor({ state: "visible" });
    expect(await focused(page)).toBe("page:modal");
    await page.locator("nudge-root .nudge-teaser__close").click();
    await tab.waitFor({ state: "detached" });
    expect((await events(page, "closed")).map((e) => e.reason)).toEqual(["button"]);
  });
});

describe("lead form", () => {
  it.each(["desktop", "phone"] as const)("shows errors tied to the fields, then sends, emits lead and shows the coupon (%s)", { timeout: 120_000 }, async (size) => {
    const { page, requests } = await gallery(size);
    await show(page, "fullscreen");
    const dialog = page.locator("nudge-root [role=dialog]");
    await dialog.waitFor({ state: "visible" });
    await dialog.locator(".nudge-lead__submit").click();
    const email = dialog.locator("input[name=email]");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await email.getAttribute("aria-describedby"))!;
    expect(await dialog.locator(`[id="${errorId}"]`).textContent()).toBe("Please fill in Email");
    expect(await focused(page)).toBe("nudge:.nudge-field__input");
    const consent = dialog.locator("input[type=checkbox]");
    expect(await consent.getAttribute("aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await email.fill("not-an-email");
    await dialog.locator(".nudge-lead__submit").click();
    expect(await dialog.locator(`[id="${errorId}"]`).textContent()).toBe("Enter an email like name@example.com");
    await email.fill("ada@example.com");
    await page.keyboard.press("Tab"); // to the optional name field
    await dialog.locator("input[name=name]").fill("Ada");
    await consent.check();
    const before = requests.length;
    await page.keyboard.press("Enter"); // submits from the name field
    await dialog.locator(".nudge-lead__title").waitFor({ state: "visible" });
    expect(await dialog.locator(".nudge-lead__title").textContent()).toBe("Welcome to the club!");
    expect(await dialog.locator(".nudge-coupon__code").inputValue()).toBe("CLUB10");
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("nudge:.nudge-lead__title");
    const leads = await events(page, "lead");
    expect(leads.map((e) => e.fields)).toEqual([{ email: "ada@example.com", name: "Ada" }]);
    expect(await page.evaluate(() => (window as any).nudge.facts().attributes)).toMatchObject({ email: "ada@example.com" });
    expect((await events(page, "converted")).map((e) => e.id)).toEqual(["fullscreen"]);
    // Nothing was sent anywhere (Nudge's own code chunks aside: facts() above loads the derived facts' code on its first call).
    expect(requests.slice(before).filter((r) => !r.includes("/dist/chunks/"))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("inline", () => {
  it.each(["desktop", "phone"] as const)("fills a reserved slot without moving anything (%s)", { timeout: 120_000 }, async (size) => {
    const { page } = await gallery(size);
    await page.locator("#inline-slot").scrollIntoViewIfNeeded();
    await resetLayoutShift(page);
    await show(page, "inline");
    const inline = page.locator("#inline-slot nudge-inline .nudge-popup__card");
    await inline.waitFor({ state: "visible" });
    expect(await inline.getAttribute("role")).toBe("region");
    expect(await axeViolations(page)).toEqual([]);
    expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
    await inline.locator(".nudge-coupon__copy").focus();
    await page.keyboard.press("Escape");
    await inline.waitFor({ state: "detached" });
  });

  it("goes below the fold without a shift, and refuses a visible place that has no room", { timeout: 120_000 }, async () => {
    const { page } = await gallery("desktop");
    await show(page, "inline-below");
    await page.locator("#main > nudge-inline .nudge-popup__card").waitFor({ state: "attached" });
    expect(await layoutShift(page)).toBe(0);
    // A slot on screen with no reserved height: showing there would push the page, so it does not show.
    await page.addStyleTag({ content: "#inline-slot{min-height:0!important}" });
    await page.locator("#inline-slot").scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await resetLayoutShift(page);
    await show(page, "inline");
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.kind === "shown" && e.id === "inline-below"));
    await page.locator("#inline-slot nudge-inline").waitFor({ state: "detached" });
    expect((await events(page, "shown")).map((e) => e.id)).toEqual(["inline-below"]);
    expect(await layoutShift(page)).toBe(0);
  });
});

describe("dark scheme and reduced motion", () => {
  it("uses the dark palette and no animation", { timeout: 120_000 }, async () => {
    const { page } = await gallery("desktop", { colorScheme: "dark", reducedMotion: "reduce" });
    await show(page, "slide-in");
    await card(page).waitFor({ state: "visible" });
    const look = await card(page).evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, animations: el.getAnimations().length }));
    expect(look.bg).toBe("rgb(28, 28, 34)");
    expect(look.animations).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
