/**
 * The beacon's persisted queue. It lives in localStorage because writing it is
 * synchronous: an event queued at `pagehide` while offline is stored before the
 * page is gone, and every step is one read-change-write that no other tab of
 * this page's process interleaves. Bounded: beyond `max` the oldest events are
 * dropped and counted, and the count travels with the next batch.
 */
import type { MeasureEvent } from "./event.js";

/** The synchronous storage the outbox needs (localStorage, or a memory stand-in). */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface OutboxState {
  /** Waiting events, oldest first. */
  queue: MeasureEvent[];
  /** Event id → time until which a tab is sending it (no other tab takes it before). */
  leases: Record<string, number>;
  /** Ids already delivered: an event is never queued or sent twice. */
  sent: string[];
  /** Dropped because the queue was full, not yet told to the endpoint. */
  dropped: number;
}

/** Ids of delivered events remembered for de-duplication. */
const SENT_MEMORY = 1000;

/** A Map-backed SyncStorage, when localStorage is missing or throws. */
export function memoryStorage(): SyncStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

export function createOutbox(storage: SyncStorage, key: string, max: number, onProblem: (error: unknown) => void) {
  function read(): OutboxState {
    try {
      const text = storage.getItem(key);
      const state = text ? (JSON.parse(text) as OutboxState) : undefined;
      if (state && Array.isArray(state.queue) && Array.isArray(state.sent) && state.leases && typeof state.leases === "object") return { ...state, dropped: Number(state.dropped) || 0 };
      if (text) onProblem(new Error("the stored beacon queue was unreadable and was reset"));
    } catch (error) {
      onProblem(error);
    }
    return { queue: [], leases: {}, sent: [], dropped: 0 };
  }

  /** One read-change-write. A storage that refuses the write (full) is reported; the change is lost, not the page. */
  function change<T>(fn: (state: OutboxState) => T): T {
    const state = read();
    const result = fn(state);
    try {
      if (!state.queue.length && !state.sent.length && !state.dropped) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(state));
    } catch (error) {
      onProblem(error);
    }
    return result;
  }

  return {
    /** Queues events not queued or delivered before; returns how many were dropped to stay within `max`. */
    add(events: readonly MeasureEvent[]): number {
      return change((state) => {
        const known = new Set([...state.sent, ...state.queue.map((e) => e.id)]);
        for (const event of events) {
          if (known.has(event.id)) continue;
          known.add(event.id);
          state.queue.push(event);
        }
        const over = Math.max(0, state.queue.length - max);
        for (const gone of state.queue.splice(0, over)) delete state.leases[gone.id];
        state.dropped += over;
        return over;
      });
    },
    /** Takes up to `count` events no tab is sending, leased to the caller until `until`; with the drop count to report. */
    take(count: number, now: number, until: number): { events: MeasureEvent[]; dropped: number } {
      return change((state) => {
        const events = state.queue.filter((e) => !(state.leases[e.id] > now)).slice(0, count);
        for (const event of events) state.leases[event.id] = until;
        return { events, dropped: state.dropped };
      });
    },
    /** The endpoint has these: remove them, remember their ids, and forget the drops it was told about. */
    delivered(ids: readonly string[], droppedReported: number): void {
      change((state) => {
        const gone = new Set(ids);
        state.queue = state.queue.filter((e) => !gone.has(e.id));
        for (const id of ids) delete state.leases[id];
        state.sent = [...state.sent, ...ids].slice(-SENT_MEMORY);
        state.dropped = Math.max(0, state.dropped - droppedReported);
      });
    },
    /** Sending failed: the events are free to be taken again. */
    release(ids: readonly string[]): void {
      change((state) => {
        for (const id of ids) delete state.leases[id];
      });
    },
    size: (): number => read().queue.length,
    dropped: (): number => read().dropped,
    clear: (): void => {
      try {
        storage.removeItem(key);
      } catch (error) {
        onProblem(error);
      }
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
