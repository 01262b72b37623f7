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

/** Markup and template payloads: each sets window.__xss if it ever runs. */
const TEXT = [
  '<img src=x onerror="window.__xss=1">',
  "<script>window.__xss=2</script>",
  '"><svg onload=window.__xss=3>',
  "{{constructor.constructor('window.__xss=4')()}}",
  '<iframe srcdoc="<script>parent.__xss=5</script>"></iframe>',
  "<a href=javascript:window.__xss=6>x</a>",
  "' onmouseover='window.__xss=7",
];
/** URL payloads, reaching the href and src through templates filled from the visitor's traits. */
const URLS = [
  "javascript:window.__xss=10",
  "JaVaScRiPt:window.__xss=11",
  "java\tscript:window.__xss=12",
  "\u0001javascript:window.__xss=13",
  "data:text/html,<script>window.__xss=14</script>",
  "vbscript:msgbox(1)",
];

const textWidget = (i: number) => ({
  id: `text-${i}`,
  type: "popup",
  trigger: "manual",
  content: {
    eyebrow: TEXT[i],
    title: TEXT[(i + 1) % TEXT.length],
    text: `${TEXT[(i + 2) % TEXT.length]} {{attributes.name}}`,
    image: { src: "/shop/images/sku-101.svg", alt: TEXT[(i + 3) % TEXT.length] },
    cta: { label: TEXT[(i + 4) % TEXT.length], href: `/rel/next.html?q=${encodeURIComponent(TEXT[i])}` },
    dismiss: TEXT[(i + 5) % TEXT.length],
    closeLabel: TEXT[(i + 6) % TEXT.length],
  },
});
const urlWidget = (i: number) => ({
  id: `url-${i}`,
  type: "popup",
  trigger: "manual",
  content: { title: "URL from a trait", image: { src: `{{attributes.u${i}}}`, alt: "x" }, cta: { label: "Go", href: `{{attributes.u${i}}}` } },
});
const RULES = {
  version: 1,
  widgets: [
    ...TEXT.map((_, i) => textWidget(i)),
    ...URLS.map((_, i) => urlWidget(i)),
    { id: "literal-js", type: "popup", trigger: "manual", content: { title: "x", cta: { label: "x", href: "javascript:window.__xss=20" } } },
  ],
};

/** What a widget left in the shadow root that could run code. */
const dangers = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector("nudge-root")!.shadowRoot!;
    const found: string[] = [];
    for (const el of root.querySelectorAll("*")) {
      // Nudge's own icons are inline <svg>: fine as long as nothing inside them can run.
      if (["script", "iframe", "object", "embed", "form", "foreignobject", "use"].includes(el.localName.toLowerCase())) found.push(`<${el.localName}>`);
      for (const attr of el.getAttributeNames()) if (attr.startsWith("on")) found.push(`${el.tagName}[${attr}]`);
      const url = (el as HTMLAnchorElement).href ?? (el as HTMLImageElement).src;
      if (typeof url === "string" && url && !/^https?:/.test(url)) found.push(`${el.tagName} ${url}`);
    }
    return found;
  });

/** Opens the page as the attacker-identified visitor; no animations (reduced motion), so shows settle at once. */
async function openAsAttacker() {
  context = await harness.browser.newContext({ reducedMotion: "reduce" });
  const g = await guardedPage(context);
  await serveHost(context, "/rel/xss.html", hostHtml(), { rules: RULES });
  await g.page.goto(`${harness.baseUrl}/rel/xss.html`);
  await ready(g.page);
  const traits = Object.fromEntries([["name", TEXT[0]], ...URLS.map((url, i) => [`u${i}`, url])]);
  await g.page.evaluate((t) => (window as any).nudge.identify("attacker", t), traits);
  return g;
}

async function showAndCheck(page: Page, id: string) {
  expect(await page.evaluate((widget) => (window as any).nudge.show(widget, { force: true }), id)).toBe(true);
  await settled(page);
  expect(await dangers(page), id).toEqual([]);
}

describe("XSS payloads in every text and URL field", { timeout: 90_000 }, () => {
  it("text fields (and a trait in a template) render as inert text, and no payload ever runs", async () => {
    const g = await openAsAttacker();
    for (const widget of RULES.widgets.filter((w) => w.id.startsWith("text-")) as Array<ReturnType<typeof textWidget>>) {
      await showAndCheck(g.page, widget.id);
      // Every payload is there, as the visitor would read it.
      // (A "{{…}}" payload is a template placeholder whose path resolves to nothing: it renders empty.)
      const text = await popup(g.page).evaluate(
        (el) => el.textContent + [...el.querySelectorAll("[aria-label],img")].map((n) => n.getAttribute("aria-label") ?? n.getAttribute("alt")).join(""),
      );
      for (const field of ["eyebrow", "title", "dismiss"] as const) expect(text).toContain(widget.content[field].replace(/\{\{.*\}\}/, ""));
      await g.page.mouse.move(640, 300); // hover the card, for the onmouseover payload
      await g.page.keyboard.press("Escape");
      await popup(g.page).waitFor({ state: "detached" });
      expect(await g.page.evaluate(() => (window as any).__xss)).toBeUndefined();
    }
    await expectClean(g);
  });

  it("unsafe URLs from templates are dropped (the CTA becomes a button), a literal one is refused by the validator with its path", async () => {
    const g = await openAsAttacker();
    for (const widget of RULES.widgets.filter((w) => w.id.startsWith("url-"))) {
      await showAndCheck(g.page, widget.id);
      await g.page.locator("nudge-root .nudge-popup__cta").click();
      await popup(g.page).waitFor({ state: "detached" });
      expect(await g.page.evaluate(() => (window as any).__xss)).toBeUndefined();
    }
    expect(g.console.some((line) => line.startsWith("warning: [nudge]") && line.includes(`widgets[${RULES.widgets.length - 1}].content.cta.href`))).toBe(true);
    expect(await g.page.evaluate(() => (window as any).nudge.show("literal-js", { force: true }))).toBe(false);
    expect(await g.page.evaluate(() => (window as any).__xss)).toBeUndefined();
    await expectClean(g, { allow: [/^warning: \[nudge\] show\("literal-js"\)/] });
  });
});
