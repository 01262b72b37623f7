import { afterEach, describe, expect, it } from "vitest";
import { cleanup, MINUTE, onScreen, rulesOf, settle, start } from "../runtime/harness.js";
import { blocked, press, widgets } from "./helpers.js";

afterEach(cleanup);

const banner = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: "banner", frequency: { session: 1 }, content: { title: id }, ...extra });

describe("groups: at most one widget of a group per page view", () => {
  it("a second widget of the same group waits for the next page; other groups are not held back", async () => {
    const h = start(rulesOf([banner("promo-a", { group: "promo", priority: 3 }), banner("promo-b", { group: "promo", priority: 2 }), banner("survey", { priority: 1 })]), {
      widgets,
    });
    await h.nudge.ready;
    // Banners are not modal: the survey (another group) shows beside promo-a, promo-b waits.
    expect(h.shown).toEqual(["promo-a", "survey"]);
    h.nudge.hide();
    h.nudge.track("look-again");
    await settle();
    expect(h.shown).toEqual(["promo-a", "survey"]);
    expect(blocked(h, "promo-b")).toEqual(['group "promo": a widget of this group already showed on this page']);
    h.nudge.hide();
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["promo-a", "survey", "promo-b"]);
  });

  it("settings.groups.<name>.maxPerSession caps the group's shows per session", async () => {
    const h = start(
      rulesOf([banner("promo-a", { group: "promo", priority: 2, frequency: { total: 1 } }), banner("promo-b", { group: "promo", priority: 1 })], {
        groups: { promo: { maxPerSession: 1 } },
      }),
      { widgets },
    );
    await h.nudge.ready;
    h.nudge.hide();
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["promo-a"]);
    expect(blocked(h, "promo-b")).toEqual(["settings.groups.promo.maxPerSession: 1 already shown this session"]);
    await h.clock.advance(31 * MINUTE);
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["promo-a", "promo-b"]);
  });
});

describe("priority and re-checks", () => {
  it("of two widgets due at the same moment, the higher priority shows; the other follows once the first is closed", async () => {
    const rules = rulesOf([
      { id: "low", type: "offer", priority: 1, frequency: { session: 1 }, content: { title: "low" } },
      { id: "high", type: "offer", priority: 9, frequency: { session: 1 }, content: { title: "high" } },
    ]);
    const h = start(rules, { widgets });
    await h.nudge.ready;
    expect(onScreen()).toEqual(["high"]);
    expect(blocked(h, "low")).toEqual(['one modal at a time: "high" is showing']);
    press("x");
    await settle();
    h.nudge.track("anything");
    await settle();
    expect(onScreen()).toEqual(["low"]);
  });

  // Regression: two delay triggers with the same deadline fire in separate timer tasks; the first
  // used to show before the second arrived, so timer order beat priority.
  it("of two delay triggers due at the same moment, the higher priority shows", async () => {
    const delayed = (id: string, priority: number) => ({ id, type: "offer", priority, trigger: { type: "delay", after: "6s" }, content: { title: id } });
    const h = start(rulesOf([delayed("first-in-file", 1), delayed("important", 9)]), { widgets });
    await h.nudge.ready;
    expect(onScreen()).toEqual([]);
    await h.clock.advance(6000);
    await settle();
    expect(onScreen()).toEqual(["important"]);
  });

  it("a widget due while its conditions stopped holding is checked again, and does not show", async () => {
    const h = start(rulesOf([{ id: "cart", type: "offer", trigger: { type: "delay", after: "10s" }, when: { "cart.count": { $gte: 1 } }, content: { title: "cart" } }]), {
      widgets,
    });
    await h.nudge.ready;
    h.nudge.cart.add({ id: "sku", price: 5, quantity: 1 });
    await h.clock.advance(5000);
    h.nudge.cart.clear();
    await h.clock.advance(5000);
    expect(onScreen()).toEqual([]);
    expect(h.nudge.explain("cart")[0].blockedBy.some((b) => b.startsWith("when: "))).toBe(true);
    h.nudge.cart.add({ id: "sku", price: 5, quantity: 1 });
    await settle();
    expect(onScreen()).toEqual(["cart"]);
  });

  it("the quiet period is explained with the time since the last widget", async () => {
    const h = start(rulesOf([banner("a", { priority: 2 }), banner("b", { priority: 1 })], { quietPeriod: "2m" }), { widgets });
    await h.nudge.ready;
    h.nudge.hide();
    await h.clock.advance(MINUTE);
    h.nudge.page();
    await settle();
    expect(blocked(h, "b")).toEqual(["settings.quietPeriod: another widget showed 60s ago"]);
    await h.clock.advance(MINUTE);
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["a", "b"]);
  });
});
