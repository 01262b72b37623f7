import type { Page } from "playwright-core";
import { nudgeReady } from "./harness.js";

/** Opens the popup gallery page and records Nudge's events in `window.__events`. */
export async function openGallery(page: Page, baseUrl: string, query = ""): Promise<void> {
  await page.goto(`${baseUrl}/gallery/popup.html${query}`);
  await nudgeReady(page);
  await page.evaluate(() => {
    const w = window as any;
    w.__events = [];
    for (const name of ["shown", "closed", "clicked", "converted", "minimized", "restored", "lead", "track"]) {
      w.nudge.on(name, (e: unknown) => w.__events.push({ ...(e as object), kind: name }));
    }
  });
  // The page itself has settled (fonts, layout) before anything is measured.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

/** Events of a kind recorded since the gallery opened. */
export function events(page: Page, name: string): Promise<any[]> {
  return page.evaluate((n) => (window as any).__events.filter((e: any) => e.kind === n), name);
}

/** Shows a widget of the gallery with `show(id, { force: true })`. */
export async function show(page: Page, id: string): Promise<void> {
  await page.evaluate((i) => (window as any).nudge.show(i, { force: true }), id);
}

/** Waits until CSS animations in Nudge's roots have finished (a no-op with reduced motion). */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all([...document.querySelectorAll("nudge-root, nudge-inline")].flatMap((host) => host.shadowRoot!.getAnimations().map((a) => a.finished.catch(() => {})))),
  );
}

/** The element focused now, through shadow roots: `"page:#id"`, `"nudge:.class"` or `"body"`. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let inNudge = false;
    while (el?.shadowRoot?.activeElement) {
      inNudge = true;
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return "body";
    return inNudge ? `nudge:.${String(el.className).split(" ")[0]}` : `page:${el.id ? "#" + el.id : (el.getAttribute("data-show") ?? el.tagName)}`;
  });
}
