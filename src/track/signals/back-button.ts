import type { Env } from "../../env/env.js";
import { listen, stopAll, type Stop } from "./listen.js";

/** Marks our sentinel history entry: `history.state["nudge:back"] === true`. */
export const SENTINEL_KEY = "nudge:back";

/** Events that give the page user activation: an entry pushed without it is skipped by the back button in Chromium. */
const ACTIVATION = ["click", "keydown", "touchend", "pointerup"];

interface Watcher {
  /** Whether this watcher wants the moment now (its minimum time on the page has passed, its widget could show): asked when back is pressed. */
  ready(): boolean;
  fire(): void;
}

/** The sentinel of one page: at most one per document, shared by every exit-intent widget on it. */
interface Sentinel {
  /** "waiting": not pushed yet; "placed": in the history; "done": used up (back pressed, or the browser refused it). */
  stage: "waiting" | "placed" | "done";
  /** The URL it was pushed with: the entry below it has the same one. */
  href: string;
  /** Whether the current history entry is the sentinel. */
  on: boolean;
  watchers: Set<Watcher>;
  /** The listeners waiting for the first interaction. */
  activation: Stop[];
  /** The popstate listener: kept while the sentinel is in the history, even with no watcher left. */
  popstate?: Stop;
}

/** One per window (so per document: a new page load starts over), whoever arms it. */
const sentinels = new WeakMap<object, Sentinel>();

const isSentinel = (state: unknown): boolean => typeof state === "object" && state !== null && (state as Record<string, unknown>)[SENTINEL_KEY] === true;

/**
 * Calls `onBack` when the visitor presses the browser's back button, once per page.
 *
 * How: on the visitor's first interaction (a tap, click or key: an entry pushed without
 * one is skipped by Chromium's back button), one sentinel entry is pushed onto the history:
 * the same URL, the page's own state plus `"nudge:back": true`, so a router that reads the
 * state sees the same page. A `popstate` that leaves the sentinel for the entry below it
 * (same URL, not ours) is the back button. Then, not before, each watcher says whether it
 * wants the moment (`ready()`: its minimum time on the page, its widget's conditions, as they
 * are when back is pressed): those that do get `onBack`; when none does, the visitor meant to
 * leave and goes on back at once. Either way the sentinel is used up, so the next back leaves.
 * Never more than one sentinel per document, even across single-page-app navigations; the
 * URL never changes, so no page view is counted.
 *
 * @example
 * const stop = watchBackButton(env, () => true, () => show("back_button"));
 */
export function watchBackButton(env: Env, ready: () => boolean, onBack: () => void): Stop {
  const win = env.window;
  if (!win?.history) return () => {};
  let sentinel = sentinels.get(win);
  if (!sentinel) sentinels.set(win, (sentinel = { stage: "waiting", href: "", on: false, watchers: new Set(), activation: [] }));
  const s = sentinel;
  if (s.stage === "done") return () => {};
  const watcher: Watcher = { ready, fire: onBack };
  s.watchers.add(watcher);
  arm(env, win, s);
  return () => {
    s.watchers.delete(watcher);
    if (s.watchers.size) return;
    stopAll(s.activation);
    // A sentinel already in the history stays watched: back from it then goes on to the page before.
    if (s.stage !== "placed") unwatch(s);
  };
}

function unwatch(s: Sentinel): void {
  s.popstate?.();
  s.popstate = undefined;
}

function arm(env: Env, win: Window, s: Sentinel): void {
  const history = win.history;
  const place = () => {
    const activation = (win.navigator as { userActivation?: { isActive: boolean } }).userActivation;
    if (s.stage !== "waiting" || activation?.isActive === false || !s.watchers.size) return;
    try {
      const state: unknown = history.state;
      history.pushState({ ...(typeof state === "object" && state !== null ? state : {}), [SENTINEL_KEY]: true }, "", win.location.href);
      Object.assign(s, { stage: "placed", href: win.location.href, on: true });
    } catch {
      s.stage = "done"; // Refused (a sandboxed frame, too many pushes): no back-button signal on this page.
      unwatch(s);
    }
    stopAll(s.activation);
  };
  if (s.stage === "waiting" && !s.activation.length) for (const type of ACTIVATION) s.activation.push(listen(env, env.document, type, place, true));
  if (s.popstate) return;
  // After a single-page-app navigation back onto the sentinel, the page starts out on it.
  s.on = isSentinel(history.state);
  s.popstate = listen(env, win, "popstate", () => {
    const was = s.on;
    s.on = isSentinel(history.state);
    if (!was || s.on || win.location.href !== s.href) return;
    // Back from the sentinel onto the page's own entry: used up; the next back leaves.
    s.stage = "done";
    const wanting = [...s.watchers].filter((w) => w.ready());
    s.watchers.clear();
    stopAll(s.activation);
    unwatch(s);
    if (!wanting.length) history.back(); // nothing to show: the visitor meant to leave, and does
    for (const watcher of wanting) watcher.fire();
  });
}
