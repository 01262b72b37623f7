import { afterEach, describe, expect, it, vi } from "vitest";
import { SENTINEL_KEY } from "../../../src/track/signals/back-button.js";
import { cleanup, on, rulesOf, start } from "../runtime/harness.js";
import { touchDevice } from "./fake-env.js";

/*
 * The back-button sentinel inside the runtime, on this file's own page (the sentinel is one
 * per document): the runtime's page-view tracking must not count it, and the site's router
 * keeps its state.
 */

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const popstate = () => new Promise<void>((resolve) => window.addEventListener("popstate", () => setTimeout(resolve, 0), { once: true }));

describe("exit intent's back button in the runtime", () => {
  it("adds the sentinel on the first tap, decides when back is pressed; back shows it, counts no page view", async () => {
    touchDevice();
    history.replaceState({ route: "product" }, "", "/product/7");
    const h = start(rulesOf([{ id: "exit", type: "popup", trigger: "exit_intent", when: { "cart.count": { $gte: 1 } }, content: { title: "Wait!" } }]));
    const views: unknown[] = [];
    on(h.nudge, "track", (event) => event.name === "page_view" && views.push(event));
    await h.nudge.ready;
    await vi.waitFor(() => expect(h.nudge.explain("exit")[0].blockedBy.join()).toContain("or the back button"));
    const length = history.length;

    document.body.dispatchEvent(new Event("click", { bubbles: true })); // the tap that adds to the cart: still empty now
    expect(history.length).toBe(length + 1);
    h.nudge.cart.add({ id: "sku-1", price: 20 });
    document.body.dispatchEvent(new Event("click", { bubbles: true }));
    expect(history.length).toBe(length + 1); // one sentinel
    expect(history.state).toEqual({ route: "product", [SENTINEL_KEY]: true });
    const back = popstate();
    history.back();
    await back;
    await h.clock.advance(1); // triggers due together are weighed after one tick of Nudge's clock
    await vi.waitFor(() => expect(h.shown).toEqual(["exit"]));
    expect(h.nudge.explain("exit")[0].blockedBy.join()).toContain("fired on this page (back_button)");
    expect(history.state).toEqual({ route: "product" });
    expect(location.pathname).toBe("/product/7");
    expect(views).toEqual([]);
    expect(h.nudge.facts().visitor.pagesThisSession).toBe(1);
    expect(h.problems).toEqual([]);
  });
});
