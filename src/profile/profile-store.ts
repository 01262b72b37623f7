import type { Env } from "../env/env.js";
import type { mergeProfiles } from "./merge.js";
import type { AdoptingStore } from "./profile-adopt.js";
import { migrateProfile, newProfile, type Profile } from "./profile.js";
import { localStorageSnapshot, type KeyValueStore, type SyncSnapshot } from "./storage.js";
import { openTabChannel, type OpenTabChannel, type TabChannel, type TabMessage } from "./tabs.js";

const PROFILE_KEY = "profile";
/** The page-hide journal (IndexedDB only): this tab's unwritten batches, as before/after copies. */
const UNSAVED_KEY = "profile.unsaved";
/** Writes are batched: many events in a burst cost one storage write. */
const WRITE_DELAY_MS = 250;
/** Ids of the latest writes kept in the stored profile, so a journal entry is folded in once only. */
const KEEP_WRITES = 64;

/**
 * One `update(fn)`, with the clock readings and random numbers it took the
 * first time: a replay hands the same values back, so a rebased change keeps
 * its original timestamps and ids (a retried write an hour later does not
 * move a widget's close to "now").
 */
interface Change {
  fn: (profile: Profile) => Profile;
  times: number[];
  randoms: number[];
  /** Its result in the current chain (`chainBase` plus every pending change up to this one). */
  out?: Stored;
}
/** Changes sealed for one write, under an id that the stored profile records once they are in. */
interface Batch {
  id: string;
  changes: Change[];
}
/** The stored profile also lists the ids of its latest writes. */
type Stored = Profile & { writes?: string[] };
/** A page-hide journal entry: one unwritten batch as the copy before it and after it. */
interface Unsaved {
  id: string;
  before: Profile;
  after: Profile;
}

/** Stores made by this page: part of each store's tab id. */
let stores = 0;

export interface ProfileStoreOptions {
  /** How to reach the other tabs (tests pass a fake); by default BroadcastChannel, else the `storage` event. */
  openChannel?: OpenTabChannel;
}

/**
 * The visitor profile: kept in memory, persisted in batches to
 * a `KeyValueStore`, flushed when the page is hidden or unloaded, and shared
 * by every tab of the site.
 *
 * Several tabs: "rebase, then write". Every `update(fn)` is kept as the
 * function `fn` until it is stored. A write reads the stored copy and replays
 * this tab's pending functions onto it in one atomic step
 * (`KeyValueStore.update`), so another tab's cart lines, events and widget
 * closes are never overwritten. After a write the tab posts `{ rev }` to the
 * others, which re-read the stored copy and replay their own pending changes
 * onto it. `latest` always shows the last stored copy plus this tab's
 * pending changes. (A replayed change is handed the clock readings and random
 * numbers of its first run, so its timestamps and ids do not move: see `Change`.)
 *
 * Page hide: an IndexedDB write may not finish before unload (and in WebKit
 * one cut off by a navigation blocks IndexedDB for the next page), so the
 * pending batches are written synchronously to a localStorage journal instead,
 * each as a before/after pair under its batch id. Whichever tab writes next folds the
 * entries that are not yet in the stored copy with a three-way merge
 * (`mergeProfiles`) and records their ids in `writes`; a batch that lands
 * later finds its id there and is not applied twice. A snapshot of the whole
 * profile would not do: it would either lose the other tabs' writes made
 * since, or (when older) lose this tab's. With localStorage as the store the
 * write itself is synchronous and needs no journal.
 *
 * Not covered: a storage that is cleared by `forget()` in one tab while
 * another tab still holds pending changes (those land on the cleared store).
 */
export function createProfileStore(env: Env, onError: (error: unknown) => void, options: ProfileStoreOptions = {}) {
  // Unique per store: batch ids must never repeat (a stored id means "already in"), even with a seeded random.
  const tab = `${env.now().toString(36)}.${env.random().toString(36).slice(2, 8)}.${++stores}`;
  let writeCount = 0;
  const nextWriteId = () => `${tab}.${++writeCount}`;
  /** The profile as this tab sees it: a plain variable; nothing subscribes to it (see the note on nanostores in the commit). */
  let latest: Profile = newProfile("", env.now());
  let store: KeyValueStore | undefined;
  let timer: unknown;
  let isNew = false;
  /** The newest copy known to be stored. */
  let base: Stored = latest;
  /** Sealed batches not yet stored (oldest first), and the open changes not yet sealed. */
  let batches: Batch[] = [];
  let open: Change[] = [];
  /** `base` itself is not stored yet (a new visitor); `replace`: write it over whatever is stored. */
  let mustWrite = false;
  let replace = false;
  /** Bumped by `reset` and store switches: a write begun before must not touch the new state. */
  let generation = 0;
  let queue: Promise<void> = Promise.resolve();
  let running = 0;
  let journal: SyncSnapshot | undefined;
  let channel: TabChannel | undefined;
  const openChannel = options.openChannel ?? ((onMessage) => openTabChannel(env.window, onMessage));

  /** The profile a running change is applied to: `get()` inside a change (e.g. caps' session id) reads it. */
  let applying: Profile | undefined;

  /**
   * Runs a change on a profile. The first run records what it read from
   * `env.now`/`env.random`; later runs (replays onto another tab's copy) are
   * handed the same values, in order, so they are deterministic.
   */
  function run(change: Change, profile: Stored, record: boolean): Stored {
    const { now, random } = env;
    let t = 0;
    let r = 0;
    const tape = (real: () => number, values: number[], at: () => number) => () => {
      if (record) {
        const value = real.call(env);
        values.push(value);
        return value;
      }
      const i = at();
      return i < values.length ? values[i] : real.call(env);
    };
    env.now = tape(now, change.times, () => t++);
    env.random = tape(random, change.randoms, () => r++);
    const outer = applying;
    // The tapes are the first run's; `run` is synchronous, so nothing else sees the swapped clock.
    applying = profile;
    try {
      return { ...change.fn(profile), rev: profile.rev + 1 };
    } finally {
      env.now = now;
      env.random = random;
      applying = outer;
    }
  }

  function replay(changes: Change[], from: Stored): Stored {
    let profile = from;
    for (const change of changes) {
      try {
        profile = run(change, profile, false);
      } catch (error) {
        onError(error); // one broken change is skipped, the others still apply
      }
    }
    return profile;
  }

  const pending = (): Change[] => [...batches.flatMap((batch) => batch.changes), ...open];
  /** The copy the pending changes' `out` results were computed on. */
  let chainBase: Stored = base;

  /** Recomputes the pending changes on top of `base` (after another tab's write) and shows the result. */
  function show() {
    chainBase = base;
    let profile = base;
    for (const change of pending()) {
      try {
        profile = change.out = run(change, profile, false);
      } catch (error) {
        change.out = profile;
        onError(error); // one broken change is skipped, the others still apply
      }
    }
    latest = profile;
  }
  const written = (profile: Stored) => (Array.isArray(profile.writes) ? profile.writes : []);

  /**
   * One task at a time: writes and re-reads never interleave within a tab.
   * An idle queue starts the task at once, so a flush on page hide (or
   * before `destroy`) begins its write synchronously.
   */
  function enqueue(task: () => Promise<void>): Promise<void> {
    running++;
    const run = (running === 1 ? task() : queue.then(task)).catch(onError).finally(() => void running--);
    queue = run;
    return run;
  }

  function seal() {
    if (open.length) batches.push({ id: nextWriteId(), changes: open });
    open = [];
  }

  function flush(): Promise<void> {
    if (timer !== undefined) env.clearTimeout(timer);
    timer = undefined;
    seal();
    return enqueue(writeAll);
  }

  function schedule() {
    if (timer === undefined && store) timer = env.setTimeout(() => void flush(), WRITE_DELAY_MS);
  }

  function readJournal(): Unsaved[] {
    const entries = journal?.read();
    if (!Array.isArray(entries)) return [];
    return entries.filter((e): e is Unsaved => typeof e?.id === "string" && !!migrateProfile(e.before) && !!migrateProfile(e.after));
  }

  /** The three-way merge, loaded only once another tab's page-hide batch waits in the journal (rare). */
  let merge: typeof mergeProfiles | undefined;
  const othersInJournal = () => readJournal().filter((entry) => !batches.some((batch) => batch.id === entry.id)); // ours are replayed exactly instead
  const mergeNeeded = () => !merge && othersInJournal().length > 0;
  async function loadMerge(): Promise<void> {
    merge = (await import("./merge.js")).mergeProfiles;
  }

  /**
   * Folds other tabs' unwritten page-hide batches into a freshly read copy (inside the atomic
   * write). An entry that appeared after the merge code was last checked for waits for the next write.
   */
  function foldJournal(fresh: Stored): Stored {
    let profile = fresh;
    if (!merge) return profile;
    for (const entry of othersInJournal()) {
      if (entry.before.id !== profile.id || written(profile).includes(entry.id)) continue;
      profile = { ...merge(entry.before, entry.after, profile), writes: [...written(profile), entry.id].slice(-KEEP_WRITES) };
    }
    return profile;
  }

  /**
   * The newest profile in the page-hide journal, for a visitor whose first write never landed.
   * The batches it already contains are marked as written, so folding the journal adds nothing twice.
   */
  function fromJournalOnly(): Stored | undefined {
    const entries = readJournal();
    if (!entries.length) return undefined;
    const newest = entries.reduce((a, b) => (b.after.rev > a.after.rev ? b : a));
    const included = entries.filter((e) => e.after.id === newest.after.id && e.after.rev <= newest.after.rev).map((e) => e.id);
    const after = migrateProfile(newest.after) as Stored;
    return { ...after, writes: [...written(after), ...included].slice(-KEEP_WRITES) };
  }

  /** Drops journal entries that are stored now (or belong to another visitor). */
  function cleanJournal(stored: Stored) {
    if (!journal) return;
    const entries = readJournal();
    const left = entries.filter((entry) => entry.before.id === stored.id && !written(stored).includes(entry.id));
    const last = written(stored).slice(-1)[0];
    // With IndexedDB the stored copy stays mirrored here (under an id already written, so nothing folds it
    // twice): in WebKit a write cut off by a navigation, even another one of ours, leaves IndexedDB unusable
    // for the next page, which then continues from this copy in localStorage instead of a new profile.
    if (store?.kind === "indexeddb" && last) left.push({ id: last, before: stored, after: stored });
    if (left.length) journal.write(left);
    else journal.clear();
  }

  /**
   * The copy to write: the freshest stored one, with the journal folded in
   * and this batch on top. When nobody else wrote since (the usual case) the
   * batch's results are reused as they are; only another tab's write makes
   * the changes run again (replay), on its copy.
   */
  function rebase(stored: unknown, batch: Batch): { result: Stored; replayed: boolean } {
    const read = (replace ? undefined : (migrateProfile(stored) as Stored | undefined)) ?? base;
    const fresh = foldJournal(read);
    if (written(fresh).includes(batch.id)) return { result: fresh, replayed: true }; // another tab folded it from our journal already
    const last = batch.changes[batch.changes.length - 1];
    const unchanged = fresh === read && fresh.id === chainBase.id && fresh.rev === chainBase.rev && batch === batches[0];
    const result = !last ? fresh : unchanged && last.out ? last.out : replay(batch.changes, fresh);
    return { result: { ...result, writes: [...written(fresh), batch.id].slice(-KEEP_WRITES) }, replayed: !unchanged };
  }

  /** Batches another tab already folded in from the journal are not replayed again. */
  function dropLanded() {
    const landed = written(base);
    batches = batches.filter((batch) => !landed.includes(batch.id));
  }

  /**
   * Writes this tab's unwritten batches to the synchronous journal (IndexedDB only), as before/after
   * pairs. Done before every IndexedDB write too: in WebKit a write that a navigation cuts off leaves
   * IndexedDB unusable for the next page, which then has only the journal to continue from.
   */
  function journalPending(): boolean {
    if (store?.kind !== "indexeddb" || !journal || !batches.length) return false;
    const entries: Unsaved[] = [];
    let before: Profile = chainBase;
    for (const batch of batches) {
      const after = batch.changes[batch.changes.length - 1]?.out ?? before;
      entries.push({ id: batch.id, before, after });
      before = after;
    }
    const others = readJournal().filter((entry) => !entries.some((e) => e.id === entry.id));
    journal.write([...others, ...entries]);
    return true;
  }

  async function writeAll(): Promise<void> {
    const target = store;
    if (!target) return;
    journalPending();
    while (batches.length || mustWrite) {
      // Awaited only when needed: otherwise a flush on page hide must start its write synchronously.
      if (mergeNeeded()) await loadMerge();
      const batch = batches[0] ?? { id: nextWriteId(), changes: [] };
      const started = generation;
      let result: Stored | undefined;
      let replayed = false;
      const write = (stored: unknown) => {
        ({ result, replayed } = rebase(stored, batch));
        return result;
      };
      try {
        if (target.update) await target.update(PROFILE_KEY, write);
        else await target.set(PROFILE_KEY, write(await target.get(PROFILE_KEY)));
      } catch (error) {
        onError(error); // the batch stays for the next try rather than losing the change
        return;
      }
      if (started !== generation || target !== store || !result) return;
      mustWrite = replace = false;
      if (batches[0] === batch) batches.shift();
      base = result;
      dropLanded();
      cleanJournal(base);
      if (replayed) show();
      else chainBase = base; // the pending changes' results still stand on it
      if (target.kind !== "memory") channel?.post({ rev: base.rev, from: tab });
    }
  }

  /** Another tab wrote: re-read the stored copy and show it with this tab's pending changes on top. */
  async function refresh(): Promise<void> {
    const target = store;
    if (!target || target.kind === "memory") return;
    const started = generation;
    const stored = migrateProfile(await target.get(PROFILE_KEY)) as Stored | undefined;
    if (!stored || started !== generation || target !== store) return;
    if (stored.id === base.id && stored.rev <= base.rev) return;
    base = stored;
    mustWrite = false;
    dropLanded();
    show();
  }

  function listen() {
    if (channel) return;
    try {
      channel = openChannel((message: TabMessage) => {
        if (message.from !== tab && message.rev > base.rev) void enqueue(refresh);
      });
    } catch (error) {
      onError(error);
    }
  }

  /**
   * The journal is written only for IndexedDB (only its writes can miss the unload), but read for
   * localStorage too: a page that had to fall back from IndexedDB still folds what the last one left.
   */
  function adoptStore(target: KeyValueStore) {
    store = target;
    generation++;
    journal = target.kind === "memory" ? undefined : localStorageSnapshot(env.window, UNSAVED_KEY);
  }

  /** The stored profile, or undefined; a corrupt one is set aside. */
  async function readFrom(target: KeyValueStore): Promise<{ stored?: Stored; legacy?: Profile }> {
    adoptStore(target);
    let stored: unknown;
    try {
      stored = await target.get(PROFILE_KEY);
    } catch (error) {
      onError(error);
    }
    const fromStore = migrateProfile(stored);
    if (stored !== undefined && !fromStore) {
      onError(new Error("the stored profile was unreadable; it was set aside and a new one started"));
      await target.set(`${PROFILE_KEY}.corrupt`, stored).catch(() => {});
    }
    // Earlier versions kept a whole-profile page-hide snapshot: it wins, once, when newer.
    const old = target.kind === "memory" ? undefined : localStorageSnapshot(env.window, PROFILE_KEY);
    const saved = migrateProfile(old?.read());
    old?.clear();
    return { stored: fromStore, legacy: saved && saved.rev > (fromStore?.rev ?? -1) ? saved : undefined };
  }

  /** What the switch to real storage (profile-adopt.ts) may touch. */
  const adopting: AdoptingStore = {
    env,
    latest: () => latest,
    readFrom,
    async restart(from, change, visitorIsNew = isNew) {
      batches = [];
      base = from;
      open = change ? [{ fn: change, times: [], randoms: [] }] : [];
      isNew = visitorIsNew;
      mustWrite = true;
      listen();
      show();
      await flush();
    },
  };

  return {
    get: (): Profile => applying ?? latest,
    /** True when this page load created the visitor. */
    isNew: () => isNew,
    /** Reads the stored profile, or starts a new one (a corrupt one is set aside, not thrown). */
    async open(target: KeyValueStore, newId: () => string): Promise<void> {
      const { stored, legacy } = await readFrom(target);
      // Nothing stored yet, but the previous page hid before its first write landed: its journal is the profile.
      const orphan = stored || legacy ? undefined : fromJournalOnly();
      isNew = !stored && !legacy && !orphan;
      base = stored ?? legacy ?? orphan ?? newProfile(newId(), env.now());
      if (legacy && stored) open.unshift({ fn: () => legacy, times: [], randoms: [] });
      mustWrite = !stored;
      listen();
      show();
      // Another tab's unwritten page-hide batches: fold them in now, so this page sees them.
      const journaled = readJournal();
      if (journaled.length && (mustWrite || journaled.some((entry) => !written(base).includes(entry.id)))) {
        mustWrite = true;
        await flush();
      } else schedule();
    },
    /**
     * Switches from memory to real storage once consent is given. A returning
     * visitor's stored profile is kept; what this page added in memory (its
     * page view, cart, traits) is carried over onto it. Its code is a chunk of its own (profile-adopt.ts).
     */
    adopt: (target: KeyValueStore, newId: () => string): Promise<void> => import("./profile-adopt.js").then((chunk) => chunk.adopt(adopting, target, newId)),
    /** Moves the profile to another store (e.g. to memory when consent is withdrawn), replacing what is there. */
    async moveTo(target: KeyValueStore): Promise<void> {
      journal?.clear();
      base = chainBase = latest;
      batches = [];
      open = [];
      adoptStore(target);
      mustWrite = replace = true;
      await flush();
    },
    /** Changes the profile now; the change is written in the next batch, on top of the other tabs' changes. */
    update(change: (profile: Profile) => Profile): void {
      const step: Change = { fn: change, times: [], randoms: [] };
      const after = run(step, latest, true); // a change that throws is not kept; the caller reports it
      step.out = after;
      open.push(step);
      latest = after;
      schedule();
    },
    reset(newId: string): void {
      generation++;
      base = chainBase = newProfile(newId, env.now());
      batches = [];
      open = [];
      mustWrite = replace = false;
      latest = base;
      isNew = true;
    },
    flush,
    /** Catches up with the other tabs' writes now (e.g. before deciding on another tab's modal release). */
    sync: (): Promise<void> => enqueue(refresh),
    /**
     * Stops listening to the other tabs (for `destroy()`, and when the page goes into the
     * back/forward cache: a message arriving there would evict it); pending changes still need a `flush()`.
     */
    close(): void {
      channel?.close();
      channel = undefined;
    },
    /** Back from the back/forward cache: listens again and catches up with what the other tabs wrote meanwhile. */
    resume: (): Promise<void> => (listen(), enqueue(refresh)),
    /**
     * On page hide: this tab's unwritten batches go to the synchronous journal
     * (it always lands), and no IndexedDB write starts. WebKit leaves IndexedDB
     * unusable for the whole origin (open never answers, for tens of seconds)
     * when a navigation cuts off a transaction, so the next page fell back to
     * another storage and lost the profile. If the page lives on (a tab
     * switch, the back/forward cache), the batch timer writes as usual.
     */
    flushOnHide(): Promise<void> {
      seal();
      if (!journalPending()) return flush();
      schedule();
      return Promise.resolve();
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
