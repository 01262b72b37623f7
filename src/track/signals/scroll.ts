import type { Env } from "../../env/env.js";
import { listen, perFrame, type Stop } from "./listen.js";

/** How far this page is scrolled: `px` from the top, `max` the page can scroll, `percent` of `max`. */
export interface ScrollDepth {
  px: number;
  max: number;
  /** 0 on a page that cannot scroll. */
  percent: number;
}

/** The current scroll depth of the page (all zero without a DOM). */
export function scrollDepth(env: Env): ScrollDepth {
  const win = env.window;
  const doc = env.document;
  const root = doc?.scrollingElement ?? doc?.documentElement;
  const px = Math.max(0, win?.scrollY ?? 0);
  const max = Math.max(0, (root?.scrollHeight ?? 0) - (win?.innerHeight ?? 0));
  return { px, max, percent: max > 0 ? Math.min(100, (px / max) * 100) : 0 };
}

/**
 * Calls `onScroll` with the scroll depth after the page scrolls, at most once per
 * animation frame (passive listener). Returns the stop function.
 *
 * @example
 * const stop = watchScroll(env, ({ percent }) => percent >= 50 && show());
 */
export function watchScroll(env: Env, onScroll: (depth: ScrollDepth) => void): Stop {
  const frame = perFrame(env, () => onScroll(scrollDepth(env)));
  const unlisten = listen(env, env.window, "scroll", frame.schedule);
  return () => {
    frame.stop();
    unlisten();
  };
}
