import { createStore, del, get, keys, set, update } from "idb-keyval";
import type { Env } from "../env/env.js";
import { toJson } from "../env/json.js";

/** The one storage seam: async key/value, so IndexedDB, localStorage and memory look alike. */
export interface KeyValueStore {
  readonly kind: "indexeddb" | "localstorage" | "memory";
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  /**
   * Optional (a custom store may leave it out: Nudge then reads and writes,
   * which is not atomic across tabs). Reads, changes and writes one key as one atomic step: no other tab can
   * write the key in between (one IndexedDB transaction; localStorage and
   * memory do it synchronously). `fn` must be synchronous; if it throws,
   * nothing is written and the promise rejects.
   *
   * @example
   * await store.update("visits", (old) => (typeof old === "number" ? old : 0) + 1);
   */
  update?(key: string, fn: (old: unknown) => unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Removes every key Nudge wrote in this store. */
  clear(): Promise<void>;
}

const DB_NAME = "nudge";
const LOCAL_PREFIX = "nudge:";

export function indexedDbStore(): KeyValueStore {
  const db = createStore(DB_NAME, "kv");
  return {
    kind: "indexeddb",
    get: (key) => get(key, db),
    set: (key, value) => set(key, value, db),
    update: (key, fn) => update(key, fn, db),
    del: (key) => del(key, db),
    clear: async () => {
      for (const key of await keys(db)) await del(key, db);
    },
  };
}

export function localStorageStore(storage: Storage): KeyValueStore {
  return {
    kind: "localstorage",
    get: async (key) => {
      const text = storage.getItem(LOCAL_PREFIX + key);
      return text === null ? undefined : JSON.parse(text);
    },
    set: async (key, value) => storage.setItem(LOCAL_PREFIX + key, toJson(value)),
    // Synchronous between the read and the write, so no other tab's script runs in between.
    update: async (key, fn) => {
      const text = storage.getItem(LOCAL_PREFIX + key);
      storage.setItem(LOCAL_PREFIX + key, toJson(fn(text === null ? undefined : JSON.parse(text))));
    },
    del: async (key) => storage.removeItem(LOCAL_PREFIX + key),
    clear: async () => {
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i);
        if (key?.startsWith(LOCAL_PREFIX)) storage.removeItem(key);
      }
    },
  };
}

export function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    kind: "memory",
    // Stored as JSON so callers never share mutable objects with the store, as with real storage.
    get: async (key) => (data.has(key) ? JSON.parse(data.get(key)!) : undefined),
    set: async (key, value) => void data.set(key, toJson(value)),
    update: async (key, fn) => void data.set(key, toJson(fn(data.has(key) ? JSON.parse(data.get(key)!) : undefined))),
    del: async (key) => void data.delete(key),
    clear: async () => data.clear(),
  };
}

/**
 * Which storage worked here before: "indexeddb" once IndexedDB passed the full probe (later pages
 * check it with one read instead of a write, a read and a delete), "localstorage" once IndexedDB
 * failed and localStorage took over (later pages keep to localStorage, where the profile now is).
 */
const PINNED = `${LOCAL_PREFIX}store`;

/**
 * Picks the best storage that actually works here: IndexedDB, then
 * localStorage, then memory. Each candidate must survive a write and a read
 * (private modes and blocked storage fail there, not at construction); IndexedDB
 * known to work on this site (the pin) only needs to answer a read. Once
 * IndexedDB has failed and localStorage took over, the choice sticks (until
 * `forget()` clears it): a page where IndexedDB answers again would otherwise
 * read an older profile than the one the last pages wrote (WebKit leaves
 * IndexedDB unusable for a while when a navigation cuts a write off).
 */
export async function openBestStore(env: Env, onFallback: (message: string) => void): Promise<KeyValueStore> {
  const candidates: Array<() => KeyValueStore> = [];
  const win = env.window;
  let idb: unknown;
  let pinned: string | null = null;
  try {
    idb = win?.indexedDB;
    pinned = win?.localStorage.getItem(PINNED) ?? null;
  } catch {
    // With cookies blocked, merely reading window.indexedDB (or localStorage) throws SecurityError.
  }
  if (idb && pinned !== "localstorage") candidates.push(indexedDbStore);
  if (win) candidates.push(() => localStorageStore(win.localStorage));
  let failed = false;
  for (const make of candidates) {
    try {
      const store = make();
      const known = store.kind === "indexeddb" && pinned === "indexeddb";
      if (await (known ? answers(store, env) : works(store, env))) {
        const pin = failed && store.kind === "localstorage" ? "localstorage" : store.kind === "indexeddb" && !known ? "indexeddb" : undefined;
        if (pin) pinAs(win, pin);
        return store;
      }
      onFallback(`${store.kind} is not usable; trying the next storage`);
    } catch {
      onFallback("a storage backend threw while opening; trying the next one");
    }
    failed = true;
  }
  return memoryStore();
}

function pinAs(win: Window | undefined, kind: string) {
  try {
    win?.localStorage.setItem(PINNED, kind);
  } catch {
    // No localStorage: the next page probes again.
  }
}

/** One read, for a storage that passed the full probe on an earlier page: it opens and answers. */
async function answers(store: KeyValueStore, env: Env): Promise<boolean> {
  try {
    await withTimeout(store.get("probe"), 3000, env);
    return true;
  } catch {
    return false;
  }
}

async function works(store: KeyValueStore, env: Env): Promise<boolean> {
  try {
    const probe = "probe";
    await withTimeout(store.set(probe, 1), 3000, env);
    const ok = (await withTimeout(store.get(probe), 3000, env)) === 1;
    await store.del(probe);
    return ok;
  } catch {
    return false;
  }
}

/** A blocked IndexedDB `open` never settles; treat that as "not usable". */
function withTimeout<T>(promise: Promise<T>, ms: number, env: Env): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = env.setTimeout(() => reject(new Error("storage timed out")), ms);
    promise.then(
      (value) => (env.clearTimeout(timer), resolve(value)),
      (error) => (env.clearTimeout(timer), reject(error)),
    );
  });
}

/** A synchronous copy of one value, for `pagehide`, when an asynchronous write may never finish. */
export interface SyncSnapshot {
  read(): unknown;
  write(value: unknown): void;
  clear(): void;
}

export function localStorageSnapshot(win: Window | undefined, key: string): SyncSnapshot | undefined {
  let storage: Storage;
  try {
    if (!win?.localStorage) return undefined;
    storage = win.localStorage;
  } catch {
    return undefined; // access itself throws when storage is disabled
  }
  const name = `${LOCAL_PREFIX}${key}.snapshot`;
  return {
    read: () => {
      try {
        const text = storage.getItem(name);
        return text === null ? undefined : JSON.parse(text);
      } catch {
        return undefined;
      }
    },
    write: (value) => {
      try {
        storage.setItem(name, toJson(value));
      } catch {
        // Full or disabled: the asynchronous store still has the last flushed copy.
      }
    },
    clear: () => {
      try {
        storage.removeItem(name);
      } catch {
        // nothing to clear
      }
    },
  };
}
