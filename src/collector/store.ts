/**
 * The event store behind `nudge collect`: one interface, one implementation per
 * database (DuckDB embedded by default, ClickHouse at scale). The collector keeps
 * no state of its own: every count it reports lives in the store, so several
 * collector processes can share one database.
 *
 * Contract, for every implementation (test/collector/store-suite.ts checks it):
 * - Storage is exactly-once by event id: the browser delivers at least once, so
 *   a replayed event is dropped and counted as a duplicate, never stored twice.
 * - `insertEvents` resolves only when the events are durably written: the
 *   collector acknowledges a batch after it resolves, never before.
 * - `reportAggregates` counts in the database and returns only per-arm
 *   aggregates (see src/measure/aggregates.ts), whatever the number of events.
 * - SQL stays plain (no server-side parameters: ClickHouse 18.16 lacks them);
 *   values are bound or escaped by the implementation. Each dialect keeps its
 *   aggregate query text in one place.
 */
import type { ReportAggregates } from "../measure/aggregates.js";
import type { MeasureEvent } from "../measure/event.js";

/** A measured event as the collector stores it: checked, its time clamped when the client's clock was off. */
export interface StoredEvent extends MeasureEvent {
  /** When the collector received it (server clock, ms since the epoch). */
  receivedAt: number;
  /** The event's time as the client sent it (equals `time` unless clamped). */
  clientTime: number;
  /** True when `time` was clamped because the client's clock was too far off. */
  clamped: boolean;
}

/** What one `insertEvents` call did. */
export interface InsertResult {
  /** Events stored for the first time. */
  inserted: number;
  /** Events whose id was already stored (or repeated within the batch): dropped and counted. */
  duplicates: number;
}

/** Counters the collector keeps in the store (not in memory), so several processes add up. */
export interface IngestCounts {
  /** Events refused by the envelope check (the rest of their batch was stored). */
  rejected: number;
  /** Events whose time was clamped (the client's clock was far off). */
  clamped: number;
  /** Replayed events dropped by `insertEvents`. */
  duplicates: number;
  /** Events the browsers' queues dropped before sending (the `dropped` field of a batch). */
  droppedByClients: number;
}

export interface StoreHealth {
  ok: boolean;
  /** `duckdb`, `clickhouse`, … */
  store: string;
  /** Distinct events stored. */
  events: number;
  counts: IngestCounts;
  /** Why it is not ok. */
  error?: string;
}

export interface EventStore {
  /** `duckdb`, `clickhouse`, … */
  readonly kind: string;
  /**
   * Stores a batch, dropping ids already stored (and repeats within the batch). Resolves
   * after the write is durable; rejects when it failed (then nothing must be acknowledged).
   * Implementations may group concurrent calls into one write.
   */
  insertEvents(batch: readonly StoredEvent[]): Promise<InsertResult>;
  /** Adds to the ingest counters (duplicates are added by `insertEvents` itself). */
  addCounts(counts: Partial<Omit<IngestCounts, "duplicates">>): Promise<void>;
  /** The per-arm aggregates of everything stored, counted in the database. */
  reportAggregates(): Promise<ReportAggregates>;
  health(): Promise<StoreHealth>;
  /** Finishes pending writes, then releases the database. */
  close(): Promise<void>;
}

/** Makes a store (tests pass one of these to the shared suite). */
export type StoreFactory = () => Promise<EventStore>;

export const EMPTY_COUNTS: IngestCounts = { rejected: 0, clamped: 0, duplicates: 0, droppedByClients: 0 };
