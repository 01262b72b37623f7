import { afterEach, describe, expect, it } from "vitest";
import { cleanup, onScreen, rulesOf, settle, start } from "./harness.js";

/** `pagehide`/`pageshow` as the browser fires them around the back/forward cache. */
function transition(type: "pagehide" | "pageshow", persisted: boolean) {
  const event = new Event(type);
  Object.defineProperty(event, "persisted", { value: persisted });
  window.dispatchEvent(event);
}

const onSecondPage = { id: "second", type: "popup", trigger: "page_view", when: { "visitor.pagesThisSession": { $gte: 2 } }, content: { title: "Welcome back" } };
const onTimer = { id: "later", type: "popup", trigger: { type: "delay", after: "10s" }, content: { title: "Still here?" } };

afterEach(cleanup);

describe("the back/forward cache", () => {
  it("a page restored from the cache counts a page view and decides again", async () => {
    const { nudge } = start(rulesOf([onSecondPage]));
    await nudge.ready;
    expect(nudge.facts().visitor.pagesThisSession).toBe(1);
    transition("pagehide", true);
    transition("pageshow", true);
    await settle();
    expect(nudge.facts().visitor.pagesThisSession).toBe(2);
    expect(onScreen()).toEqual(["second"]);
  });

  it("a first pageshow (not from the cache) counts nothing more", async () => {
    const { nudge } = start(rulesOf([onSecondPage]));
    await nudge.ready;
    transition("pageshow", false);
    await settle();
    expect(nudge.facts().visitor.pagesThisSession).toBe(1);
  });

  it("the restored page's timers start again from the restore", async () => {
    const { nudge, clock } = start(rulesOf([onTimer]));
    await nudge.ready;
    await clock.advance(6000);
    transition("pagehide", true);
    transition("pageshow", true);
    await settle();
    await clock.advance(6000); // 12 s since the first load, 6 s since the restore
    expect(onScreen()).toEqual([]);
    await clock.advance(4000);
    expect(onScreen()).toEqual(["later"]);
  });
});
