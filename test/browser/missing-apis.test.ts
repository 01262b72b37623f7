import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSite, type Site } from "../engines/site.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, dialog, nudgeReady } from "./harness.js";

/*
 * The support statement reaches browsers that lack APIs newer ones have (Safari 14 has no
 * BroadcastChannel, no constructable stylesheets, no structuredClone, Array.prototype.at or
 * Object.hasOwn). Each test deletes one API before any script runs and checks Nudge degrades:
 * the widget still shows, tabs still hear each other, a console note says what is off, and no
 * error reaches the page. The engines suite runs the same deletions together in Firefox and WebKit.
 */

let browser: Browser;
let context: BrowserContext | undefined;
let site: Site | undefined;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
afterAll(async () => browser?.close());
afterEach(async () => {
  await context?.close();
  await site?.close();
  context = site = undefined;
});

const popup = (title: string) => ({ version: 1, widgets: [{ id: "hello", type: "popup", content: { title, dismiss: "No thanks" } }] });

interface Tab {
  page: Page;
  /** Uncaught errors, rejections and console errors. */
  errors: string[];
  /** Console info and warnings. */
  notes: string[];
}

/** A page of `site` in a browser where `strip` (run before any page script) has deleted an API. */
async function openTab(strip: string, path = "/t/a.html"): Promise<Tab> {
  context ??= await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const tab: Tab = { page, errors: [], notes: [] };
  page.on("pageerror", (error) => tab.errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // (the test shop has no favicon.ico: the browser's own 404 for it is not the page's error)
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) tab.errors.push(message.text());
    if (message.type() === "info" || message.type() === "warning") tab.notes.push(message.text());
  });
  await page.addInitScript({ content: strip });
  await page.goto(`${site!.url}${path}`);
  await nudgeReady(page);
  return tab;
}

/** The popup shows, Escape closes it, and a cart change is in the facts: the page-view journey works. */
async function showCloseAndAdd(tab: Tab, title: string): Promise<void> {
  await dialog(tab.page).waitFor({ state: "visible" });
  expect(await dialog(tab.page).textContent()).toContain(title);
  await tab.page.keyboard.press("Escape");
  await dialog(tab.page).waitFor({ state: "detached" });
  await tab.page.evaluate(() => (window as any).nudge.cart.add({ id: "sku-1", price: 10, quantity: 1 }));
  expect(await tab.page.evaluate(() => (window as any).nudge.facts().cart.count)).toBe(1);
}

describe("a browser without an API Nudge can use", () => {
  it("no BroadcastChannel (Safari before 15.4): a cart change in one tab reaches the other through the storage event", async () => {
    site = await startSite(popup("Hi"), { a: {} });
    const strip = "delete window.BroadcastChannel;";
    const one = await openTab(strip);
    const two = await openTab(strip);
    expect(await two.page.evaluate(() => typeof (window as any).BroadcastChannel)).toBe("undefined");
    await one.page.evaluate(() => (window as any).nudge.cart.add({ id: "sku-1", price: 10, quantity: 1 }));
    // Tab two catches up without a reload: it heard the write.
    await two.page.waitForFunction(() => (window as any).nudge.facts().cart.count === 1);
    expect([...one.errors, ...two.errors]).toEqual([]);
  });

  it("no constructable stylesheets (Safari before 16.4, Firefox before 101): a <style> in the shadow root styles the widget", async () => {
    site = await startSite(popup("Styled anyway"), { a: {} });
    const tab = await openTab("delete ShadowRoot.prototype.adoptedStyleSheets; delete Document.prototype.adoptedStyleSheets;");
    await dialog(tab.page).waitFor({ state: "visible" });
    const look = await tab.page.evaluate(() => {
      const root = document.querySelector("nudge-root")!.shadowRoot!;
      return { styles: root.querySelectorAll("style").length, width: (root.querySelector(".nudge-popup__card") as HTMLElement).offsetWidth };
    });
    expect(look.styles).toBeGreaterThan(0);
    expect(look.width).toBe(440);
    await showCloseAndAdd(tab, "Styled anyway");
    expect(tab.errors).toEqual([]);
  });

  it("no IntersectionObserver: a 'visible' trigger stays off with a console note and explain() says why; other widgets still show", async () => {
    const rules = {
      version: 1,
      widgets: [
        { id: "on-view", type: "popup", trigger: { type: "visible", selector: "#offer" }, content: { title: "Seen it" } },
        { id: "hello", type: "popup", content: { title: "Still here", dismiss: "No thanks" } },
      ],
    };
    site = await startSite(rules, { a: { body: '<div id="offer">Offer</div>' } });
    const tab = await openTab("delete window.IntersectionObserver;");
    await showCloseAndAdd(tab, "Still here");
    const explained = await tab.page.evaluate(() => JSON.stringify((window as any).nudge.explain("on-view")[0]));
    expect(explained).toContain("no IntersectionObserver in this browser");
    expect(tab.notes.join("\n")).toContain('[nudge] widget "on-view": this browser has no IntersectionObserver, so its "visible" trigger never fires');
    expect(tab.errors).toEqual([]);
  });

  it.each([
    ["structuredClone", "delete window.structuredClone;"],
    ["Array.prototype.at", "delete Array.prototype.at;"],
    ["Object.hasOwn", "delete Object.hasOwn;"],
  ])("no %s (Safari 14, Firefox 79, Chromium 85): the rules load, the popup shows and closes, the cart counts", async (_name, strip) => {
    site = await startSite(popup("Plain"), { a: {} });
    const tab = await openTab(strip);
    await showCloseAndAdd(tab, "Plain");
    expect(tab.errors).toEqual([]);
  });
});
