import type { Env } from "../env/env.js";

/** How the visitor engages with the current page: how far they scrolled and how long they looked at it. */
export interface Engagement {
  /** Largest share of the page scrolled into view so far, 0–100. */
  scrollDepth(): number;
  /** Seconds the page has been visible since it started (time in a hidden tab does not count). */
  visibleSeconds(): number;
  /** Starts over for a new page view (single-page-app navigation). */
  restart(): void;
  /** Removes the listeners. */
  stop(): void;
}

/**
 * Watches scrolling (a passive listener, measured at most once per animation
 * frame) and visibility (the clock pauses while `document.visibilityState` is
 * "hidden"). Without a window it reports zeros.
 */
export function watchEngagement(env: Env): Engagement {
  const win = env.window;
  const doc = env.document;
  let depth = 0;
  let visibleMs = 0;
  let since: number | null = null;
  let frame = false;

  const hidden = () => doc?.visibilityState === "hidden";
  const measure = () => {
    frame = false;
    if (!win || !doc) return;
    const el = doc.documentElement;
    const height = Math.max(el?.scrollHeight ?? 0, doc.body?.scrollHeight ?? 0);
    const seen = (win.scrollY || el?.scrollTop || 0) + win.innerHeight;
    const percent = height > 0 ? Math.min(100, Math.round((seen / height) * 100)) : 100;
    if (percent > depth) depth = percent;
  };
  const onScroll = () => {
    if (frame) return;
    frame = true;
    if (typeof win?.requestAnimationFrame === "function") win.requestAnimationFrame(measure);
    else measure();
  };
  const onVisibility = () => {
    const now = env.now();
    if (hidden()) {
      if (since !== null) visibleMs += now - since;
      since = null;
    } else if (since === null) since = now;
  };
  const restart = () => {
    visibleMs = 0;
    since = hidden() ? null : env.now();
    depth = 0;
    measure();
  };

  restart();
  win?.addEventListener("scroll", onScroll, { passive: true });
  doc?.addEventListener("visibilitychange", onVisibility);
  return {
    scrollDepth: () => (win ? depth : 0),
    visibleSeconds: () => Math.max(0, Math.round((visibleMs + (since === null ? 0 : env.now() - since)) / 1000)),
    restart,
    stop() {
      win?.removeEventListener("scroll", onScroll);
      doc?.removeEventListener("visibilitychange", onVisibility);
    },
  };
}
