import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * A long title on a phone never runs under the popup's × button, in any layout, in English and
 * in Russian (longer words). Screenshots go to .tmp/screenshots/popup-title-*.png.
 */

const SCREENSHOTS = resolve(import.meta.dirname, "../../.tmp/screenshots");
let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const TITLES = { en: "10% off what's in your cart", ru: "Скидка 10% на всё, что в вашей корзине" } as const;
const LAYOUTS = ["modal", "fullscreen", "slide-in", "top-bar", "bottom-bar"] as const;

async function phone(width: number, locale: keyof typeof TITLES): Promise<Page> {
  context = await harness.browser.newContext({ viewport: { width, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const widgets = LAYOUTS.map((layout) => ({
    id: layout,
    type: "popup",
    trigger: "manual",
    content: {
      layout,
      title: TITLES[locale],
      text: locale === "en" ? "Only today, on everything in it." : "Только сегодня, на всё в ней.",
      cta: { label: locale === "en" ? "Check out" : "Оформить", href: "/shop/cart.html" },
    },
  }));
  await context.route("**/shop/rules.json", (route) => route.fulfill({ json: { version: 1, settings: { locale }, widgets } }));
  const { page } = await watchedPage(context);
  await page.goto(`${harness.baseUrl}/shop/index.html`);
  await nudgeReady(page);
  return page;
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Shows one layout, waits for its animations, and returns the title's box, its text lines' boxes and the ×'s box. */
async function geometry(page: Page, layout: string) {
  expect(await page.evaluate((id) => (window as any).nudge.show(id, { force: true }), layout)).toBe(true);
  const card = page.locator("nudge-root .nudge-popup__card");
  await card.waitFor({ state: "visible" });
  await card.evaluate((el) => Promise.all((el.getRootNode() as ShadowRoot).getAnimations().map((a) => a.finished)));
  return card.evaluate((el) => {
    const rect = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
    const title = el.querySelector(".nudge-popup__title")!;
    const range = document.createRange();
    range.selectNodeContents(title);
    return {
      title: rect(title.getBoundingClientRect()),
      lines: [...range.getClientRects()].map(rect),
      close: rect(el.querySelector(".nudge-popup__close")!.getBoundingClientRect()),
    };
  });
}

describe("a long popup title on a phone", () => {
  for (const width of [360, 390]) {
    for (const locale of ["en", "ru"] as const) {
      it(`${width} px, ${locale}: the title stays clear of the × in every layout`, { timeout: 60_000 }, async () => {
        const page = await phone(width, locale);
        for (const layout of LAYOUTS) {
          const { title, lines, close } = await geometry(page, layout);
          await page.screenshot({ path: resolve(SCREENSHOTS, `popup-title-${layout}-${locale}-${width}.png`) });
          expect(lines.length, layout).toBeGreaterThan(0);
          for (const line of lines) expect(overlaps(line, close), `${layout}: a line of the title runs under the ×`).toBe(false);
          expect(overlaps(title, close), `${layout}: the title's box reaches under the ×`).toBe(false);
          await page.evaluate(() => (window as any).nudge.hide());
          await page.locator("nudge-root .nudge-popup__card").waitFor({ state: "detached" });
        }
      });
    }
  }
});
