import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * The page's own modals: a cart drawer held by the focus-trap package, a native <dialog> opened
 * with showModal(), and a hand-written aria-modal overlay. Each is open when a delay-triggered
 * popup's moment comes: the popup waits, then shows once the page's dialog closes, and the
 * visitor's keys in the page's dialog are never taken by Nudge.
 */

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const require = createRequire(import.meta.url);
const vendor = {
  "tabbable.js": require.resolve("tabbable/dist/index.umd.js"),
  "focus-trap.js": require.resolve("focus-trap/dist/focus-trap.umd.js"),
};

const PAGE = /* html */ `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host dialogs</title>
<style>
  body { font: 16px system-ui; margin: 0; padding: 24px; }
  .overlay { position: fixed; inset: 0; background: rgba(0,0,0,.4); display: flex; justify-content: flex-end; }
  .overlay[hidden] { display: none; }
  .panel { background: #fff; width: 320px; padding: 24px; }
</style>
<script>window.nudge = window.nudge || [];</script>
<script async src="/dist/nudge.js" data-rules="/host/rules.json"></script>
<script src="/host/vendor/tabbable.js"></script>
<script src="/host/vendor/focus-trap.js"></script>
</head><body>
<main id="main"><h1>Shop</h1><button id="open-drawer">Cart</button><button id="open-native">Quick view</button><button id="open-hand">Cookies</button></main>
<div id="drawer" class="overlay" hidden><div class="panel" role="dialog" aria-modal="true" aria-label="Cart">
  <button id="drawer-first">Checkout</button> <input id="drawer-input" aria-label="Coupon"> <button id="drawer-close">Close cart</button>
</div></div>
<dialog id="native" aria-label="Quick view"><button id="native-first">Add to cart</button> <input id="native-input" aria-label="Size"></dialog>
<div id="hand" class="overlay" hidden><div class="panel" role="dialog" aria-modal="true" aria-label="Cookies">
  <button id="hand-accept">Accept</button>
</div></div>
<script>
  const drawer = document.getElementById("drawer");
  const trap = focusTrap.createFocusTrap(drawer, { initialFocus: "#drawer-first", onDeactivate: () => { drawer.hidden = true; } });
  document.getElementById("open-drawer").addEventListener("click", () => { drawer.hidden = false; trap.activate(); });
  document.getElementById("drawer-close").addEventListener("click", () => trap.deactivate());
  document.getElementById("open-native").addEventListener("click", () => document.getElementById("native").showModal());
  const hand = document.getElementById("hand");
  document.getElementById("open-hand").addEventListener("click", () => { hand.hidden = false; document.getElementById("main").inert = true; document.getElementById("hand-accept").focus(); });
  document.getElementById("hand-accept").addEventListener("click", () => { hand.hidden = true; document.getElementById("main").inert = false; });
</script>
</body></html>`;

/** A page with the three host modals and one popup that shows after `after` seconds. */
async function hostPage(after: number, frequency: Record<string, unknown> = {}) {
  context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route("**/host/page.html", (route) => route.fulfill({ contentType: "text/html", body: PAGE }));
  await context.route("**/host/vendor/*.js", (route) =>
    route.fulfill({ contentType: "text/javascript", path: vendor[route.request().url().split("/").pop() as keyof typeof vendor] }),
  );
  await context.route("**/host/rules.json", (route) =>
    route.fulfill({
      json: {
        version: 1,
        widgets: [
          {
            id: "offer",
            type: "popup",
            trigger: { type: "delay", after },
            frequency,
            content: { title: "10% off what's in your cart", text: "Today only.", cta: { label: "Shop now", href: "#shop" } },
          },
        ],
      },
    }),
  );
  const watched = await watchedPage(context);
  await watched.page.goto(`${harness.baseUrl}/host/page.html`);
  await nudgeReady(watched.page);
  return watched;
}

const blockedBy = (page: Page): Promise<string> => page.evaluate(() => ((window as any).nudge.explain("offer")[0].blockedBy as string[]).join("; "));
const history = (page: Page) => page.evaluate(() => (window as any).nudge.facts().widgets?.offer ?? null);
/** Waits until the delay has fired and the popup is held back by the page's dialog. */
const waitsForThePage = (page: Page) =>
  page.waitForFunction(() => ((window as any).nudge.explain("offer")[0].blockedBy as string[]).includes("waiting: the page has a dialog open"));
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
/** The widget's outcomes counted so far, from the `shown` and `closed` events. */
async function recordEvents(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.seen = [];
    w.nudge.on("shown", (e: { id: string }) => w.seen.push(`shown ${e.id}`));
    w.nudge.on("closed", (e: { id: string; reason: string }) => w.seen.push(`closed ${e.id}: ${e.reason}`));
  });
}
const seen = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).seen);

describe("the page's own modal is open when a popup's moment comes", () => {
  it("a focus-trap cart drawer: the popup waits, Tab stays in the drawer, then the popup shows and its × works", async () => {
    const { page, errors } = await hostPage(1);
    await recordEvents(page);
    await page.click("#open-drawer");
    expect(await focusedId(page)).toBe("drawer-first");
    await waitsForThePage(page);
    expect(await dialog(page).count()).toBe(0);
    // The visitor works in the drawer: Tab moves within it, never to a popup and back.
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("drawer-input");
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("drawer-close");
    await page.click("#drawer-close");
    await dialog(page).waitFor({ state: "visible" });
    await page.locator("nudge-root .nudge-popup__close").click();
    await dialog(page).waitFor({ state: "detached" });
    expect(await seen(page)).toEqual(["shown offer", "closed offer: button"]);
    expect(errors).toEqual([]);
  });

  it("a native <dialog> opened with showModal(): nothing is counted as shown under it; Escape closes the page's dialog, not an offer", async () => {
    const { page, errors } = await hostPage(1, { stopAfter: ["dismissed"] });
    await recordEvents(page);
    await page.click("#open-native");
    await waitsForThePage(page);
    expect(await seen(page)).toEqual([]);
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("native-input");
    await page.keyboard.press("Escape"); // the visitor closes the quick view
    await dialog(page).waitFor({ state: "visible" });
    expect(await page.evaluate(() => (document.getElementById("native") as HTMLDialogElement).open)).toBe(false);
    expect(await seen(page)).toEqual(["shown offer"]);
    expect(await blockedBy(page)).not.toContain("stopAfter");
    expect(errors).toEqual([]);
  });

  it("a <dialog> the page opens over a popup already showing: the visitor's Escape there is the page's, not a dismissal", async () => {
    const { page, errors } = await hostPage(0.2, { stopAfter: ["dismissed"] });
    await recordEvents(page);
    await dialog(page).waitFor({ state: "visible" });
    await page.evaluate(() => (document.getElementById("native") as HTMLDialogElement).showModal());
    await page.locator("#native-first").focus();
    await page.keyboard.press("Tab"); // the page's dialog keeps its own Tab order
    expect(await focusedId(page)).toBe("native-input");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !(document.getElementById("native") as HTMLDialogElement).open);
    await page.waitForTimeout(200); // a window for a wrongly handled key to close the offer
    expect(await dialog(page).count()).toBe(1);
    expect(await seen(page)).toEqual(["shown offer"]);
    expect((await history(page))?.dismissed ?? 0).toBe(0);
    // The visitor's own Escape in the offer still closes it.
    await page.locator("nudge-root .nudge-popup__cta").focus();
    await page.keyboard.press("Escape");
    await dialog(page).waitFor({ state: "detached" });
    expect(await seen(page)).toEqual(["shown offer", "closed offer: escape"]);
    expect(errors).toEqual([]);
  });

  it("a hand-written aria-modal overlay (the rest of the page made inert): the popup waits and shows once it is accepted", async () => {
    const { page, errors } = await hostPage(1);
    await recordEvents(page);
    await page.click("#open-hand");
    await waitsForThePage(page);
    expect(await dialog(page).count()).toBe(0);
    await page.click("#hand-accept");
    await dialog(page).waitFor({ state: "visible" });
    expect(await blockedBy(page)).not.toContain("the page has a dialog open");
    expect(await seen(page)).toEqual(["shown offer"]);
    expect(errors).toEqual([]);
  });
});
