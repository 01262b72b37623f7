/// <reference types="node" />
import type { Env } from "../env/env.js";
import { manualClock } from "../env/manual-clock.js";

/** Where the simulated shop lives: timeline pages such as `/shop/cart.html` are read against it. */
export const BASE_URL = "https://shop.example";

/** The simulated visitor's clock (see `manualClock`), settling the runtime after each timer. */
export function fakeClock(start: number, seed = 1) {
  return manualClock(start, () => settle(), seed);
}
export type FakeClock = ReturnType<typeof fakeClock>;

/** Lets the runtime's promises (storage, already loaded chunks) run to the end; the fake clock does not move. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export interface FakeVisitor {
  language: string;
  userAgent: string;
  width: number;
}

/** The little of `window` the runtime reads without a DOM: location, history, navigator, viewport, listeners. */
export function fakeWindow(visitor: FakeVisitor) {
  const location = { href: `${BASE_URL}/`, origin: BASE_URL, host: new URL(BASE_URL).host, pathname: "/", search: "", hash: "" };
  const noop = () => {};
  const win = {
    location,
    history: { pushState: noop, replaceState: noop, back: noop, forward: noop, go: noop, length: 1, state: null },
    navigator: { language: visitor.language, languages: [visitor.language], userAgent: visitor.userAgent },
    // A browser that can show notifications, not yet asked (what push.permission reads: "default").
    Notification: { permission: "default" },
    innerWidth: visitor.width,
    innerHeight: 800,
    addEventListener: noop,
    removeEventListener: noop,
    dispatchEvent: () => true,
  };
  return {
    window: win as unknown as Window & typeof globalThis,
    /** Puts the visitor on a page (a path such as `/shop/?utm_source=blog`, or a full URL). */
    go(page: string): URL {
      const url = new URL(page, BASE_URL);
      Object.assign(location, { href: url.href, origin: url.origin, host: url.host, pathname: url.pathname, search: url.search, hash: url.hash });
      return url;
    },
  };
}

/** An `Env` with no document and no network: the clock and timers are the fake clock's. */
export function fakeEnv(clock: FakeClock, win: Window & typeof globalThis, console: Env["console"]): Env {
  return {
    window: win,
    document: undefined,
    now: clock.now,
    random: clock.random,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    fetch: undefined,
    console,
  };
}
