/*
 * The switch from memory to real storage once the visitor grants consent to store: a lazy chunk of
 * the profile store (profile-store.ts), loaded only on that rare path.
 */
import type { Env } from "../env/env.js";
import { newProfile, recordPageView, type Profile } from "./profile.js";
import type { KeyValueStore } from "./storage.js";

/** What the switch may touch of a profile store. */
export interface AdoptingStore {
  env: Env;
  /** The profile as this tab sees it now. */
  latest(): Profile;
  /** Makes `target` the store and reads its profile (and an earlier version's page-hide snapshot, when newer). */
  readFrom(target: KeyValueStore): Promise<{ stored?: Profile; legacy?: Profile }>;
  /** Starts again from `base` with `change` (if any) pending, and writes at once. */
  restart(base: Profile, change: ((profile: Profile) => Profile) | undefined, isNew?: boolean): Promise<void>;
}

/**
 * Adopts `target`: a returning visitor's stored profile is kept, and what this page added in memory
 * (its page view, cart, traits) is carried over onto it; a new visitor's memory profile is written as it is.
 */
export async function adopt(store: AdoptingStore, target: KeyValueStore, newId: () => string): Promise<void> {
  const { env } = store;
  const current = store.latest();
  const { stored, legacy } = await store.readFrom(target);
  const found = stored ?? legacy;
  if (!found) return store.restart(current, undefined);
  const carry = (p: Profile): Profile => {
    const from = legacy && p.rev < legacy.rev ? legacy : p;
    const carried = current.pagesTotal > 0 ? recordPageView(from, env.now(), newId) : from;
    return { ...carried, cart: current.cart.length ? current.cart : from.cart, attributes: { ...from.attributes, ...current.attributes } };
  };
  return store.restart(stored ?? newProfile(found.id, env.now()), carry, false);
}
