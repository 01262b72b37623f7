import { atom } from "nanostores";
import type { Env } from "../env/env.js";
import { migrateProfile, newProfile, type Profile } from "./profile.js";
import type { KeyValueStore } from "./storage.js";

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

  return {
    $profile,
    get: () => $profile.get(),
    /** True when this page load created the visitor. */
    isNew: () => isNew,
    /** Reads the stored profile, or starts a new one (a corrupt one is set aside, not thrown). */
    async open(target: KeyValueStore, newId: () => string): Promise<void> {
      store = target;
      let stored: unknown;
      try {
        stored = await target.get(PROFILE_KEY);
      } catch (error) {
        onError(error);
      }
      const profile = migrateProfile(stored);
      if (stored !== undefined && !profile) {
        onError(new Error("the stored profile was unreadable; it was set aside and a new one started"));
        await target.set(`${PROFILE_KEY}.corrupt`, stored).catch(() => {});
      }
      isNew = !profile;
      // Changes made before storage opened (early API calls) are replayed by the caller.
      $profile.set(profile ?? newProfile(newId(), env.now()));
      schedule();
    },
    /** Moves the profile to another store (e.g. from memory to IndexedDB once consent is given). */
    async moveTo(target: KeyValueStore): Promise<void> {
      store = target;
      schedule();
      await flush();
    },
    update(change: (profile: Profile) => Profile): void {
      $profile.set(change($profile.get()));
      schedule();
    },
    reset(newId: string): void {
      $profile.set(newProfile(newId, env.now()));
      isNew = true;
      dirty = false;
    },
    flush,
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
