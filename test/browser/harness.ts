import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
// @ts-expect-error: a plain .mjs module without types
import { serve } from "../../scripts/serve.mjs";

// @ts-expect-error: a plain .mjs module without types
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/ensure.mjs";

export { CHROMIUM_ARGS };
export const CHROMIUM_PATH: string = CHROMIUM;

export interface Harness {
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** One Chromium and one static server (examples/ at /, dist/ at /dist/) for a test file. */
export async function startHarness(): Promise<Harness> {
  const server: { url: string; close(): Promise<void> } = await serve({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    browser,
    baseUrl: server.url,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far, as text. */
  errors: string[];
  /** Console warnings seen so far. */
  warnings: string[];
  /** URLs requested so far. */
  requests: string[];
}

/** Opens a page that records console errors, page errors and requests. */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const watched: WatchedPage = { page, errors: [], warnings: [], requests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") watched.errors.push(message.text());
    if (message.type() === "warning") watched.warnings.push(message.text());
  });
  page.on("pageerror", (error) => watched.errors.push(`pageerror: ${error.message}`));
  page.on("request", (request) => watched.requests.push(request.url()));
  return watched;
}

/** Waits until the script-tag runtime has booted, loaded its rules and decided on the page view. */
export async function nudgeReady(page: Page): Promise<void> {
  await nudgeRunning(page);
  await page.evaluate(() => (window as unknown as { nudge: { ready: Promise<void> } }).nudge.ready);
}

/** Waits until the runtime has loaded, not for `ready` (which waits for the first page's widgets and their data). */
export async function nudgeRunning(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { nudge?: { __nudge?: string } }).nudge?.__nudge === "running");
}

/** The popup dialog inside Nudge's (open) shadow root; Playwright's CSS engine pierces it. */
export const dialog = (page: Page) => page.locator("nudge-root [role=dialog]");

/**
 * Every key Nudge could have left in the page's origin (without creating the database by looking):
 * run it with `page.evaluate(storageLeftovers)`.
 */
export async function storageLeftovers(): Promise<{ idb: string[]; local: string[]; session: string[]; cookies: string }> {
  const local = Object.keys(localStorage).filter((k) => k.startsWith("nudge"));
  const session = Object.keys(sessionStorage).filter((k) => k.startsWith("nudge"));
  const exists = (await indexedDB.databases()).some((db) => db.name === "nudge");
  const idb = !exists
    ? []
    : await new Promise<string[]>((resolve) => {
        const open = indexedDB.open("nudge");
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("kv")) return resolve([]);
          const keys = db.transaction("kv").objectStore("kv").getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
        };
      });
  return { idb, local, session, cookies: document.cookie };
}
