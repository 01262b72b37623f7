import { describe, expect, it } from "vitest";
import { widgetStatus } from "../../../src/debug/widget-status.js";

const entry = (blockedBy: string[], id = "w") => ({ id, type: "popup", wouldShow: blockedBy.length === 0, blockedBy });

describe("widgetStatus: one state per widget, from explain()", () => {
  it("on screen is showing, whatever explain says (a widget on screen no longer reads as blocked)", () => {
    expect(widgetStatus(entry(["frequency.session: shown 1 of 1 times this session"]), new Set(["w"]))).toMatchObject({ state: "showing", detail: [] });
  });

  it("held back only by its trigger: waiting, with the trigger's kind and what fires it", () => {
    const status = widgetStatus(entry(["trigger: exit_intent, waiting (desktop: pointer leaving through the top); armed in 2s"]), new Set());
    expect(status).toMatchObject({ state: "waiting", trigger: "exit_intent" });
    expect(status.detail[0]).toContain("armed in 2s");
    expect(widgetStatus(entry(['trigger: click, waiting for a click on "#size" (1 matching on this page)']), new Set())).toMatchObject({ state: "waiting", trigger: "click" });
  });

  it("a condition, schedule or pacing setting: blocked, by those (the trigger left out)", () => {
    const status = widgetStatus(entry(["when: cart.count: expected $gte 1, found 0", "trigger: scroll, 50% not reached (at 10%)"]), new Set());
    expect(status).toMatchObject({ state: "blocked", detail: ["when: cart.count: expected $gte 1, found 0"] });
    expect(widgetStatus(entry(["settings.quietPeriod: another widget showed 3s ago"]), new Set()).state).toBe("blocked");
    expect(widgetStatus(entry(["frequency.cooldown.afterShown: shown 1h ago, eligible again in 11h"]), new Set()).state).toBe("blocked");
  });

  it("caps used up for the visit or for good, or a trigger already fired on this page: done", () => {
    for (const reason of [
      "frequency.session: shown 1 of 1 times this session",
      "frequency.total: shown 3 of 3 times in total",
      "frequency.stopAfter: converted (1 time(s)), never shown again",
      "settings.maxPerSession: 3 already shown this session",
      "settings.groups.promo.maxPerSession: 1 already shown this session",
      "trigger: exit_intent, fired on this page (pointer left through the top); waits for the next page view",
    ]) {
      expect(widgetStatus(entry([reason, "when: page.type: expected cart, found home"]), new Set()).state, reason).toBe("done");
    }
  });

  it("nothing holds it back: ready", () => {
    expect(widgetStatus(entry([]), new Set()).state).toBe("ready");
  });
});
