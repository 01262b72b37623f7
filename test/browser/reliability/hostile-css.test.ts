import type { BrowserContext, Page } from "playwright-core";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness.js";
import { expectClean, guardedPage, hostHtml, popup, ready, serveHost, settled } from "./guard.js";

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const modules = (path: string) => fileURLToPath(new URL(`../../../node_modules/${path}`, import.meta.url));

/** CSS a careless or hostile theme ships: every rule here has broken some third-party widget somewhere. */
const HOSTILE = `
* { all: unset; }
div { display: none !important; }
html { font-size: 10px !important; }
body { transform: translateZ(0) scale(1); min-height: 4000px; display: block; }
*, *::before, *::after { z-index: 999999999 !important; box-sizing: content-box !important; font-family: "Comic Sans MS", serif !important; color: red !important; line-height: 3 !important; }
button, a, h2, p, img { all: revert; margin: 40px !important; padding: 30px !important; font-size: 40px !important; border: 5px dotted lime !important; opacity: .3 !important; }
[role=dialog] { display: none !important; }
nudge-root, nudge-root * { display: none !important; }
.chat-bubble { position: fixed; right: 0; bottom: 0; width: 60px; height: 60px; z-index: 2147483647 !important; background: blue; }`;

/** What the popup looks like: the card's size and place, and computed styles inside the shadow root. */
async function measure(page: Page) {
  await settled(page);
  return page.evaluate(() => {
    const root = document.querySelector("nudge-root")!.shadowRoot!;
    const card = root.querySelector(".nudge-popup__card")!.getBoundingClientRect();
    const style = (selector: string) => {
      const s = getComputedStyle(root.querySelector(selector)!);
      return { font: s.fontSize, family: s.fontFamily, color: s.color, background: s.backgroundColor, margin: s.margin, display: s.display };
    };
    const cx = card.left + card.width / 2;
    const cy = card.top + card.height / 2;
    return {
      card: { width: Math.round(card.width), height: Math.round(card.height) },
      inView: card.top >= 0 && card.left >= 0 && card.bottom <= innerHeight && card.right <= innerWidth,
      // The topmost element at the card's centre, seen from the page and from inside the shadow root.
      onTop: document.elementFromPoint(cx, cy)?.tagName.toLowerCase(),
      insideCard: !!root.elementFromPoint(cx, cy)?.closest(".nudge-popup__card"),
      title: style("h2"),
      cta: style(".nudge-popup__cta"),
    };
  });
}

async function open(page: Page, url: string) {
  await page.goto(url);
  await ready(page);
  await popup(page).waitFor({ state: "visible" });
}

describe("hostile host CSS", { timeout: 60_000 }, () => {
  it("the popup looks and works the same under aggressive global CSS, a transformed body, huge z-indexes and html{font-size:10px}", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const g = await guardedPage(context);
    await serveHost(context, "/rel/clean.html", hostHtml());
    await open(g.page, `${harness.baseUrl}/rel/clean.html`);
    const clean = await measure(g.page);
    expect(clean.inView).toBe(true);

    const body = `<main><h1 id="title">Hostile theme</h1><div>hidden by the theme</div></main><p style="height:3000px">tall</p><span class="chat-bubble"></span>`;
    await serveHost(context, "/rel/hostile.html", hostHtml({ head: `<style>${HOSTILE}</style>`, body }));
    await g.page.goto(`${harness.baseUrl}/rel/hostile.html`);
    await g.page.evaluate(() => window.scrollTo(0, 1500)); // fixed overlays in a transformed body scroll away with it
    await ready(g.page);
    await g.page.evaluate(() => (window as any).nudge.show("hello", { force: true }));
    const hostile = await measure(g.page);
    expect(hostile).toEqual(clean);
    expect(hostile.onTop).toBe("nudge-root");
    expect(hostile.insideCard).toBe(true);

    // It still works: the close button closes it, and nothing of Nudge takes space in the page.
    await g.page.locator("nudge-root .nudge-popup__close").click();
    await popup(g.page).waitFor({ state: "detached" });
    const box = await g.page.locator("nudge-root").evaluate((el) => el.getBoundingClientRect().toJSON());
    expect([box.width, box.height]).toEqual([0, 0]);
    await expectClean(g);
  });

  it("Bootstrap 5 and Tailwind's preflight loaded together change nothing inside the popup, and the page keeps its own layout", async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const g = await guardedPage(context);
    await serveHost(context, "/rel/clean.html", hostHtml());
    await open(g.page, `${harness.baseUrl}/rel/clean.html`);
    const clean = await measure(g.page);

    await context.route("**/rel/bootstrap.css", (route) => route.fulfill({ path: modules("bootstrap/dist/css/bootstrap.min.css"), contentType: "text/css" }));
    await context.route("**/rel/preflight.css", (route) => route.fulfill({ path: modules("tailwindcss/preflight.css"), contentType: "text/css" }));
    const head = '<link rel="stylesheet" href="/rel/bootstrap.css"><link rel="stylesheet" href="/rel/preflight.css">';
    const body =
      '<nav class="navbar fixed-top bg-dark" style="z-index:1030"><a class="navbar-brand" href="#">Shop</a></nav><main class="container"><h1 id="title" class="display-1">Title</h1><button class="btn btn-primary">Buy</button></main>';
    await serveHost(context, "/rel/frameworks.html", hostHtml({ head, body }));
    await g.page.goto(`${harness.baseUrl}/rel/frameworks.html`);
    await ready(g.page);
    const before = await g.page.locator("#title").boundingBox();
    await popup(g.page).waitFor({ state: "visible" });
    const styled = await measure(g.page);
    expect(styled).toEqual(clean);
    expect(styled.onTop).toBe("nudge-root");
    // Bootstrap did load (its .display-1 is huge), and the popup shifted nothing on the page.
    expect(await g.page.locator("#title").evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(50);
    expect(await g.page.locator("#title").boundingBox()).toEqual(before);
    await g.page.keyboard.press("Escape");
    await popup(g.page).waitFor({ state: "detached" });
    await expectClean(g);
  });
});
