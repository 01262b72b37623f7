/*
 * Fakes for the measurement tests: a network whose answers the test decides, a window with
 * navigator.onLine / sendBeacon and a localStorage, all behind the Env seam with a manual clock.
 */
import type { Env } from "../../../src/env/env.js";
import { manualClock } from "../../../src/env/manual-clock.js";
import type { MeasureEvent } from "../../../src/measure/event.js";
import { memoryStorage, type SyncStorage } from "../../../src/measure/outbox.js";

export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

export interface Request {
  url: string;
  body: { events: MeasureEvent[]; dropped: number };
  keepalive?: boolean;
  via: "fetch" | "beacon";
  /** The endpoint's answer: only a 2xx stored the events. */
  status: number;
}

/** What browsers allow in flight through `sendBeacon` per page (Chromium: 64 KiB). */
export const BEACON_BUDGET = 64 * 1024;

/** A network: `respond` decides each fetch (a status, or "offline" to reject); every request is kept. */
export function fakeNetwork() {
  const requests: Request[] = [];
  const net = {
    requests,
    online: true,
    respond: (_request: Request): number | "offline" => 200,
    /** Event ids received, over every request, in order. */
    ids: () => requests.flatMap((r) => r.body.events.map((e) => e.id)),
    /** Event ids the endpoint stored (answered 2xx), in order, duplicates included. */
    stored: () => requests.filter((r) => r.status >= 200 && r.status < 300).flatMap((r) => r.body.events.map((e) => e.id)),
    fetch: (async (url: string, init: RequestInit) => {
      const request: Request = { url, body: JSON.parse(String(init.body)), keepalive: init.keepalive, via: "fetch", status: 0 };
      const answer = net.online ? net.respond(request) : "offline";
      if (answer === "offline") throw new TypeError("Failed to fetch");
      request.status = answer;
      requests.push(request);
      return { ok: answer >= 200 && answer < 300, status: answer } as Response;
    }) as unknown as typeof fetch,
  };
  return net;
}

/** A window with what the beacon uses; `storage` is shared between "page loads" like localStorage. */
export function fakeWindow(net: ReturnType<typeof fakeNetwork>, storage: SyncStorage = memoryStorage()) {
  const target = new EventTarget();
  let budget = BEACON_BUDGET;
  const win = {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    localStorage: storage,
    navigator: {
      get onLine() {
        return net.online;
      },
      /** Like a browser: true means "queued" (within the page's budget), not "arrived"; the endpoint may answer 503 or be unreachable. */
      sendBeacon(url: string, data: Blob) {
        if (data.size > budget) return false;
        budget -= data.size;
        if (!net.online) return true; // a real browser accepts it and fails later: the beacon must not rely on it
        void data.text().then((text) => {
          const request: Request = { url, body: JSON.parse(text), via: "beacon", status: 0 };
          const answer = net.respond(request);
          if (answer === "offline") return;
          request.status = answer;
          net.requests.push(request);
        });
        return true;
      },
    },
    location: { pathname: "/shop/" },
  };
  return win;
}

export function fakeEnv(net: ReturnType<typeof fakeNetwork>, storage?: SyncStorage, start = Date.UTC(2026, 0, 5, 10)) {
  const clock = manualClock(start, () => settle());
  const win = fakeWindow(net, storage);
  const env: Env = {
    window: win as unknown as Env["window"],
    document: undefined,
    now: clock.now,
    random: () => 0.5, // no jitter: backoff delays are exact
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    fetch: net.fetch,
    console: { info() {}, warn() {}, error() {} },
  };
  return { env, clock, win };
}

let counter = 0;
/** A measured event with a fresh id. */
export function event(overrides: Partial<MeasureEvent> = {}): MeasureEvent {
  counter++;
  return { id: `e${counter}`, name: "shown", time: 1000 + counter, visitor: "v1", session: "s1", widget: "w", type: "popup", variant: "a", exposure: "w@1000", ...overrides };
}
