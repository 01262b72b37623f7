import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, layoutShift, layoutShifts, resetLayoutShift, watchLayoutShift } from "./audit.js";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * The push ask, the comparison and the survey in Chromium (examples/gallery/asks.html): what a
 * visitor sees and does, by keyboard, at 360 px and on a desktop, in English and Russian, with
 * axe (0 violations) and no layout shift. Screenshots go to .tmp/screenshots/asks-*.png.
 */

let harness: Harness;
let context: BrowserContext;
const SHOTS = resolve(import.meta.dirname, "../../.tmp/screenshots");

beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const SLOW = 120_000;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const VIEWPORTS = [
  { name: "360 px phone", ...PHONE },
  { name: "desktop", ...DESKTOP },
];

type Options = Parameters<Harness["browser"]["newContext"]>[0];

/** The gallery page, settled, recording Nudge's events in `window.__events`, layout shift counted from zero. */
async function gallery(options: Options = {}, query = "", setup?: (context: BrowserContext) => Promise<void>) {
  context = await harness.browser.newContext(options);
  await setup?.(context);
  await watchLayoutShift(context);
  const watched = await watchedPage(context);
  await open(watched.page, query);
  return watched;
}

async function open(page: Page, query = "") {
  await page.goto(`${harness.baseUrl}/gallery/asks.html${query}`);
  await nudgeReady(page);
  await page.waitForLoadState("load");
  await page.evaluate(() => {
    const w = window as any;
    w.__events = [];
    for (const name of ["shown", "closed", "clicked", "converted", "action", "answer", "push"]) w.nudge.on(name, (e: object) => w.__events.push({ ...e, __event: name }));
  });
  await resetLayoutShift(page);
}

const events = (page: Page, kind: string): Promise<any[]> => page.evaluate((k) => (window as any).__events.filter((e: any) => e.__event === k), kind);
const show = (page: Page, id: string) => page.evaluate((widget) => (window as any).nudge.show(widget, { force: true }), id);
const facts = (page: Page) => page.evaluate(() => (window as any).nudge.facts());
const focusedInNudge = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector("nudge-root")?.shadowRoot?.activeElement as HTMLElement | null;
    return el ? `${el.localName}.${el.className.split(" ")[0]}` : null;
  });
const settle = (page: Page) => page.evaluate(() => Promise.all((document.querySelector("nudge-root")?.shadowRoot?.getAnimations() ?? []).map((a) => a.finished.catch(() => {}))));
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(SHOTS, `asks-${name}.png`) });

async function expectClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
}

/** The element's box lies inside the viewport. */
async function inside(page: Page, selector: string, viewport: { width: number; height: number }) {
  const box = (await page.locator(selector).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(-0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
}

describe.each(VIEWPORTS)("push ask at $name", (device) => {
  it(
    "asks in the shop's words; 'no' hands off to on('push'), is remembered and waits before asking again",
    async () => {
      const { page, errors } = await gallery({ ...device });
      expect((await facts(page)).push).toEqual({ permission: "default", asked: false, lastAsked: null, declined: null });
      await show(page, "push-ask");
      const card = page.locator("nudge-root .nudge-push__card");
      await card.waitFor({ state: "visible" });
      await settle(page);
      expect(await focusedInNudge(page)).toBeNull(); // a corner card never takes focus by itself
      await expect(page.locator("nudge-root .nudge-push__title").textContent()).resolves.toBe("New roasts, first");
      await inside(page, "nudge-root .nudge-push__card", device.viewport);
      await expectClean(page);
      await shot(page, `push-${device.viewport.width}`);
      expect((await facts(page)).push.asked).toBe(true);
      // Keyboard: Tab from the end of the page reaches "yes", then "no"; Enter on "no".
      await page.locator("#forget").focus();
      await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-push__yes");
      await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-push__no");
      await page.keyboard.press("Enter");
      await card.waitFor({ state: "detached" });
      expect(await events(page, "push")).toMatchObject([{ id: "push-ask", answer: "no", permission: "default" }]);
      expect(await page.evaluate(() => Notification.permission)).toBe("default"); // the browser's prompt never opened
      const after = (await facts(page)).push;
      expect(after.declined).toBe(after.lastAsked);
      // A reload: within 30 days of the "no" there is nothing to show and nothing is counted.
      await open(page);
      await show(page, "push-ask");
      expect(await page.locator("nudge-root .nudge-push__card").count()).toBe(0);
      expect(await events(page, "shown")).toEqual([]);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("push ask and the browser's permission", () => {
  it(
    "'yes' calls Notification.requestPermission(); granted converts and hands off",
    async () => {
      const { page, errors } = await gallery(DESKTOP, "", async (c) => {
        await c.addInitScript(() => {
          const real = Notification.requestPermission.bind(Notification);
          (window as any).__requested = 0;
          Notification.requestPermission = ((...args: []) => ((window as any).__requested++, real(...args))) as typeof Notification.requestPermission;
        });
      });
      await show(page, "push-ask");
      await page.locator("nudge-root .nudge-push__yes").waitFor();
      expect(await page.evaluate(() => (window as any).__requested)).toBe(0); // showing the ask is not asking the browser
      // The visitor will allow it in the browser's prompt: Playwright's permission control answers it.
      await context.grantPermissions(["notifications"], { origin: harness.baseUrl });
      await page.locator("nudge-root .nudge-push__yes").click();
      await page.locator("nudge-root .nudge-push__title").filter({ hasText: "You're in" }).waitFor();
      expect(await page.evaluate(() => (window as any).__requested)).toBe(1);
      expect(await focusedInNudge(page)).toBe("h2.nudge-push__title");
      expect(await events(page, "push")).toMatchObject([{ id: "push-ask", answer: "yes", permission: "granted" }]);
      expect(await events(page, "converted")).toMatchObject([{ id: "push-ask", props: { permission: "granted" } }]);
      expect((await facts(page)).push.permission).toBe("granted");
      await expectClean(page);
      await shot(page, "push-granted");
      // Granted: the ask never shows again.
      await page.locator("nudge-root .nudge-push__close").click();
      await show(page, "push-ask");
      expect(await page.locator("nudge-root .nudge-push__card").count()).toBe(0);
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "granted before any ask, or a browser without Notification: it never shows",
    async () => {
      const granted = await gallery(DESKTOP, "", (c) => c.grantPermissions(["notifications"], { origin: harness.baseUrl }));
      expect((await facts(granted.page)).push.permission).toBe("granted");
      await show(granted.page, "push-ask");
      expect(await granted.page.locator("nudge-root .nudge-push__card").count()).toBe(0);
      expect(await events(granted.page, "shown")).toEqual([]);
      await context.close();
      const unsupported = await gallery(DESKTOP, "", (c) => c.addInitScript(() => delete (window as any).Notification));
      expect((await facts(unsupported.page)).push.permission).toBe("unsupported");
      await show(unsupported.page, "push-ask");
      expect(await unsupported.page.locator("nudge-root .nudge-push__card").count()).toBe(0);
      expect(await events(unsupported.page, "shown")).toEqual([]);
      expect([...granted.errors, ...unsupported.errors]).toEqual([]);
    },
    SLOW,
  );

  it(
    "the browser's prompt refused: says how to turn them on later, in Russian, and the fact reads denied",
    async () => {
      const { page, errors } = await gallery({ ...PHONE, locale: "ru-RU" }, "?lang=ru", async (c) => {
        // The visitor refuses the browser's prompt (Chromium has no "deny" control; its answer is stubbed, as a refusal sets it).
        await c.addInitScript(() => {
          let permission: NotificationPermission = "default";
          Object.defineProperty(Notification, "permission", { get: () => permission });
          Notification.requestPermission = (() => Promise.resolve((permission = "denied"))) as typeof Notification.requestPermission;
        });
      });
      await show(page, "push-ask");
      await expect(page.locator("nudge-root .nudge-push__yes").textContent()).resolves.toBe("Да, сообщайте");
      await page.locator("nudge-root .nudge-push__yes").click();
      await page.locator("nudge-root .nudge-push__title").filter({ hasText: "Уведомления выключены" }).waitFor();
      expect(await events(page, "push")).toMatchObject([{ answer: "yes", permission: "denied" }]);
      expect(await events(page, "converted")).toEqual([]);
      expect((await facts(page)).push.permission).toBe("denied");
      await expectClean(page);
      await shot(page, "push-denied-ru-360");
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe.each(VIEWPORTS)("compare at $name", (device) => {
  it(
    "shows nothing with fewer than two viewed, then the viewed coffees side by side; add to cart by keyboard emits the carousel's action",
    async () => {
      const { page, errors } = await gallery({ ...device });
      await page.evaluate(() => (window as any).nudge.track("view_item", { id: "sku-101", name: "Fernhouse House Blend", price: 18, category: "coffee" }));
      const infos: string[] = [];
      page.on("console", (m) => m.type() === "info" && infos.push(m.text()));
      await show(page, "compare");
      expect(await page.locator("nudge-root .nudge-compare").count()).toBe(0);
      expect(await events(page, "shown")).toEqual([]);
      expect(infos).toContainEqual(expect.stringContaining('widget "compare": nothing to show'));
      const opener = page.locator('button[data-view="sku-101,sku-102,sku-105"]');
      await opener.click();
      await page.locator("#log").filter({ hasText: "viewed" }).waitFor();
      await page.locator('button[data-show="compare"]').focus();
      await page.keyboard.press("Enter");
      const table = page.locator("nudge-root .nudge-compare__table");
      await table.waitFor({ state: "visible" });
      await settle(page);
      const names = await page.locator("nudge-root .nudge-compare__name").allTextContents();
      expect(names).toEqual(["Guatemala Antigua", "Ethiopia Yirgacheffe", "Fernhouse House Blend"]); // the last viewed first
      const labels = await page.locator("nudge-root .nudge-compare__label").allTextContents();
      expect(labels).toEqual(["Price", "Brand", "Notes", "In stock"]);
      await expect(page.locator("nudge-root .nudge-compare__best").count()).resolves.toBe(1);
      expect(await focusedInNudge(page)).toBe("div.nudge-compare__card"); // a modal: focus moves in
      await inside(page, "nudge-root .nudge-compare__card", device.viewport);
      await expectClean(page);
      await shot(page, `compare-${device.viewport.width}`);
      // Tab to the first add-to-cart button (past the links) and press it.
      for (let i = 0; i < 12 && (await focusedInNudge(page)) !== "button.nudge-compare__add"; i++) await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-compare__add");
      await page.keyboard.press("Enter");
      const [action] = await events(page, "action");
      expect(action).toMatchObject({ id: "compare", type: "compare", name: "add_to_cart", payload: { id: expect.stringMatching(/^sku-/), price: expect.any(Number) } });
      expect(await events(page, "clicked")).toMatchObject([{ id: "compare", props: { action: "add_to_cart" } }]);
      await expect(page.locator("nudge-root .nudge-compare__add--done").textContent()).resolves.toBe("Added");
      // Escape closes it and gives focus back to the button that opened it.
      await page.keyboard.press("Escape");
      await table.waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.show)).toBe("compare");
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("compare in Russian, dark", () => {
  it(
    "labels its rows and buttons in Russian and stays clean",
    async () => {
      const { page, errors } = await gallery({ ...PHONE, colorScheme: "dark", locale: "ru-RU" }, "?lang=ru");
      await page.locator('button[data-view="sku-101,sku-102,sku-105"]').click();
      await page.locator("#log").filter({ hasText: "viewed" }).waitFor();
      await show(page, "compare");
      await page.locator("nudge-root .nudge-compare__table").waitFor();
      await settle(page);
      expect(await page.locator("nudge-root .nudge-compare__label").allTextContents()).toEqual(["Цена", "Бренд", "Вкус", "В наличии"]);
      await expect(page.locator("nudge-root .nudge-compare__add").first().textContent()).resolves.toBe("В корзину");
      await expectClean(page);
      await shot(page, "compare-ru-dark-360");
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe.each(VIEWPORTS)("survey at $name", (device) => {
  it(
    "by keyboard: branches by answer, shows progress, resumes after a reload, saves facts and emits answer events",
    async () => {
      const { page, errors } = await gallery({ ...device });
      await show(page, "feedback");
      const card = page.locator("nudge-root .nudge-survey__card");
      await card.waitFor({ state: "visible" });
      await settle(page);
      expect(await focusedInNudge(page)).toBeNull();
      const count = page.locator("nudge-root .nudge-survey__count");
      await expect(count.textContent()).resolves.toBe("Question 1 of 5");
      await inside(page, "nudge-root .nudge-survey__card", device.viewport);
      await expectClean(page);
      await shot(page, `survey-${device.viewport.width}`);
      // Into the survey from the end of the page; Enter without an answer says why it cannot go on.
      await page.locator("#forget").focus();
      await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("input.nudge-survey__check");
      await page.keyboard.press("Tab");
      expect(await focusedInNudge(page)).toBe("button.nudge-survey__next");
      await page.keyboard.press("Enter");
      await expect(page.locator("nudge-root .nudge-survey__error").textContent()).resolves.toBe("Please answer to go on.");
      await expectClean(page);
      // Arrows pick among the radio buttons: "Partly" leads to the text question.
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await page.locator("nudge-root .nudge-survey__input").waitFor();
      expect(await focusedInNudge(page)).toBe("h2.nudge-survey__title");
      await expect(count.textContent()).resolves.toBe("Question 2 of 5");
      await page.keyboard.press("Tab");
      await page.keyboard.type("A decaf espresso");
      await page.keyboard.press("Enter");
      // The rating: 2 of 5 branches to "what got in the way".
      await page.locator("nudge-root .nudge-survey__rating").waitFor();
      await expect(count.textContent()).resolves.toBe("Question 3 of 5");
      await page.keyboard.press("Tab");
      await page.keyboard.press("ArrowRight"); // the first arrow from nothing selected lands on the second radio
      expect(await page.locator("nudge-root .nudge-survey__hidden:checked").getAttribute("value")).toBe("2");
      await expectClean(page);
      await shot(page, `survey-rating-${device.viewport.width}`);
      await page.keyboard.press("Enter");
      await page.locator("nudge-root .nudge-survey__check[type=checkbox]").first().waitFor();
      await expect(count.textContent()).resolves.toBe("Question 4 of 6");
      expect(await events(page, "answer")).toMatchObject([
        { id: "feedback", survey: "feedback", question: "found", kind: "single", answer: "partly" },
        { question: "missing", kind: "text", answer: "A decaf espresso" },
        { question: "ease", kind: "rating", answer: 2 },
      ]);
      expect((await facts(page)).survey.feedback).toEqual({ found: "partly", missing: "A decaf espresso", ease: 2 });
      // A reload in the middle: the survey resumes at the question the visitor was on.
      await open(page);
      await show(page, "feedback");
      await page.locator("nudge-root .nudge-survey__check[type=checkbox]").first().waitFor();
      await expect(count.textContent()).resolves.toBe("Question 4 of 6");
      await page.locator("nudge-root .nudge-survey__option").nth(1).click();
      await page.locator("nudge-root .nudge-survey__option").nth(2).click();
      await page.locator("nudge-root .nudge-survey__next").click();
      // Stars, then the optional comment skipped: thanks, and the survey converts.
      await page.locator("nudge-root .nudge-survey__rating--stars").waitFor();
      await page.locator("nudge-root .nudge-survey__rate").nth(3).click();
      await expectClean(page);
      await shot(page, `survey-stars-${device.viewport.width}`);
      await page.locator("nudge-root .nudge-survey__next").click();
      await page.locator("nudge-root .nudge-survey__quiet").filter({ hasText: "Skip" }).click();
      await page.locator("nudge-root .nudge-survey__thanks").waitFor();
      expect(await focusedInNudge(page)).toBe("h2.nudge-survey__title");
      expect(await events(page, "converted")).toMatchObject([{ id: "feedback" }]);
      expect((await facts(page)).survey.feedback).toEqual({ found: "partly", missing: "A decaf espresso", ease: 2, hard: ["details", "prices"], stars: 4 });
      await expectClean(page);
      // Finished: it does not show again.
      await page.locator("nudge-root .nudge-survey__close").click();
      await show(page, "feedback");
      expect(await page.locator("nudge-root .nudge-survey__card").count()).toBe(0);
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("survey as a modal, in Russian", () => {
  it(
    "traps focus, speaks Russian, goes back, closes on Escape and gives focus back",
    async () => {
      const { page, errors } = await gallery({ ...PHONE, locale: "ru-RU" }, "?lang=ru");
      const opener = page.locator('button[data-show="feedback-modal"]');
      await opener.focus();
      await page.keyboard.press("Enter");
      await page.locator("nudge-root .nudge-survey--modal").waitFor();
      await settle(page);
      await expect(page.locator("nudge-root .nudge-survey__count").textContent()).resolves.toBe("Вопрос 1 из 5");
      expect(await focusedInNudge(page)).not.toBeNull();
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press("Tab");
        expect(await focusedInNudge(page)).not.toBeNull();
      }
      await page.locator("nudge-root .nudge-survey__option").first().click();
      await page.locator("nudge-root .nudge-survey__next").click();
      await page.locator("nudge-root .nudge-survey__rating").waitFor();
      await expect(page.locator("nudge-root .nudge-survey__back").textContent()).resolves.toBe("Назад");
      await page.locator("nudge-root .nudge-survey__back").click();
      expect(await page.locator("nudge-root .nudge-survey__check:checked").getAttribute("value")).toBe("yes"); // the answer given is kept
      await expectClean(page);
      await shot(page, "survey-modal-ru-360");
      await page.keyboard.press("Escape");
      await page.locator("nudge-root .nudge-survey").waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.show)).toBe("feedback-modal");
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});

describe("CSAT faces", () => {
  it.each([
    { lang: "en", query: "", locale: "en-US", names: ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"], why: "Sorry about that. What went wrong?" },
    { lang: "ru", query: "?lang=ru", locale: "ru-RU", names: ["Очень недоволен", "Недоволен", "Нормально", "Доволен", "Очень доволен"], why: "Жаль. Что пошло не так?" },
  ])(
    "five faces named in $lang at 360 px, chosen by keyboard; a low one branches to why",
    async ({ lang, query, locale, names, why }) => {
      const { page, errors } = await gallery({ ...PHONE, locale }, query);
      await show(page, "csat");
      await page.locator("nudge-root .nudge-survey__rating--faces").waitFor();
      await settle(page);
      // Each face is a radio button whose accessible name is the word under it, not a number or an emoji.
      const radios = page.locator("nudge-root .nudge-survey__rating--faces").getByRole("radio");
      await expect(radios.count()).resolves.toBe(5);
      for (const [i, name] of names.entries())
        await expect(page.locator("nudge-root").getByRole("radio", { name, exact: true }).getAttribute("value")).resolves.toBe(String(i + 1));
      await inside(page, "nudge-root .nudge-survey__card", PHONE.viewport);
      // The five names fit the 360 px card: none overflows its own face's column.
      const overflow = await page.evaluate(
        () => [...document.querySelector("nudge-root")!.shadowRoot!.querySelectorAll(".nudge-survey__face-name")].filter((el) => el.scrollWidth > el.clientWidth + 1).length,
      );
      expect(overflow).toBe(0);
      await expectClean(page);
      // Keyboard: Tab into the faces, arrows move the choice, Enter goes on.
      await page.locator("#forget").focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowLeft");
      expect(await page.locator("nudge-root .nudge-survey__hidden:checked").getAttribute("value")).toBe("1");
      await expect(page.locator("nudge-root .nudge-survey__rate:has(:checked) .nudge-survey__face-name").textContent()).resolves.toBe(names[0]);
      await expectClean(page);
      await shot(page, `csat-faces-${lang}-360`);
      await page.keyboard.press("Enter");
      await expect(page.locator("nudge-root .nudge-survey__title").textContent()).resolves.toBe(why);
      expect((await facts(page)).survey.csat).toEqual({ order: 1 });
      expect(await events(page, "answer")).toMatchObject([{ id: "csat", question: "order", kind: "rating", answer: 1 }]);
      expect(errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "a happy face ends the survey at once, in the desktop's dark mode",
    async () => {
      const { page, errors } = await gallery({ ...DESKTOP, colorScheme: "dark" });
      await show(page, "csat");
      await page.locator("nudge-root .nudge-survey__rating--faces").waitFor();
      await page.locator("nudge-root").getByRole("radio", { name: "Very happy", exact: true }).check();
      await settle(page);
      await expectClean(page);
      await shot(page, "csat-faces-dark-1280");
      await page.locator("nudge-root .nudge-survey__next").click();
      await page.locator("nudge-root .nudge-survey__thanks").waitFor();
      expect((await facts(page)).survey.csat).toEqual({ order: 5 });
      expect(errors).toEqual([]);
    },
    SLOW,
  );
});
