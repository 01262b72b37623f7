import { afterEach, describe, expect, it } from "vitest";
import { assignVariant, HOLDOUT } from "../../../src/decide/variants.js";
import { cleanup, memoryStoreFor, onScreen, rulesOf, settle, start } from "./runtime.js";
import { blocked, collect, DAY, OfferWidget, press, screenText, widgets } from "./helpers.js";

afterEach(cleanup);

const variants = [
  { id: "a", weight: 50, content: { title: "Title A", text: "Hello {{attributes.firstName|friend}}" } },
  { id: "b", weight: 50, content: { title: "Title B", text: "Hi {{attributes.firstName|friend}}" } },
];
const abTest = {
  id: "welcome",
  type: "offer",
  frequency: { session: 1 },
  variants,
  holdout: 20,
  goal: { event: "purchase", where: { "props.value": { $gte: 20 } }, within: "7d" },
};
const weights = variants.map(({ id, weight }) => ({ id, weight }));

/** The first user id the sticky assignment puts in `want`. */
function userIn(want: string): string {
  for (let i = 0; ; i++) if (assignVariant(`user-${i}`, "welcome", weights, 20) === want) return `user-${i}`;
}

describe("variants", () => {
  it("shows the visitor's variant, fills its templates, and the shown event carries it", async () => {
    const user = userIn("b");
    const h = start(rulesOf([abTest]), { widgets });
    const shown = collect(h, "shown");
    const eligible = collect(h, "eligible");
    h.nudge.identify(user, { firstName: "Ada" });
    await h.nudge.ready;
    expect(screenText()).toContain("Title B");
    expect(screenText()).toContain("Hi Ada");
    expect(shown).toEqual([{ id: "welcome", type: "offer", variant: "b" }]);
    expect(eligible).toEqual([{ id: "welcome", type: "offer", variant: "b", holdout: false }]);
  });

  it("is sticky: the same visitor gets the same variant in a new instance, and keeps it if the weights change", async () => {
    const user = userIn("a");
    const store = memoryStoreFor();
    const first = start(rulesOf([abTest]), { widgets, store });
    first.nudge.identify(user);
    await first.nudge.ready;
    expect(screenText()).toContain("Title A");
    cleanup();
    const reweighted = {
      ...abTest,
      variants: [
        { ...variants[0], weight: 0 },
        { ...variants[1], weight: 100 },
      ],
      frequency: {},
    };
    const second = start(rulesOf([reweighted]), { widgets, store });
    const shown = collect(second, "shown");
    await second.nudge.ready;
    expect(shown.map((e) => e.variant)).toEqual(["a"]);
    // A visitor never assigned before follows the new weights.
    expect(
      assignVariant(
        "someone-new",
        "welcome",
        [
          { id: "a", weight: 0 },
          { id: "b", weight: 100 },
        ],
        20,
      ),
    ).not.toBe("a");
  });

  it('a plain-content widget reports the variant "default"', async () => {
    const h = start(rulesOf([{ id: "plain", type: "banner", content: { title: "x" } }]), { widgets });
    const shown = collect(h, "shown");
    await h.nudge.ready;
    expect(shown).toEqual([{ id: "plain", type: "banner", variant: "default" }]);
  });
});

describe("holdout", () => {
  it("a holdout visitor sees nothing, gets `eligible` once per page, and explain says why", async () => {
    const h = start(rulesOf([{ ...abTest, frequency: undefined }]), { widgets });
    const eligible = collect(h, "eligible");
    h.nudge.identify(userIn(HOLDOUT));
    await h.nudge.ready;
    expect(onScreen()).toEqual([]);
    expect(h.shown).toEqual([]);
    expect(eligible).toEqual([{ id: "welcome", type: "offer", variant: "holdout", holdout: true }]);
    h.nudge.track("something");
    await settle();
    expect(eligible).toHaveLength(1); // not again on the same page
    h.nudge.page();
    await settle();
    expect(eligible).toHaveLength(2);
    expect(blocked(h, "welcome")).toEqual([
      "trigger: page_view, waits for the next page view",
      "holdout: this visitor is in the control group (20% of visitors): counted as eligible, shown nothing",
    ]);
    expect(await h.nudge.show("welcome")).toBe(false);
    expect(onScreen()).toEqual([]);
  });

  it("for the control group, eligibility counts against the caps as a show would, so both groups are exposed alike", async () => {
    const h = start(rulesOf([abTest]), { widgets }); // frequency: { session: 1 }
    const eligible = collect(h, "eligible");
    h.nudge.identify(userIn(HOLDOUT));
    await h.nudge.ready;
    h.nudge.page();
    await settle();
    expect(eligible).toHaveLength(1);
    expect(blocked(h, "welcome")).toContain("frequency.session: shown 1 of 1 times this session");
    await h.clock.advance(31 * 60_000);
    h.nudge.page();
    await settle();
    expect(eligible).toHaveLength(2);
    expect(h.shown).toEqual([]);
  });

  it("a lower-priority widget can still show to a holdout visitor", async () => {
    const h = start(
      rulesOf([
        { ...abTest, priority: 5 },
        { id: "other", type: "banner", content: { title: "other" } },
      ]),
      { widgets },
    );
    h.nudge.identify(userIn(HOLDOUT));
    await h.nudge.ready;
    expect(h.shown).toEqual(["other"]);
  });
});

describe("goals", () => {
  it("a matching purchase within the window converts once per showing, with variant and value", async () => {
    const h = start(rulesOf([{ ...abTest, frequency: {} }]), { widgets });
    const converted = collect(h, "converted");
    h.nudge.identify(userIn("a"));
    await h.nudge.ready;
    press("x");
    await h.clock.advance(DAY);
    h.nudge.purchase({ id: "o-1", value: 12 }); // below the `where`
    expect(converted).toEqual([]);
    h.nudge.purchase({ id: "o-2", value: 45.5 });
    expect(converted).toEqual([{ id: "welcome", type: "offer", variant: "a", goal: "purchase", time: h.clock.now(), props: { id: "o-2", value: 45.5 }, value: 45.5 }]);
    h.nudge.purchase({ id: "o-3", value: 60 });
    expect(converted).toHaveLength(1); // once per showing
    h.nudge.track("purchase", { value: 99 });
    expect(converted).toHaveLength(1);
    // A new showing may convert again.
    h.nudge.page();
    await settle();
    expect(h.shown).toHaveLength(2);
    h.nudge.purchase({ id: "o-4", value: 25 });
    expect(converted.map((c) => c.props.id)).toEqual(["o-2", "o-4"]);
  });

  it("outside the window it does not count", async () => {
    const h = start(rulesOf([abTest]), { widgets });
    const converted = collect(h, "converted");
    h.nudge.identify(userIn("b"));
    await h.nudge.ready;
    press("x");
    await h.clock.advance(7 * DAY + 1000);
    h.nudge.purchase({ id: "late", value: 80 });
    expect(converted).toEqual([]);
  });

  it("the conversion counts for frequency: stopAfter converted stops the widget", async () => {
    const h = start(rulesOf([{ ...abTest, frequency: { stopAfter: ["converted"] } }]), { widgets });
    h.nudge.identify(userIn("b"));
    await h.nudge.ready;
    press("x");
    h.nudge.purchase({ id: "o", value: 30 });
    h.nudge.page();
    await settle();
    expect(h.shown).toHaveLength(1);
    expect(blocked(h, "welcome")).toEqual(["frequency.stopAfter: converted (1 time(s)), never shown again"]);
  });

  it("holdout visitors convert too (from when they were eligible), so the control group can be compared", async () => {
    const h = start(rulesOf([abTest]), { widgets });
    const converted = collect(h, "converted");
    h.nudge.identify(userIn(HOLDOUT));
    await h.nudge.ready;
    expect(h.shown).toEqual([]);
    await h.clock.advance(2 * DAY);
    h.nudge.purchase({ id: "o", value: 20 });
    expect(converted).toEqual([{ id: "welcome", type: "offer", variant: "holdout", goal: "purchase", time: h.clock.now(), props: { id: "o", value: 20 }, value: 20 }]);
    h.nudge.purchase({ id: "o2", value: 20 });
    expect(converted).toHaveLength(1);
  });

  it("a widget never seen does not convert", async () => {
    const h = start(rulesOf([{ ...abTest, trigger: "manual" }]), { widgets });
    const converted = collect(h, "converted");
    await h.nudge.ready;
    h.nudge.purchase({ id: "o", value: 50 });
    expect(converted).toEqual([]);
  });

  it("a goal on another event, without `where`, and the default 7-day window", async () => {
    const h = start(rulesOf([{ id: "news", type: "banner", content: { title: "Join" }, goal: { event: "signup" } }]), { widgets });
    const converted = collect(h, "converted");
    await h.nudge.ready;
    await h.clock.advance(6 * DAY);
    h.nudge.track("signup", { plan: "pro" });
    expect(converted).toEqual([{ id: "news", type: "banner", variant: "default", goal: "signup", time: h.clock.now(), props: { plan: "pro" } }]);
  });
});

// Regression: modal or not came from the visitor's variant, inline or not from the first variant,
// so a modal variant behind an inline first variant escaped settings.maxPerPage.
describe("an experiment that mixes layouts", () => {
  it("the visitor's variant decides both modal and inline: a modal variant counts against maxPerPage", async () => {
    const layoutWidgets = {
      ...widgets,
      flex: {
        component: OfferWidget,
        modal: (c: { layout?: string }) => c.layout === "modal",
        placement: (c: { layout?: string }) => (c.layout === "inline" ? { selector: "body" } : undefined),
      },
    };
    const mixed = {
      id: "mixed",
      type: "flex",
      priority: 2,
      variants: [
        { id: "inline", weight: 0, content: { layout: "inline", title: "Inline" } },
        { id: "modal", weight: 1, content: { layout: "modal", title: "Modal" } },
      ],
    };
    const banner = { id: "banner", type: "banner", priority: 1, content: { title: "Banner" } };
    const h = start(rulesOf([mixed, banner], { maxPerPage: 1 }), { widgets: layoutWidgets });
    await h.nudge.ready;
    await settle();
    expect(onScreen()).toEqual(["mixed"]);
    expect(screenText()).toContain("Modal");
    expect(blocked(h, "banner")).toContain("settings.maxPerPage: 1 already shown on this page");
  });
});
