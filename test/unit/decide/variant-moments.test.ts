import { afterEach, describe, expect, it } from "vitest";
import { assignVariant } from "../../../src/decide/variants.js";
import type { MeasureEvent } from "../../../src/measure/event.js";
import { buildReport } from "../../../src/measure/report.js";
import { validateRules } from "../../../src/rules/validate.js";
import { cleanup, rulesOf, start } from "./runtime.js";
import { blocked, collect, DAY, press, widgets } from "./helpers.js";

afterEach(cleanup);

/** An experiment on the moment and the pacing, with the same words: at once and daily, or after 20 s and once a week. */
const timingTest = {
  id: "offer",
  type: "offer",
  frequency: { day: 1 },
  variants: [
    { id: "now", content: { title: "10% off" } },
    { id: "later", content: { title: "10% off" }, trigger: { type: "delay", after: "20s" }, frequency: { cooldown: { afterShown: "7d" } } },
  ],
};
const weights = timingTest.variants.map(({ id }) => ({ id, weight: 1 }));
const userIn = (want: string) => {
  for (let i = 0; ; i++) if (assignVariant(`user-${i}`, "offer", weights) === want) return `user-${i}`;
};
/** Another user in the same arm than `userIn(want)` gives. */
const secondUserIn = (want: string) => {
  for (let i = 0, found = 0; ; i++) if (assignVariant(`user-${i}`, "offer", weights) === want && ++found === 2) return `user-${i}`;
};

describe("variants that test the trigger and the frequency, not only the content", () => {
  it("validate, and a bad trigger in a variant is named at its path", () => {
    // "offer" is the runtime tests' own registered widget type, declared as such.
    const declared = (widgets: object[]) => ({ ...rulesOf(widgets), settings: { customWidgets: ["offer"] } });
    expect(validateRules(declared([timingTest])).problems).toEqual([]);
    const bad = { ...timingTest, variants: [{ id: "x", content: {}, trigger: { type: "delay", after: "soon" } }] };
    expect(validateRules(rulesOf([bad])).problems.map((p) => p.path)).toContain("widgets[0].variants[0].trigger.after");
  });

  it("the visitor in the 'later' arm waits for its delay and gets its weekly cap; the shown event names the arm", async () => {
    const h = start(rulesOf([timingTest]), { widgets });
    h.nudge.identify(userIn("later"));
    const shown = collect(h, "shown");
    await h.nudge.ready;
    expect(shown).toEqual([]);
    expect(blocked(h, "offer").join(" ")).toContain("trigger: delay");
    await h.clock.advance(20_000);
    expect(shown.map((e) => e.variant)).toEqual(["later"]);
    press("x");
    await h.clock.advance(DAY + 1000);
    h.nudge.page();
    await h.clock.advance(21_000);
    expect(shown).toHaveLength(1);
    expect(blocked(h, "offer").join(" ")).toContain("cooldown");
  });

  it("the visitor in the 'now' arm sees it on the page view and again the next day", async () => {
    const h = start(rulesOf([timingTest]), { widgets });
    h.nudge.identify(userIn("now"));
    const shown = collect(h, "shown");
    await h.nudge.ready;
    expect(shown.map((e) => e.variant)).toEqual(["now"]);
    press("x");
    await h.clock.advance(DAY + 1000);
    h.nudge.page();
    await h.clock.advance(1000);
    expect(shown.map((e) => e.variant)).toEqual(["now", "now"]);
  });

  it("the report compares the arms the same way: visitors, exposures and conversions per variant, whatever moment each tested", async () => {
    const events: MeasureEvent[] = [];
    const withGoal = { ...timingTest, goal: { event: "purchase", within: "7d" } };
    /** One visitor in an arm: sees the offer at that arm's moment, follows it or closes it, and maybe buys. */
    let seed = 0;
    async function visit(user: string, wait: number, act: "cta" | "x", buys: boolean) {
      cleanup();
      // Each visitor's own random numbers: their anonymous profile ids differ, as different browsers' do.
      let x = ++seed * 7919;
      const random = () => (x = (x * 16807) % 2147483647) / 2147483647;
      const h = start(rulesOf([withGoal]), { widgets, env: { random }, destinations: [(e: MeasureEvent) => void events.push(e)] });
      h.nudge.identify(user);
      await h.nudge.ready;
      await h.clock.advance(wait);
      press(act);
      if (buys) h.nudge.purchase({ id: `order-${user}`, value: 30 });
      await h.clock.advance(1000);
      h.nudge.destroy();
    }
    await visit(userIn("now"), 0, "x", false);
    await visit(secondUserIn("now"), 0, "cta", false);
    await visit(userIn("later"), 20_000, "cta", true);
    await visit(secondUserIn("later"), 20_000, "x", false);
    const report = buildReport(events);
    const arms = Object.fromEntries(report.widgets[0].variants.map((v) => [v.variant, v]));
    expect(Object.keys(arms).sort()).toEqual(["later", "now"]);
    expect(arms.now).toMatchObject({ visitors: 2, impressions: 2, closes: 2, converters: 0 });
    expect(arms.later).toMatchObject({ visitors: 2, impressions: 2, closes: 2, converters: 1 });
    expect(arms.later.conversionRate.value).toBe(0.5);
    // The shown events carry the arm: the later arm's shows came 20 s into the page, the report needs nothing else.
    expect(events.filter((e) => e.name === "shown").map((e) => e.variant)).toEqual(["now", "now", "later", "later"]);
  });
});
