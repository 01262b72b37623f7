import type { Env } from "../../env/env.js";
import { listen, perFrame, stopAll, type Stop } from "./listen.js";

/** The element an event came from matching `selector` (itself or an ancestor), or null; never throws. */
export function closestMatch(target: EventTarget | null, selector: string): Element | null {
  try {
    const node = target as Node | null;
    const element = node && node.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
    return element?.closest(selector) ?? null;
  } catch {
    return null; // An invalid selector never matches.
  }
}

/** How many elements on the page match `selector` (0 for an invalid one). */
export function countMatches(env: Env, selector: string): number {
  try {
    return env.document?.querySelectorAll(selector).length ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Calls `onMatch` for each `type` event (e.g. "click", "submit") from an element matching
 * `selector` or inside one. Delegated from the document in the capture phase, so elements
 * added later count and a page that stops propagation does not hide the event.
 *
 * @example
 * const stop = watchDelegated(env, "click", "#add-to-cart", (element) => show());
 */
export function watchDelegated(env: Env, type: string, selector: string, onMatch: (element: Element) => void): Stop {
  return listen(
    env,
    env.document,
    type,
    (event) => {
      const element = closestMatch(event.target, selector);
      if (element) onMatch(element);
    },
    true,
  );
}

/**
 * Calls `onVisible` once an element matching `selector` is at least `threshold` (0–1) in view,
 * elements added later included (a MutationObserver, at most once per frame). Without
 * IntersectionObserver it never calls. Returns the stop function.
 *
 * @example
 * const stop = watchVisible(env, ".product-card", 0.5, (element) => show());
 */
export function watchVisible(env: Env, selector: string, threshold: number, onVisible: (element: Element) => void): Stop {
  const win = env.window;
  const doc = env.document;
  if (!win?.IntersectionObserver || !doc || !isValidSelector(doc, selector)) return () => {};
  const stops: Stop[] = [];
  const seen = new WeakSet<Element>();
  const io = new win.IntersectionObserver(
    (entries) => {
      try {
        const hit = entries.find((entry) => entry.isIntersecting && entry.intersectionRatio >= threshold - 1e-3);
        if (hit) onVisible(hit.target);
      } catch (error) {
        env.console.warn("[nudge] a visibility callback failed", error);
      }
    },
    { threshold },
  );
  stops.push(() => io.disconnect());
  const observeNew = () => {
    for (const element of Array.from(doc.querySelectorAll(selector))) {
      if (seen.has(element)) continue;
      seen.add(element);
      io.observe(element);
    }
  };
  const scan = perFrame(env, observeNew);
  stops.push(scan.stop);
  if (win.MutationObserver && doc.documentElement) {
    const mo = new win.MutationObserver(scan.schedule);
    mo.observe(doc.documentElement, { childList: true, subtree: true });
    stops.push(() => mo.disconnect());
  }
  observeNew();
  return () => stopAll(stops);
}

/** Whether `selector` parses; an invalid one (the validator reports it) matches nothing at run time. */
function isValidSelector(doc: Document, selector: string): boolean {
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
