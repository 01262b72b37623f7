/**
 * One beacon body in, what to store out: the batch's shape checked, each event
 * checked on its own (a bad one is refused and named, the rest go on), and
 * client clocks that are far off clamped to the time of arrival and flagged.
 * Pure: the collector's HTTP layer and the tests call it the same way.
 */
import { checkEvent } from "./event-schema.js";
import type { StoredEvent } from "./store.js";

export interface IngestLimits {
  /** Events per batch at most (the beacon sends 20 by default). */
  maxBatch: number;
  /** How far ahead of the collector's clock an event's time may be (ms) before it is clamped. */
  maxFuture: number;
  /** How far behind (ms): browsers hold events while offline, so this is days, not minutes. */
  maxPast: number;
}

export const DEFAULT_LIMITS: IngestLimits = { maxBatch: 500, maxFuture: 10 * 60_000, maxPast: 30 * 24 * 3_600_000 };

export interface Rejected {
  index: number;
  id?: string;
  problem: string;
}

export type Ingested = { ok: true; events: StoredEvent[]; rejected: Rejected[]; clamped: number; dropped: number } | { ok: false; status: 400 | 413; message: string };

/** Checks a parsed beacon body `{ events: [...], dropped?, sentAt? }` received at `now`. */
export function ingest(body: unknown, now: number, limits: IngestLimits = DEFAULT_LIMITS): Ingested {
  if (!body || typeof body !== "object" || !Array.isArray((body as { events?: unknown }).events)) {
    return { ok: false, status: 400, message: 'expected a JSON object { "events": [ ...measured events ] }' };
  }
  const { events: raw, dropped } = body as { events: unknown[]; dropped?: unknown };
  if (raw.length > limits.maxBatch) return { ok: false, status: 413, message: `too many events in one batch: ${raw.length}, the limit is ${limits.maxBatch}` };
  const events: StoredEvent[] = [];
  const rejected: Rejected[] = [];
  let clamped = 0;
  raw.forEach((item, index) => {
    const check = checkEvent(item);
    if (!check.ok) {
      const id = (item as { id?: unknown })?.id;
      rejected.push({ index, ...(typeof id === "string" ? { id: id.slice(0, 128) } : {}), problem: `events[${index}].${check.problem}` });
      return;
    }
    const { event } = check;
    const clientTime = event.time;
    const skewed = clientTime > now + limits.maxFuture || clientTime < now - limits.maxPast;
    if (skewed) clamped++;
    events.push({ ...event, time: skewed ? now : Math.trunc(clientTime), receivedAt: now, clientTime: Math.trunc(clientTime), clamped: skewed });
  });
  const droppedByClient = typeof dropped === "number" && Number.isFinite(dropped) && dropped > 0 ? Math.min(Math.trunc(dropped), 1e9) : 0;
  return { ok: true, events, rejected, clamped, dropped: droppedByClient };
}
