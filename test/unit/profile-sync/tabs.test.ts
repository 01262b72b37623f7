import { afterEach, describe, expect, it } from "vitest";
import { cartCount } from "../../../src/profile/cart.js";
import { migrateProfile, recordPageView, type Profile } from "../../../src/profile/profile.js";
import { notePage, pageTrail } from "../../../src/track/page-trail.js";
import { localStorageStore, memoryStore, type KeyValueStore } from "../../../src/profile/storage.js";
import { addItem, closeWidget, fakeHub, newId, settle, sharedStore, tab } from "./sync-harness.js";

afterEach(() => localStorage.clear());

const stored = async (store: KeyValueStore) => migrateProfile(await store.get("profile"))!;

/** Two tabs on one store, both opened on the same stored visitor. */
/** The journal's entries still waiting to land (a landed copy is kept as a mirror: before and after equal). */
function unsaved(): unknown[] {
  const entries = JSON.parse(localStorage.getItem("nudge:profile.unsaved.snapshot") ?? "[]") as Array<{ before: unknown; after: unknown }>;
  return entries.filter((entry) => JSON.stringify(entry.before) !== JSON.stringify(entry.after));
}

async function twoTabs(store: KeyValueStore = sharedStore()) {
  const hub = fakeHub();
  const a = tab(hub);
  await a.profiles.open(store, newId);
  await a.profiles.flush();
  const b = tab(hub);
  await b.profiles.open(store, newId);
  return { hub, store, a, b };
}

describe("several tabs on one stored profile", () => {
  it("the second tab opens the first tab's visitor", async () => {
    const { a, b } = await twoTabs();
    expect(b.profiles.get().id).toBe(a.profiles.get().id);
    expect(b.profiles.isNew()).toBe(false);
  });

  it("interleaved cart adds and events in both tabs: every line and every event is stored", async () => {
    const { store, a, b } = await twoTabs();
    for (let i = 0; i < 10; i++) {
      a.profiles.update(addItem(`a-${i}`));
      b.profiles.update(addItem(`b-${i}`));
      a.profiles.update(addItem("shared"));
      b.profiles.update(addItem("shared"));
    }
    // Both wrote from the same starting copy: the later write must not drop the earlier one's changes.
    await Promise.all([a.profiles.flush(), b.profiles.flush()]);
    const saved = await stored(store);
    expect(saved.cart.map((line) => line.id).sort()).toEqual([...[...Array(10)].flatMap((_, i) => [`a-${i}`, `b-${i}`]), "shared"].sort());
    expect(saved.cart.find((line) => line.id === "shared")!.quantity).toBe(20);
    expect(cartCount(saved.cart)).toBe(40);
    expect(saved.events.add_to_cart.count).toBe(40);
    expect(saved.events.add_to_cart.days && Object.values(saved.events.add_to_cart.days)).toEqual([40]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it("after a write, the other tab's profile has the change (and keeps its own pending ones on top)", async () => {
    const { a, b } = await twoTabs();
    b.profiles.update(addItem("b-pending"));
    a.profiles.update(addItem("a-1"));
    await a.profiles.flush(); // broadcasts { rev }: tab b re-reads
    await settle();
    expect(
      b.profiles
        .get()
        .cart.map((line) => line.id)
        .sort(),
    ).toEqual(["a-1", "b-pending"]);
    expect(b.profiles.get().events.add_to_cart.count).toBe(2);
    expect(a.profiles.get().cart.map((line) => line.id)).toEqual(["a-1"]); // b has not written yet
    await b.profiles.flush();
    await settle();
    expect(
      a.profiles
        .get()
        .cart.map((line) => line.id)
        .sort(),
    ).toEqual(["a-1", "b-pending"]);
  });

  it("a widget closed in one tab is known to the other without a reload", async () => {
    const { a, b } = await twoTabs();
    a.profiles.update(closeWidget("welcome", 1_000));
    await a.profiles.flush();
    await settle();
    expect(b.profiles.get().widgets.welcome).toMatchObject({ closed: 1, sessionShown: 1 });
    b.profiles.update(addItem("x")); // b's own write keeps a's close
    await b.profiles.flush();
    await settle();
    expect(a.profiles.get().widgets.welcome).toMatchObject({ closed: 1 });
    expect(a.profiles.get().cart.map((line) => line.id)).toEqual(["x"]);
  });

  it("five tabs writing at once lose nothing", async () => {
    const store = sharedStore();
    const hub = fakeHub();
    const first = tab(hub);
    await first.profiles.open(store, newId);
    await first.profiles.flush();
    const tabs = [first, tab(hub), tab(hub), tab(hub), tab(hub)];
    await Promise.all(tabs.slice(1).map((t) => t.profiles.open(store, newId)));
    tabs.forEach((t, n) => {
      for (let i = 0; i < 8; i++) t.profiles.update(addItem(`t${n}-${i}`));
    });
    await Promise.all(tabs.map((t) => t.profiles.flush()));
    await settle();
    const saved = await stored(store);
    expect(saved.cart).toHaveLength(40);
    expect(saved.events.add_to_cart.count).toBe(40);
    for (const t of tabs) expect(t.profiles.get().cart).toHaveLength(40);
  });

  it("works on real localStorage too, whose update is synchronous", async () => {
    const { store, a, b } = await twoTabs(localStorageStore(localStorage));
    a.profiles.update(addItem("a"));
    b.profiles.update(addItem("b"));
    await Promise.all([b.profiles.flush(), a.profiles.flush()]);
    expect((await stored(store)).cart.map((line) => line.id).sort()).toEqual(["a", "b"]);
  });

  it("a custom store without update() still keeps both tabs' changes when writes do not overlap", async () => {
    const inner = memoryStore();
    const custom: KeyValueStore = { kind: "localstorage", get: inner.get, set: inner.set, del: inner.del, clear: inner.clear };
    const { store, a, b } = await twoTabs(custom);
    a.profiles.update(addItem("a"));
    await a.profiles.flush();
    b.profiles.update(addItem("b"));
    await b.profiles.flush();
    expect((await stored(store)).cart.map((line) => line.id).sort()).toEqual(["a", "b"]);
  });

  it("two new visitors opening at once become one: the later write rebases onto the first", async () => {
    const store = sharedStore();
    const hub = fakeHub();
    const a = tab(hub);
    const b = tab(hub);
    await Promise.all([a.profiles.open(store, newId), b.profiles.open(store, newId)]);
    a.profiles.update(addItem("a"));
    b.profiles.update(addItem("b"));
    await Promise.all([a.profiles.flush(), b.profiles.flush()]);
    await settle();
    const saved = await stored(store);
    expect(saved.cart).toHaveLength(2);
    expect(a.profiles.get().id).toBe(saved.id);
    expect(b.profiles.get().id).toBe(saved.id);
  });
});

describe("a failing write", () => {
  it("keeps the pending changes for the next flush, and never throws", async () => {
    const inner = sharedStore();
    let failures = 0;
    const flaky: KeyValueStore = {
      ...inner,
      update: (key, fn) => (failures-- > 0 ? Promise.reject(new Error("quota exceeded")) : inner.update!(key, fn)),
    };
    const { a, b } = await twoTabs(flaky);
    failures = 1;
    a.profiles.update(addItem("kept"));
    await a.profiles.flush();
    expect(a.errors).toHaveLength(1);
    expect(await inner.get("profile")).toMatchObject({ cart: [] });
    b.profiles.update(addItem("other"));
    await b.profiles.flush();
    await a.profiles.flush(); // the retry rebases onto b's write
    const saved = await stored(inner);
    expect(saved.cart.map((line) => line.id).sort()).toEqual(["kept", "other"]);
    expect(saved.events.add_to_cart.count).toBe(2);
  });

  it("a stored copy that is unreadable is not rebased onto: this tab's copy is written", async () => {
    const { store, a } = await twoTabs();
    await store.set("profile", { v: 2, garbage: true });
    a.profiles.update(addItem("a"));
    await a.profiles.flush();
    expect((await stored(store)).cart.map((line) => line.id)).toEqual(["a"]);
  });
});

describe("page hide with IndexedDB", () => {
  /** An IndexedDB-like store whose writes can be held back, as when the page unloads before they commit. */
  function holdableStore() {
    const inner = memoryStore();
    let hold = false;
    const held: Array<() => Promise<void>> = [];
    const store: KeyValueStore = {
      ...inner,
      kind: "indexeddb",
      update: (key, fn) => {
        if (!hold) return inner.update!(key, fn);
        return new Promise<void>((resolve) => held.push(() => inner.update!(key, fn).then(resolve)));
      },
    };
    return { store, hold: (on: boolean) => (hold = on), release: async () => Promise.all(held.splice(0).map((write) => write())) };
  }

  it("a write that never lands: the journal carries it, the next tab to open folds it in once", async () => {
    const { store, hold, release } = holdableStore();
    const { a, b } = await twoTabs(store);
    b.profiles.update(addItem("b"));
    await b.profiles.flush();
    hold(true);
    a.profiles.update(addItem("a"));
    a.profiles.update(closeWidget("welcome", 5));
    void a.profiles.flushOnHide(); // the page unloads: the asynchronous write is stuck
    expect(unsaved()).toHaveLength(1);
    hold(false);

    const c = tab(fakeHub());
    await c.profiles.open(store, newId);
    expect(
      c.profiles
        .get()
        .cart.map((line) => line.id)
        .sort(),
    ).toEqual(["a", "b"]);
    expect(c.profiles.get().widgets.welcome.closed).toBe(1);
    expect(unsaved()).toEqual([]);

    await release(); // the stuck write lands after all: it finds its id stored and adds nothing twice
    const saved = await stored(store);
    expect(saved.cart.map((line) => line.id).sort()).toEqual(["a", "b"]);
    expect(saved.events.add_to_cart.count).toBe(2);
    expect(saved.widgets.welcome.closed).toBe(1);
  });

  // Regression: the journal's merge kept the stored trail, so the next page's `page.previous` named the other tab's page.
  it("a page view that never lands: the next page's previous page is it, not the other tab's", async () => {
    const { store, hold } = holdableStore();
    const { a, b } = await twoTabs(store);
    const view = (path: string) => (p: Profile) =>
      notePage(
        recordPageView(p, Date.UTC(2025, 2, 12, 12), () => "session-1"),
        path,
      );
    a.profiles.update(view("/landing"));
    await a.profiles.flush();
    b.profiles.update(view("/b-page"));
    await b.profiles.flush();
    hold(true);
    a.profiles.update(view("/a-page")); // tab A moves on and unloads before its write lands
    void a.profiles.flushOnHide();
    hold(false);

    const c = tab(fakeHub()); // tab A's next page
    await c.profiles.open(store, newId);
    expect(pageTrail(c.profiles.get())).toEqual({ landing: "/landing", previous: "/b-page", last: "/a-page" });
    expect(c.profiles.get().session.pages).toBe(3);
  });

  // Regression: a brand-new visitor whose very first write was stuck at page hide came back as a
  // new visitor on the next page (nothing stored, and the journal entry belonged to another id).
  it("a new visitor's first write that never lands: the next page continues from the journal", async () => {
    const { store, hold, release } = holdableStore();
    const a = tab(fakeHub());
    await a.profiles.open(store, newId);
    hold(true);
    a.profiles.update(addItem("a"));
    void a.profiles.flushOnHide();
    const visitor = a.profiles.get().id;
    hold(false);

    const b = tab(fakeHub());
    await b.profiles.open(store, newId);
    expect(b.profiles.get().id).toBe(visitor);
    expect(b.profiles.isNew()).toBe(false);
    expect(b.profiles.get().cart.map((line) => line.id)).toEqual(["a"]);
    await release();
    const saved = await stored(store);
    expect(saved.id).toBe(visitor);
    expect(saved.events.add_to_cart.count).toBe(1);
  });

  // Regression (WebKit): a write begun at page hide and cut off by the navigation left IndexedDB
  // unusable for the next page, which fell back to localStorage without the profile.
  it("page hide starts no storage write: the batch goes to the journal only", async () => {
    const store = sharedStore("indexeddb");
    const { a } = await twoTabs(store);
    let writes = 0;
    const counting: KeyValueStore = { ...store, update: (key, fn) => (writes++, store.update!(key, fn)), set: (key, value) => (writes++, store.set(key, value)) };
    const c = tab(fakeHub());
    await c.profiles.open(counting, newId);
    await c.profiles.flush();
    writes = 0;
    c.profiles.update(addItem("c"));
    await c.profiles.flushOnHide();
    expect(writes).toBe(0);
    expect(unsaved()).toHaveLength(1);
    const next = tab(fakeHub()); // the next page folds it in
    await next.profiles.open(store, newId);
    expect(next.profiles.get().cart.map((line) => line.id)).toEqual(["c"]);
    expect(a.profiles.get().id).toBe(next.profiles.get().id);
  });

  it("a page that falls back to localStorage still folds the journal an IndexedDB page left", async () => {
    const idb = sharedStore("indexeddb");
    const a = tab(fakeHub());
    await a.profiles.open(idb, newId);
    await a.profiles.flush();
    a.profiles.update(addItem("a"));
    await a.profiles.flushOnHide();
    const b = tab(fakeHub());
    await b.profiles.open(localStorageStore(localStorage), newId);
    expect(b.profiles.get().id).toBe(a.profiles.get().id);
    expect(b.profiles.get().cart.map((line) => line.id)).toEqual(["a"]);
    expect(unsaved()).toEqual([]);
  });

  it("a write that lands: the journal entry is dropped, nothing is counted twice", async () => {
    const store = sharedStore("indexeddb");
    const { a, b } = await twoTabs(store);
    a.profiles.update(addItem("a"));
    await a.profiles.flushOnHide();
    expect(unsaved()).toHaveLength(1);
    await a.profiles.flush(); // the page lived on (a tab switch): its batch timer writes
    expect(unsaved()).toEqual([]);
    b.profiles.update(addItem("b"));
    await b.profiles.flush();
    const saved = await stored(store);
    expect(cartCount(saved.cart)).toBe(2);
    expect(saved.events.add_to_cart.count).toBe(2);
  });
});

describe("close()", () => {
  it("stops hearing the other tabs", async () => {
    const { a, b } = await twoTabs();
    b.profiles.close();
    a.profiles.update(addItem("a"));
    await a.profiles.flush();
    await settle();
    expect(b.profiles.get().cart).toEqual([]);
    b.profiles.update(addItem("b")); // its next write still rebases onto a's
    await b.profiles.flush();
    expect(
      b.profiles
        .get()
        .cart.map((line) => line.id)
        .sort(),
    ).toEqual(["a", "b"]);
  });
});
