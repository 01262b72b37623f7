import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BrowserContext, Page, Route } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * The platforms shops run on, in Chromium with the built script tag: each fixture in
 * test/fixtures/platforms/ replays what that platform (or its analytics plugin) puts on its
 * pages, step by step (some pushed before Nudge loads, some after), and the facts Nudge keeps
 * are checked: the product viewed, the cart lines and value, the orders count and total.
 * Shopify pushes no dataLayer: its steps render the theme snippet from docs/platforms/shopify.md
 * with the fixture's Liquid objects and run that page's checkout pixel.
 */

interface Step {
  path?: string;
  before?: unknown[];
  after?: unknown[];
  liquid?: Record<string, unknown>;
  pixel?: { checkout_completed: unknown };
  expect?: Record<string, unknown>;
}
interface Fixture {
  platform: string;
  source: string;
  pageTypes: Record<string, string>;
  steps: Step[];
}

const ROOT = resolve(import.meta.dirname, "../..");
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, "test/fixtures/platforms", `${name}.json`), "utf8")) as Fixture;

let harness: Harness;
let context: BrowserContext;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

/** JSON safe inside an inline script. */
const inline = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const SCRIPT_TAG = `<script>window.nudge = window.nudge || [];</script>
<script async src="/dist/nudge.js" data-rules="/platforms/rules.json"></script>`;

/** A page of a shop whose platform pushes `before` to the dataLayer ahead of Nudge's script tag. */
function layerPage(before: unknown[] = []) {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Shop</title>
<script>window.dataLayer = window.dataLayer || []; for (const entry of ${inline(before)}) window.dataLayer.push(entry);</script>
${SCRIPT_TAG}
</head><body><h1>Shop</h1></body></html>`;
}

/** A snippet from the docs, marked `<!-- test: name -->` above its code block. */
function docSnippet(file: string, name: string): string {
  const doc = readFileSync(join(ROOT, file), "utf8");
  const match = new RegExp(`<!-- test: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match) throw new Error(`${file}: no snippet marked "test: ${name}"`);
  return match[1];
}

/** Just enough Liquid for the Shopify theme snippet: `{{ x | json }}`, the rules file's `file_url`, one `if template.name`. */
function renderLiquid(template: string, objects: Record<string, unknown>): string {
  const html = template
    .replace(/{%-?\s*if template\.name == '(\w+)'\s*-?%}([\s\S]*?){%-?\s*endif\s*-?%}/g, (_, name: string, body: string) => (objects["template.name"] === name ? body : ""))
    .replace(/{{\s*'nudge-rules\.json'\s*\|\s*file_url\s*}}/g, "/platforms/rules.json")
    .replace(/{{\s*([\w.]+)\s*\|\s*json\s*}}/g, (_, expr: string) => inline(objects[expr] ?? null))
    .replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/nudge-sdk@0\/dist\/nudge\.js/g, "/dist/nudge.js");
  if (/{{|{%/.test(html)) throw new Error(`Liquid the test does not render: ${html}`);
  return html;
}

function shopifyThemePage(objects: Record<string, unknown>) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shopify store</title>
${renderLiquid(docSnippet("docs/platforms/shopify.md", "shopify-theme"), objects)}
</head><body><h1>Store</h1></body></html>`;
}

/** The thank-you page: no theme, only the custom pixel, with a stand-in for Shopify's `analytics` and `browser` (storage in the top frame). */
function shopifyPixelPage(event: unknown) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Thank you</title>
<script>
  const handlers = {};
  const analytics = { subscribe: (name, handler) => { handlers[name] = handler; } };
  const browser = { localStorage: { setItem: async (key, value) => localStorage.setItem(key, value) } };
  ${docSnippet("docs/platforms/shopify.md", "shopify-pixel")}
  handlers.checkout_completed(${inline(event)});
</script></head><body><h1>Thank you</h1></body></html>`;
}

function pageFor(step: Step): string {
  if (step.pixel) return shopifyPixelPage(step.pixel.checkout_completed);
  if (step.liquid) return shopifyThemePage(step.liquid);
  return layerPage(step.before);
}

/** The facts read at the fixture's dotted paths. */
async function factsAt(page: Page, paths: string[]) {
  const facts = await page.evaluate(() => (window as any).nudge.facts());
  return Object.fromEntries(paths.map((path) => [path, path.split(".").reduce<any>((value, key) => value?.[key], facts)]));
}

async function replay(name: string) {
  const shop = fixture(name);
  expect(shop.source.length, `${name}: the fixture names its source`).toBeGreaterThan(40);
  context = await harness.browser.newContext();
  await context.route("**/platforms/rules.json", (route) => route.fulfill({ json: { version: 1, settings: { pageTypes: shop.pageTypes }, widgets: [] } }));
  const pages = new Map<string, string>();
  const serve = (route: Route) => route.fulfill({ contentType: "text/html", body: pages.get(new URL(route.request().url()).pathname + new URL(route.request().url()).search)! });
  await context.route((url) => pages.has(url.pathname + url.search), serve);
  const watched = await watchedPage(context);
  const { page, errors } = watched;
  for (const [index, step] of shop.steps.entries()) {
    const where = `${name} step ${index + 1}${step.path ? ` (${step.path})` : ""}`;
    if (step.path) {
      pages.set(step.path, pageFor(step));
      await page.goto(`${harness.baseUrl}${step.path}`);
      if (step.pixel) {
        await page.waitForFunction(() => localStorage.getItem("nudge:shopify-order") !== null);
        continue;
      }
      await nudgeReady(page);
    }
    if (step.after?.length) await page.evaluate((entries) => entries.forEach((entry) => (window as any).dataLayer.push(entry)), step.after);
    if (step.expect) {
      const expected = step.expect;
      await expect.poll(() => factsAt(page, Object.keys(expected)), { message: where, timeout: 15_000 }).toMatchObject(expected);
    }
  }
  expect(errors, name).toEqual([]);
  return watched;
}

const uaChunk = (requests: string[]) => requests.some((r) => /\/chunks\/ecommerce-ua-/.test(r));
const ga4Chunk = (requests: string[]) => requests.some((r) => /\/chunks\/ga4-/.test(r));

describe("platform fixtures replayed in Chromium with the built script tag", () => {
  it("1C-Bitrix: Yandex Metrica module objects (numeric ids, string prices): viewed, cart add and remove, the order", async () => {
    const { requests } = await replay("bitrix");
    expect(uaChunk(requests)).toBe(true);
    expect(ga4Chunk(requests)).toBe(false);
  });

  it("InSales: Metrica e-commerce objects: viewed, cart, the order with its coupon", async () => {
    const { requests } = await replay("insales");
    expect(uaChunk(requests)).toBe(true);
  });

  it("Tilda: Metrica e-commerce objects from the cart widget: two adds and the order on one page", async () => {
    const { requests } = await replay("tilda");
    expect(uaChunk(requests)).toBe(true);
  });

  it("WooCommerce: GTM4WP's GA4 events and a Metrica plugin's objects for the same actions count once", async () => {
    const { requests } = await replay("woocommerce");
    expect(uaChunk(requests) && ga4Chunk(requests)).toBe(true);
  });

  it("Shopify: the theme snippet's Liquid cart and product, the checkout pixel's order", async () => {
    const { requests } = await replay("shopify");
    expect(uaChunk(requests) || ga4Chunk(requests)).toBe(false); // no dataLayer mapping is loaded
  });
});
