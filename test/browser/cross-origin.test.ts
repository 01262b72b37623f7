import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serveFolder, type FolderServer } from "./folder-server.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, dialog, nudgeReady, watchedPage } from "./harness.js";

/*
 * The script served from a CDN: the built files on one loopback origin, the shop's page on another.
 * The runtime and its chunks are ES modules, so they load cross-origin only with CORS headers; so
 * does a rules file on another origin. Without them the console says which header is missing.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-cross-origin-"));
const rules = { version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Hello from the CDN", coupon: { code: "CDN10" } } }] };

let browser: Browser;
let context: BrowserContext;
let shop: FolderServer;
let cdn: FolderServer; // sends Access-Control-Allow-Origin: *
let bareHost: FolderServer; // the same files, without it

beforeAll(async () => {
  const files = join(tmp, "cdn");
  mkdirSync(files);
  for (const name of ["nudge.js", "nudge.runtime.js", "chunks"]) cpSync(join(ROOT, "dist", name), join(files, name), { recursive: true });
  writeFileSync(join(files, "nudge-rules.json"), JSON.stringify(rules));
  [cdn, bareHost] = await Promise.all([serveFolder(files, { cors: true }), serveFolder(files)]);

  const site = join(tmp, "shop");
  mkdirSync(site);
  writeFileSync(join(site, "nudge-rules.json"), JSON.stringify(rules));
  const page = (name: string, scriptHost: string, rulesUrl: string) =>
    writeFileSync(
      join(site, name),
      `<!doctype html><html><head><title>A shop</title><link rel="icon" href="data:,">
<script>window.nudge = window.nudge || [];</script>
<script async src="${scriptHost}/nudge.js" data-rules="${rulesUrl}"></script>
</head><body><h1>A shop</h1></body></html>`,
    );
  page("script-cors.html", cdn.url, "/nudge-rules.json");
  page("script-no-cors.html", bareHost.url, "/nudge-rules.json");
  page("rules-cors.html", cdn.url, `${cdn.url}/nudge-rules.json`);
  page("rules-no-cors.html", cdn.url, `${bareHost.url}/nudge-rules.json`);
  shop = await serveFolder(site);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([shop, cdn, bareHost].map((server) => server?.close()));
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(async () => context?.close());

async function open(path: string) {
  context = await browser.newContext();
  const watched = await watchedPage(context);
  await watched.page.goto(`${shop.url}/${path}`);
  return watched;
}

describe("the script on another origin (a CDN)", () => {
  it("with Access-Control-Allow-Origin: the runtime and the popup's chunks load from the CDN, and the popup shows", async () => {
    const { page, errors, requests } = await open("script-cors.html");
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });
    expect(await dialog(page).locator(".nudge-coupon__code").inputValue()).toBe("CDN10");
    expect(requests.some((url) => url.startsWith(`${cdn.url}/chunks/popup-`))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("without it: one console error names the runtime's URL and the missing header; the page's own code goes on", async () => {
    const { page, errors } = await open("script-no-cors.html");
    const expected = `[nudge] ${bareHost.url}/nudge.runtime.js did not load: from another origin, its server must send Access-Control-Allow-Origin`;
    await expect.poll(() => errors.filter((e) => e.startsWith(expected)), { timeout: 15_000 }).toHaveLength(1);
    expect(errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
    // Still the command queue: calls from the page are kept and throw nothing.
    expect(await page.evaluate(() => ((window as any).nudge.push(["track", "still_fine"]), Array.isArray((window as any).nudge)))).toBe(true);
    expect(await dialog(page).count()).toBe(0);
  });
});

describe("the rules file on another origin", () => {
  it("with Access-Control-Allow-Origin: the popup shows", async () => {
    const { page, errors } = await open("rules-cors.html");
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });
    expect(errors).toEqual([]);
  });

  it("without it: one console error names the rules URL and the missing header, and nothing is shown", async () => {
    const { page, errors } = await open("rules-no-cors.html");
    await nudgeReady(page);
    const ours = errors.filter((e) => e.startsWith("[nudge]"));
    expect(ours).toEqual([
      `[nudge] rules: ${bareHost.url}/nudge-rules.json could not be fetched: from another origin, its server must send Access-Control-Allow-Origin; no widgets will show`,
    ]);
    expect(errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
    expect(await dialog(page).count()).toBe(0);
  });
});
