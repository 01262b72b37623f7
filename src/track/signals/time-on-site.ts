import type { Env } from "../../env/env.js";
import { listen, stopAll, type Stop } from "./listen.js";

/** Where the session's cumulative visible time (ms) is kept between page loads. */
export const TIME_ON_SITE_KEY = "nudge:time_on_site";

/** A clock of the visible time spent on the site this session. */
export interface SiteClock {
  /** Visible milliseconds on the site this session, this page included. */
  total(): number;
  /** Calls `fn` once when `total()` reaches `ms` (at once if it already has). */
  at(ms: number, fn: () => void): void;
  /** Saves the total and stops counting. */
  stop: Stop;
}

/**
 * Counts the time this page is visible (`document.visibilityState === "visible"`), on top
 * of what earlier pages of this session counted, kept in sessionStorage under
 * `nudge:time_on_site`. Without sessionStorage (blocked, full) it counts this page only.
 * One clock per page view: two clocks at once would count the same time twice.
 *
 * @example
 * const clock = watchTimeOnSite(env);
 * clock.at(120_000, () => show());
 */
export function watchTimeOnSite(env: Env): SiteClock {
  const storage = sessionStore(env);
  const base = Number(read(storage)) || 0;
  let counted = 0;
  let since: number | null = null;
  const timers: unknown[] = [];
  const goals: Array<{ ms: number; fn: () => void }> = [];
  const visible = () => env.document?.visibilityState !== "hidden";
  const total = () => base + counted + (since === null ? 0 : env.now() - since);
  const save = () => write(storage, String(Math.round(total())));

  const schedule = () => {
    for (const timer of timers.splice(0)) env.clearTimeout(timer);
    if (since === null) return;
    for (const goal of goals.slice()) {
      const left = goal.ms - total();
      if (left <= 0) {
        goals.splice(goals.indexOf(goal), 1);
        goal.fn();
      } else timers.push(env.setTimeout(schedule, left));
    }
  };
  const update = () => {
    if (visible() && since === null) since = env.now();
    if (!visible() && since !== null) {
      counted += env.now() - since;
      since = null;
      save();
    }
    schedule();
  };
  const stops: Stop[] = [
    listen(env, env.document, "visibilitychange", update),
    listen(env, env.window, "pagehide", save),
    () => {
      goals.length = 0;
      for (const timer of timers.splice(0)) env.clearTimeout(timer);
      save();
    },
  ];
  update();
  return {
    total,
    at(ms, fn) {
      goals.push({ ms, fn });
      schedule();
    },
    stop: () => stopAll(stops),
  };
}

function sessionStore(env: Env): Storage | undefined {
  try {
    return env.window?.sessionStorage ?? undefined;
  } catch {
    return undefined; // Access denied (sandboxed frame, blocked cookies).
  }
}

function read(storage: Storage | undefined): string | null {
  try {
    return storage?.getItem(TIME_ON_SITE_KEY) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Storage | undefined, value: string): void {
  try {
    storage?.setItem(TIME_ON_SITE_KEY, value);
  } catch {
    // Full or blocked: this page's time still counts, the next page starts over.
  }
}
