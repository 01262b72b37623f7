/**
 * This browser's own record of measured events, for `nudge.report()`: the
 * last `LOG_LIMIT` events in the instance's store (IndexedDB, localStorage or
 * memory, the same one as the profile), written in batches.
 *
 * Page exit: Chromium drops an IndexedDB transaction that is not committed
 * when the document goes away, and a read-change-write (this log's append)
 * cannot commit within the `pagehide` task, so the last batch would be lost
 * on every navigation. With IndexedDB the batch pending at `pagehide` is also
 * appended to a synchronous localStorage journal, which the next write (in
 * any tab) folds into the log and clears.
 */
import type { Env } from "../env/env.js";
import { localStorageSnapshot, type KeyValueStore, type SyncSnapshot } from "../profile/storage.js";
import type { MeasureEvent } from "./event.js";

export const LOG_KEY = "measure:log";
/** The page-exit journal's key (localStorage, under Nudge's prefix). */
export const LOG_JOURNAL_KEY = "measure:log.unsaved";
export const LOG_LIMIT = 1000;
const WRITE_DELAY_MS = 250;

/** Appends events to a stored list, keeping the newest `limit`, each id once. */
export function appendToLog(stored: unknown, events: readonly MeasureEvent[], limit = LOG_LIMIT): MeasureEvent[] {
  const old = Array.isArray(stored) ? (stored as MeasureEvent[]) : [];
  const ids = new Set(old.map((e) => e.id));
  return [...old, ...events.filter((e) => !ids.has(e.id))].slice(-limit);
}

const journaled = (journal: SyncSnapshot | undefined): MeasureEvent[] => {
  const entries = journal?.read();
  return Array.isArray(entries) ? entries.filter((e): e is MeasureEvent => typeof (e as MeasureEvent | null)?.id === "string") : [];
};

export function createLog(env: Env, store: () => KeyValueStore, problem: (error: unknown) => void) {
  let pending: MeasureEvent[] = [];
  let timer: unknown;
  let writing: Promise<void> = Promise.resolve();
  /** Only IndexedDB writes can miss the unload (localStorage and memory write synchronously). */
  const journalFor = (target: KeyValueStore) => (target.kind === "indexeddb" ? localStorageSnapshot(env.window, LOG_JOURNAL_KEY) : undefined);

  /** Drops from the journal what the log holds now; entries another tab added meanwhile stay. */
  function cleanJournal(journal: SyncSnapshot, folded: readonly MeasureEvent[]) {
    const done = new Set(folded.map((e) => e.id));
    const left = journaled(journal).filter((e) => !done.has(e.id));
    if (left.length) journal.write(left);
    else journal.clear();
  }

  function write(): Promise<void> {
    if (timer !== undefined) env.clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    const target = store();
    const journal = journalFor(target);
    if (!batch.length && !journaled(journal).length) return writing;
    writing = writing
      .then(async () => {
        // Read when the write starts: a page-exit batch of another tab folds in with ours.
        const folded = journaled(journal);
        const append = (old: unknown) => appendToLog(appendToLog(old, folded), batch);
        if (target.update) await target.update(LOG_KEY, append);
        else await target.set(LOG_KEY, append(await target.get(LOG_KEY)));
        if (journal && folded.length) cleanJournal(journal, folded);
      })
      .catch(problem);
    return writing;
  }

  return {
    add(event: MeasureEvent): void {
      pending.push(event);
      timer ??= env.setTimeout(() => void write(), WRITE_DELAY_MS);
    },
    flush: write,
    /**
     * The page is going away: with IndexedDB the pending batch goes to the synchronous journal only (it always
     * lands; the next write in any tab folds it in). No IndexedDB write starts here: in WebKit one cut off by the
     * navigation leaves IndexedDB unusable for the next page (see the profile store). If the page lives on, the
     * batch timer writes as usual.
     */
    hide(): void {
      const journal = journalFor(store());
      if (!journal) return void write();
      if (pending.length) journal.write(appendToLog(journaled(journal), pending));
    },
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
      journalFor(store())?.clear();
    },
  };
}
