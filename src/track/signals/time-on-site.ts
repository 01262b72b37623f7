import type { Env } from "../../env/env.js";

/** Where the session's cumulative visible time (ms) is kept between page loads. */
export const TIME_ON_SITE_KEY = "nudge:time_on_site";

/** The clock of the visible time spent on the site this session: one per page, shared by its readers. */
export interface SiteClock {
  /** Visible milliseconds on the site this session, this page included. */
  total(): number;
  /** Starts over from zero (after `forget()`). */
  reset(): void;
  /** Saves the total and stops counting; the next `siteClock` call starts a new clock. */
  stop(): void;
}

/**
 * One clock per page (keyed by its window): the runtime creates it for `visitor.secondsOnSite`
 * and `secondsOnPage`, the `time_on_site` trigger reads the same one, so no time is counted
 * twice and both agree.
 */
const clocks = new WeakMap<object, SiteClock>();

/**
 * The page's site clock, started on first call. It counts the time the page is visible
 * (`document.visibilityState !== "hidden"`) on top of what earlier pages of this session
 * counted, kept in sessionStorage under `nudge:time_on_site` (which is per tab: each tab counts
 * its own time). It saves when the page is hidden or unloaded, and only while
 * `persist()` says so (consent). Without sessionStorage (blocked, full) it counts this page only.
 *
 * @example
 * const clock = siteClock(env, () => consented);
 * clock.total(); // 95000: 95 s visible this session
 */
export function siteClock(env: Env, persist: () => boolean = () => true): SiteClock {
  const key = env.window ?? env;
  const existing = clocks.get(key);
  if (existing) return existing;
  const doc = env.document;
  /** sessionStorage, where it can be reached (a sandboxed frame, blocked or full storage: this page counts alone). */
  const session = (act: (storage: Storage) => string | null | void) => {
    try {
      return act(env.window!.sessionStorage);
    } catch {
      return null;
    }
  };
  let base = Number(session((s) => s.getItem(TIME_ON_SITE_KEY))) || 0;
  let since: number | null = null;
  const total = () => base + (since === null ? 0 : env.now() - since);
  const save = () => persist() && session((s) => s.setItem(TIME_ON_SITE_KEY, String(Math.round(total()))));
  const update = () => {
    if (doc?.visibilityState !== "hidden") since ??= env.now();
    else if (since !== null) {
      base = total();
      since = null;
      save();
    }
  };
  update();
  doc?.addEventListener("visibilitychange", update);
  env.window?.addEventListener("pagehide", save);
  const clock: SiteClock = {
    total,
    reset() {
      base = 0;
      if (since !== null) since = env.now();
    },
    stop() {
      save();
      clocks.delete(key);
      doc?.removeEventListener("visibilitychange", update);
      env.window?.removeEventListener("pagehide", save);
    },
  };
  clocks.set(key, clock);
  return clock;
}
