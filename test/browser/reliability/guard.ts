/*
 * Shared by the reliability suite: host pages generated per test (served through
 * Playwright routes, so a test can set any header, CSP included), and a guard
 * that records everything a third-party script could do wrong on a page.
 */
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** A popup that shows on the first page view. */
export const HELLO_RULES = {
  version: 1,
  widgets: [
    {
      id: "hello",
      type: "popup",
      trigger: "page_view",
      content: { title: "Hello from Nudge", text: "Ten percent off today.", cta: { label: "Shop now", href: "/rel/next.html" }, dismiss: "No thanks" },
    },
  ],
};

export interface PageSpec {
  /** Extra markup at the end of `<head>` (styles, the host's own scripts). */
  head?: string;
  /** Markup of `<body>`. */
  body?: string;
  /** Attributes of Nudge's script tag besides src and data-rules (e.g. `nonce="…"`). */
  scriptAttrs?: string;
  /** Where Nudge's script tag goes; "none" leaves it out (the test adds it). */
  script?: "head" | "body" | "none";
  /** `async` on the script tag (default true). */
  async?: boolean;
  rulesUrl?: string;
}

/** A plain host page with Nudge's script tag (no inline script, so it runs under a strict CSP too). */
export function hostHtml(spec: PageSpec = {}): string {
  const tag = `<script ${spec.async === false ? "" : "async "}src="/dist/nudge.js" data-rules="${spec.rulesUrl ?? "/rel/rules.json"}" ${spec.scriptAttrs ?? ""}></script>`;
  const where = spec.script ?? "head";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>${where === "head" ? tag : ""}${spec.head ?? ""}</head>
<body>${spec.body ?? '<main><h1 id="title">A host page</h1><p>Some content.</p><button id="buy">Buy</button></main>'}${where === "body" ? tag : ""}</body></html>`;
}

/** Serves `html` at `path` (under the harness's origin) with extra headers, and the rules at /rel/rules.json. */
export async function serveHost(context: BrowserContext, path: string, html: string, options: { headers?: Record<string, string>; rules?: unknown } = {}) {
  await context.route(
    (url) => url.pathname === path,
    (route) => route.fulfill({ body: html, contentType: "text/html; charset=utf-8", headers: options.headers }),
  );
  await context.route("**/rel/rules.json", (route) => route.fulfill({ json: options.rules ?? HELLO_RULES }));
}

export interface Guarded {
  page: Page;
  /** Every console message as `type: text`. */
  console: string[];
  /** Uncaught exceptions, as Playwright sees them. */
  pageErrors: string[];
}

/**
 * Records, from before any page script runs: `window.onerror`-level errors, unhandled
 * rejections and CSP violations (read back with `pageFaults`), plus console messages and
 * uncaught exceptions. The listeners are the page's own, as a host page would install them.
 */
export async function guardedPage(context: BrowserContext): Promise<Guarded> {
  await context.addInitScript(() => {
    const faults = { errors: [] as string[], rejections: [] as string[], csp: [] as string[] };
    Object.defineProperty(window, "__faults", { value: faults });
    window.addEventListener("error", (e) => {
      if (e instanceof ErrorEvent) faults.errors.push(`${e.message} @ ${e.filename}:${e.lineno}`);
    });
    window.addEventListener("unhandledrejection", (e) => faults.rejections.push(String(e.reason?.stack || e.reason)));
    document.addEventListener("securitypolicyviolation", (e) => faults.csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const guarded: Guarded = { page, console: [], pageErrors: [] };
  page.on("console", (message) => guarded.console.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => guarded.pageErrors.push(error.message));
  return guarded;
}

/** What the page's own listeners saw: errors reaching window.onerror, unhandled rejections, CSP violations. */
export async function pageFaults(page: Page, frame?: string) {
  const target = frame ? page.frameLocator(frame).locator("html") : undefined;
  const read = () =>
    (window as unknown as { __faults?: { errors: string[]; rejections: string[]; csp: string[] } }).__faults ?? { errors: ["no guard installed"], rejections: [], csp: [] };
  return target ? target.evaluate(read) : page.evaluate(read);
}

/**
 * The pass criterion shared by every scenario: nothing reached the page's error
 * handlers, no CSP violation, and every console line is one of Nudge's own
 * (`[nudge] …`) or matches `allow` (messages the browser itself prints, e.g. a failed request).
 */
export async function expectClean(g: Guarded, options: { allow?: RegExp[]; frame?: string } = {}) {
  const faults = await pageFaults(g.page, options.frame);
  expect(g.pageErrors, "uncaught exceptions").toEqual([]);
  expect(faults.errors, "window.onerror").toEqual([]);
  expect(faults.rejections, "unhandledrejection").toEqual([]);
  expect(faults.csp, "securitypolicyviolation").toEqual([]);
  const foreign = g.console.filter((line) => !/^\w+: \[nudge\] /.test(line) && !(options.allow ?? []).some((re) => re.test(line)));
  expect(foreign, "console lines that are not Nudge's own").toEqual([]);
}

/** The popup dialog in Nudge's shadow root. */
export const popup = (page: Page) => page.locator("nudge-root [role=dialog]");

/** Waits for the running runtime and its first decision. */
export async function ready(page: Page) {
  await page.waitForFunction(() => (window as unknown as { nudge?: { __nudge?: string } }).nudge?.__nudge === "running");
  await page.evaluate(() => (window as unknown as { nudge: { ready: Promise<void> } }).nudge.ready);
}

/** Waits until the popup's entry animations are over, so its box is final. */
export async function settled(page: Page) {
  await popup(page).waitFor({ state: "visible" });
  await popup(page).evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
}
