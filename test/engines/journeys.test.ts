import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, launchEngine, type Engine, type EnginePage } from "./engines.js";
import { consoleLines, facts, pageErrors, ready, startSite, widgetText, type Site } from "./site.js";
import { WIDGET_CASES, widgetRules, type WidgetCase } from "./widget-types.js";

/*
 * The journeys that matter, in each engine a shop's visitors use (Chromium, Firefox ESR, WebKit),
 * through the built script tag. One harness, the engine as a parameter.
 */

const emptyRules = { version: 1, widgets: [] };
const item = { id: "sku-1", name: "Mug", price: 10, quantity: 1 };

/** Leaves the page in the same task as the call before it (no time for a batched write), as a form submit does. */
const NAVIGATE = (path: string) => `setTimeout(() => location.assign(${JSON.stringify(path)}), 0)`;

async function arrive(page: EnginePage, path: string): Promise<void> {
  await page.waitFor((p) => location.pathname === p && (window as any).nudge?.__nudge === "running", path);
  await ready(page);
}

describe.each(ENGINES)("%s", (engineName) => {
  let engine: Engine;
  let site: Site | undefined;
  let page: EnginePage;

  beforeAll(async () => {
    engine = await launchEngine(engineName);
    page = engine.page;
  }, 120_000);
  afterAll(async () => engine?.close());
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  async function open(rules: unknown, pages: Parameters<typeof startSite>[1] = { a: {}, b: {} }, first = "a"): Promise<void> {
    site = await startSite(rules, pages);
    await page.goto(`${site.url}/t/${first}.html`);
    await ready(page);
  }

  /** Runs `call` on page a, leaves for page b at once, and returns b's facts. */
  async function thenNavigate(call: string) {
    await page.evaluate((script) => (0, eval)(script), `${call}; ${NAVIGATE("/t/b.html")}`);
    await arrive(page, "/t/b.html");
    return facts(page);
  }

  // Debian updates its browsers under us: the README must name the engine with the version it last ran on, and a
  // newer engine here is reported (not failed), so a routine package update on a CI machine breaks nothing.
  it("the README names this engine and the version the suite last ran on", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    const label = { chromium: "Chromium", firefox: "Firefox ESR", webkit: "WebKitGTK" }[engineName];
    const named = readme.match(new RegExp(`${label} (\\d+\\.[\\d.]+\\w*)`));
    expect(named, `README.md's "Browsers" paragraph should say which ${label} version the suite ran on`).not.toBeNull();
    if (named![1] !== engine.version) console.warn(`README.md names ${label} ${named![1]}; this run used ${engine.version}: update the "Browsers" paragraph`);
  });

  describe("writes just before an immediate navigation survive it", () => {
    it("cart.add, then the cart page at once: the cart holds the item", async () => {
      await open(emptyRules);
      const after = await thenNavigate(`nudge.cart.add(${JSON.stringify(item)})`);
      expect(after.cart).toBe(1);
      expect(after.cartValue).toBe(10);
      expect(await pageErrors(page)).toEqual([]);
    });

    it("track, then another page at once: the event counts", async () => {
      await open(emptyRules);
      expect((await thenNavigate(`nudge.track("signup", { plan: "pro" })`)).signups).toBe(1);
    });

    it("a page view, then another page at once: two pages, not one", async () => {
      // Page "hop" leaves for b the moment Nudge has counted its page view and decided.
      await open(emptyRules, { a: {}, hop: { body: `<script>nudge.push(["on", "ready", () => location.assign("/t/b.html")]);</script>` }, b: {} });
      await page.goto(`${site!.url}/t/hop.html`);
      await arrive(page, "/t/b.html");
      expect((await facts(page)).pages).toBe(3);
    });

    it("purchase, then the thank-you page at once: the order counts and the cart is empty", async () => {
      await open(emptyRules);
      await page.evaluate((line) => (window as any).nudge.cart.add(line), item);
      const after = await thenNavigate(`nudge.purchase({ id: "order-1", value: 10, currency: "USD", items: [${JSON.stringify(item)}] })`);
      expect(after.orders).toBe(1);
      expect(after.ordersTotal).toBe(10);
    });

    it("a GA4 add_to_cart and view_item in dataLayer, then another page at once", async () => {
      await open(emptyRules);
      const push = `dataLayer.push({ event: "view_item", ecommerce: { currency: "USD", value: 10, items: [{ item_id: "sku-1", item_name: "Mug", price: 10 }] } });
        dataLayer.push({ event: "add_to_cart", ecommerce: { currency: "USD", value: 20, items: [{ item_id: "sku-1", item_name: "Mug", price: 10, quantity: 2 }] } })`;
      // The GA4 mapping is a lazy chunk: wait until it has applied the pushes, then leave at once.
      await page.evaluate((script) => (0, eval)(script), push);
      await page.waitFor(() => (window as any).nudge.facts().cart.count === 2);
      const after = await thenNavigate("void 0");
      expect(after.cart).toBe(2);
      expect(after.viewed).toEqual(["sku-1"]);
    });
  });

  describe("caps across page loads", () => {
    const capped = (frequency: object) => ({ version: 1, widgets: [{ id: "hello", type: "popup", frequency, content: { title: "Hello", dismiss: "No thanks" } }] });
    const dialogOpen = () => page.evaluate(() => !!document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));

    async function showThenClose(): Promise<void> {
      await page.waitFor(() => !!document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      await page.press("Escape");
      await page.waitFor(() => !document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
    }

    it("a session cap holds across a reload; a day cap across a new instance on another page", async () => {
      await open(capped({ session: 1 }));
      await showThenClose();
      await page.goto(`${site!.url}/t/a.html`);
      await ready(page);
      expect(await dialogOpen()).toBe(false);
      expect((await page.evaluate(() => (window as any).nudge.explain("hello")[0].blockedBy)).join(" ")).toContain("frequency.session");
      await site!.close();

      await open(capped({ day: 1 }));
      await showThenClose();
      await page.goto(`${site!.url}/t/b.html`);
      await ready(page);
      expect(await dialogOpen()).toBe(false);
      expect((await page.evaluate(() => (window as any).nudge.explain("hello")[0].blockedBy)).join(" ")).toContain("frequency.day");
    });
  });

  describe("exit intent", () => {
    const exitRules = { version: 1, widgets: [{ id: "exit", type: "popup", trigger: { type: "exit_intent" }, content: { title: "Wait, 10% off", dismiss: "No thanks" } }] };
    const exitShown = () => page.waitFor(() => document.querySelector("nudge-root")?.shadowRoot?.textContent?.includes("Wait, 10% off"));

    it("desktop: the pointer moving fast up and out through the top shows the exit offer", async () => {
      await open(exitRules, { a: { body: '<div style="height:4000px"></div>' } });
      expect(await page.evaluate(() => matchMedia("(hover: hover)").matches), "a desktop pointer").toBe(true);
      expect(await widgetText(page)).toBe("");
      if (engine.name !== "chromium") {
        // W3C WebDriver and BiDi refuse to move the pointer out of the viewport ("move target out of
        // bounds"), so the real, trusted moves go up to the edge and, on the move that reaches it, the
        // page gets the one event the driver cannot make: the mouseout a browser sends as the pointer leaves.
        await page.evaluate(() => {
          const atEdge = (event: MouseEvent) => {
            if (!event.isTrusted || event.clientY > 8) return;
            document.removeEventListener("mousemove", atEdge, true);
            (window as any).__trustedMoves = true;
            document.documentElement.dispatchEvent(new MouseEvent("mouseout", { clientX: event.clientX, clientY: -1, relatedTarget: null, bubbles: true }));
          };
          document.addEventListener("mousemove", atEdge, true);
        });
      }
      await page.mouseMove(600, 400);
      await page.mouseMove(600, 5);
      if (engine.name === "chromium")
        await page.mouseMove(600, -10); // CDP input can leave the viewport: the browser sends the mouseout itself
      else expect(await page.evaluate(() => (window as any).__trustedMoves)).toBe(true);
      await exitShown(); // (with a hover pointer only the pointer's way out is watched)
    });

    it("touch: a fast scroll back up shows the exit offer", async () => {
      // None of the three engines runs here on a touch device: the page is told it has no hover, as a
      // phone's browser says; the scroll is the page scrolled one step a frame (real scroll events, no finger).
      const phone = `const realMatchMedia = matchMedia.bind(window); window.matchMedia = (q) => (/hover:\\s*none/.test(q) ? { matches: true, media: q, addEventListener() {}, removeEventListener() {} } : realMatchMedia(q));`;
      await open(exitRules, { a: { before: phone, body: '<div style="height:4000px"></div>' } });
      expect(await widgetText(page)).toBe("");
      await page.evaluate(async () => {
        scrollTo(0, 2000);
        await new Promise((r) => setTimeout(r, 400));
        for (const y of [1500, 1000, 500, 0]) {
          scrollTo(0, y);
          await new Promise((r) => requestAnimationFrame(r));
        }
      });
      await exitShown(); // (without hover only the touch signals are watched)
    });
  });

  describe("storage fallbacks", () => {
    const blockIndexedDb = `Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("blocked", "SecurityError"); } });`;
    const blockLocalStorage = `Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });`;

    it("no IndexedDB: the profile lives in localStorage and survives a reload", async () => {
      await open(emptyRules, { a: { before: blockIndexedDb }, b: { before: blockIndexedDb } });
      const after = await thenNavigate(`nudge.cart.add(${JSON.stringify(item)})`);
      expect(after.cart).toBe(1);
      expect(after.pages).toBe(2);
      expect(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("nudge:")))).toBe(true);
      expect(await pageErrors(page)).toEqual([]);
    });

    it("no IndexedDB and no localStorage: memory only, the widget still shows, nothing thrown", async () => {
      const both = blockIndexedDb + blockLocalStorage;
      await open({ version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Hello from memory" } }] }, { a: { before: both } });
      await page.waitFor(() => document.querySelector("nudge-root")?.shadowRoot?.textContent?.includes("Hello from memory"));
      await page.evaluate((line) => (window as any).nudge.cart.add(line), item);
      expect((await facts(page)).cart).toBe(1);
      expect(await pageErrors(page)).toEqual([]);
    });
  });

  describe("isolation", () => {
    const hostile = `<style>div { display: none !important; } *, *::before, *::after { color: red !important; font-size: 40px !important; } [role=dialog], nudge-root * { display: none !important; }</style>`;

    it("hostile page CSS does not reach the widget inside its shadow root", async () => {
      await open({ version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Styled", dismiss: "No thanks" } }] }, { a: { body: hostile } });
      await page.waitFor(() => !!document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      const look = await page.evaluate(() => {
        const root = document.querySelector("nudge-root")!.shadowRoot!;
        const dialog = root.querySelector("[role=dialog]")!;
        const title = root.querySelector("h2")!;
        return { shown: dialog.getBoundingClientRect().width > 200, color: getComputedStyle(title).color, size: parseFloat(getComputedStyle(title).fontSize) };
      });
      expect(look.shown).toBe(true);
      expect(look.color).not.toBe("rgb(255, 0, 0)");
      expect(look.size).toBeLessThan(40);
    });

    it("a strict CSP with a nonce: the widget is styled and no violation is reported", async () => {
      const csp = "default-src 'self'; script-src 'self' 'nonce-t3st'; style-src 'self' 'nonce-t3st'; img-src 'self' data:";
      const watch = `window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => __violations.push(e.violatedDirective + " " + e.blockedURI));`;
      await open({ version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Under CSP", dismiss: "No thanks" } }] }, { a: { csp, before: watch } });
      await page.waitFor(() => !!document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      const width = await page.evaluate(() => (document.querySelector("nudge-root")!.shadowRoot!.querySelector(".nudge-popup__card") as HTMLElement).offsetWidth);
      expect(width).toBe(440);
      expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    });

    it("without constructable stylesheets the <style> fallback (with the nonce) styles the widget", async () => {
      const csp = "default-src 'self'; script-src 'self' 'nonce-t3st'; style-src 'self' 'nonce-t3st'";
      const noAdopt = `delete ShadowRoot.prototype.adoptedStyleSheets; delete Document.prototype.adoptedStyleSheets; window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => __violations.push(e.violatedDirective));`;
      await open({ version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Fallback", dismiss: "No thanks" } }] }, { a: { csp, before: noAdopt } });
      await page.waitFor(() => !!document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      const styled = await page.evaluate(() => {
        const root = document.querySelector("nudge-root")!.shadowRoot!;
        return { styleTags: root.querySelectorAll("style").length, width: (root.querySelector(".nudge-popup__card") as HTMLElement).offsetWidth };
      });
      expect(styled.styleTags).toBeGreaterThan(0);
      expect(styled.width).toBe(440);
      expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    });
  });

  describe("older browsers", () => {
    it("without BroadcastChannel, IntersectionObserver, structuredClone, Array.prototype.at, Object.hasOwn and constructable stylesheets: it still works, nothing thrown", async () => {
      const strip = `for (const name of ["BroadcastChannel", "IntersectionObserver", "structuredClone"]) delete window[name];
        delete Array.prototype.at; delete Object.hasOwn; delete ShadowRoot.prototype.adoptedStyleSheets; delete Document.prototype.adoptedStyleSheets;`;
      await open({ version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Still here", dismiss: "No thanks" } }] }, { a: { before: strip }, b: { before: strip } });
      await page.waitFor(() => document.querySelector("nudge-root")?.shadowRoot?.textContent?.includes("Still here"));
      await page.press("Escape");
      await page.waitFor(() => !document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      const after = await thenNavigate(`nudge.cart.add(${JSON.stringify(item)})`);
      expect(after.cart).toBe(1);
      expect(await page.evaluate(() => (window as any).nudge.explain("hello")[0].wouldShow)).toBe(false);
      expect(await pageErrors(page)).toEqual([]);
    });
  });

  describe("every widget type", () => {
    /** Whether Nudge's overlay shadow root holds `selector` (and, with `focused`, has it focused). */
    const inOverlay = (selector: string, focused = false) =>
      page.evaluate(
        ({ selector, focused }) => {
          const root = document.querySelector("nudge-root")?.shadowRoot;
          return focused ? !!root?.activeElement?.matches(selector) : !!root?.querySelector(selector);
        },
        { selector, focused },
      );
    /** Waits until `selector` in the overlay is wholly in the viewport and opaque (its entry animation done). */
    const onScreen = (selector: string) =>
      page.waitFor((sel) => {
        const el = document.querySelector("nudge-root")?.shadowRoot?.querySelector(sel);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1 || r.top < -1 || r.left < -1 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1) return false;
        for (let node: Node | null = el; node instanceof Element; node = node.parentNode) if (Number(getComputedStyle(node).opacity) < 0.99) return false;
        return true;
      }, selector);
    const closedEvents = () => page.evaluate(() => (window as any).__closed as string[]);
    const show = (id: string) => page.evaluate((id) => (window as any).nudge.show(id, { force: true }), id);

    /** Presses Tab until the close button has focus (the page has no focusable element of its own). */
    async function tabTo(selector: string): Promise<number> {
      for (let presses = 1; presses <= 20; presses++) {
        await page.press("Tab");
        if (await inOverlay(selector, true)) return presses;
      }
      throw new Error(`Tab never reached ${selector}`);
    }

    async function closesByKeyboard(c: WidgetCase): Promise<void> {
      expect(await show(c.type), `${c.type} shows`).toBe(true);
      await onScreen(c.rendered);
      if (c.modal) {
        await page.press("Escape");
        await page.waitFor((want) => ((window as any).__closed as string[]).includes(want), `${c.type}:escape`);
        expect(await inOverlay(c.rendered), `${c.type} gone after Escape`).toBe(false);
        expect(await show(c.type)).toBe(true);
        await onScreen(c.rendered);
      }
      await tabTo(c.close!);
      await page.press(c.key!);
      await page.waitFor((want) => ((window as any).__closed as string[]).includes(want), `${c.type}:${c.reason}`);
      expect(await inOverlay(c.rendered), `${c.type} gone after ${c.key === " " ? "Space" : c.key} on its close button`).toBe(false);
    }

    it("one widget of each type renders and closes, by keyboard too: Escape closes the modal ones, Tab reaches the close button and Enter or Space presses it", {
      timeout: 300_000,
    }, async () => {
      await open(widgetRules(), { a: { body: '<h2 id="hero">Our coffee</h2>' } });
      await page.evaluate(() => {
        (window as any).__closed = [];
        (window as any).nudge.on("closed", (e: { id: string; reason: string }) => (window as any).__closed.push(`${e.id}:${e.reason}`));
      });
      for (const c of WIDGET_CASES.filter((c) => c.close)) await closesByKeyboard(c);

      // content-swap changes the page in place and draws nothing to close: hide() puts the original back.
      expect(await show("content-swap")).toBe(true);
      await page.waitFor(() => document.getElementById("hero")?.textContent === "Swapped for you");
      await page.evaluate(() => (window as any).nudge.hide());
      await page.waitFor(() => document.getElementById("hero")?.textContent === "Our coffee");

      expect(await closedEvents()).toEqual(expect.arrayContaining(WIDGET_CASES.filter((c) => c.close).map((c) => `${c.type}:${c.reason}`)));
      expect(await pageErrors(page)).toEqual([]);
      expect((await consoleLines(page)).filter((line) => !line.startsWith("info:"))).toEqual([]);
    });
  });

  describe("privacy and delivery", () => {
    it("forget() leaves nothing behind: no IndexedDB data, no localStorage or sessionStorage key", async () => {
      await open(emptyRules);
      await page.evaluate((line) => (window as any).nudge.cart.add(line), item);
      await page.evaluate(() => (window as any).nudge.forget());
      const left = await page.evaluate(async () => {
        const keys = [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith("nudge"));
        const rows = await new Promise<number>((resolve) => {
          const request = indexedDB.open("nudge");
          request.onsuccess = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains("kv")) return (resolve(0), db.close());
            const count = db.transaction("kv").objectStore("kv").count();
            count.onsuccess = () => (resolve(count.result), db.close());
          };
          request.onerror = () => resolve(-1);
        });
        return { keys, rows };
      });
      expect(left).toEqual({ keys: [], rows: 0 });
    });

    it("the beacon destination delivers measured events to the collector", async () => {
      await open(
        { version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Measured", dismiss: "No thanks" } }] },
        { a: { attributes: 'data-beacon="/collect"' }, b: { attributes: 'data-beacon="/collect"' } },
      );
      await page.waitFor(() => !!document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      await page.press("Escape");
      await page.goto(`${site!.url}/t/b.html`); // leaving the page sends what is queued
      await ready(page);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !site!.collected().some((e) => e.name === "closed")) await new Promise((r) => setTimeout(r, 100));
      const types = new Set(site!.collected().map((e) => e.name));
      expect(types.has("shown")).toBe(true);
      expect(types.has("closed")).toBe(true);
    });
  });

  describe("the demo shop", () => {
    it("the script tag on the demo shop: the welcome popup after two page views, once per session", { timeout: 90_000 }, async () => {
      site = await startSite(emptyRules);
      await page.goto(`${site.url}/shop/`);
      await ready(page);
      expect(await widgetText(page)).toBe("");
      await page.goto(`${site.url}/shop/category.html`);
      await ready(page);
      await page.waitFor(() => !!document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      expect(await widgetText(page)).toMatch(/\S/);
      await page.press("Escape");
      await page.waitFor(() => !document.querySelector("nudge-root")?.shadowRoot?.querySelector("[role=dialog]"));
      await page.goto(`${site.url}/shop/category.html`);
      await ready(page);
      expect(await page.evaluate(() => (window as any).nudge.explain("welcome-offer")[0].wouldShow)).toBe(false);
    });
  });
});
