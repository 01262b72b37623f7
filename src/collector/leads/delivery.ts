/// <reference types="node" />
/**
 * The lead delivery loop each collector runs: it takes due leads from the shared queue (locked,
 * so no two collectors send the same lead), posts each to the webhook, and leaves a failed one
 * queued for a later try, backing off exponentially (with jitter) up to `maxDelay`. A lead is never
 * dropped: it waits in the queue however long the webhook is down.
 */
import type { StateStore } from "../state/state-store.js";
import { postLead, type WebhookOptions } from "./webhook.js";

export interface LeadDeliveryOptions {
  state: StateStore;
  webhook: WebhookOptions;
  /** How often the queue is looked at when nothing kicks it (ms, default 1000). */
  interval?: number;
  /** The first retry's delay (ms, default 2000), doubling with each failure up to `maxDelay` (default 1 h). */
  baseDelay?: number;
  maxDelay?: number;
  /** Leads per pass (default 20). */
  batch?: number;
  /** Told about each failed pass (e.g. the database is down); delivery goes on. */
  onError?(error: unknown): void;
  now?(): number;
  random?(): number;
}

/** The delay before retry number `attempts` (1, 2, …): doubling from `base` up to `max`, ±20% jitter. */
export function retryDelay(attempts: number, base: number, max: number, random: () => number): number {
  const delay = Math.min(base * 2 ** Math.max(0, attempts - 1), max);
  return Math.round(delay * (0.8 + 0.4 * random()));
}

export function startLeadDelivery(options: LeadDeliveryOptions) {
  const { state } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const base = options.baseDelay ?? 2000;
  const max = options.maxDelay ?? 3_600_000;
  const batch = options.batch ?? 20;
  const totals = { delivered: 0, failed: 0 };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function pass() {
    do {
      again = false;
      try {
        const result = await state.deliverDue(
          now(),
          batch,
          (due) => postLead(options.webhook, due.lead, now()),
          (attempts) => now() + retryDelay(attempts, base, max, random),
        );
        totals.delivered += result.delivered;
        totals.failed += result.failed;
        // A full batch delivered: more may be waiting.
        if (result.delivered === batch) again = true;
      } catch (error) {
        options.onError?.(error);
      }
    } while (again && !stopped);
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = undefined;
      schedule();
    });
  }

  function schedule() {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(kick, options.interval ?? 1000);
    timer.unref?.();
  }

  kick();
  return {
    /** Look at the queue now (a lead was just stored). */
    kick,
    totals: () => ({ ...totals }),
    /** Stops after the pass under way (its deliveries are settled in the queue first). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type LeadDelivery = ReturnType<typeof startLeadDelivery>;
