import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, ConsoleMessage } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialog, nudgeReady, startHarness, watchedPage, type Harness } from "./harness.js";

let harness: Harness;
let context: BrowserContext;
const ROOT = resolve(import.meta.dirname, "../..");
const source = readFileSync(join(ROOT, "examples/shop/rules.json"), "utf8");
let published: string;

beforeAll(async () => {
  harness = await startHarness();
  // Published with the built CLI, as a shop owner would: `npx nudge build rules.json -o …`.
  const out = join(mkdtempSync(join(tmpdir(), "nudge-published-")), "rules.json");
  execFileSync("node", [join(ROOT, "bin/nudge.mjs"), "build", join(ROOT, "examples/shop/rules.json"), "-o", out]);
  published = readFileSync(out, "utf8");
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterEach(async () => context?.close());

const url = (path: string) => `${harness.baseUrl}${path}`;
/** The validator's chunk (and the schema chunks it brings): what a published file must never fetch. */
const validatorRequests = (requests: string[]) => requests.filter((r) => /\/chunks\/(check-rules|validate|schema|check)-/.test(r));

/** The demo shop's two page views that show its welcome offer, with `body` as its rules file. */
async function twoPageViews(body: string) {
  await context.route("**/shop/rules.json", (route) => route.fulfill({ body, contentType: "application/json" }));
  const watched = await watchedPage(context);
  const infos: string[] = [];
  watched.page.on("console", (message: ConsoleMessage) => message.type() === "info" && infos.push(message.text()));
  await watched.page.goto(url("/shop/index.html"));
  await nudgeReady(watched.page);
  await watched.page.goto(url("/shop/category.html"));
  await nudgeReady(watched.page);
  await dialog(watched.page).waitFor({ state: "visible" });
  return { ...watched, infos };
}

describe("a published rules file (nudge build)", () => {
  it("shows the widgets without ever requesting the validator, on the first visit and after", async () => {
    const { page, requests, errors, warnings, infos } = await twoPageViews(published);
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("10% off your first order");
    expect(requests.some((r) => r.includes("/shop/rules.json"))).toBe(true);
    expect(validatorRequests(requests)).toEqual([]);
    expect(infos.filter((i) => i.includes("nudge build"))).toEqual([]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe("a rules file not published", () => {
  it("a hand-written file is validated in the browser, says how to publish it, and shows the widgets", async () => {
    const { page, requests, errors, infos } = await twoPageViews(source);
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("10% off your first order");
    expect(validatorRequests(requests).length).toBeGreaterThan(0);
    expect(infos.some((i) => /\[nudge\] rules: .*\/shop\/rules\.json is not published.*npx nudge build/.test(i))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("a published file edited by hand loses its stamp: validated, a hint to build again, the edit shows", async () => {
    const edited = published.replaceAll('"title": "10% off your first order"', '"title": "12% off your first order"');
    expect(edited).not.toBe(published);
    const { page, requests, errors, infos } = await twoPageViews(edited);
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("12% off your first order");
    expect(validatorRequests(requests).length).toBeGreaterThan(0);
    expect(infos.some((i) => /changed after `nudge build`.*npx nudge build/.test(i))).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe("the demo shop as served (npm start, scripts/serve.mjs)", () => {
  it("its rules are published at serve time with nudge build: the shop never requests the validator", async () => {
    const watched = await watchedPage(context);
    const infos: string[] = [];
    watched.page.on("console", (message: ConsoleMessage) => message.type() === "info" && infos.push(message.text()));
    await watched.page.goto(url("/shop/index.html"));
    await nudgeReady(watched.page);
    await watched.page.goto(url("/shop/category.html"));
    await nudgeReady(watched.page);
    await dialog(watched.page).waitFor({ state: "visible" });
    const served = await (await fetch(url("/shop/rules.json"))).json();
    expect(served).toMatchObject({ format: 1, ahead: { operators: expect.arrayContaining(["$event"]) } });
    // The file as written, for the playground's editor.
    expect(await (await fetch(url("/shop/rules.json?source"))).text()).toBe(source);
    expect(validatorRequests(watched.requests)).toEqual([]);
    // The shop's rules use `$event`: its operators' chunk is fetched, before the first decision.
    expect(watched.requests.some((r) => /\/chunks\/extra-operators-/.test(r))).toBe(true);
    expect(infos.filter((i) => i.includes("nudge build"))).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});

describe("code by use", () => {
  it("a published file with only common operators and no derived facts fetches neither the extra operators nor the derived facts", async () => {
    const rules = { version: 1, widgets: [{ id: "hello", type: "popup", when: { "page.path": { $in: ["/shop/", "/shop/index.html"] } }, content: { title: "Hello" } }] };
    const out = join(mkdtempSync(join(tmpdir(), "nudge-plain-")), "rules.json");
    const input = `${out}.source.json`;
    writeFileSync(input, JSON.stringify(rules));
    execFileSync("node", [join(ROOT, "bin/nudge.mjs"), "build", input, "-o", out]);
    await context.route("**/shop/rules.json", (route) => route.fulfill({ body: readFileSync(out, "utf8"), contentType: "application/json" }));
    const { page, requests, errors } = await watchedPage(context);
    await page.goto(url("/shop/index.html"));
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("Hello");
    expect(requests.filter((r) => /\/chunks\/(extra-operators|event|derived-facts|layout-block|offer-block|use-deadline|countdown)-/.test(r))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("code by use, on a repeat view", () => {
  const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Repeat view</title>
<script async src="/dist/nudge.js" data-rules="/repeat-test/rules.json"></script>
</head><body><main><h1>Fernhouse</h1></main></body></html>`;

  /** `rules` published with the built CLI. */
  function publish(rules: object): string {
    const out = join(mkdtempSync(join(tmpdir(), "nudge-repeat-")), "rules.json");
    writeFileSync(`${out}.source.json`, JSON.stringify(rules));
    execFileSync("node", [join(ROOT, "bin/nudge.mjs"), "build", `${out}.source.json`, "-o", out]);
    return readFileSync(out, "utf8");
  }

  /**
   * Two page views; the second one's rules answer only once the page asked for every chunk named in
   * `awaited` (or after 3 s). Returns what happened then, in order: chunk requests by name and "rules answered".
   */
  async function twoViews(body: string, awaited: string[]) {
    let second = false;
    const order: string[] = [];
    let allAsked = () => {};
    const asked = new Promise<void>((resolve) => (allAsked = resolve));
    await context.route("**/repeat-test/page.html", (route) => route.fulfill({ body: PAGE, contentType: "text/html" }));
    await context.route("**/repeat-test/rules.json", async (route) => {
      if (second) await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (second) order.push("rules answered");
      await route.fulfill({ body, contentType: "application/json" });
    });
    const watched = await watchedPage(context);
    watched.page.on("request", (request) => {
      const chunk = /\/chunks\/([\w-]+?)-[\w-]{8}\.js$/.exec(request.url())?.[1];
      if (!second || !chunk) return;
      order.push(chunk);
      if (awaited.every((name) => order.includes(name))) allAsked();
    });
    await watched.page.goto(url("/repeat-test/page.html"));
    await nudgeReady(watched.page);
    second = true;
    await watched.page.goto(url("/repeat-test/page.html"));
    await nudgeReady(watched.page);
    return { ...watched, order };
  }

  it("the chunks a cached file's stamp lists (extra operators, derived facts) are requested beside the rules, none after them", async () => {
    const rules = {
      version: 1,
      widgets: [
        { id: "second-page", type: "popup", when: { "visitor.pagesThisSession": { $vgte: "2" }, "rfm.recency": { $gte: 0 } }, content: { title: "Second page" } },
        { id: "never", type: "popup", when: { $event: { name: "never_happens" } }, content: { title: "Never" } },
      ],
    };
    const needed = ["extra-operators", "event", "customer-operators", "derived-facts"];
    const { page, order, errors } = await twoViews(publish(rules), needed);
    await dialog(page).waitFor({ state: "visible" });
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("Second page");
    const answered = order.indexOf("rules answered");
    expect(answered).toBeGreaterThan(0);
    // What the first decision needs was asked for while the rules were on their way, the operators' own imports included.
    for (const chunk of needed) {
      expect(order.indexOf(chunk), `${chunk} in ${order.join(", ")}`).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(chunk), `${chunk} in ${order.join(", ")}`).toBeLessThan(answered);
    }
    expect(order.slice(answered).filter((name) => /operators|event|derived-facts/.test(name))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a file testing page paths with $regex and $regexi needs no operators chunk: its first decision waits on the rules alone", async () => {
    const rules = {
      version: 1,
      widgets: [{ id: "paths", type: "popup", when: { "page.path": { $regex: "^/repeat-test/" }, "page.url": { $regexi: "PAGE\\.HTML$" } }, content: { title: "Paths" } }],
    };
    const { page, order, requests, errors } = await twoViews(publish(rules), []);
    await dialog(page).waitFor({ state: "visible" });
    await expect(dialog(page).locator("h2").textContent()).resolves.toBe("Paths");
    expect(order).toContain("rules answered");
    expect(requests.filter((r) => /\/chunks\/(extra-operators|event|customer-operators)-/.test(r))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
