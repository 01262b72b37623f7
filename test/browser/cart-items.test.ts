import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * An abandoned-cart popup as a visitor sees it: the cart's lines (image, name, quantity, price),
 * at most `limit`, then "+N more", and the total through the `money` template format, in the
 * rules' locale and currency. Screenshots: .tmp/screenshots/cart-items-*.png.
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

const TEXT = {
  en: { title: "You left {{cart.count | plural: item, items}} in your cart", text: "Your total: {{cart.value | money}}", cta: "Back to my cart" },
  ru: { title: "В корзине {{cart.count | plural: товар, товара, товаров}}", text: "На сумму {{cart.value | money}}", cta: "Вернуться в корзину" },
};

async function cartPage(locale: "en" | "ru", width: number): Promise<{ page: Page; errors: string[] }> {
  context = await harness.browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
  const widget = {
    id: "cart-reminder",
    type: "popup",
    trigger: "manual",
    content: { title: TEXT[locale].title, text: TEXT[locale].text, cartItems: { limit: 3 }, cta: { label: TEXT[locale].cta, href: "/shop/cart.html" } },
  };
  const settings = locale === "en" ? { locale: "en-US", currency: "USD" } : { locale: "ru-RU", currency: "RUB" };
  await context.route("**/shop/rules.json", (route) => route.fulfill({ json: { version: 1, settings, widgets: [widget] } }));
  const { page, errors } = await watchedPage(context);
  await page.goto(`${harness.baseUrl}/shop/index.html`);
  await nudgeReady(page);
  const prices = locale === "en" ? [9, 4.5, 12, 3] : [900, 450, 1200, 300];
  await page.evaluate((prices) => {
    const nudge = (window as any).nudge;
    nudge.cart.clear();
    const names = ["Ethiopia Guji", "Ceramic mug", "Kenya AA", "Paper filters"];
    names.forEach((name, i) =>
      nudge.cart.add({ id: `sku-${i}`, name, price: prices[i], quantity: i === 0 ? 2 : 1, image: i < 3 ? `/shop/images/${["sku-101", "sku-201", "sku-102"][i]}.svg` : undefined }),
    );
  }, prices);
  return { page, errors };
}

async function show(page: Page) {
  expect(await page.evaluate(() => (window as any).nudge.show("cart-reminder", { force: true }))).toBe(true);
  const card = page.locator("nudge-root .nudge-popup__card");
  await card.waitFor({ state: "visible" });
  await card.evaluate((el) => Promise.all((el.getRootNode() as ShadowRoot).getAnimations().map((a) => a.finished)));
  return card.evaluate((el) => ({
    title: el.querySelector(".nudge-popup__title")!.textContent!.replace(/\s/g, " "),
    text: el.querySelector(".nudge-popup__text")!.textContent!.replace(/\s/g, " "),
    lines: [...el.querySelectorAll(".nudge-cart__line")].map((li) => ({
      image: li.querySelector("img")?.getAttribute("src") ?? null,
      name: li.querySelector(".nudge-cart__name")!.textContent,
      qty: li.querySelector(".nudge-cart__qty")!.textContent,
      price: li.querySelector(".nudge-cart__price")!.textContent!.replace(/\s/g, " "),
    })),
    more: el.querySelector(".nudge-cart__more")?.textContent ?? null,
    label: el.querySelector(".nudge-cart__list")!.getAttribute("aria-label"),
  }));
}

describe("the abandoned-cart popup's cart items", () => {
  it("en, 1280 px: three lines with image, name, quantity and price, '+1 more', the total in dollars", async () => {
    const { page, errors } = await cartPage("en", 1280);
    const seen = await show(page);
    await page.screenshot({ path: resolve(SCREENSHOTS, "cart-items-en-1280.png") });
    expect(seen.title).toBe("You left 5 items in your cart");
    expect(seen.text).toBe("Your total: $37.50");
    expect(seen.lines).toEqual([
      { image: "/shop/images/sku-101.svg", name: "Ethiopia Guji", qty: "× 2", price: "$18.00" },
      { image: "/shop/images/sku-201.svg", name: "Ceramic mug", qty: "× 1", price: "$4.50" },
      { image: "/shop/images/sku-102.svg", name: "Kenya AA", qty: "× 1", price: "$12.00" },
    ]);
    expect(seen.more).toBe("+1 more");
    expect(seen.label).toBe("Your cart");
    expect(errors).toEqual([]);
  });

  it("ru, 390 px: rubles without kopecks, Russian plural and 'и ещё 1', nothing overflows the card", async () => {
    const { page, errors } = await cartPage("ru", 390);
    const seen = await show(page);
    await page.screenshot({ path: resolve(SCREENSHOTS, "cart-items-ru-390.png") });
    expect(seen.title).toBe("В корзине 5 товаров");
    expect(seen.text).toBe("На сумму 3 750 ₽");
    expect(seen.lines.map((l) => l.price)).toEqual(["1 800 ₽", "450 ₽", "1 200 ₽"]);
    expect(seen.more).toBe("и ещё 1");
    const overflow = await page.locator("nudge-root .nudge-popup__card").evaluate((card) => {
      const box = card.getBoundingClientRect();
      return [...card.querySelectorAll(".nudge-cart__line > *")].filter((el) => el.getBoundingClientRect().right > box.right + 0.5).length;
    });
    expect(overflow).toBe(0);
    expect(errors).toEqual([]);
  });
});
