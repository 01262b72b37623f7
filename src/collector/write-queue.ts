import type { IngestCounts, InsertResult, StoredEvent } from "./store.js";

/** One caller's insert, waiting in the queue. */
export interface QueuedWrite {
  batch: readonly StoredEvent[];
  /** Counters to add in the same write. */
  counts?: Partial<IngestCounts>;
  resolve(result: InsertResult): void;
  reject(error: unknown): void;
}

/**
 * Stores the first copy of each id of a group (`firstCopies`, in arrival order) that is not stored
 * yet, with the group's counters, and resolves with the ids it stored.
 */
export type WriteGroup = (firstCopies: Map<string, StoredEvent>, group: readonly QueuedWrite[]) => Promise<Set<string>>;

/**
 * Writes one group at a time: every call that arrives while a write runs goes into the next one,
 * so concurrent beacons cost one database round trip, not one each. Each stored id is credited to
 * the first call that carried it; the others count it as a duplicate.
 */
export function writeQueue(writeGroup: WriteGroup) {
  let pending: QueuedWrite[] = [];
  let writing: Promise<void> | null = null;

  async function write(group: QueuedWrite[]) {
    try {
      const firstCopies = new Map<string, StoredEvent>();
      for (const call of group) for (const event of call.batch) if (!firstCopies.has(event.id)) firstCopies.set(event.id, event);
      const stored = await writeGroup(firstCopies, group);
      for (const call of group) {
        let inserted = 0;
        for (const event of call.batch) if (stored.delete(event.id)) inserted++;
        call.resolve({ inserted, duplicates: call.batch.length - inserted });
      }
    } catch (error) {
      for (const call of group) call.reject(error);
    }
  }

  /** Resolves once every queued write is done. */
  function drain(): Promise<void> {
    if (!writing) {
      writing = (async () => {
        while (pending.length) {
          const group = pending;
          pending = [];
          await write(group);
        }
        writing = null;
      })();
    }
    return writing;
  }

  /** Queues a write (events and/or counters); resolves once it is committed. */
  function enqueue(batch: readonly StoredEvent[], counts?: Partial<IngestCounts>): Promise<InsertResult> {
    return new Promise<InsertResult>((resolve, reject) => {
      pending.push({ batch, counts, resolve, reject });
      void drain();
    });
  }

  return { enqueue, drain };
}

/** Events the group carried, copies included. */
export const eventsIn = (group: readonly QueuedWrite[]) => group.reduce((sum, call) => sum + call.batch.length, 0);
