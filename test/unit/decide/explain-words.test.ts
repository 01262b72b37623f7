import { describe, expect, it } from "vitest";
import { say } from "../../../src/decide/explain-words.js";
import { gateOf, type Reason } from "../../../src/decide/reason.js";

const HOUR = 3_600_000;

/** explain()'s words chunk: each gate's data from the decider, as the sentence a developer reads. */
describe("say: reasons in words", () => {
  const cases: Array<[Reason, string]> = [
    [["trigger"], "trigger: waits for the first page view"],
    [["prepare", "the coupon pool is empty"], "prepare: the coupon pool is empty"],
    [["frequency.session", 1, 1], "frequency.session: shown 1 of 1 times this session"],
    [["frequency.day", 2, 2], "frequency.day: shown 2 of 2 times today"],
    [["frequency.total", 3, 3], "frequency.total: shown 3 of 3 times in total"],
    [["frequency.stopAfter", "converted", 1], "frequency.stopAfter: converted (1 time(s)), never shown again"],
    [["frequency.stopAfter", "dismissed", 2], "frequency.stopAfter: dismissed by the visitor (2 time(s)), never shown again"],
    [["frequency.cooldown.afterClosed", 90 * 60_000, 23 * HOUR], "frequency.cooldown.afterClosed: closed 1h 30m ago, eligible again in 23h"],
    [["frequency.cooldown.afterShown", 45_000, 15_000], "frequency.cooldown.afterShown: shown 45s ago, eligible again in 15s"],
    [["after", "welcome"], 'after: "welcome" has not been shown to this visitor yet'],
    [["after", "welcome", HOUR, 50 * HOUR], 'after: "welcome" was shown 1h ago, eligible in 2d 2h'],
    [["after.notConverted", "welcome", 49 * HOUR], 'after.notConverted: "welcome" converted 2d 1h ago'],
    [["group", "promo"], 'group "promo": a widget of this group already showed on this page'],
    [["settings.groups", "promo", 2], "settings.groups.promo.maxPerSession: 2 already shown this session"],
    [["settings.maxPerPage", 1], "settings.maxPerPage: 1 already shown on this page"],
    [["settings.maxPerSession", 3], "settings.maxPerSession: 3 already shown this session"],
    [["settings.quietPeriod", 12], "settings.quietPeriod: another widget showed 12s ago"],
    [["already showing"], "already showing"],
    [["one modal at a time", "exit"], 'one modal at a time: "exit" is showing'],
    [["one modal at a time", "exit", 1], 'one modal at a time: "exit" is showing in another tab'],
    [["page dialog"], "waiting: the page has a dialog open"],
    [["settings.holdout", 10], "settings.holdout: this visitor is in the site-wide control group (10% of visitors): no widget shows, counted as eligible"],
    [["holdout", 50], "holdout: this visitor is in the control group (50% of visitors): counted as eligible, shown nothing"],
    [["render"], "render: it did not reach the screen (see the problem reported before)"],
    [["unknown", "nope"], 'no widget with id "nope" in the rules'],
    ["consent: personalization not granted", "consent: personalization not granted"],
  ];
  it.each(cases)("%j", (reason, words) => {
    expect(say([reason])).toEqual([words]);
  });

  it("traces a failing `when` test by test, with segments as written", () => {
    const facts = { cart: { value: 32.5 }, segments: [] } as never;
    expect(say([["when", { "cart.value": { $gte: 50 } }, facts, {}]])).toEqual(["when: cart.value: expected $gte 50, found 32.5"]);
    expect(say([["when", undefined, facts, {}]])).toEqual(["when: conditions do not hold for the current facts"]);
  });

  it("a gate it has no sentence for, or odd values, say the gate's name; never throws", () => {
    expect(say([["newer gate", 1]])).toEqual(["newer gate"]);
    expect(say([["schedule.weekdays", 2, "not an array"]])).toEqual(["schedule.weekdays"]);
  });

  it("before the words load, explain() gives each gate's name", () => {
    expect(["consent: personalization not granted", ["frequency.session", 1, 1]].map((r) => gateOf(r as Reason))).toEqual([
      "consent: personalization not granted",
      "frequency.session",
    ]);
  });
});
