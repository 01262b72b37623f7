import type { Env } from "../../../src/env/env.js";
import { addToCart } from "../../../src/profile/cart.js";
import { createProfileStore } from "../../../src/profile/profile-store.js";
import { recordEvent, type Profile, type WidgetHistory } from "../../../src/profile/profile.js";
import { memoryStore, type KeyValueStore } from "../../../src/profile/storage.js";
import type { TabChannel, TabMessage } from "../../../src/profile/tabs.js";

/** A BroadcastChannel stand-in: every tab but the sender hears a post, synchronously. */
export function fakeHub() {
  const tabs = new Set<(message: TabMessage) => void>();
  let posts = 0;
  return {
    open: (onMessage: (message: TabMessage) => void): TabChannel => {
      tabs.add(onMessage);
      return {
        post: (message) => {
          posts++;
          for (const tab of tabs) if (tab !== onMessage) tab(message);
        },
        close: () => void tabs.delete(onMessage),
      };
    },
    posts: () => posts,
  };
}

let ids = 0;
export const newId = () => `id-${++ids}`;

export function fakeEnv(now = () => Date.UTC(2025, 2, 12, 12)): Env {
  return {
    window: window as unknown as Window & typeof globalThis,
    document,
    now,
    random: Math.random,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    fetch: undefined,
    console: { info: () => {}, warn: () => {}, error: () => {} },
  };
}

/** A store that looks like one kind (e.g. "localstorage") but keeps its data in memory. */
export function sharedStore(kind: KeyValueStore["kind"] = "localstorage", inner: KeyValueStore = memoryStore()): KeyValueStore {
  return { ...inner, kind };
}

/** One tab's profile store, its errors collected. */
export function tab(hub: ReturnType<typeof fakeHub>, env: Env = fakeEnv()) {
  const errors: unknown[] = [];
  const profiles = createProfileStore(env, (error) => errors.push(error), { openChannel: hub.open });
  return { profiles, errors };
}

export const addItem =
  (id: string, quantity = 1) =>
  (p: Profile) =>
    recordEvent({ ...p, cart: addToCart(p.cart, { id, price: 10, quantity }) }, "add_to_cart", Date.UTC(2025, 2, 12, 12), newId, { id });

export const closeWidget =
  (id: string, time: number) =>
  (p: Profile): Profile => {
    const before: WidgetHistory = p.widgets[id] ?? {
      shown: 0,
      lastShown: 0,
      sessionId: p.session.id,
      sessionShown: 0,
      day: "",
      dayShown: 0,
      closed: 0,
      lastClosed: 0,
      converted: 0,
      lastConverted: 0,
    };
    return {
      ...p,
      widgets: { ...p.widgets, [id]: { ...before, shown: before.shown + 1, lastShown: time, sessionShown: before.sessionShown + 1, closed: before.closed + 1, lastClosed: time } },
    };
  };

export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
