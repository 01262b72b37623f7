import type { Env } from "../env/env.js";
import type { SiteClock } from "./signals/time-on-site.js";

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
 * frame); the visible time is the site clock's, from where it stood when this
 * page view started. Without a window it reports zeros.
 */
export function watchEngagement(env: Env, clock: SiteClock): Engagement {
  const win = env.window;
  const doc = env.document;
  let depth = 0;
  let pageStart = 0;
  let frame = false;

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
  const restart = () => {
    pageStart = clock.total();
    depth = 0;
    measure();
  };

  restart();
  win?.addEventListener("scroll", onScroll, { passive: true });
  return {
    scrollDepth: () => (win ? depth : 0),
    visibleSeconds: () => Math.max(0, Math.round((clock.total() - pageStart) / 1000)),
    restart,
    stop: () => win?.removeEventListener("scroll", onScroll),
  };
}
