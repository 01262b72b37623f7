/**
 * Unique coupon codes and the server-drawn wheel in Chromium, against a real `nudge collect`
 * process (the built CLI) on a DuckDB file, with codes imported by `nudge coupons import`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types
import { serve } from "../../scripts/serve.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH, dialog, nudgeReady, watchedPage } from "./harness.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SCREENSHOTS = join(ROOT, ".tmp/screenshots");
const folder = mkdtempSync(join(tmpdir(), "nudge-coupons-browser-"));
const db = join(folder, "state.duckdb");
const WEIGHTS = [5, 20, 25, 50];
const offers = {
  pools: { WELCOME: {}, EMPTY: {}, BIG: { pattern: "BIG-######*" }, SMALL: { pattern: "SML-######*" }, SHIP: { pattern: "SHP-######*" } },
  wheels: {
    SPRING: {
      segments: [
        { label: "20% off", weight: WEIGHTS[0], pool: "BIG" },
        { label: "10% off", weight: WEIGHTS[1], pool: "SMALL" },
        { label: "Free delivery", weight: WEIGHTS[2], pool: "SHIP" },
        { label: "No luck", weight: WEIGHTS[3] },
      ],
    },
  },
  // Every visitor of this test comes from 127.0.0.1 (the per-IP limit has its own collector test).
  limits: { perIp: { count: 100_000, window: "1h" } },
};

let site: { url: string; close(): Promise<void> };
let browser: Browser;
let collector: ChildProcess;
let collectorUrl: string;
/** The collector URL the rules file names (a test points it at a port where nothing listens). */
let rulesCollector: string | undefined;
const harness = {
  get baseUrl() {
    return site.url;
  },
};

/** The test page and its rules, served by the site itself (a page Playwright fulfils has no address space, and Chromium then blocks its requests to 127.0.0.1). */
const routes = {
  "/coupons-test/page.html": (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="en"><head><title>Coupons</title></head><body><main><h1>Shop</h1></main>
<script async src="/dist/nudge.js" data-rules="/coupons-test/rules.json" data-beacon="${collectorUrl}/collect"></script></body></html>`),
  "/coupons-test/rules.json": (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(rules(rulesCollector ?? collectorUrl))),
};

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), ...args], { encoding: "utf8" });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

beforeAll(async () => {
  site = await serve({ port: 0, routes });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  writeFileSync(join(folder, "codes.csv"), "code,note\nWELCOME-AX7Q,first\nWELCOME-BK2M,second\nWELCOME-CZ9P,third\nWELCOME-DW4R,fourth\nWELCOME-EH8T,fifth\nWELCOME-FJ3V,sixth\n");
  writeFileSync(join(folder, "offers.json"), JSON.stringify(offers));
  expect(cli("coupons", "import", "WELCOME", join(folder, "codes.csv"), "--db", db)).toMatchObject({ code: 0, out: expect.stringContaining("WELCOME: 6 code(s) added") });
  collector = spawn(
    process.execPath,
    [join(ROOT, "bin/nudge.mjs"), "collect", "--db", db, "--port", "0", "--origin", harness.baseUrl, "--offers", join(folder, "offers.json"), "--seed", "browser"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  collector.stdout!.on("data", (chunk) => (output += chunk));
  collector.stderr!.on("data", (chunk) => (output += chunk));
  collectorUrl = await new Promise<string>((done, fail) => {
    const timer = setInterval(() => {
      const found = output.match(/POST (http:\/\/127\.0\.0\.1:\d+)\/coupons\/claim/);
      if (found) {
        clearInterval(timer);
        done(found[1]);
      }
    }, 50);
    collector.on("exit", () => fail(new Error(`the collector exited: ${output}`)));
  });
});
afterAll(async () => {
  if (collector && collector.exitCode === null) {
    const exited = new Promise((done) => collector.on("exit", done));
    collector.kill("SIGTERM");
    await exited;
  }
  await browser?.close();
  await site?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The rules file: codes and the wheel come from the collector; the file names pools and a wheel, never a code or an odd. */
function rules(collectorBase = collectorUrl) {
  return {
    version: 1,
    settings: { collector: collectorBase },
    widgets: [
      {
        id: "welcome",
        type: "countdown-coupon",
        trigger: { type: "page_view" },
        goal: { event: "purchase" },
        content: { title: "10% off your first order", countdown: { evergreen: "30m" }, coupon: { pool: "WELCOME" } },
      },
      { id: "sold-out", type: "popup", trigger: { type: "page_view" }, content: { title: "A gift for you", coupon: { pool: "EMPTY" } } },
      { id: "spring-wheel", type: "wheel", trigger: { type: "manual" }, content: { title: "Spin for a spring gift", wheel: "SPRING" } },
    ],
  };
}

async function visitor(): Promise<{ context: BrowserContext; page: Page; errors(): string[]; infos: string[]; id(): string | undefined }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const watched = await watchedPage(context);
  const { page } = watched;
  const infos: string[] = [];
  page.on("console", (message) => message.type() === "info" && infos.push(message.text()));
  // The visitor id the widgets claim with (the profile's), read from their claims.
  let id: string | undefined;
  page.on("request", (request) => {
    if (request.url().endsWith("/coupons/claim")) id = JSON.parse(request.postData() ?? "{}").visitor;
  });
  // A refused claim (410, 429) is logged by Chromium as a failed resource: that is the collector's answer, not a page error.
  return { context, page, errors: () => realErrors(watched.errors), infos, id: () => id };
}
const realErrors = (errors: string[]) => errors.filter((e) => !/^Failed to load resource: the server responded with a status of (404|410|429)/.test(e));

/** What the collector answers a claim of this visitor for the welcome widget now. */
async function claimNow(visitor: string) {
  const response = await fetch(`${collectorUrl}/coupons/claim`, { method: "POST", body: JSON.stringify({ visitor, widget: "welcome", pool: "WELCOME" }) });
  return { status: response.status, ...((await response.json()) as { code?: string; error?: string }) };
}

const codeOn = (page: Page) => page.locator("nudge-root .nudge-cc .nudge-coupon__code");
async function open(page: Page) {
  await page.goto(`${harness.baseUrl}/coupons-test/page.html`);
  await nudgeReady(page);
}
const explain = (page: Page, id: string) =>
  page.evaluate(async (id) => {
    const nudge = (window as any).nudge;
    nudge.explain(id); // the first call loads the texts
    for (let i = 0; i < 50; i++) {
      const [entry] = nudge.explain(id);
      if (entry.blockedBy.some((b: string) => b.startsWith("prepare:"))) return entry;
      await new Promise((r) => setTimeout(r, 100));
    }
    return nudge.explain(id)[0];
  }, id);

describe("unique coupon codes from the collector", () => {
  it("gives two visitors different codes, the same code again on a reload, never one on the page or in the rules file", async () => {
    const a = await visitor();
    await open(a.page);
    await codeOn(a.page).waitFor({ state: "visible" });
    const first = await codeOn(a.page).inputValue();
    expect(first).toMatch(/^WELCOME-[A-Z0-9]{4}$/);
    const rulesText = await a.page.evaluate(async () => (await fetch("/coupons-test/rules.json")).text());
    expect(rulesText).not.toContain("WELCOME-");
    mkdirSync(SCREENSHOTS, { recursive: true });
    await a.page.screenshot({ path: join(SCREENSHOTS, "coupon-unique-code.png") });

    await open(a.page);
    await codeOn(a.page).waitFor({ state: "visible" });
    expect(await codeOn(a.page).inputValue()).toBe(first);

    const b = await visitor();
    await open(b.page);
    await codeOn(b.page).waitFor({ state: "visible" });
    const second = await codeOn(b.page).inputValue();
    expect(second).toMatch(/^WELCOME-[A-Z0-9]{4}$/);
    expect(second).not.toBe(first);
    expect([...a.errors(), ...b.errors()]).toEqual([]);

    // A purchase with the code: the beacon's conversion carries it and the collector marks it used.
    await a.page.evaluate((code) => (window as any).nudge.purchase({ id: "order-1", value: 40, coupon: code }), first);
    await expect.poll(() => claimNow(a.id()!), { timeout: 20_000 }).toMatchObject({ status: 410, error: "used" });
    expect(await claimNow(b.id()!)).toEqual({ status: 200, code: second });
    await b.context.close();
    await a.context.close();
  });

  it("never shows a used code again: the widget stays away and explain() says why", async () => {
    // The code was used by a visitor of the test above; their next visit gets nothing from that pool for that widget.
    const fresh = await visitor();
    await open(fresh.page);
    await codeOn(fresh.page).waitFor({ state: "visible" });
    const code = await codeOn(fresh.page).inputValue();
    await fresh.page.evaluate((code) => (window as any).nudge.purchase({ id: "order-2", value: 25, coupon: code }), code);
    await expect.poll(() => claimNow(fresh.id()!), { timeout: 20_000 }).toMatchObject({ status: 410, error: "used" });
    await open(fresh.page);
    const entry = await explain(fresh.page, "welcome");
    expect(entry.blockedBy.join("\n")).toContain('prepare: coupon pool "WELCOME": this visitor\'s code was used already');
    expect(await codeOn(fresh.page).count()).toBe(0);
    const shown = await fresh.page.evaluate(() => document.querySelector("nudge-root")?.shadowRoot?.textContent ?? "");
    expect(shown).not.toContain(code);
    expect(fresh.errors()).toEqual([]);
    await fresh.context.close();
  });

  it("an empty pool shows nothing, counts nothing, and explain() says why", async () => {
    const v = await visitor();
    await open(v.page);
    await codeOn(v.page).waitFor({ state: "visible" }); // the other widget shows: the page is decided
    expect(await dialog(v.page).count()).toBe(0);
    const entry = await explain(v.page, "sold-out");
    expect(entry.wouldShow).toBe(false);
    expect(entry.blockedBy).toContain('prepare: coupon pool "EMPTY": no code is left (the collector answered pool-empty); import more with nudge coupons import');
    expect(v.infos.join("\n")).toContain('widget "sold-out": nothing to show on this page (coupon pool "EMPTY": no code is left');
    // Counted as shown: the other widget, never this one.
    const impressions = async (id: string) => {
      const report = (await (await fetch(`${collectorUrl}/report.json`)).json()) as { widgets: Array<{ widget: string; variants: Array<{ impressions: number }> }> };
      return report.widgets.find((w) => w.widget === id)?.variants.reduce((s, a) => s + a.impressions, 0) ?? 0;
    };
    await expect.poll(() => impressions("welcome"), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    expect(await impressions("sold-out")).toBe(0);
    // The debug panel says it too (the same visitor: the welcome code again).
    await v.page.goto(`${harness.baseUrl}/coupons-test/page.html?nudge_debug=1`);
    await nudgeReady(v.page);
    await expect
      .poll(() => v.page.locator('nudge-debug li.widget[data-widget="sold-out"]').innerText(), { timeout: 20_000 })
      .toContain('prepare: coupon pool "EMPTY": no code is left');
    await v.page.screenshot({ path: join(SCREENSHOTS, "coupon-empty-pool-debug.png") });
    expect(v.errors()).toEqual([]);
    await v.context.close();
  });

  it("a collector that is down: nothing shows and explain() names it", async () => {
    rulesCollector = "http://127.0.0.1:9/";
    const v = await visitor();
    await open(v.page).finally(() => (rulesCollector = undefined));
    const entry = await explain(v.page, "welcome");
    expect(entry.blockedBy.join("\n")).toMatch(/prepare: coupon pool "WELCOME": the collector \(settings.collector "http:\/\/127.0.0.1:9\/"\) did not answer/);
    expect(await v.page.locator("nudge-root .nudge-cc").count()).toBe(0);
    expect(v.errors().filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource: net::/.test(e))).toEqual([]);
    await v.context.close();
  });
});

/** The chi-square statistic of observed counts against expected shares. */
function chiSquare(observed: number[], weights: number[]): number {
  const total = observed.reduce((s, n) => s + n, 0);
  const sum = weights.reduce((s, w) => s + w, 0);
  return observed.reduce((chi, n, i) => chi + (n - (total * weights[i]) / sum) ** 2 / ((total * weights[i]) / sum), 0);
}

describe("the wheel drawn by the collector", () => {
  it("turns to the server's segment and shows its code; the odds are not in the rules file", async () => {
    const v = await visitor();
    await open(v.page);
    const rulesText = await v.page.evaluate(async () => (await fetch("/coupons-test/rules.json")).text());
    expect(rulesText).not.toMatch(/weight|BIG-|SML-|SHP-/);
    await v.page.emulateMedia({ reducedMotion: "reduce" });
    await v.page.evaluate(() => (window as any).nudge.show("spring-wheel"));
    await dialog(v.page).waitFor({ state: "visible" });
    expect(await dialog(v.page).locator(".nudge-wheel__sr").first().textContent()).toContain("20% off, 10% off, Free delivery, No luck");
    await dialog(v.page).locator(".nudge-wheel__spin").click();
    await dialog(v.page).locator(".nudge-wheel__title").filter({ hasNotText: "Spin for a spring gift" }).waitFor();
    const title = await dialog(v.page).locator(".nudge-wheel__title").textContent();
    const code = (await dialog(v.page).locator(".nudge-wheel__code").count()) ? await dialog(v.page).locator(".nudge-wheel__code").textContent() : undefined;
    if (code) expect(code).toMatch(/^(BIG|SML|SHP)-[2-9A-HJ-NP-Z]{7}$/);
    expect(title).toBeTruthy();
    await v.page.screenshot({ path: join(SCREENSHOTS, "coupon-server-wheel.png") });
    // Shown again (another page view): the same result, no second spin.
    await open(v.page);
    await v.page.evaluate(() => (window as any).nudge.show("spring-wheel", { force: true }));
    await dialog(v.page).waitFor({ state: "visible" });
    expect(await dialog(v.page).locator(".nudge-wheel__title").textContent()).toBe(title);
    expect(await dialog(v.page).locator(".nudge-wheel__spin").count()).toBe(0);
    expect(v.errors()).toEqual([]);
    await v.context.close();
  });

  it("draws follow the server's odds: chi-square over 2,000 spins from the browser (fixed seed)", async () => {
    const v = await visitor();
    await open(v.page);
    const counts = await v.page.evaluate(
      async ({ base, total }) => {
        const counts = [0, 0, 0, 0];
        for (let i = 0; i < total; i += 25) {
          const answers = await Promise.all(
            Array.from({ length: 25 }, (_, j) =>
              fetch(`${base}/wheel/spin`, {
                method: "POST",
                headers: { "content-type": "text/plain" },
                body: JSON.stringify({ visitor: `odds-${i + j}`, widget: "spring-wheel", wheel: "SPRING" }),
              }).then((r) => r.json()),
            ),
          );
          for (const a of answers) counts[a.segment]++;
        }
        return counts;
      },
      { base: collectorUrl, total: Number(process.env.SPINS ?? 2000) },
    );
    expect(counts.reduce((s, n) => s + n, 0)).toBe(2000);
    // 3 degrees of freedom: 11.34 is the 1% critical value.
    expect(chiSquare(counts, WEIGHTS)).toBeLessThan(11.34);
    expect(chiSquare(counts, [1, 1, 1, 1])).toBeGreaterThan(100);
    await v.context.close();
    // 2,000 claims in DuckDB transactions: about a minute on an idle machine, several on a loaded one.
  }, 600_000);
});
