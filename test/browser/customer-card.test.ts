/**
 * The customer card end to end in Chromium: the shop's orders CSV imported with `nudge customers
 * import` into a DuckDB file, the collector serving GET /customer from it, and the demo shop in a
 * fresh browser (empty storage) calling identify(id, traits, { token }) with a token signed as the
 * shop's server would. The card shows in the facts and a widget targeted at it shows; the guards
 * hold (a used code is not offered, a product bought 5 days ago gets no discount widget); a
 * tampered token loads nothing and explain() says why.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createDuckDbCustomers } from "../../src/collector/customers/customer-store.js";
import { signCustomerToken } from "../../src/collector/customers/token.js";
import { createDuckDBStore } from "../../src/collector/duckdb-store.js";
import { createCollector, type Collector } from "../../src/collector/server.js";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

const SECRET = "the-shop's-secret";
const DAY = 86_400_000;
const SCREENSHOTS = resolve(import.meta.dirname, "../../.tmp/screenshots");
const folder = mkdtempSync(join(tmpdir(), "nudge-card-"));
let harness: Harness;
let collector: Collector;
let collectorUrl: string;

const date = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

beforeAll(async () => {
  harness = await startHarness();
  // What any shop can export: one row per order. Ann (c-1024) used WELCOME10 and bought sku-101 five days ago.
  const orders = join(folder, "orders.csv");
  writeFileSync(
    orders,
    [
      "customer_id,order_id,date,total,currency,items,categories,coupon",
      `c-1024,A-1,${date(200)},64,USD,sku-102|sku-301,coffee|ceramics,`,
      `c-1024,A-2,${date(60)},48,USD,sku-104,coffee,WELCOME10`,
      `c-1024,A-3,${date(5)},72,USD,sku-101|sku-401,coffee|brewing,`,
      `c-77,B-1,${date(10)},12,USD,sku-201,tea,`,
    ].join("\n"),
  );
  const db = join(folder, "shop.duckdb");
  const imported = await main(
    ["customers", "import", orders, "--db", db],
    () => {},
    () => {},
  );
  expect(imported).toBe(0);
  const store = await createDuckDBStore({ path: db });
  collector = createCollector({ store, origins: [harness.baseUrl], customers: { store: await createDuckDbCustomers(store.instance), secret: SECRET } });
  collectorUrl = await collector.listen(0);
});
afterAll(async () => {
  await harness?.close();
  await collector?.close();
  rmSync(folder, { recursive: true, force: true });
});

const welcomeBack = {
  id: "welcome-back",
  type: "popup",
  trigger: "page_view",
  priority: 10,
  when: { "customer.known": true, "customer.averageOrder": { $gte: 50 }, "customer.favouriteCategory": "coffee" },
  content: { eyebrow: "Good to see you again", title: "Your usual coffee is back in stock", text: "Thank you for three orders with us.", dismiss: "Close" },
};
const welcomeCode = {
  id: "welcome-code",
  type: "countdown-coupon",
  trigger: "page_view",
  content: { title: "10% off your order", countdown: { evergreen: "2h" }, coupon: { code: "WELCOME10" } },
};
const productDiscount = {
  id: "product-discount",
  type: "popup",
  trigger: "page_view",
  when: { "page.type": "product" },
  content: { title: "15% off this one", coupon: { code: "TAKE15" }, dismiss: "No thanks" },
};

/** A fresh browser on the demo shop with these rules; `token` (when given) is pushed before Nudge loads, as a shop's page would. */
async function visit(path: string, widgets: unknown[], token?: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/shop/rules.json", (route) => route.fulfill({ json: { version: 1, settings: { collector: collectorUrl }, widgets } }));
  // Every widget shown, by id, from Nudge's own "shown" event.
  await context.addInitScript(() => {
    (window as any).__shown = [];
    ((window as any).nudge = (window as any).nudge || []).push((n: any) => n.on("shown", (e: { id: string }) => (window as any).__shown.push(e.id)));
  });
  if (token) await context.addInitScript((t) => ((window as any).nudge = (window as any).nudge || []).push(["identify", "c-1024", { firstName: "Ann" }, { token: t }]), token);
  const { page, errors } = await watchedPage(context);
  await page.goto(`${harness.baseUrl}${path}`);
  await nudgeReady(page);
  return { context, page, errors };
}

const facts = (page: Page) => page.evaluate(() => (window as any).nudge.facts());
const explain = (page: Page, id: string) => page.evaluate((widget) => (window as any).nudge.explain(widget)[0], id) as Promise<{ wouldShow: boolean; blockedBy: string[] }>;
const shown = (page: Page) => page.evaluate(() => (window as any).__shown as string[]);

describe("the customer card from the shop's CSV, on a fresh browser", () => {
  it("recognises the customer after identify: the facts show the card and the widget targeted at them shows", async () => {
    const { context, page, errors } = await visit("/shop/index.html", [welcomeBack], signCustomerToken("c-1024", SECRET));
    await dialog(page).waitFor({ state: "visible" });
    expect(await dialog(page).textContent()).toContain("Your usual coffee is back in stock");
    const customer = (await facts(page)).customer;
    expect(customer).toMatchObject({
      known: true,
      id: "c-1024",
      orders: { count: 3, total: 184 },
      averageOrder: 61.33,
      favouriteCategory: "coffee",
      couponsUsed: ["WELCOME10"],
      boughtWithin: { "7d": ["sku-101", "sku-401"], "30d": ["sku-101", "sku-401"] },
    });
    expect((await facts(page)).rfm.frequency).toBe(3); // RFM from the shop's record, not this empty browser's
    await page.screenshot({ path: join(SCREENSHOTS, "customer-card-welcome-back.png") });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the guards hold: a used code is not offered (a visitor without a card gets it)", async () => {
    const stranger = await visit("/shop/index.html", [welcomeCode]);
    await expect.poll(() => shown(stranger.page), { timeout: 10_000 }).toContain("welcome-code");
    await stranger.page.locator("nudge-root .nudge-cc").waitFor({ state: "visible" });
    await stranger.context.close();

    const { context, page, errors } = await visit("/shop/index.html", [welcomeCode], signCustomerToken("c-1024", SECRET));
    await expect.poll(async () => (await facts(page)).customer?.known, { timeout: 10_000 }).toBe(true);
    expect(await shown(page)).toEqual([]);
    expect(await page.locator("nudge-root .nudge-cc").count()).toBe(0);
    expect((await explain(page, "welcome-code")).blockedBy).toContain("settings.guards: this customer already used the code WELCOME10");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the guards hold: no discount widget on the page of a product bought 5 days ago; another product gets it", async () => {
    const token = signCustomerToken("c-1024", SECRET);
    const bought = await visit("/shop/product.html?id=sku-101", [productDiscount], token);
    await expect.poll(async () => (await facts(bought.page)).viewed.last?.id, { timeout: 10_000 }).toBe("sku-101");
    await expect
      .poll(async () => (await explain(bought.page, "product-discount")).blockedBy.join("\n"), { timeout: 10_000 })
      .toContain("settings.guards: this customer bought sku-101 5 day(s) ago (within 30d): no discount widget on its product page");
    expect(await shown(bought.page)).toEqual([]);
    // The rules can test the same thing themselves.
    expect(await bought.page.evaluate(() => (window as any).nudge.facts().customer.bought["sku-101"] > Date.now() - 6 * 86_400_000)).toBe(true);
    await bought.context.close();

    const other = await visit("/shop/product.html?id=sku-103", [productDiscount], token);
    await dialog(other.page).waitFor({ state: "visible" });
    expect(await dialog(other.page).textContent()).toContain("15% off this one");
    await other.context.close();
  });

  it("a tampered token loads nothing, and explain() says why", async () => {
    const [head, , signature] = signCustomerToken("c-77", SECRET).split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "c-1024", exp: Math.floor(Date.now() / 1000) + 600 })).toString("base64url");
    const { context, page, errors } = await visit("/shop/index.html", [welcomeBack], `${head}.${forged}.${signature}`);
    await expect
      .poll(async () => (await explain(page, "welcome-back")).blockedBy.join("\n"), { timeout: 10_000 })
      .toContain(`customer card not loaded: ${collectorUrl}/customer answered 401: bad signature`);
    expect((await facts(page)).customer).toBeUndefined();
    expect(await dialog(page).count()).toBe(0);
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]); // the browser logs the refused request itself
    await context.close();
  });
});
