import { describe, expect, it } from "vitest";
import { mergeProfiles } from "../../../src/profile/merge.js";
import { newProfile, recordPageView, type Profile } from "../../../src/profile/profile.js";
import { notePage, pageTrail } from "../../../src/track/page-trail.js";
import { openTabChannel, type TabMessage } from "../../../src/profile/tabs.js";
import { addItem, closeWidget } from "./sync-harness.js";

const base = (): Profile => ({ ...newProfile("v1", 0), rev: 3, attributes: { plan: "free", city: "Oslo" } });

describe("mergeProfiles(base, ours, theirs)", () => {
  it("adds our new cart lines, quantities and events to theirs", () => {
    const start = addItem("shared")(base());
    const ours = addItem("shared")(addItem("mine")(start));
    const theirs = addItem("shared", 2)(addItem("theirs")(start));
    const merged = mergeProfiles(start, ours, theirs);
    expect(merged.cart.map((line) => [line.id, line.quantity])).toEqual([
      ["shared", 4],
      ["theirs", 1],
      ["mine", 1],
    ]);
    expect(merged.events.add_to_cart.count).toBe(5);
    expect(Object.values(merged.events.add_to_cart.days!)).toEqual([5]);
    expect(merged.events.add_to_cart.recent).toHaveLength(5);
    expect(merged.rev).toBeGreaterThan(theirs.rev);
  });

  it("a line we removed is removed; a line they removed stays removed", () => {
    const start = addItem("b")(addItem("a")(base()));
    const ours = { ...start, cart: start.cart.filter((line) => line.id !== "a") };
    const theirs = { ...start, cart: start.cart.filter((line) => line.id !== "b") };
    expect(mergeProfiles(start, ours, theirs).cart).toEqual([]);
  });

  it("widget counters add up, times take the later, our changed attributes win", () => {
    const start = base();
    const ours = { ...closeWidget("welcome", 10)(start), attributes: { ...start.attributes, plan: "pro" } };
    const theirs = { ...closeWidget("welcome", 20)(start), attributes: { ...start.attributes, city: "Bergen" } };
    const merged = mergeProfiles(start, ours, theirs);
    expect(merged.widgets.welcome).toMatchObject({ shown: 2, closed: 2, lastClosed: 20, sessionShown: 2 });
    expect(merged.attributes).toEqual({ plan: "pro", city: "Bergen" });
  });

  it("page views, sessions and orders add our difference", () => {
    const start = base();
    const ours = { ...start, pagesTotal: 3, orders: { count: 1, total: 10.1, last: { id: "o1", value: 10.1, time: 5 } } };
    const theirs = { ...start, pagesTotal: 2, orders: { count: 1, total: 20.2, last: { id: "o2", value: 20.2, time: 9 } } };
    const merged = mergeProfiles(start, ours, theirs);
    expect(merged.pagesTotal).toBe(5);
    expect(merged.orders).toEqual({ count: 2, total: 30.3, last: { id: "o2", value: 20.2, time: 9 } });
  });

  it("a page we noted on the session's trail wins; when we noted none, theirs stays", () => {
    const view = (path: string) => (p: Profile) =>
      notePage(
        recordPageView(p, 1000, () => "s1"),
        path,
      );
    const start = view("/landing")(base());
    const theirs = view("/theirs")(start);
    const merged = mergeProfiles(start, view("/ours")(start), theirs);
    expect(pageTrail(merged)).toEqual({ landing: "/landing", previous: "/landing", last: "/ours" });
    expect(merged.session.pages).toBe(3);
    expect(pageTrail(mergeProfiles(start, { ...start, attributes: { plan: "pro" } }, theirs))).toEqual(pageTrail(theirs));
  });

  it("ignores __proto__ keys", () => {
    const start = base();
    const ours = JSON.parse(JSON.stringify(start).replace('"attributes":{', '"attributes":{"__proto__":{"polluted":1},'));
    const merged = mergeProfiles(start, ours, start);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged.attributes)).toBe(Object.prototype);
  });
});

describe("openTabChannel", () => {
  it("falls back to the storage event when there is no BroadcastChannel", () => {
    const heard: TabMessage[] = [];
    const win = { localStorage, addEventListener: window.addEventListener.bind(window), removeEventListener: window.removeEventListener.bind(window) } as unknown as Window &
      typeof globalThis;
    const channel = openTabChannel(win, (message) => heard.push(message))!;
    channel.post({ rev: 4, from: "me" });
    expect(JSON.parse(localStorage.getItem("nudge:profile.tick")!)).toMatchObject({ rev: 4, from: "me" });
    // Another tab's write arrives as a storage event.
    window.dispatchEvent(new StorageEvent("storage", { key: "nudge:profile.tick", newValue: JSON.stringify({ rev: 9, from: "other" }) }));
    window.dispatchEvent(new StorageEvent("storage", { key: "unrelated", newValue: "{}" }));
    expect(heard).toEqual([{ rev: 9, from: "other" }]);
    channel.close();
    localStorage.clear();
  });

  it("is undefined without a window, and never throws", () => {
    expect(openTabChannel(undefined, () => {})).toBeUndefined();
  });
});
