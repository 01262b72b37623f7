// @ts-expect-error: a plain .mjs module without types
import { serve } from "../../scripts/serve.mjs";
import type { EnginePage } from "./engines.js";

type Handler = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;

export interface Site {
  url: string;
  /** Batches the beacon destination posted to `/collect` (the demo collector). */
  collected(): Array<{ id: string; name: string }>;
  close(): Promise<void>;
}

export interface PageOptions {
  /** Extra script run before Nudge's snippet (a test's own set-up: stubs, dataLayer pushes). */
  before?: string;
  /** Attributes for the script tag beyond `src` and `data-rules`. */
  attributes?: string;
  body?: string;
  /** A Content-Security-Policy header for this page. */
  csp?: string;
}

/** Records errors that reach the page, so a test can say none did. */
const RECORD_ERRORS = `window.__errors = []; addEventListener("error", (e) => __errors.push(String(e.message))); addEventListener("unhandledrejection", (e) => __errors.push(String(e.reason)));
window.__console = []; for (const level of ["info", "warn", "error"]) { const real = console[level]; console[level] = (...args) => { __console.push(level + ": " + args.join(" ")); real.apply(console, args); }; }`;

/** A page of the test shop: the two-line snippet a shop owner pastes, pointing at the built script tag. */
export function nudgePage(options: PageOptions = {}, nonce = ""): string {
  const n = nonce ? ` nonce="${nonce}"` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test shop</title>
<script${n}>${RECORD_ERRORS}${options.before ?? ""}</script>
<script${n}>window.nudge = window.nudge || [];</script>
<script${n} async src="/dist/nudge.js" data-rules="/t/rules.json" ${options.attributes ?? ""}></script>
</head><body><h1>Test shop</h1><main id="main">${options.body ?? ""}</main></body></html>`;
}

/**
 * A test shop on an origin of its own (a new port on 127.0.0.1), so each test starts with empty
 * storage in every engine. `/t/rules.json` is `rules`; `/t/<name>.html` are `pages`; `/dist/` is the build.
 */
export async function startSite(rules: unknown, pages: Record<string, PageOptions> = {}): Promise<Site> {
  const routes: Record<string, Handler> = {
    "/t/rules.json": (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(rules));
    },
  };
  for (const [name, options] of Object.entries(pages)) {
    routes[`/t/${name}.html`] = (_req, res) => {
      const nonce = options.csp?.includes("nonce-") ? /nonce-([\w+/=-]+)/.exec(options.csp)![1] : "";
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...(options.csp ? { "content-security-policy": options.csp } : {}) });
      res.end(nudgePage(options, nonce));
    };
  }
  const server = await serve({ port: 0, routes });
  return {
    url: server.url,
    collected: () => server.collector.events(),
    close: () => server.close(),
  };
}

/** Waits until the runtime has booted on this page and made its first decision. */
export async function ready(page: EnginePage): Promise<void> {
  await page.waitFor(() => (window as any).nudge?.__nudge === "running");
  await page.evaluate(() => (window as any).nudge.ready.then(() => true));
}

/** Facts a journey checks, read on the page now. */
export function facts(page: EnginePage) {
  return page.evaluate(() => {
    const f = (window as any).nudge.facts();
    return {
      visitor: f.visitor.id as string,
      pages: f.visitor.pagesTotal as number,
      cart: f.cart.count as number,
      cartValue: f.cart.value as number,
      orders: f.orders.count as number,
      ordersTotal: f.orders.total as number,
      signups: (f.events.signup?.count ?? 0) as number,
      viewed: f.viewed.products as string[],
    };
  });
}

/** Nudge's console lines on this page (the drivers of Firefox and WebKit do not all report the console). */
export const consoleLines = (page: EnginePage) => page.evaluate(() => (window as any).__console as string[]);

/** Errors the page saw (uncaught exceptions and rejections). */
export const pageErrors = (page: EnginePage) => page.evaluate(() => (window as any).__errors as string[]);

/** Text of Nudge's widgets on screen (through the open shadow roots), or "" when none. */
export const widgetText = (page: EnginePage) =>
  page.evaluate(() =>
    [...document.querySelectorAll("nudge-root, nudge-inline")]
      .map((host) => host.shadowRoot?.textContent ?? "")
      .join(" ")
      .replace(/\s+/g, " ")
      .trim(),
  );
