import type { CouponState } from "../coupons/coupon-state.js";
import type { Lead } from "../leads/lead.js";

/** What one delivery attempt gave: delivered (the webhook answered 2xx), or the reason it will be retried. */
export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/** A queued lead handed to the deliverer, with the attempts made so far. */
export interface DueLead {
  lead: Lead;
  attempts: number;
}

/**
 * The collector's transactional state: rows that must change exactly once however many collector
 * processes run (the lead delivery queue, coupon claims). PostgreSQL when several
 * collectors share it (`createPostgresState`), the DuckDB file for a single process (`createDuckDbState`).
 */
export interface StateStore {
  readonly kind: "postgres" | "duckdb";
  /**
   * Stores a lead and, when `queue` is true, queues its delivery, in one transaction. A lead whose
   * id is already stored changes nothing. Resolves true when it was new.
   */
  addLead(lead: Lead, queue: boolean, now: number): Promise<boolean>;
  /**
   * Takes up to `limit` queued leads that are due at `now`, locked so that no other collector takes
   * them, and hands them to `deliver`. A lead's queue row is deleted only when its outcome is `ok`;
   * otherwise it stays, with `retryAt(attempts)` as its next due time. Resolves with the counts.
   */
  deliverDue(
    now: number,
    limit: number,
    deliver: (due: DueLead) => Promise<DeliveryOutcome>,
    retryAt: (attempts: number) => number,
  ): Promise<{ delivered: number; failed: number }>;
  /** Every stored lead, oldest first, with the time it was delivered (undefined while queued). */
  leads(): AsyncIterable<Lead & { delivered?: number }>;
  /** Leads waiting for delivery. */
  queued(): Promise<number>;
  /** Coupon codes, claims and their rate limits (src/collector/coupons/). */
  readonly coupons: CouponState;
  close(): Promise<void>;
}

/** A deliverer that throws counts as a failed attempt, never as a lost lead. */
export async function settle(deliver: (due: DueLead) => Promise<DeliveryOutcome>, due: DueLead): Promise<DeliveryOutcome> {
  try {
    return await deliver(due);
  } catch (error) {
    return { ok: false, error: (error as Error)?.message ?? String(error) };
  }
}
