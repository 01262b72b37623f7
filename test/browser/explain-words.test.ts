import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * The decide core holds what blocks a widget as data: explain()'s words (and the `when` tracer)
 * are a chunk loaded with explain(), the debug view or a refused show(). Each widget's placement
 * (modal, inline, overlay) comes from what `nudge build` computed ahead, not from the types'
 * layouts in the runtime.
 */

const ROOT = resolve(import.meta.dirname, "../..");
let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterEach(async () => context?.close());

/** Publishes rules with the built CLI, as a shop owner would (`npx nudge build rules.json -o …`). */
function publish(rules: object): string {
  const folder = mkdtempSync(join(tmpdir(), "nudge-explain-"));
  writeFileSync(join(folder, "rules.json"), JSON.stringify(rules));
  execFileSync("node", [join(ROOT, "bin/nudge.mjs"), "build", join(folder, "rules.json"), "-o", join(folder, "published.json")]);
  return readFileSync(join(folder, "published.json"), "utf8");
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Explain</title>
<script async src="/dist/nudge.js" data-rules="/explain-test/rules.json"></script>
</head><body><main><h1>Fernhouse</h1><div id="slot" style="min-height:320px"></div><p>Small-batch coffee.</p></main></body></html>`;

async function open(body: string) {
  await context.route("**/explain-test/page.html", (route) => route.fulfill({ body: PAGE, contentType: "text/html" }));
  await context.route("**/explain-test/rules.json", (route) => route.fulfill({ body, contentType: "application/json" }));
  const watched = await watchedPage(context);
  await watched.page.goto(`${harness.baseUrl}/explain-test/page.html`);
  await nudgeReady(watched.page);
  return watched;
}

const wordsChunk = (requests: string[]) => requests.filter((r) => /\/chunks\/explain-words-[\w-]+\.js$/.test(r));
const blockedBy = (page: Page, id: string): Promise<string[]> => page.evaluate((id) => (window as any).nudge.explain(id)[0].blockedBy, id);
/** Lets the page run its timers and a few frames (prefetching happens after the first decision). */
const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => setTimeout(resolve, 50)), 50)));

describe("explain()'s words: a chunk of their own", () => {
  const rules = {
    version: 1,
    widgets: [
      { id: "cart-offer", type: "popup", trigger: "page_view", when: { "cart.count": { $gte: 1 } }, content: { title: "Free shipping" } },
      { id: "later", type: "popup", trigger: { type: "delay", after: "1h" }, frequency: { session: 1 }, content: { title: "Later" } },
    ],
  };

  it("a page view that only decides never requests them; explain() names each gate at once, then says it in full", async () => {
    const { page, requests, errors } = await open(publish(rules));
    await settle(page);
    expect(wordsChunk(requests)).toEqual([]);

    // The first call: exact wouldShow, each reason its gate's name while the words load (a trigger's own words come from the core).
    const first = await page.evaluate(() => (window as any).nudge.explain("cart-offer"));
    expect(first).toEqual([{ id: "cart-offer", type: "popup", wouldShow: false, blockedBy: ["when"] }]);
    await page.waitForFunction(() => (window as any).nudge.explain("cart-offer")[0].blockedBy[0] !== "when");
    expect(await blockedBy(page, "cart-offer")).toEqual(["when: cart.count: expected $gte 1, found 0"]);
    expect((await blockedBy(page, "later"))[0]).toMatch(/^trigger: delay/);
    expect(wordsChunk(requests)).toHaveLength(1);

    // A widget shown once this session: the frequency cap in words, with its figures.
    await page.evaluate(() => (window as any).nudge.show("later", { force: true }));
    await dialog(page).waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await dialog(page).waitFor({ state: "detached" });
    expect(await blockedBy(page, "later")).toContain("frequency.session: shown 1 of 1 times this session");
    expect(wordsChunk(requests)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("a refused show() warns in full words (their chunk loads for it)", async () => {
    const { page, requests, warnings, errors } = await open(publish(rules));
    expect(await page.evaluate(() => (window as any).nudge.show("cart-offer"))).toBe(false);
    expect(warnings.some((w) => w.includes('show("cart-offer")') && w.includes("not shown: when: cart.count: expected $gte 1, found 0"))).toBe(true);
    expect(wordsChunk(requests)).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});

describe("placement computed ahead", () => {
  it("the runtime holds none of the built-in types' layouts (builtinModal, popupIsModal)", () => {
    const runtime = readFileSync(join(ROOT, "dist/nudge.runtime.js"), "utf8");
    expect(runtime).not.toContain('"fullscreen"'); // popupIsModal: modal and fullscreen popups are modal
    expect(runtime).not.toContain('"social-proof":()=>!1'); // the builtinModal table
  });

  it("a modal popup, a fullscreen one and an inline one, published: modal and inline as computed ahead", async () => {
    const { page, errors } = await open(
      publish({
        version: 1,
        settings: { maxPerPage: 1 },
        widgets: [
          { id: "offer", type: "popup", trigger: "page_view", priority: 3, content: { title: "10% off" } },
          { id: "second", type: "popup", trigger: "page_view", priority: 2, content: { title: "Also modal", layout: "fullscreen" } },
          { id: "slot", type: "popup", trigger: "manual", content: { title: "In the page", layout: "inline", inline: { selector: "#slot" } } },
        ],
      }),
    );
    await dialog(page).waitFor({ state: "visible" });
    expect(await dialog(page).locator("h2").textContent()).toBe("10% off");
    await page.evaluate(() => (window as any).nudge.explain());
    await page.waitForFunction(() => (window as any).nudge.explain("second")[0].blockedBy.some((b: string) => b.includes(":")));
    // The fullscreen popup is modal: one modal at a time (and the page's cap) hold it back.
    expect(await blockedBy(page, "second")).toEqual(["settings.maxPerPage: 1 already shown on this page", 'one modal at a time: "offer" is showing']);
    // The inline one is no interruption: the page's cap, taken by the modal, does not hold it back, and it goes into the page.
    expect(await blockedBy(page, "slot")).toEqual(["trigger: manual, waits for show()"]);
    await page.keyboard.press("Escape");
    await dialog(page).waitFor({ state: "detached" });
    expect(await page.evaluate(() => (window as any).nudge.show("slot"))).toBe(true);
    await page.locator("#slot nudge-inline .nudge-popup__card").waitFor({ state: "visible" });
    expect(await dialog(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
