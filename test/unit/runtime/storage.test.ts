import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { createProfileStore } from "../../../src/profile/profile-store.js";
import { newProfile } from "../../../src/profile/profile.js";
import { localStorageStore, memoryStore, openBestStore } from "../../../src/profile/storage.js";
import { cleanup, fakeClock, rulesOf, settle, spyStore, start } from "./harness.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A Storage-like object over a Map; `failing` makes setItem throw as in a full or blocked storage. */
function fakeStorage({ failing = false } = {}): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => (data.has(k) ? data.get(k)! : null),
    setItem: (k: string, v: string) => {
      if (failing) throw new DOMException("quota exceeded", "QuotaExceededError");
      data.set(k, String(v));
    },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  };
}

/** An IndexedDB whose open() throws, or returns a request that never fires. */
function fakeIndexedDb(mode: "throws" | "never") {
  return {
    open: vi.fn(() => {
      if (mode === "throws") throw new DOMException("blocked", "SecurityError");
      return {} as IDBOpenDBRequest; // onsuccess/onerror are never called
    }),
  };
}

/** An env whose window has the given IndexedDB and localStorage (idb-keyval reads the global one). */
function envWith(indexedDB: unknown, localStorage: () => Storage): Env {
  vi.stubGlobal("indexedDB", indexedDB);
  const win = {
    indexedDB,
    get localStorage() {
      return localStorage();
    },
  } as unknown as Window & typeof globalThis;
  return { window: win, document: undefined, now: Date.now, random: Math.random, setTimeout, clearTimeout, fetch: undefined, console };
}

describe("openBestStore", () => {
  it("uses localStorage when IndexedDB's open throws", async () => {
    const idb = fakeIndexedDb("throws");
    const storage = fakeStorage();
    const notes: string[] = [];
    const store = await openBestStore(
      envWith(idb, () => storage),
      (m) => notes.push(m),
    );
    expect(idb.open).toHaveBeenCalled();
    expect(store.kind).toBe("localstorage");
    await store.set("k", { a: 1 });
    expect(storage.getItem("nudge:k")).toBe('{"a":1}');
    expect(notes.length).toBe(1);
  });

  it("uses localStorage when IndexedDB's open never answers (after a timeout)", async () => {
    vi.useFakeTimers();
    const idb = fakeIndexedDb("never");
    const storage = fakeStorage();
    let settled = false;
    const opening = openBestStore(
      envWith(idb, () => storage),
      () => {},
    ).then((s) => ((settled = true), s));
    await vi.advanceTimersByTimeAsync(2000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    const store = await opening;
    expect(idb.open).toHaveBeenCalled();
    expect(store.kind).toBe("localstorage");
  });

  it("uses memory when IndexedDB throws and reading localStorage throws", async () => {
    const store = await openBestStore(
      envWith(fakeIndexedDb("throws"), () => {
        throw new DOMException("denied", "SecurityError");
      }),
      () => {},
    );
    expect(store.kind).toBe("memory");
    await store.set("k", 1);
    expect(await store.get("k")).toBe(1);
  });

  it("uses memory when IndexedDB throws and localStorage cannot be written", async () => {
    const storage = fakeStorage({ failing: true });
    const store = await openBestStore(
      envWith(fakeIndexedDb("throws"), () => storage),
      () => {},
    );
    expect(store.kind).toBe("memory");
  });

  it("a pinned IndexedDB that stopped answering: localStorage after the timeout, pinned there from then on", async () => {
    vi.useFakeTimers();
    const storage = fakeStorage();
    storage.setItem("nudge:store", "indexeddb");
    storage.setItem("nudge:profile", '{"id":"v1"}');
    const notes: string[] = [];
    const opening = openBestStore(
      envWith(fakeIndexedDb("never"), () => storage),
      (m) => notes.push(m),
    );
    await vi.advanceTimersByTimeAsync(3500);
    const store = await opening;
    expect(store.kind).toBe("localstorage");
    expect(await store.get("profile")).toEqual({ id: "v1" });
    expect(storage.getItem("nudge:store")).toBe("localstorage");
    expect(notes).toEqual(["indexeddb is not usable; trying the next storage"]);
  });

  it("a pinned IndexedDB whose open throws (idb-keyval opens on first use): localStorage, pinned there, nothing thrown", async () => {
    const storage = fakeStorage();
    storage.setItem("nudge:store", "indexeddb");
    storage.setItem("nudge:k", "2");
    const store = await openBestStore(
      envWith(fakeIndexedDb("throws"), () => storage),
      () => {},
    );
    expect(store.kind).toBe("localstorage");
    expect(await store.get("k")).toBe(2);
    expect(storage.getItem("nudge:store")).toBe("localstorage");
  });

  it("without a window (SSR) it is memory", async () => {
    const env = { ...envWith(undefined, fakeStorage), window: undefined };
    expect((await openBestStore(env, () => {})).kind).toBe("memory");
  });
});

describe("stores", () => {
  it("localStorageStore clears only its own keys", async () => {
    const storage = fakeStorage();
    storage.setItem("site:theme", "dark");
    const store = localStorageStore(storage);
    await store.set("profile", { id: "v" });
    expect(await store.get("profile")).toEqual({ id: "v" });
    await store.clear();
    expect(await store.get("profile")).toBeUndefined();
    expect(storage.getItem("site:theme")).toBe("dark");
  });

  it("memoryStore hands out copies, not the stored object", async () => {
    const store = memoryStore();
    const value = { n: 1 };
    await store.set("k", value);
    value.n = 2;
    const read = (await store.get("k")) as { n: number };
    expect(read.n).toBe(1);
  });
});

describe("corrupt stored profile", () => {
  it.each([
    ["a string", "%%garbage%%"],
    ["a wrong shape", { v: 1, id: 42, cart: "none" }],
    ["a future version", { ...newProfile("old", 1), v: 99 }],
  ])("%s: a fresh profile, the old value kept under profile.corrupt, an error reported", async (_name, corrupt) => {
    const store = spyStore();
    await store.set("profile", corrupt);
    const { nudge, problems } = start(rulesOf([]), { store });
    await expect(nudge.ready).resolves.toBeUndefined();
    const { visitor } = nudge.facts();
    expect(visitor.isNew).toBe(true);
    expect(visitor.pagesTotal).toBe(1);
    expect(await store.get("profile.corrupt")).toEqual(corrupt);
    expect(problems.some((p) => p.where === "storage" && /unreadable/.test(p.message))).toBe(true);
    await nudge.ready;
    // and the instance keeps working
    nudge.track("after_corrupt");
    expect(nudge.facts().events.after_corrupt.count).toBe(1);
  });

  it("a store whose get() throws: a fresh profile, an error reported, nothing thrown", async () => {
    const store = spyStore();
    store.get.mockImplementation(() => Promise.reject(new Error("read failed")));
    const { nudge, problems } = start(rulesOf([]), { store });
    await nudge.ready;
    expect(nudge.facts().visitor.isNew).toBe(true);
    expect(problems.some((p) => p.where === "storage" && p.message === "read failed")).toBe(true);
  });
});

describe("profile store batching", () => {
  it("many updates cost one write after 250 ms; flush() writes at once", async () => {
    const clock = fakeClock(1_000_000);
    const env = { ...clock, window: undefined, document: undefined, fetch: undefined, console } as unknown as Env;
    const store = spyStore();
    const errors: unknown[] = [];
    const profiles = createProfileStore(env, (e) => errors.push(e));
    await profiles.open(store, () => "visitor-1");
    store.set.mockClear();

    for (let i = 0; i < 100; i++) profiles.update((p) => ({ ...p, pagesTotal: p.pagesTotal + 1 }));
    await clock.advance(249);
    expect(store.set).not.toHaveBeenCalled();
    await clock.advance(1);
    expect(store.set).toHaveBeenCalledTimes(1);
    expect(((await store.get("profile")) as { pagesTotal: number }).pagesTotal).toBe(100);

    profiles.update((p) => ({ ...p, pagesTotal: 101 }));
    await profiles.flush();
    expect(store.set).toHaveBeenCalledTimes(2);
    expect(((await store.get("profile")) as { pagesTotal: number }).pagesTotal).toBe(101);
    // the flush cancelled the timer: nothing more is written later
    await clock.advance(1000);
    expect(store.set).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([]);
  });

  it("a failed write is reported and retried with the next write", async () => {
    const clock = fakeClock(1_000_000);
    const env = { ...clock, window: undefined, document: undefined, fetch: undefined, console } as unknown as Env;
    const store = spyStore();
    const errors: unknown[] = [];
    const profiles = createProfileStore(env, (e) => errors.push(e));
    await profiles.open(store, () => "visitor-1");
    await profiles.flush();
    store.set.mockImplementationOnce(() => Promise.reject(new Error("quota")));
    profiles.update((p) => ({ ...p, pagesTotal: 7 }));
    await profiles.flush();
    expect(errors).toHaveLength(1);
    await profiles.flush(); // still dirty: written now
    expect(((await store.get("profile")) as { pagesTotal: number }).pagesTotal).toBe(7);
  });

  it("the instance writes its profile in one batch and on pagehide", async () => {
    const { nudge, store, clock } = start(rulesOf([]));
    await nudge.ready;
    const writes = () => store.set.mock.calls.filter(([key]) => key === "profile").length;
    const before = writes();
    for (let i = 0; i < 20; i++) nudge.track("tick");
    await settle();
    expect(writes()).toBe(before);
    await clock.advance(250);
    expect(writes()).toBe(before + 1);
    nudge.track("tock");
    window.dispatchEvent(new Event("pagehide"));
    await settle();
    expect(writes()).toBe(before + 2);
    expect(((await store.get("profile")) as { events: Record<string, { count: number }> }).events.tock.count).toBe(1);
  });
});
