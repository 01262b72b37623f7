/**
 * The beacon destination: events go into the persisted outbox, and leave in
 * batched JSON POSTs: `fetch` with `keepalive` while the page lives (failures
 * retried with exponential backoff, at once when the browser comes back
 * online). An event leaves the persisted outbox only when an answer
 * acknowledges it. At `pagehide`, `navigator.sendBeacon` sends a best-effort
 * copy of what is waiting: `true` from it means "queued by the browser", not
 * "arrived" (the endpoint may be down), so the events stay and the next page
 * sends them again. Delivery is at least once: the endpoint de-duplicates by
 * event id (`buildReport` and `nudge collect` do).
 */
import type { Env } from "../env/env.js";
import type { BeaconDestination, DeliveryStats } from "./destination-types.js";
import type { MeasureEvent } from "./event.js";
import { createOutbox, memoryStorage, type SyncStorage } from "./outbox.js";

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** How long a tab owns the events it is sending; a tab that died mid-request frees them after this. */
export const LEASE_MS = 30_000;
/** A request that hangs longer is aborted and retried. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface BeaconDeps {
  env: Env;
  consented(): boolean;
  problem(message: string, error?: unknown): void;
  /** The synchronous storage (default: the page's localStorage, else memory). */
  storage?: SyncStorage;
}

/** The delay before retry number `attempt` (1, 2, …): doubling from 1 s up to 5 min, with ±20% jitter so tabs do not retry in step. */
export function backoff(attempt: number, random: () => number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

function pageStorage(env: Env): SyncStorage {
  try {
    const storage = env.window?.localStorage;
    if (storage) return storage;
  } catch {
    // Storage disabled: keep the queue in memory for this page.
  }
  return memoryStorage();
}

export function createBeacon(config: Required<Pick<BeaconDestination, "url" | "batchSize" | "maxQueue" | "flushInterval">>, deps: BeaconDeps) {
  const { env } = deps;
  const outbox = createOutbox(deps.storage ?? pageStorage(env), `nudge:outbox:${config.url}`, config.maxQueue, (error) => deps.problem("beacon queue", error));
  const stats = { sent: 0, failures: 0, rejected: 0 };
  let timer: unknown;
  let sending = false;
  let attempt = 0;
  /** Bumped by forget(): answers to requests made before are ignored. */
  let generation = 0;
  let warnedDrops = false;
  /** The events of the request under way (leased by this page). */
  let inFlight: string[] = [];
  /** Between `pagehide` and a `pageshow` (back/forward cache): no new request, its answer would not be read. */
  let leaving = false;
  const win = env.window;
  const offline = () => win?.navigator?.onLine === false;

  function schedule(delay: number) {
    if (timer !== undefined) return;
    timer = env.setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
  }

  const body = (events: MeasureEvent[], dropped: number) => JSON.stringify({ events, dropped, sentAt: env.now() });

  /** Sends one batch; schedules the next one, or a retry. */
  async function flush(): Promise<void> {
    if (sending || leaving || !deps.consented() || offline() || !env.fetch) return; // back "online" calls flush again
    const mine = generation;
    const now = env.now();
    const batch = outbox.take(config.batchSize, now, now + LEASE_MS);
    if (!batch.events.length) {
      // All leased by another tab (or by a page that died mid-request): look again when the leases end.
      if (outbox.waiting()) schedule(LEASE_MS);
      return;
    }
    const ids = batch.events.map((e) => e.id);
    inFlight = ids;
    sending = true;
    const abort = typeof AbortController === "function" ? new AbortController() : undefined;
    const timeout = env.setTimeout(() => abort?.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await env.fetch(config.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: body(batch.events, batch.dropped),
        keepalive: true,
        signal: abort?.signal,
      });
      if (mine !== generation) return;
      if (response.ok) {
        outbox.delivered(ids, batch.dropped);
        stats.sent += ids.length;
        attempt = 0;
        if (outbox.waiting()) schedule(0);
        return;
      }
      // A 4xx (other than timeout and rate limit) will not get better by trying again.
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        outbox.delivered(ids, batch.dropped);
        stats.rejected += ids.length;
        deps.problem(`beacon ${config.url}`, new Error(`the endpoint refused ${ids.length} event(s) with HTTP ${response.status}; they are not sent again`));
        if (outbox.waiting()) schedule(0);
        return;
      }
      throw new Error(`HTTP ${response.status}`);
    } catch {
      if (mine !== generation) return;
      outbox.release(ids);
      stats.failures++;
      attempt++;
      schedule(backoff(attempt, env.random));
    } finally {
      env.clearTimeout(timeout);
      sending = false;
      inFlight = [];
    }
  }

  /**
   * The page is going away: a copy of what waits goes with `sendBeacon`, which the browser
   * finishes after unload, as much as its budget takes. Nothing is removed: whether a copy
   * arrived cannot be known, so the next page sends the events again and the endpoint
   * de-duplicates them. The request under way is released too (its answer will not be read):
   * the next page need not wait for its lease. Offline, nothing is attempted.
   */
  function pageHide() {
    leaving = true;
    if (inFlight.length) outbox.release(inFlight);
    const send = win?.navigator?.sendBeacon;
    if (!send || offline() || !deps.consented()) return;
    const { events, dropped } = outbox.take(config.maxQueue, env.now(), 0);
    for (let i = 0; i < events.length; i += config.batchSize) {
      let accepted = false;
      try {
        accepted = send.call(win.navigator, config.url, new Blob([body(events.slice(i, i + config.batchSize), i ? 0 : dropped)], { type: "application/json" }));
      } catch {
        accepted = false;
      }
      if (!accepted) return; // the browser's budget is spent: the rest waits for the next page
    }
  }

  /** Back from the back/forward cache: carry on sending. */
  const pageShow = (event: Event) => {
    if (!(event as PageTransitionEvent).persisted) return;
    leaving = false;
    online();
  };

  const online = () => {
    attempt = 0;
    if (timer !== undefined) env.clearTimeout(timer);
    timer = undefined;
    void flush();
  };
  const hidden = () => env.document?.visibilityState === "hidden" && void flush();
  win?.addEventListener("online", online);
  win?.addEventListener("pagehide", pageHide);
  win?.addEventListener("pageshow", pageShow);
  env.document?.addEventListener("visibilitychange", hidden);

  return {
    name: `beacon ${config.url}`,
    send(event: MeasureEvent): void {
      const dropped = outbox.add([event]);
      if (dropped && !warnedDrops) {
        warnedDrops = true;
        deps.problem(`beacon ${config.url}`, new Error(`the queue is full (${config.maxQueue} events): the oldest are dropped and counted`));
      }
      schedule(config.flushInterval);
    },
    /** Sends what is queued now (e.g. what earlier pages left). */
    start: () => schedule(0),
    flush,
    stats: (): DeliveryStats => ({ destination: `beacon ${config.url}`, ...stats, queued: outbox.size(), dropped: outbox.dropped() }),
    forget(): void {
      generation++;
      if (timer !== undefined) env.clearTimeout(timer);
      timer = undefined;
      outbox.clear();
    },
    stop(): void {
      if (timer !== undefined) env.clearTimeout(timer);
      timer = undefined;
      win?.removeEventListener("online", online);
      win?.removeEventListener("pagehide", pageHide);
      win?.removeEventListener("pageshow", pageShow);
      env.document?.removeEventListener("visibilitychange", hidden);
    },
  };
}

export type Beacon = ReturnType<typeof createBeacon>;
