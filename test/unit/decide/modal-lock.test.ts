import { afterEach, describe, expect, it } from "vitest";
import { createModalLock, MODAL_LOCK_KEY } from "../../../src/decide/modal-lock.js";
import type { Env } from "../../../src/env/env.js";
import { cleanup, fakeClock, rulesOf, settle, start } from "../runtime/harness.js";
import { blocked, widgets } from "./helpers.js";

afterEach(cleanup);

const popup = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: "popup", content: { title: id }, ...extra });

describe("one modal at a time across tabs (two instances sharing one localStorage)", () => {
  it("the second waits while the first shows a modal, and shows once it is closed", async () => {
    const clock = fakeClock(new Date(2025, 2, 12, 12).getTime());
    const first = start(rulesOf([popup("first")]), { widgets, clock });
    await first.nudge.ready;
    expect(first.shown).toEqual(["first"]);
    expect(JSON.parse(localStorage.getItem(MODAL_LOCK_KEY)!)).toMatchObject({ widget: "first" });

    const second = start(rulesOf([popup("second"), { id: "bar", type: "banner", priority: -1, content: { title: "bar" } }]), { widgets, clock });
    await second.nudge.ready;
    expect(second.shown).toEqual(["bar"]); // a non-modal widget is not held back
    second.nudge.hide();
    expect(blocked(second, "second")).toEqual(['one modal at a time: "first" is showing in another tab']);
    await clock.advance(60_000); // the first tab's heartbeat keeps its lock
    second.nudge.track("again");
    await settle();
    expect(second.shown).toEqual(["bar"]);

    first.nudge.hide(); // released: the other tab is told through a BroadcastChannel and decides again
    await settle(20);
    expect(second.shown).toEqual(["bar", "second"]);
    expect(JSON.parse(localStorage.getItem(MODAL_LOCK_KEY)!)).toMatchObject({ widget: "second" });
  });

  it("a lock whose tab went away without a word lapses after its TTL", async () => {
    const start0 = new Date(2025, 2, 12, 12).getTime();
    const frozen = fakeClock(start0); // the first tab's clock never moves again: its heartbeat stops
    const first = start(rulesOf([popup("first")]), { widgets, clock: frozen });
    await first.nudge.ready;
    expect(first.shown).toEqual(["first"]);

    const clock = fakeClock(start0);
    // Another tab: its own id (the two fake clocks would otherwise draw the same "random" tab id).
    const second = start(rulesOf([popup("second")]), { widgets, clock, env: { random: () => 0.5 } });
    await second.nudge.ready;
    expect(second.shown).toEqual([]);
    await clock.advance(14_000);
    expect(second.shown).toEqual([]);
    await clock.advance(2_000); // past the 15 s TTL: the retry timer decides again
    expect(second.shown).toEqual(["second"]);
  });

  it("pagehide releases the lock", async () => {
    const clock = fakeClock(new Date(2025, 2, 12, 12).getTime());
    const first = start(rulesOf([popup("first")]), { widgets, clock });
    await first.nudge.ready;
    expect(localStorage.getItem(MODAL_LOCK_KEY)).not.toBeNull();
    window.dispatchEvent(new Event("pagehide"));
    expect(localStorage.getItem(MODAL_LOCK_KEY)).toBeNull();
  });
});

describe("createModalLock", () => {
  const envWith = (window: unknown, now = () => 1000): Env => ({ window, now, setTimeout: () => 0, clearTimeout: () => {}, random: Math.random, console }) as unknown as Env;

  it("never throws when storage is missing or throws, and then lets every tab decide alone", () => {
    const throwing = {
      get localStorage(): Storage {
        throw new Error("SecurityError");
      },
      addEventListener() {},
      removeEventListener() {},
    };
    const broken = {
      localStorage: {
        getItem: () => {
          throw new Error("no");
        },
        setItem: () => {
          throw new Error("full");
        },
        removeItem: () => {
          throw new Error("no");
        },
      },
      addEventListener() {},
      removeEventListener() {},
    };
    for (const win of [undefined, throwing, broken]) {
      const lock = createModalLock({ env: envWith(win), tab: "t1", onRelease: () => {} });
      expect(lock.heldElsewhere()).toBeNull();
      expect(lock.acquire("w")).toBe(true);
      expect(() => lock.release()).not.toThrow();
      expect(() => lock.dispose()).not.toThrow();
    }
  });

  it("ignores a corrupted entry and its own tab's entry", () => {
    localStorage.setItem(MODAL_LOCK_KEY, "{not json");
    const lock = createModalLock({ env: envWith(window), tab: "t1", onRelease: () => {} });
    expect(lock.heldElsewhere()).toBeNull();
    expect(lock.acquire("w")).toBe(true);
    const other = createModalLock({ env: envWith(window), tab: "t2", onRelease: () => {} });
    expect(other.heldElsewhere()).toMatchObject({ tab: "t1", widget: "w" });
    expect(other.acquire("x")).toBe(false);
    lock.dispose();
    expect(other.heldElsewhere()).toBeNull();
    other.dispose();
  });
});
