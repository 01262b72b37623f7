import type { Env } from "../../env/env.js";
import { watchBackButton } from "./back-button.js";
import { listen, stopAll, type Stop } from "./listen.js";

export interface ExitIntentOptions {
  /** How close to the top edge (px) the pointer must leave the page. Default 20. */
  sensitivity?: number;
  /** No signal before this many ms on the page. Default 0. */
  minTimeOnPage?: number;
  /** Watch touch devices too (fast scroll up, coming back to the tab, the back button). Default true. */
  mobile?: boolean;
  /** On touch devices, treat the browser's back button as exit intent (one history entry per page, see `watchBackButton`). Default true. */
  backButton?: boolean;
  /** Whether the widget could show now: asked when the back button is pressed (its history entry is added on the first tap). Default: always. */
  wanted?: () => boolean;
}

/** Why exit intent was detected, for `explain()`. */
export type ExitReason = "pointer left through the top" | "fast scroll up" | "came back to the tab after 30s away" | "back_button";

/** Upward pointer speed (px/ms) that counts as heading for the tabs or the address bar, not drifting. */
export const EXIT_MIN_SPEED = 0.3;
/** Recent pointer positions older than this (ms) say nothing about the exit movement. */
const POINTER_WINDOW_MS = 150;
/** Touch: an upward scroll of at least this many px, faster than SCROLL_MIN_SPEED px/ms. */
export const SCROLL_MIN_DISTANCE = 100;
export const SCROLL_MIN_SPEED = 0.5;
/** Scroll events further apart than this (ms) start a new gesture. */
const SCROLL_GAP_MS = 250;
/** Touch: hiding the tab for this long, then coming back. */
export const AWAY_MS = 30_000;

/** True on devices whose primary pointer cannot hover (phones, tablets): exit intent uses touch signals there. */
export function isTouchOnly(env: Env): boolean {
  try {
    return !!env.window?.matchMedia?.("(hover: none)").matches;
  } catch {
    return false;
  }
}

/**
 * Watches for a visitor about to leave and calls `onExit(reason)` each time it is detected.
 * Desktop: the pointer leaves the document through the top edge (`mouseout` with no
 * `relatedTarget`, `clientY <= sensitivity`), moving upward fast (not a slow drift, not
 * through the sides or bottom). Touch-only devices: a fast scroll up, the tab coming
 * back after 30 s hidden, or the back button (`backButton: false` turns that one off).
 * Nothing before `minTimeOnPage`. Returns the stop function.
 *
 * @example
 * const stop = watchExitIntent(env, { sensitivity: 20, minTimeOnPage: 3000 }, (reason) => show(reason));
 */
export function watchExitIntent(env: Env, options: ExitIntentOptions, onExit: (reason: ExitReason) => void): Stop {
  const { sensitivity = 20, minTimeOnPage = 0, mobile = true, backButton = true, wanted = () => true } = options;
  const start = env.now();
  const armed = () => env.now() - start >= minTimeOnPage;
  const report = (reason: ExitReason) => armed() && onExit(reason);
  if (!isTouchOnly(env)) return watchPointerExit(env, sensitivity, report);
  if (!mobile) return () => {};
  const stops = [watchTouchExit(env, report)];
  if (backButton)
    stops.push(
      watchBackButton(
        env,
        () => armed() && wanted(),
        () => report("back_button"),
      ),
    );
  return () => stopAll(stops);
}

function watchPointerExit(env: Env, sensitivity: number, report: (reason: ExitReason) => void): Stop {
  const recent: Array<{ y: number; t: number }> = [];
  const stops = [
    listen<MouseEvent>(env, env.document, "mousemove", (event) => {
      const t = env.now();
      recent.push({ y: event.clientY, t });
      while (recent.length > 2 && t - recent[0].t > POINTER_WINDOW_MS) recent.shift();
    }),
    listen<MouseEvent>(env, env.document, "mouseout", (event) => {
      if (event.relatedTarget || event.clientY > sensitivity) return;
      const t = env.now();
      // The oldest position within the window (or the last one seen): how fast the pointer went up to the edge.
      const from = recent.find((p) => t - p.t <= POINTER_WINDOW_MS) ?? recent[recent.length - 1];
      recent.length = 0;
      if (!from) return;
      const speed = (from.y - event.clientY) / Math.max(1, t - from.t);
      if (speed >= EXIT_MIN_SPEED) report("pointer left through the top");
    }),
  ];
  return () => stopAll(stops);
}

function watchTouchExit(env: Env, report: (reason: ExitReason) => void): Stop {
  let last = { y: env.window?.scrollY ?? 0, t: env.now() };
  /** The upward scroll under way: where and when it started, and whether it was reported already. */
  let gesture: { y: number; t: number; seen?: boolean } | null = null;
  let hiddenAt: number | null = null;
  const stops = [
    listen(env, env.window, "scroll", () => {
      const now = { y: env.window?.scrollY ?? 0, t: env.now() };
      if (now.y >= last.y) gesture = null;
      else if (now.t - last.t > SCROLL_GAP_MS) gesture = { ...now };
      else gesture ??= { ...last };
      last = now;
      if (!gesture || gesture.seen) return;
      const distance = gesture.y - now.y;
      if (distance >= SCROLL_MIN_DISTANCE && distance / Math.max(1, now.t - gesture.t) > SCROLL_MIN_SPEED) {
        gesture.seen = true;
        report("fast scroll up");
      }
    }),
    listen(env, env.document, "visibilitychange", () => {
      if (env.document?.visibilityState === "hidden") hiddenAt = env.now();
      else if (hiddenAt !== null) {
        const away = env.now() - hiddenAt;
        hiddenAt = null;
        if (away >= AWAY_MS) report("came back to the tab after 30s away");
      }
    }),
  ];
  return () => stopAll(stops);
}
