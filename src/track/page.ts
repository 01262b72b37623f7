import type { Env } from "../env/env.js";
import type { PageFacts } from "../profile/facts.js";
import { setOwnMethod } from "./own-method.js";

/**
 * Reads the current page: URL parts, query and UTM parameters. `type`, `landing`
 * and `previous` start as "other", this path and "": the runtime fills them in
 * from the rules' patterns, the host's hint and the session's page trail.
 */
export function readPage(env: Env, referrer?: string): PageFacts {
  const location = env.window?.location;
  const doc = env.document;
  if (!location) return { url: "", path: "", title: "", referrer: "", query: {}, utm: {}, type: "other", landing: "", previous: "" };
  const query: Record<string, string> = {};
  const utm: Record<string, string> = {};
  new URLSearchParams(location.search).forEach((value, key) => {
    if (key === "__proto__" || key === "constructor" || key === "prototype") return;
    query[key] = value;
    if (key.startsWith("utm_")) utm[key.slice(4)] = value;
  });
  return {
    url: location.href,
    path: location.pathname,
    title: doc?.title ?? "",
    referrer: referrer ?? doc?.referrer ?? "",
    query,
    utm,
    type: "other",
    landing: location.pathname,
    previous: "",
  };
}

/**
 * Calls `onNavigate` on single-page-app navigations: history.pushState,
 * replaceState that changes the path, back/forward (popstate) and hash changes.
 * Returns a function that restores history and removes the listeners.
 */
export function watchNavigation(env: Env, onNavigate: (previousUrl: string) => void): () => void {
  const win = env.window;
  if (!win) return () => {};
  const history = win.history;
  let lastUrl = win.location.href;
  const check = () => {
    const url = win.location.href;
    if (url === lastUrl) return;
    const previous = lastUrl;
    lastUrl = url;
    onNavigate(previous);
  };
  const originalPush = history.pushState;
  const originalReplace = history.replaceState;
  // Wrap rather than replace, so other scripts' wrappers keep working; call through first.
  const wrappedPush = function (this: History, ...args: Parameters<History["pushState"]>) {
    const result = originalPush.apply(this, args);
    safely(check);
    return result;
  };
  const wrappedReplace = function (this: History, ...args: Parameters<History["replaceState"]>) {
    const result = originalReplace.apply(this, args);
    // A replaceState that only rewrites the query (filters, tracking params) is not a new page.
    safely(() => (new URL(win.location.href).pathname !== new URL(lastUrl).pathname ? check() : (lastUrl = win.location.href)));
    return result;
  };
  setOwnMethod(history, "pushState", wrappedPush);
  setOwnMethod(history, "replaceState", wrappedReplace);
  const onPop = () => safely(check);
  win.addEventListener("popstate", onPop);
  win.addEventListener("hashchange", onPop);
  return () => {
    // Restore only our own wrappers: a script that wrapped them after us keeps its wrapper.
    if (history.pushState === wrappedPush) setOwnMethod(history, "pushState", originalPush);
    if (history.replaceState === wrappedReplace) setOwnMethod(history, "replaceState", originalReplace);
    win.removeEventListener("popstate", onPop);
    win.removeEventListener("hashchange", onPop);
  };
}

function safely(fn: () => void) {
  try {
    fn();
  } catch {
    // Navigation tracking must never break the host's own routing.
  }
}
