import { describe, expect, it } from "vitest";
import { createLog, LOG_KEY } from "../../../src/measure/log.js";
import { memoryStorage } from "../../../src/measure/outbox.js";
import { memoryStore, type KeyValueStore } from "../../../src/profile/storage.js";
import { event, fakeEnv, fakeNetwork, settle } from "./fakes.js";

/** Where the page-exit journal lives in localStorage. */
const JOURNAL = "nudge:measure:log.unsaved.snapshot";

/**
 * An IndexedDB-like store, as Chromium behaves at page exit: a write begun in `pagehide` is
 * dropped with the document (its transaction never commits). `data` outlives the page.
 */
function dyingIndexedDb(data = memoryStore()) {
  let dead = false;
  const store: KeyValueStore = {
    kind: "indexeddb",
    get: (key) => data.get(key),
    set: (key, value) => (dead ? new Promise(() => {}) : data.set(key, value)),
    update: (key, fn) => (dead ? new Promise(() => {}) : data.update!(key, fn)),
    del: (key) => data.del(key),
    clear: () => data.clear(),
  };
  return { store, data, die: () => (dead = true) };
}

describe("the measurement log across page exits", () => {
  it("events recorded just before a reload are in the next page's log (IndexedDB write lost at pagehide)", async () => {
    const localStorage = memoryStorage(); // survives the reload, like the browser's
    const first = fakeEnv(fakeNetwork(), localStorage);
    const page1 = dyingIndexedDb();
    const log1 = createLog(
      first.env,
      () => page1.store,
      () => {},
    );
    log1.add(event({ id: "early" }));
    await first.clock.advance(1000); // written in its batch
    log1.add(event({ id: "closed-1" }));
    log1.add(event({ id: "converted-1" }));
    log1.hide(); // pagehide, right after the events
    page1.die(); // the document goes: its IndexedDB write never commits
    await settle();
    expect(JSON.parse(localStorage.getItem(JOURNAL)!).map((e: { id: string }) => e.id)).toEqual(["closed-1", "converted-1"]);

    const second = fakeEnv(fakeNetwork(), localStorage);
    const page2 = dyingIndexedDb(page1.data);
    const log2 = createLog(
      second.env,
      () => page2.store,
      () => {},
    );
    expect((await log2.read()).map((e) => e.id)).toEqual(["early", "closed-1", "converted-1"]);
    // Folded into the stored log, the journal is cleared; nothing is counted twice.
    expect(((await page1.data.get(LOG_KEY)) as Array<{ id: string }>).map((e) => e.id)).toEqual(["early", "closed-1", "converted-1"]);
    expect(localStorage.getItem(JOURNAL)).toBeNull();
    log2.add(event({ id: "later" }));
    expect((await log2.read()).map((e) => e.id)).toEqual(["early", "closed-1", "converted-1", "later"]);
  });

  it("a journal another tab adds while this tab writes is kept for the next write", async () => {
    const localStorage = memoryStorage();
    const { env } = fakeEnv(fakeNetwork(), localStorage);
    const data = memoryStore();
    let otherTabHides = true;
    const store: KeyValueStore = {
      ...data,
      kind: "indexeddb",
      update: (key, fn) => {
        // Another tab hides while this write is under way.
        if (otherTabHides) localStorage.setItem(JOURNAL, JSON.stringify([event({ id: "tab-a" }), event({ id: "tab-b" })]));
        otherTabHides = false;
        return data.update!(key, fn);
      },
    };
    const log = createLog(
      env,
      () => store,
      () => {},
    );
    localStorage.setItem(JOURNAL, JSON.stringify([event({ id: "tab-a" })]));
    log.add(event({ id: "mine" }));
    await log.flush();
    expect(JSON.parse(localStorage.getItem(JOURNAL)!).map((e: { id: string }) => e.id)).toEqual(["tab-b"]);
    expect((await log.read()).map((e) => e.id)).toEqual(["tab-a", "mine", "tab-b"]);
  });
});
