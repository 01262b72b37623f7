import { mkdirSync, readFileSync } from "node:fs";
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
/** The editor's text (CodeMirror keeps it in its state, not in the DOM). */
const editorText = (page: Page) => page.evaluate(() => (window as any).playground.editor.text as string);
/** Replaces the editor's text as a paste would. */
async function typeRules(page: Page, text: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}
/** Puts the cursor at the end of the first line containing `text`. */
async function cursorAfter(page: Page, text: string) {
  await page.evaluate((text) => {
    const view = (window as any).playground.editor.view;
    const at = view.state.doc.toString().indexOf(text) + text.length;
    view.dispatch({ selection: { anchor: view.state.doc.lineAt(at).to } });
    view.focus();
  }, text);
}
/** Moves the mouse onto the text (its third character) for a hover tooltip. */
async function hoverText(page: Page, text: string) {
  await page.mouse.move(1, 1);
  const at = await page.evaluate((text) => {
    const view = (window as any).playground.editor.view;
    const box = view.coordsAtPos(view.state.doc.toString().indexOf(text) + 2);
    return { x: box.left + 2, y: (box.top + box.bottom) / 2 };
  }, text);
  await page.mouse.move(at.x, at.y, { steps: 4 });
}
const completions = (page: Page) => page.locator(".cm-tooltip-autocomplete li").allTextContents();
/**
 * Enter on the open list. CodeMirror ignores Enter for its `interactionDelay` (75 ms) after the list
 * appears or changes, so a quick typist does not accept by accident: a fast test would type a newline.
 */
async function acceptCompletion(page: Page) {
  await page.waitForTimeout(150);
  await page.keyboard.press("Enter");
}
async function screenshot(page: Page, name: string) {
  mkdirSync(".tmp/screenshots", { recursive: true });
  await page.screenshot({ path: `.tmp/screenshots/${name}.png` });
}
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
    expect(await editorText(page)).toBe(readFileSync("examples/shop/rules.json", "utf8"));
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
    await typeRules(page, broken);
    await poll(() => problems(page)).toContain(`widgets[0] unknown key "frequncy" (did you mean "frequency"?) line ${line}`);
    expect(await page.locator("#problem-count").textContent()).toBe("1");
    // Underlined in the text, on its line.
    const marked = page.locator(".cm-lintRange-error");
    await marked.first().waitFor();
    expect(await marked.first().textContent()).toContain('"frequncy"');
    await poll(() => page.locator("#explain").innerText()).toContain("No usable widget"); // the broken widget is skipped

    // Not even JSON: the line and column, before anything runs, and no preview at all.
    await typeRules(page, broken.replace('"type": "popup",', '"type": "popup"'));
    await poll(() => problems(page)).toMatch(/^line 7, column \d+ not valid JSON/);
    await page.waitForFunction(() => document.body.dataset.state === "unusable");
    expect(await page.locator("#no-preview").isVisible()).toBe(true);
    expect(await page.locator("#preview").getAttribute("src")).toBe("about:blank");
    expect(await page.locator("#explain").innerText()).toContain("No preview");

    await reloaded(page, () => typeRules(page, rulesText([popup("hello", { frequency: { session: 1 } })])));
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("Hello from hello");
    expect(await problems(page)).toBe("No problems.");
    // Clicking a problem selects its line in the editor.
    await typeRules(page, broken);
    await poll(() => page.locator("#problems button").count()).toBe(1);
    await page.locator("#problems button").first().click();
    const selected = await page.evaluate(() => {
      const { state } = (window as any).playground.editor.view;
      return state.sliceDoc(state.selection.main.from, state.selection.main.to);
    });
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
    await reloaded(page, () => page.locator("#utm-form button[type=submit]").click());
    expect((await facts()).visitor.source).toMatchObject({ source: "blogger-anna", medium: "referral" });
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("15% off your first order");

    await page.locator("#rfm").selectOption("hibernating");
    await page.locator("#rfm-form button").click();
    await settled(page);
    // The rules read no RFM fact, so its code loads on facts()'s first call after the preview reloads.
    await expect.poll(async () => (await facts()).rfm?.segment).toBe("hibernating");
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
    expect(exported).toBe(await editorText(page));

    const text = rulesText([popup("imported")]);
    await reloaded(page, () => page.locator("#import-file").setInputFiles({ name: "rules.json", mimeType: "application/json", buffer: Buffer.from(text) }));
    expect(await editorText(page)).toBe(text);
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("Hello from imported");
    // Kept for the next visit to the playground.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    expect(await editorText(page)).toBe(text);
    expect(errors).toEqual([]);
  });

  it("the editor completes keys, fact paths and their values, explains on hover, and wraps long lines", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    const text = rulesText([popup("hello", { when: { "cart.value": { $gte: 1 } } })]);
    await reloaded(page, () => typeRules(page, text));

    // A condition's key: fact paths from the catalog.
    await cursorAfter(page, '"when": {');
    await page.keyboard.press("Enter");
    await page.keyboard.type('"page.ty');
    await poll(() => completions(page)).toContainEqual(expect.stringContaining("page.type"));
    await acceptCompletion(page);
    // Its value: the fact's values.
    await page.keyboard.type('"');
    await poll(() => completions(page)).toEqual(expect.arrayContaining(["cart", "category", "checkout", "home", "product"]));
    await screenshot(page, "playground-1280-complete");
    await page.keyboard.type("prod");
    await acceptCompletion(page);
    await page.keyboard.type(",");
    expect(await editorText(page)).toContain('"page.type": "product",\n');

    // A widget's key, from the JSON Schema, with what the reference says about it.
    await cursorAfter(page, '"id": "hello",');
    await page.keyboard.press("Enter");
    await page.keyboard.type('"freq');
    await poll(() => completions(page)).toEqual([expect.stringContaining("frequency")]);
    await page.keyboard.press("Escape");
    await page.keyboard.press("ControlOrMeta+z");

    // Hover: a fact's description from the catalog; a field's from the reference.
    await reloaded(page, () => typeRules(page, text));
    await hoverText(page, '"cart.value"');
    await poll(() => page.locator(".cm-tooltip-hover").innerText()).toContain("cart.value: number");
    expect(await page.locator(".cm-tooltip-hover").innerText()).toContain("widgets[0].when.cart.value");
    await screenshot(page, "playground-1280-hover");
    await hoverText(page, '"trigger"');
    await poll(() => page.locator(".cm-tooltip-hover").innerText()).toContain("The moment it may show");

    // A long line wraps inside the editor: nothing is cut off at its edge.
    const long = rulesText([popup("long", { content: { title: "x", text: "A very long sentence that a marketer writes. ".repeat(12) } })]);
    await typeRules(page, long);
    const scroller = await page.locator(".cm-scroller").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroller.scroll).toBeLessThanOrEqual(scroller.client);
    const tall = await page.locator(".cm-line", { hasText: "A very long sentence" }).evaluate((el) => el.getBoundingClientRect().height);
    expect(tall).toBeGreaterThan(3 * 18);
    expect(errors).toEqual([]);
  });

  it("a file Nudge cannot use is never previewed with other rules, even on the next visit", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    // A broken envelope (settings) makes the whole file unusable.
    await typeRules(page, JSON.stringify({ version: 1, settings: { maxPerPage: "two" }, widgets: [popup("hello")] }, null, 2));
    await page.waitForFunction(() => document.body.dataset.state === "unusable");
    await poll(() => problems(page)).toContain("settings.maxPerPage");
    // Not JSON, and kept for the next visit: the playground opens with its problems and no preview (not the demo shop's rules).
    await typeRules(page, '{ "version": 1, "widgets": [ ');
    await poll(() => problems(page)).toContain("not valid JSON");
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === "unusable");
    expect((await editorText(page)).trim()).toBe('{ "version": 1, "widgets": [');
    expect(await page.locator("#preview").getAttribute("src")).toBe("about:blank");
    expect(await page.locator("#no-preview").isVisible()).toBe(true);
    await screenshot(page, "playground-1280-unusable");
    expect(errors).toEqual([]);
  });

  it("controls: force a variant and the control group, a new visitor by a link, scroll and click triggers, fire a trigger", async () => {
    const { page, errors } = await watchedPage(context);
    await open(page);
    const facts = () => page.evaluate(() => ((document.getElementById("preview") as HTMLIFrameElement).contentWindow as any).nudge.facts());
    const ab = {
      id: "ab",
      type: "popup",
      trigger: "page_view",
      holdout: 10,
      variants: [
        { id: "a", content: { title: "Variant A" } },
        { id: "b", content: { title: "Variant B" } },
      ],
    };
    await reloaded(page, () => typeRules(page, rulesText([ab])));
    await poll(() => page.locator("#force option").allTextContents()).toEqual([
      "as assigned to this visitor",
      "ab: variant a",
      "ab: variant b",
      "ab: control group (sees nothing)",
    ]);
    for (const variant of ["a", "b"]) {
      await page.locator("#force").selectOption({ label: `ab: variant ${variant}` });
      await reloaded(page, () => page.locator("#force-form button").click());
      await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe(`Variant ${variant.toUpperCase()}`);
      await page.keyboard.press("Escape");
    }
    // The control group: this visitor already has variant b, so a new visitor comes, held out.
    await page.locator("#force").selectOption({ label: "ab: control group (sees nothing)" });
    await page.locator("#force-form button").click();
    await settled(page);
    await poll(() => explainOf(page, "ab")).toContain("holdout: this visitor is in the control group (99.999999% of visitors)");
    expect(await page.locator("#events").textContent()).toContain("HELD OUT ab");
    expect(await dialog(page).count()).toBe(0);

    // A new visitor arriving by a blogger's link: a first visit with its source.
    await reloaded(page, () => page.locator("#recipe").selectOption("/recipes/utm-welcome/rules.json"));
    await page.locator("#utm-source").fill("blogger-anna");
    await page.locator("#utm-new-visitor").click();
    await settled(page);
    const arrived = await facts();
    expect(arrived.visitor).toMatchObject({ isNew: true, visits: 1, source: { source: "blogger-anna", medium: "referral" } });
    await expect(dialog(page).getByRole("heading").textContent()).resolves.toBe("15% off your first order");

    // Scroll and click triggers, fired from the controls; a waiting widget is amber, not red, and can be fired from explain.
    const signals = [
      popup("deep", { trigger: { type: "scroll", percent: 50 }, content: { title: "Scrolled", layout: "slide-in" } }),
      popup("cart-click", { trigger: { type: "click", selector: "a[href*='cart']" }, content: { title: "Clicked", layout: "top-bar" } }),
      popup("leave", { trigger: { type: "exit_intent" }, content: { title: "Leaving" } }),
    ];
    await reloaded(page, () => typeRules(page, rulesText(signals)));
    await poll(() => page.locator('#explain > li[data-widget="deep"]').getAttribute("data-state")).toBe("waiting");
    expect(await explainOf(page, "deep")).toContain("waiting for its trigger");
    expect(await page.locator('#explain > li[data-widget="deep"]').evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe("rgb(201, 162, 39)");
    await page.locator("#scroll-down").click();
    await poll(() => explainOf(page, "deep")).toContain("on screen");
    await page.locator("#click-target").selectOption({ index: 1 });
    await poll(() => explainOf(page, "cart-click")).toContain("on screen");
    await screenshot(page, "playground-1280-controls");
    await page.locator('#explain > li[data-widget="leave"] button', { hasText: "Fire its trigger" }).click();
    await dialog(page).getByRole("heading", { name: "Leaving" }).waitFor();
    await poll(() => explainOf(page, "leave")).toContain("on screen");
    expect(errors).toEqual([]);
  });

  it("works at 390 px: the editor completes and wraps, problems and the preview below it", async () => {
    await context.close();
    context = await harness.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page, errors } = await watchedPage(context);
    await open(page);
    const editorBox = (await page.locator(".cm-editor").boundingBox())!;
    expect(editorBox.x + editorBox.width).toBeLessThanOrEqual(390);
    const scroller = await page.locator(".cm-scroller").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroller.scroll).toBeLessThanOrEqual(scroller.client);
    await cursorAfter(page, '"widgets": [');
    await page.keyboard.press("Enter");
    await page.keyboard.type("{");
    await page.keyboard.press("Enter");
    await page.keyboard.type('"ty');
    await poll(() => completions(page)).toContainEqual(expect.stringContaining("type"));
    await screenshot(page, "playground-390-complete");
    await page.keyboard.press("Escape");
    await poll(() => page.locator("#problem-count").textContent()).not.toBe("0");
    await page.locator("#problems").scrollIntoViewIfNeeded();
    await screenshot(page, "playground-390-problems");
    expect(errors).toEqual([]);
  });
});
