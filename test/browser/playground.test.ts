import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, watchedPage, type Harness } from "./harness.js";

// The marketer's playground (examples/playground): the rules editor, the preview of the demo
// shop running the real script-tag build with those rules, the visitor simulator and explain().
let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
});
afterEach(async () => context?.close());

const popup = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: "popup", trigger: "page_view", content: { title: `Hello from ${id}` }, ...extra });
const rulesText = (widgets: unknown[]) => JSON.stringify({ version: 1, widgets }, null, 2);
const loads = (page: Page) => page.evaluate(() => Number(document.body.dataset.loads ?? 0));
/** The preview's dialog (the frame's Nudge shadow root is open; Playwright pierces it). */
const dialog = (page: Page) => page.frameLocator("#preview").locator("nudge-root [role=dialog]");
const problems = (page: Page) => page.locator("#problems").textContent();
const explainOf = (page: Page, id: string) => page.locator(`#explain > li[data-widget="${id}"]`).innerText();
/** The preview reloads and Nudge there starts asynchronously: give a busy machine time. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
/** Waits until a simulator move of several steps is over and its last page is ready. */
const settled = (page: Page) => page.waitForFunction(() => !document.body.dataset.busy && document.body.dataset.state === "ready");

async function open(page: Page) {
  await page.goto(`${harness.baseUrl}/playground/`);
  await page.waitForFunction(() => document.body.dataset.state === "ready");
}

/** Runs `action` and waits until the preview has loaded a new page and Nudge there has decided. */
async function reloaded(page: Page, action: () => Promise<unknown>) {
  const before = await loads(page);
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.loads) > n && document.body.dataset.state === "ready", before);
}

describe("playground", { timeout: 90_000 }, () => {
  it("starts with the demo shop's rules, its preview and explain() for every widget", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    expect(await page.locator("#rules").inputValue()).toBe(readFileSync("examples/shop/rules.json", "utf8"));
    expect(await page.locator("#problem-count").textContent()).toBe("0");
    // The preview is the shop's home page, and its Nudge runs the playground's rules (a blob: URL).
    const preview = await page.evaluate(() => {
      const win = (document.getElementById("preview") as HTMLIFrameElement).contentWindow as Window & { nudge: { facts(): { page: { path: string } } } };
      return { path: win.nudge.facts().page.path, rules: win.document.querySelector("script[data-rules]")?.getAttribute("data-rules") };
    });
    expect(preview.path).toBe("/shop/index.html");
    expect(preview.rules).toMatch(/^blob:/);
    await poll(() => explainOf(page, "welcome-offer")).toContain("when: visitor.pagesThisSession: expected $gte 2, found 1");
    expect(errors).toEqual([]);
  });

  it("a typo is shown as you type, with its path and line; fixed, the widget shows in the preview", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    const broken = rulesText([popup("hello", { frequncy: { session: 1 } })]);
    const line = broken.split("\n").findIndex((l) => l.includes('"frequncy"')) + 1;
    await page.locator("#rules").fill(broken);
    await poll(() => problems(page)).toContain(`widgets[0] unknown key "frequncy" (did you mean "frequency"?) line ${line}`);
    expect(await page.locator("#problem-count").textContent()).toBe("1");
    expect(await page.locator("#gutter .bad").allTextContents()).toEqual([String(line)]);
    await poll(() => page.locator("#explain").innerText()).toContain("No usable widget"); // the broken widget is skipped

    // Not even JSON: the line and column, before anything runs.
    await page.locator("#rules").fill(broken.replace('"type": "popup",', '"type": "popup"'));
    await poll(() => problems(page)).toMatch(/^line 7, column \d+ not valid JSON/);

    await reloaded(page, () => page.locator("#rules").fill(rulesText([popup("hello", { frequency: { session: 1 } })])));
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("Hello from hello");
    expect(await problems(page)).toBe("No problems.");
    // Clicking a problem selects its line in the editor.
    await page.locator("#rules").fill(broken);
    await page.locator("#problems button").first().click();
    const selected = await page.locator("#rules").evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected.trim()).toBe('"frequncy": {');
    expect(errors).toEqual([]);
  });

  it("explain() says why the exit-intent coupon waits; the simulator fills the cart and fires exit intent", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    await reloaded(page, () => page.locator("#recipe").selectOption("/recipes/exit-intent-coupon/rules.json"));
    await poll(() => explainOf(page, "exit-coupon")).toContain("when: cart.count: expected $gte 1, found 0");
    await page.locator("#add-to-cart").click();
    await poll(() => explainOf(page, "exit-coupon")).not.toContain("cart.count");
    // minTimeOnPage is 3s: until then the trigger is not armed, and firing it does nothing.
    await page.waitForFunction(() => !document.querySelector('#explain [data-widget="exit-coupon"]')?.textContent?.includes("armed in"), null, { timeout: 10_000 });
    expect(await explainOf(page, "exit-coupon")).toContain("trigger: exit_intent, waiting (desktop: pointer leaving through the top)");
    await page.locator("#exit-intent").click();
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("10% off what's in your cart");
    await poll(() => explainOf(page, "exit-coupon")).toContain("on screen");
    expect(await page.locator("#events").textContent()).toContain("SHOWN exit-coupon (popup)");
    expect(errors).toEqual([]);
  });

  it("visitor: a blogger's UTM link, an RFM segment, a returning visitor, a mobile device, the clock", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    const facts = () =>
      page.evaluate(() => ((document.getElementById("preview") as HTMLIFrameElement).contentWindow as unknown as { nudge: { facts(): Record<string, any> } }).nudge.facts());

    await reloaded(page, () => page.locator("#recipe").selectOption("/recipes/utm-welcome/rules.json"));
    await page.locator("#utm-source").fill("blogger-anna");
    await reloaded(page, () => page.locator("#utm-form button").click());
    expect((await facts()).visitor.source).toMatchObject({ source: "blogger-anna", medium: "referral" });
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("15% off your first order");

    await page.locator("#rfm").selectOption("hibernating");
    await page.locator("#rfm-form button").click();
    await settled(page);
    expect((await facts()).rfm?.segment).toBe("hibernating");
    expect((await facts()).orders.count).toBe(1);

    await page.locator("#returning-visitor").click();
    await settled(page);
    expect((await facts()).visitor.visits).toBe(2);
    expect((await facts()).visitor.isNew).toBe(false);

    await reloaded(page, () => page.locator("#device").selectOption("mobile"));
    expect((await facts()).visitor.device).toBe("mobile");
    expect(await page.locator("#preview").evaluate((el) => el.getBoundingClientRect().width)).toBe(390);

    const before = (await facts()).time.now as number;
    await reloaded(page, () => page.locator('[data-advance="172800000"]').click());
    expect((await facts()).time.now - before).toBeGreaterThanOrEqual(172_800_000);
    expect(await page.locator("#clock").textContent()).toContain("(+2d");
    expect(errors).toEqual([]);
  });

  it("exports the rules file and imports one", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-button").click()]);
    expect(download.suggestedFilename()).toBe("nudge-rules.json");
    const exported = readFileSync(await download.path(), "utf8");
    expect(exported).toBe(await page.locator("#rules").inputValue());

    const text = rulesText([popup("imported")]);
    await reloaded(page, () => page.locator("#import-file").setInputFiles({ name: "rules.json", mimeType: "application/json", buffer: Buffer.from(text) }));
    expect(await page.locator("#rules").inputValue()).toBe(text);
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("Hello from imported");
    // Kept for the next visit to the playground.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    expect(await page.locator("#rules").inputValue()).toBe(text);
    expect(errors).toEqual([]);
  });
});
