import { afterEach, describe, expect, it } from "vitest";
import { assignVariant } from "../../../src/decide/variants.js";
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
});
