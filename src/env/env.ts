/**
 * The one seam between Nudge and the browser. Everything that touches a global
 * (window, document, clock, randomness, timers, network, console) goes through
 * an `Env`, so tests swap in fakes and importing Nudge under SSR touches nothing.
 */
export interface Env {
  window: (Window & typeof globalThis) | undefined;
  document: Document | undefined;
  now(): number;
  random(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  fetch: typeof fetch | undefined;
  console: Pick<Console, "info" | "warn" | "error">;
}

/** The real browser environment, read lazily when a Nudge instance is created. */
export function browserEnv(): Env {
  const win = typeof window === "undefined" ? undefined : window;
  const noop = () => {};
  return {
    window: win,
    document: win?.document,
    now: () => Date.now(),
    random: () => Math.random(),
    // Past 2³¹ - 1 ms (24.8 days) a browser fires the timer at once; no page waits that long anyway.
    setTimeout: (fn, ms) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1)),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    fetch: win?.fetch ? win.fetch.bind(win) : undefined,
    console: typeof console === "undefined" ? { info: noop, warn: noop, error: noop } : console,
  };
}
