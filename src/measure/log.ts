/**
 * This browser's own record of measured events, for `nudge.report()`: the
 * last `LOG_LIMIT` events in the instance's store (IndexedDB, localStorage or
 * memory, the same one as the profile), written in batches.
 */
import type { Env } from "../env/env.js";
import type { KeyValueStore } from "../profile/storage.js";
import type { MeasureEvent } from "./event.js";

export const LOG_KEY = "measure:log";
export const LOG_LIMIT = 1000;
const WRITE_DELAY_MS = 250;

/** Appends events to a stored list, keeping the newest `limit`, each id once. */
export function appendToLog(stored: unknown, events: readonly MeasureEvent[], limit = LOG_LIMIT): MeasureEvent[] {
  const old = Array.isArray(stored) ? (stored as MeasureEvent[]) : [];
  const ids = new Set(old.map((e) => e.id));
  return [...old, ...events.filter((e) => !ids.has(e.id))].slice(-limit);
}

export function createLog(env: Env, store: () => KeyValueStore, problem: (error: unknown) => void) {
  let pending: MeasureEvent[] = [];
  let timer: unknown;
  let writing: Promise<void> = Promise.resolve();

  function write(): Promise<void> {
    if (timer !== undefined) env.clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (!batch.length) return writing;
    const target = store();
    writing = writing
      .then(() => (target.update ? target.update(LOG_KEY, (old) => appendToLog(old, batch)) : target.get(LOG_KEY).then((old) => target.set(LOG_KEY, appendToLog(old, batch)))))
      .catch(problem);
    return writing;
  }

  return {
    add(event: MeasureEvent): void {
      pending.push(event);
      timer ??= env.setTimeout(() => void write(), WRITE_DELAY_MS);
    },
    flush: write,
    /** Everything recorded, pending events included. */
    async read(): Promise<MeasureEvent[]> {
      await write();
      try {
        return appendToLog(await store().get(LOG_KEY), []);
      } catch (error) {
        problem(error);
        return [];
      }
    },
    forget(): void {
      if (timer !== undefined) env.clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
  };
}
