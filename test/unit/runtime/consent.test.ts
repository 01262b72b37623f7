import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fakeClock, MINUTE, onScreen, rulesOf, settle, spyStore, start } from "./harness.js";

afterEach(cleanup);

const welcome = rulesOf([{ id: "welcome", type: "popup", content: { title: "Hello" } }]);

const writesTo = (store: ReturnType<typeof spyStore>) => store.set.mock.calls.length + store.del.mock.calls.length + store.clear.mock.calls.length;

describe('consent: "required"', () => {
  it("writes nothing and shows nothing before consent(true); after it the profile is written and the widget shows", async () => {
    const { nudge, store, clock, shown } = start(welcome, { consent: "required" });
    await nudge.ready;
    nudge.track("browse");
    nudge.cart.add({ id: "sku", price: 5 });
    nudge.identify("u1", { email: "a@b.c" });
    await clock.advance(10 * MINUTE); // well past the 250 ms write batch
    expect(writesTo(store)).toBe(0);
    expect(onScreen()).toEqual([]);
    expect(shown).toEqual([]);
    expect(await nudge.show("welcome")).toBe(false);
    expect(onScreen()).toEqual([]);
    expect(localStorage.length).toBe(0);

    nudge.consent(true);
    await settle();
    await clock.advance(300);
    const saved = (await store.get("profile")) as { id: string; userId: string; cart: unknown[]; events: Record<string, unknown> };
    expect(saved).toBeDefined();
    expect(saved.userId).toBe("u1");
    expect(saved.cart).toHaveLength(1);
    expect(saved.events).toHaveProperty("browse");
    expect(onScreen()).toEqual(["welcome"]);
  });

  it("consent(false) after consent hides the widget and stops writing to the store", async () => {
    const { nudge, store, clock } = start(welcome, { consent: "required" });
    await nudge.ready;
    nudge.consent(true);
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    nudge.consent(false);
    await settle();
    expect(onScreen()).toEqual([]);
    const before = writesTo(store);
    nudge.track("after_withdrawal");
    await clock.advance(MINUTE);
    expect(writesTo(store)).toBe(before);
  });

  // Regression test (bug found and fixed): src/core/create-nudge.ts consent() (lines ~266-269) and profile-store.ts moveTo() (~line 236):
  // with consent "required", start() opens the profile in a memory store, so a returning visitor gets a
  // brand-new profile; consent(true) then calls profiles.moveTo(store), which never reads the stored
  // profile and overwrites it with the fresh one. Calling consent(true) on every page load, as the
  // NudgeOptions docs ask, therefore erases the visitor's history each time.
  // Input: a store holding a profile (id X, pagesTotal 1); new instance with consent "required"; consent(true).
  // Expected: visitor id X, pagesTotal 2, isNew false. Got: a new id, pagesTotal 1, and X overwritten in the store.
  it("a returning visitor keeps their profile when consent is given again on the next page load", async () => {
    const store = spyStore();
    const first = start(welcome, { store, consent: "required" });
    await first.nudge.ready;
    first.nudge.consent(true);
    await settle();
    first.nudge.hide();
    const id = first.nudge.facts().visitor.id;
    first.nudge.destroy();
    await settle();

    const second = start(welcome, { store, consent: "required", clock: fakeClock(first.clock.now() + MINUTE) });
    second.nudge.consent(true);
    await second.nudge.ready;
    await settle();
    await second.clock.advance(300);
    expect(second.nudge.facts().visitor.id).toBe(id);
    expect(second.nudge.facts().visitor.pagesTotal).toBe(2);
    expect(((await store.get("profile")) as { id: string }).id).toBe(id);
  });
});

describe("forget()", () => {
  it("empties the store and localStorage's nudge keys, and gives a new visitor id", async () => {
    localStorage.setItem("nudge:profile", "{}");
    localStorage.setItem("site:theme", "dark");
    sessionStorage.setItem("nudge:time_on_site", "120");
    sessionStorage.setItem("site:tab", "1");
    const { nudge, store, clock } = start(welcome);
    await nudge.ready;
    nudge.identify("user-9", { vip: true });
    nudge.cart.add({ id: "sku", price: 3 });
    await clock.advance(300);
    expect(await store.get("profile")).toBeDefined();
    const anonymousId = ((await store.get("profile")) as { id: string }).id;
    expect(onScreen()).toEqual(["welcome"]);

    await nudge.forget();
    expect(onScreen()).toEqual([]);
    expect(await store.get("profile")).toBeUndefined();
    expect(await store.get("rules")).toBeUndefined();
    expect(localStorage.getItem("nudge:profile")).toBeNull();
    expect(localStorage.getItem("site:theme")).toBe("dark");
    expect(sessionStorage.getItem("nudge:time_on_site")).toBeNull();
    expect(sessionStorage.getItem("site:tab")).toBe("1");
    const facts = nudge.facts();
    expect(facts.visitor.id).not.toBe("user-9");
    expect(facts.visitor.id).not.toBe(anonymousId);
    expect(facts.visitor.isNew).toBe(true);
    expect(facts.attributes).toEqual({});
    expect(facts.cart.items).toEqual([]);
    // nothing of the old profile comes back with the next batched write
    await clock.advance(MINUTE);
    const after = (await store.get("profile")) as { id: string; userId?: string } | undefined;
    expect(after?.userId).toBeUndefined();
    expect(after?.id ?? facts.visitor.id).toBe(facts.visitor.id);
  });

  // Regression test (bug found and fixed): src/core/create-nudge.ts forget() (lines ~274-280) is not queued like the other calls:
  // called before `ready`, it clears the variable `store`, which at that moment is still the
  // placeholder memoryStore() (line 79), not options.store / the opened storage; start() then
  // opens the real store and reads the old profile back. Input: a store holding profile X; new
  // instance; forget() right away. Expected: the store no longer holds X and the visitor id is new.
  // Got: visitor id X, X still stored.
  it("forget() called before ready erases the stored profile", async () => {
    const store = spyStore();
    const first = start(rulesOf([]), { store });
    await first.nudge.ready;
    await first.clock.advance(300);
    const oldId = first.nudge.facts().visitor.id;
    first.nudge.destroy();
    await settle();

    const second = start(rulesOf([]), { store, clock: fakeClock(first.clock.now() + MINUTE) });
    const forgetting = second.nudge.forget();
    await second.nudge.ready;
    await forgetting;
    expect(second.nudge.facts().visitor.id).not.toBe(oldId);
    expect(((await store.get("profile")) as { id: string } | undefined)?.id).not.toBe(oldId);
  });
});

describe("consent categories", () => {
  it("storage without personalization: the profile is written, no widget shows and explain() names the category", async () => {
    const { nudge, store, clock } = start(welcome, { consent: "required" });
    await nudge.ready;
    nudge.consent({ storage: true });
    await settle();
    nudge.cart.add({ id: "sku", price: 5 });
    await clock.advance(300);
    expect(((await store.get("profile")) as { cart: unknown[] }).cart).toHaveLength(1);
    expect(onScreen()).toEqual([]);
    expect(nudge.explain("welcome")[0].blockedBy).toContain("consent: personalization not granted");
    expect(nudge.facts().consent).toEqual({ storage: true, personalization: false, measurement: false });

    nudge.consent({ personalization: true }); // the other categories keep their state
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    expect(nudge.facts().consent).toEqual({ storage: true, personalization: true, measurement: false });
  });

  it("personalization without storage: the widget shows from a memory-only profile; nothing is written anywhere", async () => {
    sessionStorage.clear(); // an earlier test's time on site
    const { nudge, store, clock } = start(welcome, { consent: "required" });
    await nudge.ready;
    nudge.consent({ personalization: true, measurement: false });
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    nudge.track("browse");
    await clock.advance(10 * MINUTE);
    expect(writesTo(store)).toBe(0);
    expect(nudge.facts().events).toHaveProperty("browse"); // kept in memory for this page
    expect(localStorage.length).toBe(0); // not even the cross-tab modal lock
    expect(sessionStorage.length).toBe(0);
  });

  it("withdrawing storage alone keeps the widget and stops the writes; withdrawing personalization alone hides it", async () => {
    const { nudge, store, clock } = start(welcome);
    await nudge.ready;
    expect(onScreen()).toEqual(["welcome"]);
    nudge.consent({ storage: false });
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    const before = writesTo(store);
    nudge.cart.add({ id: "kept-in-memory", price: 1 });
    await clock.advance(MINUTE);
    expect(writesTo(store)).toBe(before);
    nudge.consent({ personalization: false });
    await settle();
    expect(onScreen()).toEqual([]);
    nudge.consent(true); // storage again: the stored profile is read back, with this page's cart carried over
    await settle();
    await clock.advance(300);
    expect(((await store.get("profile")) as { cart: Array<{ id: string }> }).cart.map((item) => item.id)).toEqual(["kept-in-memory"]);
  });
});
