import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { axeViolations, layoutShift, layoutShifts, resetLayoutShift, watchLayoutShift } from "./audit.js";
import { nudgeReady, nudgeRunning, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * The recommendation carousel in the demo shop: real catalog feed, real pages, real input.
 */

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;
const feed = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../examples/shop/products.json"), "utf8")) as Array<{
  id: string;
  name: string;
  category: string;
  inStock: boolean;
}>;
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

const carousel = (page: Page, slot = "#also-like") => page.locator(`${slot} nudge-inline .nudge-carousel`);
const cardNames = (page: Page, slot = "#also-like") => carousel(page, slot).locator(".nudge-card__name").allTextContents();

/** Opens a shop page and waits until the shop rendered it and the carousel in `slot` shows with its images decoded. */
async function openWithCarousel(page: Page, path: string, slot = "#also-like") {
  await page.goto(url(path));
  await nudgeReady(page);
  await carousel(page, slot).waitFor({ state: "visible" });
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
  await settled(page);
}

/** Two animation frames after the shop and the carousel rendered: the page has settled. */
async function settled(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Serves the shop's rules with the carousel's feed at its own URL, held back until `release()`:
 * the page settles first, the layout shift is reset, then the carousel appears and is measured alone.
 */
async function holdFeed(ctx: BrowserContext): Promise<() => void> {
  const rules = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../examples/shop/rules.json"), "utf8"));
  rules.settings.catalog = "/shop/products.json?for=nudge";
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await ctx.route("**/shop/rules.json", (route) => route.fulfill({ json: rules }));
  await ctx.route("**/shop/products.json?for=nudge", async (route) => {
    await held;
    await route.fulfill({ json: feed });
  });
  return release;
}

/** Opens a page whose carousel feed is held; once the shop has rendered and settled, starts measuring layout shift and lets the carousel in. */
async function openMeasured(page: Page, release: () => void, path: string, slot: string) {
  await page.goto(url(path));
  await nudgeRunning(page); // not ready: the carousel waits for the held feed, and ready for the carousel
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
  await settled(page);
  await resetLayoutShift(page);
  release();
  await carousel(page, slot).waitFor({ state: "visible" });
  await carousel(page, slot)
    .locator("img")
    .first()
    .evaluate((img: HTMLImageElement) => img.decode().catch(() => {}));
  await settled(page);
}

const track = (page: Page, slot = "#also-like") => carousel(page, slot).locator(".nudge-carousel__track");
const scrollLeft = (page: Page) => track(page).evaluate((el) => el.scrollLeft);
/** The id of the product whose card holds focus, read through the shadow root. */
const focusedCard = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector("#also-like nudge-inline")!.shadowRoot!;
    return root.activeElement?.closest("[role=group]")?.getAttribute("aria-label") ?? null;
  });

// Several page loads per test on a shared 2-core machine: more time than the default 30 s.
vi.setConfig({ testTimeout: 90_000 });

describe("the carousel on a product page (desktop)", () => {
  it("shows similar real products under the product, never itself, the sold out or the cart's; no layout shift; axe clean", async () => {
    context = await harness.browser.newContext(DESKTOP);
    await watchLayoutShift(context);
    const release = await holdFeed(context);
    const { page, errors } = await watchedPage(context);
    await openMeasured(page, release, "/shop/product.html?id=sku-101", "#also-like");
    const names = await cardNames(page);
    expect(names.length).toBeGreaterThanOrEqual(3);
    const byName = new Map(feed.map((p) => [p.name, p]));
    for (const name of names) expect(byName.get(name), name).toBeDefined();
    expect(names).not.toContain("Fernhouse House Blend");
    expect(names.every((name) => byName.get(name)!.inStock !== false)).toBe(true);
    expect(byName.get(names[0])!.category).toBe("coffee");
    // Under the product: below the product section, and below the fold on first load.
    const productBottom = (await page.locator("#product").boundingBox())!;
    const box = (await carousel(page).boundingBox())!;
    expect(box.y).toBeGreaterThan(productBottom.y + productBottom.height);
    expect(await carousel(page).getAttribute("aria-roledescription")).toBe("carousel");
    expect(await carousel(page).locator("[role=group]").first().getAttribute("aria-label")).toBe(`1 of ${names.length}`);
    expect(await carousel(page).locator("img").first().getAttribute("loading")).toBe("lazy");
    expect(await carousel(page).locator("img").first().getAttribute("alt")).toBe(names[0]);
    expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("arrows page through; ←/→, Home and End move between slides", async () => {
    context = await harness.browser.newContext({ ...DESKTOP, reducedMotion: "reduce" });
    const { page } = await watchedPage(context);
    await openWithCarousel(page, "/shop/product.html?id=sku-401"); // 8 similar products: more than fit
    await carousel(page).scrollIntoViewIfNeeded();
    const [previous, next] = [carousel(page).locator(".nudge-carousel__arrow").first(), carousel(page).locator(".nudge-carousel__arrow").last()];
    expect(await previous.getAttribute("aria-disabled")).toBe("true");
    await next.click();
    await page.waitForFunction(() => document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!.scrollLeft > 100);
    await page.waitForFunction(() => !document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__arrow:first-child[aria-disabled]"));
    await previous.click();
    await page.waitForFunction(() => document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!.scrollLeft === 0);

    const count = await carousel(page).locator("[role=group]").count();
    await carousel(page).locator(".nudge-card__link").first().focus();
    expect(await focusedCard(page)).toBe(`1 of ${count}`);
    await page.keyboard.press("ArrowRight");
    expect(await focusedCard(page)).toBe(`2 of ${count}`);
    await page.keyboard.press("End");
    expect(await focusedCard(page)).toBe(`${count} of ${count}`);
    await page.waitForFunction(() => {
      const el = document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!;
      return el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
    });
    await page.keyboard.press("ArrowLeft");
    expect(await focusedCard(page)).toBe(`${count - 1} of ${count}`);
    await page.keyboard.press("Home");
    expect(await focusedCard(page)).toBe(`1 of ${count}`);
    await page.waitForFunction(() => document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!.scrollLeft === 0);
  });

  it("by keyboard alone: Enter/Space on the arrows keep focus there; Tab then lands on the products in view, and the track stays put; axe clean", async () => {
    context = await harness.browser.newContext({ ...DESKTOP, reducedMotion: "reduce" });
    const { page, errors } = await watchedPage(context);
    await openWithCarousel(page, "/shop/product.html?id=sku-401"); // 8 similar products: more than fit
    await carousel(page).scrollIntoViewIfNeeded();
    const count = await carousel(page).locator("[role=group]").count();
    const focusedClass = () => page.evaluate(() => document.querySelector("#also-like nudge-inline")!.shadowRoot!.activeElement?.className ?? null);
    /** The slides at least half inside the track's visible width, as "3 of 8". */
    const inView = () =>
      track(page).evaluate((el) => {
        const port = el.getBoundingClientRect();
        return [...el.children]
          .filter((s) => {
            const r = s.getBoundingClientRect();
            return Math.min(r.right, port.right) - Math.max(r.left, port.left) >= r.width / 2;
          })
          .map((s) => s.getAttribute("aria-label"));
      });

    // Tab from the start of the carousel: the products in view, then out; the track does not move.
    const previous = carousel(page).locator(".nudge-carousel__arrow").first();
    await previous.focus();
    const shown = await inView();
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.length).toBeLessThan(count);
    await page.keyboard.press("Tab"); // the next arrow
    expect(await focusedClass()).toBe("nudge-carousel__arrow");
    const visited: Array<string | null> = [];
    for (let i = 0; i < shown.length * 2; i++) {
      await page.keyboard.press("Tab");
      visited.push(await focusedCard(page));
    }
    expect([...new Set(visited)]).toEqual(shown); // a link and an add button each
    expect(await scrollLeft(page)).toBe(0);
    await page.keyboard.press("Tab");
    expect(await focusedCard(page)).toBeNull(); // out of the carousel
    await page.keyboard.press("Shift+Tab");
    expect(await focusedCard(page)).toBe(shown.at(-1)); // back in, on the last product in view
    expect(await scrollLeft(page)).toBe(0);

    // Next, by keyboard: focus stays on the button while the track pages; Tab goes to what now shows.
    const next = carousel(page).locator(".nudge-carousel__arrow").last();
    await next.focus();
    await page.keyboard.press("Space");
    await page.waitForFunction(() => document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!.scrollLeft > 100);
    expect(await focusedClass()).toBe("nudge-carousel__arrow");
    const paged = await scrollLeft(page);
    const nowShown = await inView();
    expect(nowShown[0]).not.toBe("1 of " + count);
    await page.keyboard.press("Tab");
    expect(await focusedCard(page)).toBe(nowShown[0]);
    expect(await scrollLeft(page)).toBe(paged);
    // Back to the arrows with Shift+Tab (the products scrolled away are out of the Tab order), and Enter to the end.
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.querySelector("#also-like nudge-inline")!.shadowRoot!.activeElement?.getAttribute("aria-label"))).toBe("Next products");
    for (let i = 0; i < count && (await next.getAttribute("aria-disabled")) !== "true"; i++) {
      await page.keyboard.press("Enter");
      await page.waitForTimeout(50);
    }
    await page.waitForFunction(() => {
      const el = document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!;
      return el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
    });
    expect(await next.getAttribute("aria-disabled")).toBe("true");
    expect(await focusedClass()).toBe("nudge-carousel__arrow"); // a disabled arrow keeps focus
    await page.keyboard.press("Enter"); // does nothing at the end
    await page.keyboard.press("Tab");
    const atEnd = await inView();
    expect(atEnd.at(-1)).toBe(`${count} of ${count}`);
    expect(await focusedCard(page)).toBe(atEnd[0]);
    // ← from the first product in view reaches the one before it (out of the Tab order), scrolled into view.
    await page.keyboard.press("ArrowLeft");
    const before = `${parseInt(atEnd[0]!, 10) - 1} of ${count}`;
    expect(await focusedCard(page)).toBe(before);
    await page.waitForFunction((label) => {
      const el = document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!;
      const slide = el.querySelector(`[aria-label="${label}"]`)!.getBoundingClientRect();
      const port = el.getBoundingClientRect();
      return slide.left >= port.left - 1 && slide.right <= port.right + 1;
    }, before);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("add to cart: the shop's cart gets the product (its own handler of nudge.on('action')), and it counts as a click", async () => {
    context = await harness.browser.newContext(DESKTOP);
    const { page, errors } = await watchedPage(context);
    await openWithCarousel(page, "/shop/product.html?id=sku-101");
    await page.evaluate(() => {
      (window as any).__clicks = [];
      (window as any).nudge.on("clicked", (e: unknown) => (window as any).__clicks.push(e));
    });
    const name = (await cardNames(page))[0];
    const product = feed.find((p) => p.name === name)!;
    await carousel(page).locator(".nudge-card__add").first().click();
    await page.waitForFunction(() => document.getElementById("cart-count")!.textContent === "1");
    const cart = await page.evaluate(() => JSON.parse(localStorage.getItem("fernhouse-cart")!));
    expect(cart).toEqual([expect.objectContaining({ id: product.id, quantity: 1 })]);
    await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
    expect(await page.evaluate(() => (window as any).__clicks)).toEqual([expect.objectContaining({ id: "also-like" })]);
    await expect(carousel(page).locator(".nudge-card__add").first().textContent()).resolves.toContain("Added");
    expect(errors).toEqual([]);
  });
});

describe("the carousel on a phone (360 px)", () => {
  it("swipes with a real touch gesture and snaps to a card", async () => {
    context = await harness.browser.newContext(PHONE);
    const { page } = await watchedPage(context);
    await openWithCarousel(page, "/shop/product.html?id=sku-401");
    await carousel(page).scrollIntoViewIfNeeded();
    const box = (await track(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // No arrows on a touch phone: every product stays in the Tab order (an external keyboard can reach them all).
    expect(await carousel(page).locator(".nudge-carousel__arrows").isVisible()).toBe(false);
    expect(await carousel(page).locator("[tabindex='-1']").count()).toBe(0);
    const cdp = await context.newCDPSession(page);
    // A finger drags 200 px to the left across the cards.
    const y = Math.round(box.y + 80);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: 300, y }] });
    for (let i = 1; i <= 10; i++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: 300 - i * 20, y }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await page.waitForFunction(() => document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!.scrollLeft > 50);
    // Scroll snapping: the track comes to rest with a card at its start edge.
    await page.waitForFunction(() => {
      const el = document.querySelector("#also-like nudge-inline")!.shadowRoot!.querySelector(".nudge-carousel__track")!;
      const slide = el.querySelector<HTMLElement>("[role=group]")!;
      const step = slide.getBoundingClientRect().width + parseFloat(getComputedStyle(el).columnGap);
      const off = el.scrollLeft % step;
      return off < 2 || step - off < 2 || el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
    });
  });

  it("the cart's cross-sell: reserved height, no layout shift, nothing already in the cart, axe clean", async () => {
    context = await harness.browser.newContext(PHONE);
    await watchLayoutShift(context);
    const release = await holdFeed(context);
    const { page, errors } = await watchedPage(context);
    // The visitor puts House Blend in the cart with the shop's own button, then opens the cart.
    await page.goto(url("/shop/product.html?id=sku-101"));
    await nudgeRunning(page); // its carousel waits for the held feed
    await page.locator("#add-to-cart:not([disabled])").click();
    await page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
    await openMeasured(page, release, "/shop/cart.html", "#cart-cross-sell");
    const names = await cardNames(page, "#cart-cross-sell");
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names).not.toContain("Fernhouse House Blend");
    const slot = (await page.locator("#cart-cross-sell").boundingBox())!;
    const inner = (await carousel(page, "#cart-cross-sell").boundingBox())!;
    expect(inner.y + inner.height).toBeLessThanOrEqual(slot.y + slot.height + 0.5); // fits the reserved height
    expect(inner.x + inner.width).toBeLessThanOrEqual(360.5);
    expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("the carousel's data", () => {
  it("recently viewed shows on the home page only after three products were viewed", async () => {
    context = await harness.browser.newContext(DESKTOP);
    const { page, errors } = await watchedPage(context);
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    expect(await page.locator("#recently-viewed nudge-inline").count()).toBe(0);
    for (const id of ["sku-101", "sku-202", "sku-303"]) {
      await page.goto(url(`/shop/product.html?id=${id}`));
      await nudgeReady(page);
      await page.waitForFunction((id) => (window as any).nudge.facts().viewed.products[0] === id, id);
    }
    await openWithCarousel(page, "/shop/index.html", "#recently-viewed");
    const names = await cardNames(page, "#recently-viewed");
    expect(names).toEqual(["sku-303", "sku-202", "sku-101"].map((id) => feed.find((p) => p.id === id)!.name));
    expect(errors).toEqual([]);
  });

  it("a feed with invalid items: a warning names each, the rest are shown", async () => {
    context = await harness.browser.newContext(DESKTOP);
    const rules = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../examples/shop/rules.json"), "utf8"));
    rules.settings.catalog = "/shop/broken-feed.json";
    const coffee = feed.filter((p) => p.category === "coffee");
    const broken = [...feed.filter((p) => p.category !== "coffee"), { ...coffee[1], price: "free" }, { ...coffee[2], url: "javascript:alert(1)" }, ...coffee, coffee[0]];
    await context.route("**/shop/rules.json", (route) => route.fulfill({ json: rules }));
    await context.route("**/shop/broken-feed.json", (route) => route.fulfill({ json: broken }));
    const { page, warnings, errors } = await watchedPage(context);
    await openWithCarousel(page, "/shop/product.html?id=sku-101");
    const bad = feed.length - coffee.length;
    expect(warnings.join("\n")).toContain(`catalog[${bad}].price`);
    expect(warnings.join("\n")).toContain(`catalog[${bad + 1}].url`);
    expect(warnings.join("\n")).toContain(`catalog[${broken.length - 1}].id: "${coffee[0].id}" appears twice`);
    expect((await cardNames(page)).length).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
  });
});

describe("the carousel in a popup (gallery page)", () => {
  it("a modal dialog: focus inside, Tab trapped, Esc closes and focus returns; dark scheme; axe clean", async () => {
    context = await harness.browser.newContext({ ...DESKTOP, colorScheme: "dark" });
    const { page, errors } = await watchedPage(context);
    await page.goto(url("/gallery/carousel.html"));
    await nudgeReady(page);
    const opener = page.locator("button[data-show=personal-popup]");
    await opener.focus();
    await opener.press("Enter");
    const dialog = page.locator("nudge-root [role=dialog]");
    await dialog.waitFor({ state: "visible" });
    await dialog.locator(".nudge-card").first().waitFor();
    const inside = () => page.evaluate(() => !!document.querySelector("nudge-root")!.shadowRoot!.activeElement);
    expect(await inside()).toBe(true);
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await inside()).toBe(true);
    }
    expect(await axeViolations(page)).toEqual([]);
    const surface = await dialog.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(surface).toBe("rgb(28, 28, 34)"); // the dark surface
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.show)).toBe("personal-popup");
    expect(errors).toEqual([]);
  });
});
