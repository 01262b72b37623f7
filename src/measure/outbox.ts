/**
 * The beacon's persisted queue. It lives in localStorage because writing it is
 * synchronous: an event queued at `pagehide` while offline is stored before the
 * page is gone, and every step is a few reads and writes that no other tab of
 * this page's process interleaves.
 *
 * One key per event (`<key>#<seq>`, the event and its lease) and one small
 * head key (`<key>`: the sequence range and the drop count), so queuing an
 * event writes that event's bytes, not the whole queue. Bounded: beyond `max`
 * the oldest events are dropped and counted, and the count travels with the
 * next batch until an answer acknowledges it.
 */
import type { MeasureEvent } from "./event.js";

/** The synchronous storage the outbox needs (localStorage, or a memory stand-in). */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The head key: events live under `<key>#<seq>` for `first <= seq < next` (gaps are events already delivered). */
interface Head {
  v: 2;
  first: number;
  next: number;
  /** Dropped because the queue was full, not yet acknowledged by the endpoint. */
  dropped: number;
}

/** One queued event, and the time until which a tab is sending it (no other tab takes it before). */
interface Entry {
  event: MeasureEvent;
  lease?: number;
}

/** Version 1 kept the whole queue in the head key: read once, to carry its events over. */
interface LegacyState {
  queue: MeasureEvent[];
  dropped?: number;
}

/** A Map-backed SyncStorage, when localStorage is missing or throws. */
export function memoryStorage(): SyncStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const isHead = (value: unknown): value is Head => {
  const head = value as Head | null;
  return !!head && head.v === 2 && Number.isInteger(head.first) && Number.isInteger(head.next) && head.first <= head.next;
};

export function createOutbox(storage: SyncStorage, key: string, max: number, onProblem: (error: unknown) => void) {
  const slot = (seq: number) => `${key}#${seq}`;
  /** Where this tab found the events it took, so acknowledging them reads nothing. */
  const taken = new Map<string, number>();

  function attempt<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      onProblem(error); // a storage that refuses (full, disabled) loses this change, not the page
      return fallback;
    }
  }

  function writeHead(head: Head): void {
    attempt(() => {
      if (head.first === head.next && !head.dropped) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(head));
    }, undefined);
  }

  function readHead(): Head {
    const empty: Head = { v: 2, first: 0, next: 0, dropped: 0 };
    const text = attempt(() => storage.getItem(key), null);
    if (!text) return empty;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (isHead(value)) return { ...value, dropped: Number(value.dropped) || 0 };
    const legacy = value as LegacyState | undefined;
    if (legacy && Array.isArray(legacy.queue)) return migrate(legacy);
    onProblem(new Error("the stored beacon queue was unreadable and was reset"));
    return empty;
  }

  /** A queue stored by an earlier version: its events move to one key each. */
  function migrate(legacy: LegacyState): Head {
    const head: Head = { v: 2, first: 0, next: 0, dropped: Number(legacy.dropped) || 0 };
    for (const event of legacy.queue) if (event && typeof event.id === "string") put(head, event);
    writeHead(head);
    return head;
  }

  function readEntry(seq: number): Entry | undefined {
    const text = attempt(() => storage.getItem(slot(seq)), null);
    if (!text) return undefined;
    try {
      const entry = JSON.parse(text) as Entry;
      if (entry?.event && typeof entry.event.id === "string") return entry;
    } catch {
      // handled below
    }
    onProblem(new Error(`a stored beacon event (${slot(seq)}) was unreadable and was removed`));
    attempt(() => storage.removeItem(slot(seq)), undefined);
    return undefined;
  }

  /** Stores one event at the end; false (reported) when the storage refuses it. */
  function put(head: Head, event: MeasureEvent): boolean {
    const stored = attempt(() => (storage.setItem(slot(head.next), JSON.stringify({ event } satisfies Entry)), true), false);
    if (stored) head.next++;
    return stored;
  }

  /** Moves `first` past delivered (missing) events, so the head range stays as short as the queue. */
  function trim(head: Head): void {
    while (head.first < head.next && attempt(() => storage.getItem(slot(head.first)), null) === null) head.first++;
  }

  /** Calls `fn` with each stored event, oldest first, until it returns false. */
  function scan(head: Head, fn: (entry: Entry, seq: number) => boolean | void): void {
    for (let seq = head.first; seq < head.next; seq++) {
      const entry = readEntry(seq);
      if (entry && fn(entry, seq) === false) return;
    }
  }

  return {
    /** Queues events; returns how many of the oldest were dropped to stay within `max`. */
    add(events: readonly MeasureEvent[]): number {
      const head = readHead();
      let added = 0;
      for (const event of events) {
        if (!put(head, event)) break; // full: reported once, the event stays in this browser's log
        added++;
      }
      // The sequence range counts the queue (gaps are rare and short-lived: another tab's delivery out of order).
      let over = 0;
      while (head.next - head.first > max) {
        const seq = head.first++;
        if (attempt(() => storage.getItem(slot(seq)), null) === null) continue;
        attempt(() => storage.removeItem(slot(seq)), undefined);
        over++;
      }
      head.dropped += over;
      if (added || over) writeHead(head);
      return over;
    },
    /** Takes up to `count` events no tab is sending, leased to the caller until `until` (0: no lease); with the drop count to report. */
    take(count: number, now: number, until: number): { events: MeasureEvent[]; dropped: number } {
      const head = readHead();
      const events: MeasureEvent[] = [];
      scan(head, (entry, seq) => {
        if (events.length >= count) return false;
        if (entry.lease !== undefined && entry.lease > now) return;
        events.push(entry.event);
        taken.set(entry.event.id, seq);
        if (until) attempt(() => storage.setItem(slot(seq), JSON.stringify({ event: entry.event, lease: until } satisfies Entry)), undefined);
      });
      return { events, dropped: head.dropped };
    },
    /** An answer acknowledged these events (and the drops it was told about): remove them. */
    delivered(ids: readonly string[], droppedReported: number): void {
      const head = readHead();
      const unknown = new Set<string>();
      for (const id of ids) {
        const seq = taken.get(id);
        taken.delete(id);
        if (seq !== undefined && readEntry(seq)?.event.id === id) attempt(() => storage.removeItem(slot(seq)), undefined);
        else unknown.add(id);
      }
      // Released before the answer came (the page was hidden, then restored): look for them.
      if (unknown.size) scan(head, (entry, seq) => void (unknown.has(entry.event.id) && attempt(() => storage.removeItem(slot(seq)), undefined)));
      trim(head);
      head.dropped = Math.max(0, head.dropped - droppedReported);
      writeHead(head);
    },
    /** Sending failed: the events are free to be taken again. */
    release(ids: readonly string[]): void {
      for (const id of ids) {
        const seq = taken.get(id);
        taken.delete(id);
        const entry = seq === undefined ? undefined : readEntry(seq);
        if (entry?.event.id === id && entry.lease !== undefined) attempt(() => storage.setItem(slot(seq!), JSON.stringify({ event: entry.event } satisfies Entry)), undefined);
      }
    },
    /** Whether anything may be waiting (cheap: no event is read). */
    waiting: (): boolean => {
      const head = readHead();
      return head.first < head.next;
    },
    /** How many events wait (reads each key: for stats, not for every event). */
    size(): number {
      let n = 0;
      scan(readHead(), () => void n++);
      return n;
    },
    dropped: (): number => readHead().dropped,
    clear(): void {
      const head = readHead();
      for (let seq = head.first; seq < head.next; seq++) attempt(() => storage.removeItem(slot(seq)), undefined);
      attempt(() => storage.removeItem(key), undefined);
      taken.clear();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
