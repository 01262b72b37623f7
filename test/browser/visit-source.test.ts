import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

/*
 * Where a visit came from (utm, ad click ids, the referrer) is classified by a lazy chunk, loaded
 * only for a page view that starts a session; the session's later pages keep the source without it.
 * The first decision waits for it: a widget for email visitors shows on the landing page.
 */

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
});
afterEach(async () => context?.close());

const RULES = {
  version: 1,
  widgets: [{ id: "newsletter-hello", type: "popup", trigger: "page_view", when: { "visitor.source.channel": "email" }, content: { title: "Welcome, reader" } }],
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Visit source</title>
<script async src="/dist/nudge.js" data-rules="/source-test/rules.json"></script>
</head><body><main><h1>Fernhouse</h1></main></body></html>`;

const sourceChunks = (requests: string[]) => requests.filter((r) => /\/chunks\/source-[\w-]+\.js$/.test(r));

describe("the visit source", () => {
  it("is classified on the landing page (the first decision sees it) and kept on the next page without its chunk", async () => {
    await context.route("**/source-test/*.html*", (route) => route.fulfill({ body: PAGE, contentType: "text/html" }));
    await context.route("**/source-test/rules.json", (route) => route.fulfill({ body: JSON.stringify(RULES), contentType: "application/json" }));
    const { page, requests, errors } = await watchedPage(context);

    await page.goto(`${harness.baseUrl}/source-test/landing.html?utm_source=news&utm_medium=email&utm_campaign=june`);
    await nudgeReady(page);
    expect(sourceChunks(requests)).toHaveLength(1);
    await dialog(page).waitFor({ state: "visible" });
    const facts = await page.evaluate(() => (window as any).nudge.facts().visitor);
    expect(facts.source).toEqual({ channel: "email", source: "news", medium: "email", campaign: "june" });
    expect(facts.firstSource).toEqual(facts.source);

    // The next page of the same session: no utm in its URL, the session's source stays, and the chunk is not fetched.
    const before = requests.length;
    await page.goto(`${harness.baseUrl}/source-test/shop.html`);
    await nudgeReady(page);
    const later = requests.slice(before);
    expect(later.some((r) => r.endsWith("/dist/nudge.runtime.js"))).toBe(true);
    expect(sourceChunks(later)).toEqual([]);
    expect(await page.evaluate(() => (window as any).nudge.facts().visitor.source?.source)).toBe("news");
    expect(await page.evaluate(() => (window as any).nudge.facts().visitor.pagesThisSession)).toBe(2);
    expect(errors).toEqual([]);
  });

  it("a direct visit is classified as direct", async () => {
    await context.route("**/source-test/*.html*", (route) => route.fulfill({ body: PAGE, contentType: "text/html" }));
    await context.route("**/source-test/rules.json", (route) => route.fulfill({ body: JSON.stringify(RULES), contentType: "application/json" }));
    const { page, errors } = await watchedPage(context);
    await page.goto(`${harness.baseUrl}/source-test/landing.html`);
    await nudgeReady(page);
    expect(await page.evaluate(() => (window as any).nudge.facts().visitor.source)).toEqual({ channel: "direct", source: "(direct)", medium: "(none)", campaign: "" });
    expect(await dialog(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
