import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness.js";
import { expectClean, guardedPage, hostHtml, popup, ready, serveHost, settled } from "./guard.js";

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";
const NONCE = "r4nd0m-n0nce";
const STRICT_NONCE = `default-src 'self'; script-src 'self' 'nonce-${NONCE}'; style-src 'self' 'nonce-${NONCE}'`;

/** The popup is styled (a card of its designed width), not a pile of unstyled text. */
async function styledCardWidth(page: Page) {
  await settled(page);
  return page.evaluate(() => document.querySelector("nudge-root")!.shadowRoot!.querySelector(".nudge-popup__card")!.getBoundingClientRect().width);
}

/** Proof that the page's CSP really is enforced: an inline <style> added now is reported. */
async function cspEnforced(page: Page) {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", () => resolve("enforced"));
        const style = document.createElement("style");
        style.textContent = "body{color:red}";
        document.head.append(style);
        setTimeout(() => resolve("not enforced"), 3000);
      }),
  );
}

describe("a strict Content-Security-Policy", { timeout: 60_000 }, () => {
  it(`${STRICT}: first visit (rules validated), a repeat view (rules cached) and the debug panel, with zero violations`, async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const g = await guardedPage(context);
    await serveHost(context, "/rel/csp.html", hostHtml({ head: '<script src="/rel/queue.js"></script>' }), { headers: { "content-security-policy": STRICT } });
    await context.route("**/rel/queue.js", (route) =>
      route.fulfill({ contentType: "text/javascript", body: 'window.nudge = window.nudge || []; nudge.push(["track", "csp_page", { ok: true }]);' }),
    );
    await g.page.goto(`${harness.baseUrl}/rel/csp.html`);
    await ready(g.page);
    expect(await styledCardWidth(g.page)).toBe(440);
    expect(await g.page.evaluate(() => (window as any).nudge.facts().events.csp_page.count)).toBe(1);
    await g.page.keyboard.press("Escape");
    await popup(g.page).waitFor({ state: "detached" });
    await g.page.goto(`${harness.baseUrl}/rel/csp.html?nudge_debug=1`);
    await ready(g.page);
    await g.page.locator("nudge-debug").waitFor({ state: "attached" });
    await g.page.evaluate(() => (window as any).nudge.show("hello", { force: true }));
    expect(await styledCardWidth(g.page)).toBe(440);
    await expectClean(g);
    expect(await cspEnforced(g.page)).toBe("enforced");
  });

  it(`with a nonce (${STRICT_NONCE}): the nonce reaches the <style> fallback of a browser without constructable stylesheets`, async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    // An older engine: no adoptedStyleSheets, so Nudge must fall back to <style nonce> in its shadow root.
    await context.addInitScript(() => {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    });
    const g = await guardedPage(context);
    const head = `<script nonce="${NONCE}">window.nudge = window.nudge || []; nudge.push(["identify", "u1", { firstName: "Ada" }]);</script>`;
    await serveHost(context, "/rel/nonce.html", hostHtml({ head, scriptAttrs: `nonce="${NONCE}"`, script: "body" }), { headers: { "content-security-policy": STRICT_NONCE } });
    await g.page.goto(`${harness.baseUrl}/rel/nonce.html`);
    await ready(g.page);
    expect(await styledCardWidth(g.page)).toBe(440);
    const nonces = await g.page.evaluate(() => [...document.querySelector("nudge-root")!.shadowRoot!.querySelectorAll("style")].map((style) => style.nonce));
    expect(nonces.length).toBeGreaterThan(0);
    expect(new Set(nonces)).toEqual(new Set([NONCE]));
    expect(await g.page.evaluate(() => (window as any).nudge.facts().attributes.firstName)).toBe("Ada");
    await expectClean(g);
    expect(await cspEnforced(g.page)).toBe("enforced");
  });
});
