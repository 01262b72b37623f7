import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types
import { serve } from "../../scripts/serve.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH, dialog, nudgeReady, watchedPage } from "./harness.js";

/*
 * The back/forward cache. Playwright launches Chromium with --disable-back-forward-cache; this file
 * turns it back on, as in a visitor's browser. The demo server sends `Cache-Control: no-cache`,
 * not `no-store`, so pages are eligible. Both pages run Nudge: the next page's profile write posts
 * on the tabs' BroadcastChannel, which evicts a cached page whose channel is still open.
 */

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await serve({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ignoreDefaultArgs: ["--disable-back-forward-cache"] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => context?.close());

/** One popup that shows from the third page view of a session on. */
const rules = {
  version: 1,
  widgets: [
    {
      id: "third-page",
      type: "popup",
      trigger: "page_view",
      when: { "visitor.pagesThisSession": { $gte: 3 } },
      content: { title: "Third page", text: "Still looking?", dismiss: "Close" },
    },
  ],
};

const pagesThisSession = (page: Page): Promise<number> => page.evaluate(() => (window as any).nudge.facts().visitor.pagesThisSession);
/** The stored profile's page count this session (IndexedDB, the store Nudge picks here). */
const storedPages = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open("nudge");
        open.onsuccess = () => {
          const get = open.result.transaction("kv").objectStore("kv").get("profile");
          get.onsuccess = () => (resolve(get.result?.session?.pages ?? -1), open.result.close());
        };
      }),
  );

describe("the back/forward cache", () => {
  // Retried: on a loaded machine Chromium sometimes evicts for a reason it masks (memory pressure,
  // not the page's doing); an eviction Nudge caused (an unload handler, an open connection) names
  // its reason and fails every attempt.
  it(
    "Back restores the page from the cache (Nudge does not get it evicted); the restored page counts a page view and decides again",
    { retry: 2 },
    async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.route("**/shop/rules.json", (route) => route.fulfill({ json: rules }));
      const { page, errors } = await watchedPage(context);

      await page.goto(`${server.url}/shop/index.html`);
      await nudgeReady(page);
      expect(await pagesThisSession(page)).toBe(1);
      await page.evaluate(() => {
        (window as any).leftAt = "index";
        (window as any).pageViews = 0;
        (window as any).restores = 0;
        addEventListener("pageshow", (e) => e.persisted && (window as any).restores++);
        (window as any).nudge.on("track", (e: { name: string }) => e.name === "page_view" && (window as any).pageViews++);
      });

      await page.goto(`${server.url}/shop/category.html`);
      await nudgeReady(page);
      expect(await pagesThisSession(page)).toBe(2);
      expect(await dialog(page).count()).toBe(0);
      // The profile write of this page has landed, and with it the message to the other tabs.
      await expect.poll(() => storedPages(page), { timeout: 10_000 }).toBe(2);

      await page.goBack({ waitUntil: "commit" }); // a restore fires pageshow, not load
      await page.waitForFunction(() => location.pathname.endsWith("/index.html") && document.readyState === "complete");
      const restored = await page.evaluate(() => ({
        leftAt: (window as any).leftAt,
        restores: (window as any).restores,
        // The document's navigation entry stays its first load's.
        navigation: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).type,
        notRestored: JSON.stringify((performance.getEntriesByType("navigation")[0] as any).notRestoredReasons),
      }));
      // Evicted, Back would load the page anew: a new document (no leftAt) whose navigation type is "back_forward".
      expect(restored, `evicted from the back/forward cache: ${restored.notRestored}`).toMatchObject({ leftAt: "index", restores: 1, navigation: "navigate" });

      // A page view like any other: counted, the profile re-read, the rules decided again.
      await expect.poll(() => page.evaluate(() => (window as any).pageViews), { timeout: 10_000 }).toBe(1);
      expect(await pagesThisSession(page)).toBe(3);
      await dialog(page).waitFor({ state: "visible" });
      expect(errors).toEqual([]);
    },
    60_000,
  );
});
