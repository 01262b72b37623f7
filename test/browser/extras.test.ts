import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, layoutShift, layoutShifts, resetLayoutShift, watchLayoutShift } from "./audit.js";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;
/** axe-core runs several times per test: on a busy 2-core machine that takes a while. */
const SLOW = 90_000;
const VIEWPORTS = [
  { name: "360 px phone", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
];

/** The gallery page of these widgets, loaded and settled, with layout shift counted from zero. */
async function gallery(options: Parameters<Harness["browser"]["newContext"]>[0] = {}, query = "") {
  context = await harness.browser.newContext(options);
  await watchLayoutShift(context);
  const watched = await watchedPage(context);
  await watched.page.goto(url(`/gallery/extras.html${query}`));
  await nudgeReady(watched.page);
  await watched.page.waitForLoadState("load");
  await resetLayoutShift(watched.page);
  return watched;
}

const show = (page: Page, id: string) => page.evaluate((widget) => (window as any).nudge.show(widget, { force: true }), id);
const facts = (page: Page) => page.evaluate(() => (window as any).nudge.facts());
/** The element focused inside Nudge's overlay, as "tag.class". */
const focusedInNudge = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector("nudge-root")?.shadowRoot?.activeElement as HTMLElement | null;
    return el ? `${el.localName}.${el.className}` : null;
  });
/** The text of the element focused inside Nudge's overlay ("7" for a score button). */
const focusedText = (page: Page) => page.evaluate(() => document.querySelector("nudge-root")?.shadowRoot?.activeElement?.textContent ?? null);
const settle = (page: Page, selector: string) => page.locator(selector).evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));

async function expectClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
}

describe.each(VIEWPORTS)("extras at $name", (device) => {
  it(
    "social proof: a toast with the feed's count, in a corner, inside the screen",
    async () => {
      const { page, errors } = await gallery({ viewport: device.viewport, isMobile: device.isMobile, hasTouch: device.hasTouch });
      await show(page, "proof-sold");
      const card = page.locator("nudge-root .nudge-sp__card");
      await card.waitFor({ state: "visible" });
      await settle(page, "nudge-root .nudge-sp__card");
      await expect(page.locator("nudge-root [role=status]").textContent()).resolves.toBe("37 people bought this today (Fernhouse House Blend)");
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(device.viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(device.viewport.height);
      expect(box.y).toBeGreaterThan(device.viewport.height / 2); // bottom-left
      await expectClean(page);
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "nps: score, follow-up, thanks by keyboard; answers land in the profile",
    async () => {
      const { page, errors } = await gallery({ viewport: device.viewport, isMobile: device.isMobile, hasTouch: device.hasTouch });
      const opener = page.locator('button[data-show="nps"]');
      await opener.focus();
      await show(page, "nps");
      const card = page.locator("nudge-root .nudge-nps__card");
      await card.waitFor({ state: "visible" });
      await settle(page, "nudge-root .nudge-nps");
      expect(await focusedInNudge(page)).toBeNull(); // a slide-in never takes focus by itself
      await expectClean(page);
      const box = (await card.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(device.viewport.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(device.viewport.height + 0.5);
      // The visitor tabs into it (it is last in the page's tab order): the eleven scores are one Tab stop.
      await page.locator("#forget").focus();
      await page.keyboard.press("Tab");
      expect(await focusedText(page)).toBe("0");
      await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-nps__close");
      await page.keyboard.press("Shift+Tab");
      expect(await focusedText(page)).toBe("0");
      // Arrows, Home and End move focus along the scale, stopping at the ends; nothing is picked yet.
      const scrollY = await page.evaluate(() => scrollY);
      for (const [key, to] of [
        ["ArrowRight", "1"],
        ["ArrowRight", "2"],
        ["ArrowDown", "3"],
        ["End", "10"],
        ["ArrowRight", "10"],
        ["ArrowUp", "9"],
        ["Home", "0"],
        ["ArrowLeft", "0"],
        ["ArrowRight", "1"],
      ]) {
        await page.keyboard.press(key);
        expect(await focusedText(page), key).toBe(to);
      }
      expect(await page.evaluate(() => scrollY)).toBe(scrollY); // the arrows did not scroll the page
      expect((await facts(page)).attributes.nps_score).toBeUndefined();
      // The Tab stop stays on the score last focused: out and back in lands on 1 again.
      await page.keyboard.press("Shift+Tab");
      expect(await focusedInNudge(page)).toBeNull();
      await page.keyboard.press("Tab");
      expect(await focusedText(page)).toBe("1");
      // The focus ring shows on the focused score.
      const ring = await page
        .locator("nudge-root .nudge-nps__score")
        .nth(1)
        .evaluate((el) => getComputedStyle(el).outlineStyle + " " + getComputedStyle(el).outlineWidth);
      expect(ring).toBe("solid 2px");
      await expectClean(page);
      for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
      expect(await focusedText(page)).toBe("6");
      await page.keyboard.press("Enter");
      await page.locator("nudge-root textarea").waitFor();
      expect(await focusedInNudge(page)).toBe("textarea.nudge-nps__field");
      await expect(page.locator("nudge-root label").textContent()).resolves.toBe("Sorry to hear that. What should we do better?");
      await page.keyboard.type("Faster shipping, please");
      await expectClean(page);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.locator("nudge-root .nudge-nps__thanks").waitFor();
      expect(await focusedInNudge(page)).toBe("h2.nudge-nps__title");
      await expectClean(page);
      const attributes = (await facts(page)).attributes;
      expect(attributes).toMatchObject({ nps_score: 6, nps_group: "detractor", nps_comment: "Faster shipping, please" });
      await page.keyboard.press("Escape");
      await card.waitFor({ state: "detached" });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("forget"); // focus goes back where it came from
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "nps modal: focus starts on the scale; arrows move, Space picks; Tab stays inside",
    async () => {
      const { page, errors } = await gallery({ viewport: device.viewport, isMobile: device.isMobile, hasTouch: device.hasTouch });
      await page.locator('button[data-show="nps-modal"]').focus();
      await show(page, "nps-modal");
      await page.locator("nudge-root .nudge-nps__card").waitFor({ state: "visible" });
      await settle(page, "nudge-root .nudge-nps");
      expect(await focusedText(page)).toBe("0");
      await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-nps__close");
      await page.keyboard.press("Tab");
      expect(await focusedText(page)).toBe("0"); // the scale is one stop in the trapped cycle
      await page.keyboard.press("End");
      await page.keyboard.press("ArrowLeft");
      expect(await focusedText(page)).toBe("9");
      await expectClean(page);
      await page.keyboard.press("Space");
      await page.locator("nudge-root textarea").waitFor();
      expect(await focusedInNudge(page)).toBe("textarea.nudge-nps__field");
      expect((await facts(page)).attributes).toMatchObject({ order_nps_score: 9, order_nps_group: "promoter" });
      await page.keyboard.press("Escape");
      await page.locator("nudge-root .nudge-nps__card").waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.show)).toBe("nps-modal");
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "wheel: email first, one instant spin under reduced motion, the result announced with a code",
    async () => {
      const { page, errors } = await gallery({ viewport: device.viewport, isMobile: device.isMobile, hasTouch: device.hasTouch, reducedMotion: "reduce" });
      await show(page, "wheel");
      const dialog = page.locator("nudge-root [role=dialog]");
      await dialog.waitFor({ state: "visible" });
      expect(await focusedInNudge(page)).toBe("input.nudge-wheel__input");
      await expectClean(page);
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(device.viewport.width + 0.5);
      // Spinning without an email shows an error and does not spin.
      await page.locator("nudge-root .nudge-wheel__spin").click();
      await expect(page.locator("nudge-root .nudge-wheel__input").getAttribute("aria-invalid")).resolves.toBe("true");
      expect(await focusedInNudge(page)).toBe("input.nudge-wheel__input");
      await expectClean(page);
      await page.keyboard.type("ann@example.com");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space"); // the consent box
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter"); // spin
      const live = page.locator("nudge-root .nudge-wheel__sr[aria-live]");
      await page.waitForFunction(() => !!document.querySelector("nudge-root")!.shadowRoot!.querySelector(".nudge-wheel__sr[aria-live]")!.textContent);
      const said = (await live.textContent())!;
      expect(said).toMatch(/^You won .+\. Your code is [A-Z0-9]+\.$|^No luck this time\.$/);
      expect((await facts(page)).attributes.email).toBe("ann@example.com");
      await expectClean(page);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("the wheel", () => {
  it("lands on the segment it drew, and gives one spin per visitor across reloads and tabs", async () => {
    const { page, errors } = await gallery({ viewport: { width: 1280, height: 800 } });
    await show(page, "wheel-quick");
    await page.locator("nudge-root .nudge-wheel__spin").click();
    await expect(page.locator("nudge-root .nudge-wheel__spin").textContent()).resolves.toBe("Spinning…");
    await page
      .locator("nudge-root .nudge-wheel__title")
      .filter({ hasText: /You won|No luck/ })
      .waitFor({ timeout: 15_000 });
    const title = (await page.locator("nudge-root .nudge-wheel__title").textContent())!;
    // The angle the wheel stopped at points at the segment named in the result.
    const landed = await page.locator("nudge-root .nudge-wheel__disc").evaluate((disc) => {
      const m = new DOMMatrix(getComputedStyle(disc).transform);
      const rotation = (Math.atan2(m.b, m.a) * 180) / Math.PI;
      const angle = (((360 - rotation) % 360) + 360) % 360;
      return Math.floor(angle / 60);
    });
    const labels = ["10% off", "No luck", "Free shipping", "Try again", "15% off", "Free mug"];
    const label = labels[landed];
    if (label === "No luck" || label === "Try again") expect(title).toBe("No luck this time");
    else expect(title).toBe(`You won ${label}!`);
    const code = await page
      .locator("nudge-root .nudge-wheel__code")
      .textContent()
      .catch(() => null);

    await page.reload();
    await nudgeReady(page);
    await show(page, "wheel-quick");
    await page.locator("nudge-root .nudge-wheel__note").waitFor();
    await expect(page.locator("nudge-root .nudge-wheel__title").textContent()).resolves.toBe(title);
    expect(await page.locator("nudge-root .nudge-wheel__spin").count()).toBe(0);
    if (code) await expect(page.locator("nudge-root .nudge-wheel__code").textContent()).resolves.toBe(code);

    const other = await context.newPage();
    await other.goto(url("/gallery/extras.html"));
    await nudgeReady(other);
    await show(other, "wheel-quick");
    await other.locator("nudge-root .nudge-wheel__note").waitFor();
    await expect(other.locator("nudge-root .nudge-wheel__title").textContent()).resolves.toBe(title);
    expect(errors).toEqual([]);
  }, 90_000);

  it(
    "by keyboard: Space spins, focus stays on the busy button while it turns, then moves to the result's first control",
    async () => {
      const { page, errors } = await gallery({ viewport: { width: 1280, height: 800 } });
      await page.locator('button[data-show="wheel-quick"]').focus();
      await show(page, "wheel-quick");
      await page.locator("nudge-root [role=dialog]").waitFor();
      expect(await focusedInNudge(page)).toBe("button.nudge-wheel__spin");
      await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-wheel__close");
      await page.keyboard.press("Shift+Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-wheel__spin");
      await page.keyboard.press("Space");
      await expect(page.locator("nudge-root .nudge-wheel__spin").textContent()).resolves.toBe("Spinning…");
      expect(await page.locator("nudge-root .nudge-wheel__spin").getAttribute("aria-disabled")).toBe("true");
      expect(await focusedInNudge(page)).toBe("button.nudge-wheel__spin");
      await page.keyboard.press("Enter"); // a second press while it turns does nothing
      expect(await focusedInNudge(page)).toBe("button.nudge-wheel__spin");
      await page
        .locator("nudge-root .nudge-wheel__title")
        .filter({ hasText: /You won|No luck/ })
        .waitFor({ timeout: 15_000 });
      const won = (await page.locator("nudge-root .nudge-wheel__code").count()) > 0;
      const first = won ? "button.nudge-wheel__copy" : (await page.locator("nudge-root .nudge-wheel__cta").count()) ? "a.nudge-wheel__cta" : "button.nudge-wheel__close";
      await page.waitForFunction(() => !!document.querySelector("nudge-root")!.shadowRoot!.activeElement);
      expect(await focusedInNudge(page)).toBe(first);
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press("Tab");
        expect(await focusedInNudge(page)).not.toBeNull();
      }
      if (won) {
        await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: harness.baseUrl });
        await page.locator("nudge-root .nudge-wheel__copy").focus();
        await page.keyboard.press("Enter");
        await page.locator("nudge-root .nudge-wheel__copy", { hasText: "Copied" }).waitFor(); // the clipboard answers asynchronously
        expect(await focusedInNudge(page)).toMatch(/^button\.nudge-wheel__copy/); // the button stays, renamed
      }
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "traps focus, closes on Escape and gives focus back",
    async () => {
      const { page } = await gallery({ viewport: { width: 1280, height: 800 } });
      await page.locator('button[data-show="wheel-quick"]').focus();
      await show(page, "wheel-quick");
      await page.locator("nudge-root [role=dialog]").waitFor();
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press("Tab");
        expect(await focusedInNudge(page)).not.toBeNull();
      }
      await page.keyboard.press("Escape");
      await page.locator("nudge-root [role=dialog]").waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.show)).toBe("wheel-quick");
    },
    SLOW,
  );

  it(
    "is dark and clean in the dark scheme, in Russian",
    async () => {
      const { page, errors } = await gallery({ viewport: { width: 1280, height: 800 }, colorScheme: "dark", reducedMotion: "reduce" }, "?lang=ru");
      await show(page, "wheel-quick");
      await page.locator("nudge-root .nudge-wheel__spin").waitFor();
      await expect(page.locator("nudge-root .nudge-wheel__spin").textContent()).resolves.toBe("Крутить колесо");
      const surface = await page.locator("nudge-root .nudge-wheel__card").evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(surface).toBe("rgb(28, 28, 34)");
      await page.locator("nudge-root .nudge-wheel__spin").click();
      await page
        .locator("nudge-root .nudge-wheel__title")
        .filter({ hasText: /Ваш приз|не повезло/ })
        .waitFor();
      await expectClean(page);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("content swap", () => {
  it(
    "swaps the headline as text, adds no box, and restores it on hide()",
    async () => {
      const { page, errors } = await gallery({ viewport: { width: 1280, height: 800 } });
      const headline = page.locator("#hero-title");
      await show(page, "hero-swap");
      await expect(headline.textContent()).resolves.toBe("Welcome, Anna's readers.");
      expect(await page.locator("nudge-inline").evaluate((el) => getComputedStyle(el).display)).toBe("none");
      await expectClean(page);
      await page.evaluate(() => (window as any).nudge.hide());
      await expect(headline.textContent()).resolves.toBe("Slow mornings, made well.");
      expect(await page.locator("nudge-inline").count()).toBe(0);
      expect(await layoutShift(page)).toBe(0);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("in the demo shop", () => {
  it(
    "adapts the home hero for a blogger's visitors, before the runtime reports ready",
    async () => {
      context = await harness.browser.newContext();
      const { page, errors } = await watchedPage(context);
      // The README's anti-flicker snippet: the headline stays hidden until Nudge has decided.
      const snippet = `<style>.nudge-wait #hero h1{visibility:hidden}</style><script>
      document.documentElement.classList.add("nudge-wait");
      window.nudge = window.nudge || [];
      (function (reveal) { setTimeout(reveal, 10000); nudge.push(function (n) { n.ready.then(reveal, reveal); }); })(function () {
        window.__atReveal = window.__atReveal || document.querySelector("#hero h1").textContent;
        document.documentElement.classList.remove("nudge-wait");
      });</script>`;
      await context.route("**/shop/index.html*", async (route) => {
        const html = await (await route.fetch()).text();
        await route.fulfill({ body: html.replace('<script async src="/dist/nudge.js"', `${snippet}<script async src="/dist/nudge.js"`), contentType: "text/html" });
      });
      await page.goto(url("/shop/index.html?utm_source=blogger&utm_medium=social"));
      await nudgeReady(page);
      await page.waitForFunction(() => !document.documentElement.classList.contains("nudge-wait"));
      expect(await page.evaluate(() => (window as any).__atReveal)).toBe("Welcome, Anna's readers.");
      await expect(page.locator("#hero h1").textContent()).resolves.toBe("Welcome, Anna's readers.");
      await page.evaluate(() => (window as any).nudge.hide("blogger-hero"));
      await expect(page.locator("#hero h1").innerHTML()).resolves.toBe("Slow mornings,<br>made well.");
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it("shows how many bought the product on its page, and nothing for a product without counts", async () => {
    context = await harness.browser.newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(url("/shop/product.html?id=sku-102"));
    await nudgeReady(page);
    await page.locator("nudge-root .nudge-sp__card").waitFor();
    await expect(page.locator("nudge-root .nudge-sp__msg").textContent()).resolves.toBe("12 people bought this today");
    // sku-104 has no counts in the feed: nothing shows and nothing is counted as shown; the console says why.
    await page.evaluate(() => (window as any).nudge.hide());
    const events: unknown[] = [];
    const infos: string[] = [];
    page.on("console", (message) => message.type() === "info" && infos.push(message.text()));
    await page.exposeFunction("__event", (e: unknown) => events.push(e));
    await page.goto(url("/shop/product.html?id=sku-104"));
    await nudgeReady(page);
    await page.evaluate(() => (window as any).nudge.on("shown", (e: unknown) => (window as any).__event(e)));
    await page.evaluate(() => (window as any).nudge.show("bought-today", { force: true }));
    expect(await page.locator("nudge-root .nudge-sp__card").count()).toBe(0);
    expect(events).toEqual([]);
    expect(infos).toContainEqual(expect.stringContaining('widget "bought-today": nothing to show'));
    expect(errors).toEqual([]);
  }, 60_000);
});
