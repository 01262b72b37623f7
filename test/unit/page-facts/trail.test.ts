import { afterEach, describe, expect, it } from "vitest";
import { memoryStore } from "../../../src/profile/storage.js";
import { cleanup, fakeClock, MINUTE, rulesOf, settle, spyStore, start } from "../runtime/harness.js";

afterEach(cleanup);

describe("page.landing and page.previous", () => {
  it("the landing page is the session's first page; previous is the page before", async () => {
    history.replaceState({}, "", "/landing?utm_source=x");
    const h = start(rulesOf([]));
    await h.nudge.ready;
    expect(h.nudge.facts().page).toMatchObject({ path: "/landing", landing: "/landing", previous: "" });
    history.pushState({}, "", "/shop");
    expect(h.nudge.facts().page).toMatchObject({ path: "/shop", landing: "/landing", previous: "/landing" });
    history.pushState({}, "", "/shop/product/1");
    expect(h.nudge.facts().page).toMatchObject({ landing: "/landing", previous: "/shop" });
  });

  it("survive a page load (kept in the stored session) and start over with a new session", async () => {
    const store = spyStore(memoryStore());
    const clock = fakeClock(new Date(2025, 2, 12, 12, 0, 0).getTime());
    history.replaceState({}, "", "/first");
    const one = start(rulesOf([]), { store, clock });
    await one.nudge.ready;
    history.pushState({}, "", "/second");
    one.nudge.destroy();
    await settle();

    history.replaceState({}, "", "/third"); // a full page load of /third
    const two = start(rulesOf([]), { store, clock });
    await two.nudge.ready;
    expect(two.nudge.facts().page).toMatchObject({ path: "/third", landing: "/first", previous: "/second" });
    two.nudge.destroy();
    await settle();

    await clock.advance(45 * MINUTE); // the session times out
    history.replaceState({}, "", "/back");
    const three = start(rulesOf([]), { store, clock });
    await three.nudge.ready;
    expect(three.nudge.facts().page).toMatchObject({ path: "/back", landing: "/back", previous: "" });
  });
});
