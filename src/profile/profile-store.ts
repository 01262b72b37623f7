import { atom } from "nanostores";
import type { Env } from "../env/env.js";
import { migrateProfile, newProfile, recordPageView, type Profile } from "./profile.js";
import { localStorageSnapshot, type KeyValueStore, type SyncSnapshot } from "./storage.js";

const PROFILE_KEY = "profile";
/** Writes are batched: many events in a burst cost one storage write. */
const WRITE_DELAY_MS = 250;

/**
 * The visitor profile: a nanostores atom in memory, persisted in batches to
 * a `KeyValueStore`, flushed when the page is hidden or unloaded.
 */
export function createProfileStore(env: Env, onError: (error: unknown) => void) {
  const $profile = atom<Profile>(newProfile("", env.now()));
  let store: KeyValueStore | undefined;
  let timer: unknown;
  let dirty = false;
  let isNew = false;
  let snapshot: SyncSnapshot | undefined;

  async function flush(): Promise<void> {
    if (timer !== undefined) env.clearTimeout(timer);
    timer = undefined;
    if (!dirty || !store) return;
    dirty = false;
    try {
      await store.set(PROFILE_KEY, $profile.get());
    } catch (error) {
      dirty = true; // keep it for the next try rather than losing the change
      onError(error);
    }
  }

  function schedule() {
    dirty = true;
    if (timer === undefined && store) timer = env.setTimeout(() => void flush(), WRITE_DELAY_MS);
  }

  /** The newest readable profile in a store (or its page-hide snapshot); a corrupt one is set aside. */
  async function readFrom(target: KeyValueStore): Promise<Profile | undefined> {
    store = target;
    snapshot = target.kind === "memory" ? undefined : localStorageSnapshot(env.window, PROFILE_KEY);
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
    // The page-hide snapshot wins when the last asynchronous write did not finish before unload.
    const saved = migrateProfile(snapshot?.read());
    return saved && saved.rev > (fromStore?.rev ?? -1) ? saved : fromStore;
  }

  return {
    $profile,
    get: () => $profile.get(),
    /** True when this page load created the visitor. */
    isNew: () => isNew,
    /** Reads the stored profile, or starts a new one (a corrupt one is set aside, not thrown). */
    async open(target: KeyValueStore, newId: () => string): Promise<void> {
      const profile = await readFrom(target);
      isNew = !profile;
      // Changes made before storage opened (early API calls) are replayed by the caller.
      $profile.set(profile ?? newProfile(newId(), env.now()));
      schedule();
    },
    /**
     * Switches from memory to real storage once consent is given. A returning
     * visitor's stored profile is kept; what this page added in memory (its
     * page view, cart, traits) is carried over onto it.
     */
    async adopt(target: KeyValueStore, newId: () => string): Promise<void> {
      const stored = await readFrom(target);
      const current = $profile.get();
      if (stored) {
        const carried = current.pagesTotal > 0 ? recordPageView(stored, env.now(), newId) : stored;
        $profile.set({
          ...carried,
          rev: Math.max(stored.rev, current.rev) + 1,
          cart: current.cart.length ? current.cart : stored.cart,
          attributes: { ...stored.attributes, ...current.attributes },
        });
        isNew = false;
      }
      schedule();
      await flush();
    },
    /** Moves the profile to another store (e.g. from memory to IndexedDB once consent is given). */
    async moveTo(target: KeyValueStore): Promise<void> {
      store = target;
      snapshot?.clear();
      snapshot = target.kind === "memory" ? undefined : localStorageSnapshot(env.window, PROFILE_KEY);
      schedule();
      await flush();
    },
    update(change: (profile: Profile) => Profile): void {
      const before = $profile.get();
      $profile.set({ ...change(before), rev: before.rev + 1 });
      schedule();
    },
    reset(newId: string): void {
      $profile.set(newProfile(newId, env.now()));
      isNew = true;
      dirty = false;
    },
    flush,
    /** On page hide: a synchronous snapshot first (it always lands), then the normal write. */
    flushOnHide(): Promise<void> {
      if (dirty && store) snapshot?.write($profile.get());
      return flush();
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
