import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
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

const GALLERY = "/gallery/chatbot.html";
const chat = (page: Page, part: string) => page.locator(`nudge-root .nudge-chat__${part}`);

/** A context whose pages record Nudge's widget events in `window.__events`. */
async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const made = await harness.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", ...options });
  await made.addInitScript(() => {
    const w = window as any;
    w.nudge = w.nudge || [];
    w.__events = [];
    for (const name of ["shown", "closed", "clicked", "converted", "minimized", "restored", "lead", "action", "widget"]) {
      w.nudge.push(["on", name, (event: object) => w.__events.push({ event: name, ...event })]);
    }
  });
  return made;
}

/** The gallery's rules, with the coffee helper shown on every page view (as a shop would, to bring an unfinished chat back). */
async function onEveryPage(target: BrowserContext) {
  await target.route("**/gallery/chatbot.rules.json", async (route) => {
    const rules = await (await route.fetch()).json();
    rules.widgets[0].trigger = "page_view";
    await route.fulfill({ json: rules });
  });
}

const events = (page: Page, name?: string) => page.evaluate((n) => (window as any).__events.filter((e: any) => !n || e.event === n), name);
const focused = (page: Page) => page.evaluate(() => document.querySelector("nudge-root")?.shadowRoot?.activeElement?.className ?? document.activeElement?.id ?? "");
const transcript = (page: Page) => chat(page, "msg").evaluateAll((els) => els.map((el) => el.textContent));

/** Waits until the bot has said everything and the visitor's options (or the end) are on screen. */
async function idle(page: Page) {
  await page.waitForFunction(() => {
    const root = document.querySelector("nudge-root")?.shadowRoot;
    return root?.querySelector(".nudge-chat__log")?.getAttribute("aria-busy") === "false" && !!root.querySelector(".nudge-chat__foot");
  });
}

/** Opens the gallery and shows a chatbot as its "Show" button does. */
async function showBot(page: Page, id = "coffee-helper") {
  await page.goto(`${harness.baseUrl}${GALLERY}`);
  await nudgeReady(page);
  await page.locator(`[data-show="${id}"]`).focus();
  await page.keyboard.press("Enter");
  await chat(page, "launcher").waitFor({ state: "visible" });
}

/** Presses Tab until focus is on the element with this class inside Nudge's shadow root. */
async function tabTo(page: Page, className: string, label?: string) {
  for (let i = 0; i < 40; i++) {
    const now = await page.evaluate(() => {
      const el = document.querySelector("nudge-root")?.shadowRoot?.activeElement;
      return el ? { cls: el.className, text: el.textContent } : undefined;
    });
    if (now?.cls.split(" ").includes(className) && (!label || now.text === label)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached .${className} ${label ?? ""}`);
}

describe("the chatbot in Chromium", () => {
  it("opens from its teaser and runs a whole dialogue by keyboard: replies, a branch, an invalid then a valid email, a lead", async () => {
    context = await newContext();
    await watchLayoutShift(context);
    const { page, errors } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}${GALLERY}`);
    await nudgeReady(page);
    await resetLayoutShift(page); // the page has settled: what moves from now on is Nudge's doing
    await page.locator('[data-show="coffee-helper"]').focus();
    await page.keyboard.press("Enter");
    await chat(page, "teaser").waitFor({ state: "visible" });
    expect(await chat(page, "teaser-text").textContent()).toBe("Hi! Need a hand choosing? I can also send you 10% off your first order.");
    expect(await focused(page)).not.toContain("nudge-chat"); // a proactive message does not steal focus
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, "nudge-chat__teaser-open");
    await page.keyboard.press("Enter");
    await idle(page);
    await page.waitForFunction(() => document.querySelector("nudge-root")!.shadowRoot!.activeElement?.textContent === "Help me choose");
    expect(await chat(page, "panel").getAttribute("role")).toBe("dialog");
    expect(await chat(page, "log").getAttribute("aria-live")).toBe("polite");
    expect(await transcript(page)).toEqual([
      "Mia from Fernhouse: Hi there! I'm Mia, I roast the coffee here.",
      "Mia from Fernhouse: Need a hand choosing? I can also send you 10% off your first order.",
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press("Enter"); // Help me choose
    await idle(page);
    await tabTo(page, "nudge-chat__reply", "Rich and chocolatey");
    await page.keyboard.press("Enter");
    await idle(page);
    expect((await transcript(page)).at(-1)).toBe("Mia from Fernhouse: Try the Guatemala Antigua: cocoa, toasted nuts and a round body."); // the branch on the answer
    await tabTo(page, "nudge-chat__reply", "Anything else?");
    await page.keyboard.press("Enter");
    await idle(page);
    await tabTo(page, "nudge-chat__reply", "Thanks, that's all");
    await page.keyboard.press("Enter");
    await idle(page);
    await page.waitForFunction(() => document.querySelector("nudge-root")!.shadowRoot!.activeElement?.tagName === "INPUT");

    await page.keyboard.type("ann@example");
    await page.keyboard.press("Enter");
    await chat(page, "error").waitFor();
    expect(await chat(page, "error").textContent()).toBe("Hmm, that email doesn't look right. Could you check it?");
    expect(await chat(page, "input").getAttribute("aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type(".com");
    await page.keyboard.press("Enter");
    await idle(page);
    expect(await chat(page, "ended").textContent()).toBe("Conversation ended");
    expect(await focused(page)).toBe("nudge-chat__reply"); // "Close chat"

    const [lead] = await events(page, "lead");
    expect(lead).toMatchObject({ id: "coffee-helper", fields: { email: "ann@example.com" } });
    expect(await events(page, "converted")).toHaveLength(1);
    const attributes = await page.evaluate(() => (window as any).nudge.facts().attributes);
    expect(attributes).toMatchObject({ chatIntent: "choose", coffeeTaste: "rich", email: "ann@example.com" });

    await page.keyboard.press("Enter"); // Close chat
    await chat(page, "launcher").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("lang"); // focus back where it came from: the page's last link before the chat
    expect(await layoutShift(page), JSON.stringify(await layoutShifts(page))).toBe(0);
    expect(errors).toEqual([]);
  });

  it("resumes mid-dialogue after a reload, and in another tab", async () => {
    context = await newContext();
    await onEveryPage(context);
    const { page } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}${GALLERY}`);
    await nudgeReady(page);
    await chat(page, "teaser-open").click();
    await idle(page);
    await chat(page, "reply").filter({ hasText: "Help me choose" }).click();
    await idle(page);
    const before = await transcript(page);
    expect(before.at(-1)).toBe("Mia from Fernhouse: Happy to! How do you like your coffee?");
    // The step is in the profile (written for good on pagehide).
    await page.waitForFunction(() => (window as any).nudge.facts().attributes.chatIntent === "choose");

    await page.reload();
    await nudgeReady(page);
    await idle(page);
    expect(await transcript(page)).toEqual(before);
    expect(await chat(page, "reply").allTextContents()).toEqual(["Bright and fruity", "Rich and chocolatey", "Not sure yet"]);
    expect(await chat(page, "teaser").count()).toBe(0);

    const other = await context.newPage();
    await other.goto(`${harness.baseUrl}${GALLERY}`);
    await nudgeReady(other);
    await idle(other);
    expect(await transcript(other)).toEqual(before);
  });

  it("hands over to the page: the host hears on('action') with the payload and the answers", async () => {
    context = await newContext();
    const { page } = await watchedPage(context);
    await showBot(page);
    await chat(page, "teaser-open").click();
    await idle(page);
    await chat(page, "reply").filter({ hasText: "Talk to a roaster" }).click();
    await idle(page);
    const [action] = await events(page, "action");
    expect(action).toMatchObject({ id: "coffee-helper", type: "chatbot", name: "open_chat", payload: { topic: "choosing", answers: { chatIntent: "human" } } });
    expect((await transcript(page)).slice(-2)).toEqual([
      "Mia from Fernhouse: I'll get one of our roasters for you.",
      "Mia from Fernhouse: They usually reply within the hour, every day from 9 to 18.",
    ]);
  });

  it("is a full-width bottom sheet at 360 px; Esc minimizes to the launcher and it restores", async () => {
    context = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, colorScheme: "dark" });
    await watchLayoutShift(context);
    const { page, errors } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}${GALLERY}`);
    await nudgeReady(page);
    await resetLayoutShift(page);
    await page.evaluate(() => (window as any).nudge.show("callback", { force: true }));
    await chat(page, "teaser").waitFor({ state: "visible" });
    const teaser = (await chat(page, "teaser").boundingBox())!;
    expect(teaser.x).toBeGreaterThanOrEqual(0);
    expect(teaser.x + teaser.width).toBeLessThanOrEqual(360);
    await chat(page, "teaser-open").click();
    await idle(page);
    const sheet = (await chat(page, "panel").boundingBox())!;
    expect(sheet).toMatchObject({ x: 0, width: 360 });
    expect(sheet.y + sheet.height).toBeCloseTo(740, 0);
    expect(await chat(page, "launcher").isVisible()).toBe(false); // under the sheet
    expect(await focused(page)).toBe("nudge-chat__input"); // the name field
    expect(await page.locator("nudge-root label.nudge-chat__sr").textContent()).toBe("Your name");
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.type("Ann");
    await page.keyboard.press("Enter");
    await idle(page);
    expect((await transcript(page)).slice(-2)).toEqual(["You: Ann", "Fernhouse wholesale: Nice to meet you! How many cups a day do you serve?"]);

    await page.keyboard.press("Escape");
    await chat(page, "panel").waitFor({ state: "detached" });
    expect(await focused(page)).toBe("nudge-chat__launcher");
    expect(await chat(page, "launcher").getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("Enter");
    await idle(page);
    expect(await chat(page, "reply").allTextContents()).toEqual(["Under 100", "100 to 500", "More than 500"]);
    expect((await events(page)).map((e: any) => e.event)).toEqual(["shown", "clicked", "widget", "widget", "minimized", "restored"]);
    expect(await layoutShift(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  it("types with a short delay, and not at all with reduced motion", async () => {
    context = await newContext({ reducedMotion: "no-preference" });
    const { page } = await watchedPage(context);
    await showBot(page);
    await chat(page, "teaser-open").click();
    await chat(page, "typing").waitFor(); // the second line is being typed
    await idle(page);
    expect(await chat(page, "msg").count()).toBe(2);
    await context.close();

    context = await newContext({ reducedMotion: "reduce" });
    const calm = (await watchedPage(context)).page;
    await showBot(calm);
    await calm.evaluate(() => {
      const root = document.querySelector("nudge-root")!.shadowRoot!;
      new MutationObserver(() => root.querySelector(".nudge-chat__typing") && ((window as any).__typed = true)).observe(root, { subtree: true, childList: true });
    });
    await chat(calm, "teaser-open").click();
    await idle(calm);
    await chat(calm, "reply").first().click();
    await idle(calm);
    expect(await calm.evaluate(() => (window as any).__typed ?? false)).toBe(false);
  });

  it("closes with × for the session: the closed event says so and a new show starts afresh", async () => {
    context = await newContext({ locale: "ru-RU" });
    const { page } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}${GALLERY}?lang=ru`);
    await nudgeReady(page);
    await page.evaluate(() => (window as any).nudge.show("coffee-helper", { force: true }));
    await chat(page, "teaser-open").click();
    await idle(page);
    await chat(page, "reply").first().click();
    await idle(page);
    expect(await page.locator('nudge-root .nudge-chat__head [aria-label="Свернуть чат"]').count()).toBe(1);
    await page.locator('nudge-root [aria-label="Завершить чат"]').click();
    await chat(page, "launcher").waitFor({ state: "detached" });
    expect((await events(page, "closed"))[0]).toMatchObject({ id: "coffee-helper", reason: "button" });
    await page.evaluate(() => (window as any).nudge.show("coffee-helper", { force: true }));
    await chat(page, "teaser").waitFor();
    expect(await chat(page, "launcher").getAttribute("aria-label")).toBe("Открыть чат: Маша из «Папоротника», 1 новое сообщение");
  });
});
