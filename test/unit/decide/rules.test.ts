import { afterEach, describe, expect, it } from "vitest";
import { isError } from "../../../src/rules/problems.js";
import { validateRules } from "../../../src/rules/validate.js";
import { cleanup, rulesOf, settle, start } from "../runtime/harness.js";
import { blocked, widgets } from "./helpers.js";

afterEach(cleanup);

const popup = (extra: Record<string, unknown>) => ({ id: "w", type: "popup", content: { title: "T" }, ...extra });
// Errors only: these dates are real ones, and some fall into the past as the clock moves on (a warning).
const problemsOf = (...widgetRules: unknown[]) => validateRules({ version: 1, widgets: widgetRules }).problems.filter(isError);
const variantsOf = (...contents: unknown[]) => contents.map((content, i) => ({ id: `v${i}`, weight: 1, content }));

describe("validating the new widget keys, each problem with its JSON path", () => {
  it("accepts every new key in its documented form", () => {
    const full = {
      id: "full",
      type: "popup",
      frequency: { session: 1, day: 2, total: 5, cooldown: { afterShown: "1h", afterClosed: "1d", afterConverted: "30d" }, stopAfter: ["converted", "dismissed"] },
      after: { widget: "other", shownAtLeast: "2d", notConverted: true },
      group: "promo",
      schedule: { start: "2026-12-01", end: "2026-12-31T23:59", weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 18 } },
      variants: [
        { id: "a", weight: 50, content: { title: "A" } },
        { id: "b", weight: 50, content: { title: "B {{attributes.firstName|friend}}" } },
      ],
      holdout: 10,
      goal: { event: "purchase", where: { "props.value": { $gte: 20 } }, within: "7d" },
    };
    const result = validateRules({ version: 1, settings: { groups: { promo: { maxPerSession: 1 } }, traits: ["firstName"] }, widgets: [full, popup({ id: "other" })] });
    expect(result.problems.filter(isError)).toEqual([]);
    expect(result.rules!.widgets).toHaveLength(2);
  });

  it("checks each variant's content against the type's schema, at widgets[i].variants[j].content", () => {
    expect(problemsOf(popup({ content: undefined, variants: variantsOf({ title: "ok" }, { title: "" }) }))).toEqual([
      { path: "widgets[0].variants[1].content.title", message: "must not be empty" },
    ]);
    expect(problemsOf(popup({ content: undefined, variants: variantsOf({ title: "ok", titel: "x" }) }))).toEqual([
      { path: "widgets[0].variants[0].content", message: 'unknown key "titel" (did you mean "title"?)' },
    ]);
    expect(problemsOf(popup({ content: undefined, variants: variantsOf({ title: "ok", cta: { label: "Go", href: "javascript:alert(1)" } }) })).map((p) => p.path)).toEqual([
      "widgets[0].variants[0].content.cta.href",
    ]);
  });

  it("content and variants together, duplicate or reserved variant ids, all weights 0, no variants", () => {
    expect(problemsOf(popup({ variants: variantsOf({ title: "x" }) }))).toEqual([{ path: "widgets[0].variants", message: 'use either "content" or "variants", not both' }]);
    const twice = [
      { id: "a", content: { title: "x" } },
      { id: "a", content: { title: "y" } },
    ];
    expect(problemsOf(popup({ content: undefined, variants: twice }))).toEqual([{ path: "widgets[0].variants[1].id", message: 'duplicate variant id "a"' }]);
    expect(problemsOf(popup({ content: undefined, variants: [{ id: "holdout", content: { title: "x" } }] }))).toEqual([
      { path: "widgets[0].variants[0].id", message: '"holdout" is reserved for the control group' },
    ]);
    expect(problemsOf(popup({ content: undefined, variants: [{ id: "a", weight: 0, content: { title: "x" } }] }))).toEqual([
      { path: "widgets[0].variants", message: "every variant has weight 0: at least one must be above 0" },
    ]);
    expect(problemsOf(popup({ content: undefined, variants: [] })).map((p) => p.path)).toEqual(["widgets[0].variants"]);
    expect(problemsOf(popup({ content: undefined, variants: [{ id: "a", weight: -1, content: { title: "x" } }] })).map((p) => p.path)).toContain("widgets[0].variants[0].weight");
  });

  it("holdout is a percentage below 100", () => {
    expect(problemsOf(popup({ holdout: 100 })).map((p) => p.path)).toEqual(["widgets[0].holdout"]);
    expect(problemsOf(popup({ holdout: -5 })).map((p) => p.path)).toEqual(["widgets[0].holdout"]);
    expect(problemsOf(popup({ holdout: "10%" })).map((p) => p.path)).toEqual(["widgets[0].holdout"]);
  });

  it("goal: the event is required, `where` is checked as a condition with its path, `within` is a duration", () => {
    expect(problemsOf(popup({ goal: { where: {} } })).map((p) => p.path)).toEqual(["widgets[0].goal.event"]);
    expect(problemsOf(popup({ goal: { event: "purchase", where: { "props.value": { $gtee: 20 } } } }))).toEqual([
      { path: "widgets[0].goal.where.props.value.$gtee", message: expect.stringContaining("$gte") },
    ]);
    expect(problemsOf(popup({ goal: { event: "purchase", within: "a week" } })).map((p) => p.path)).toEqual(["widgets[0].goal.within"]);
    expect(problemsOf(popup({ goal: { event: "purchase", whitin: "7d" } }))[0]).toEqual({ path: "widgets[0].goal", message: 'unknown key "whitin" (did you mean "within"?)' });
  });

  it("frequency: cooldown durations and stopAfter values", () => {
    expect(problemsOf(popup({ frequency: { cooldown: { afterClosed: "tomorrow" } } })).map((p) => p.path)).toEqual(["widgets[0].frequency.cooldown.afterClosed"]);
    expect(problemsOf(popup({ frequency: { cooldown: { afterClose: "1d" } } }))[0]).toEqual({
      path: "widgets[0].frequency.cooldown",
      message: 'unknown key "afterClose" (did you mean "afterClosed"?)',
    });
    expect(problemsOf(popup({ frequency: { stopAfter: ["closed"] } })).map((p) => p.path)).toEqual(["widgets[0].frequency.stopAfter[0]"]);
  });

  it("after: names a widget of the file, not itself", () => {
    expect(problemsOf(popup({ id: "second", after: { widget: "frist", shownAtLeast: "2d" } }), popup({ id: "first" }))).toEqual([
      { path: "widgets[0].after.widget", message: 'no widget with id "frist" (did you mean "first"?)' },
    ]);
    expect(problemsOf(popup({ after: { widget: "w", shownAtLeast: "2d" } }))).toEqual([{ path: "widgets[0].after.widget", message: "a widget cannot follow itself" }]);
    expect(problemsOf(popup({ id: "a", after: { widget: "b" } }), popup({ id: "b" })).map((p) => p.path)).toEqual(["widgets[0].after.shownAtLeast"]);
  });

  it("schedule: date forms, dates that do not exist, an end before the start, weekdays and hours in range", () => {
    expect(problemsOf(popup({ schedule: { start: "12/01/2026" } })).map((p) => p.path)).toEqual(["widgets[0].schedule.start"]);
    expect(problemsOf(popup({ schedule: { end: "2026-02-30" } }))).toEqual([{ path: "widgets[0].schedule.end", message: 'no such date: "2026-02-30"' }]);
    expect(problemsOf(popup({ schedule: { start: "2026-12-31", end: "2026-12-01" } }))).toEqual([
      { path: "widgets[0].schedule.end", message: 'ends ("2026-12-01") before it starts ("2026-12-31")' },
    ]);
    expect(problemsOf(popup({ schedule: { weekdays: [1, 7] } })).map((p) => p.path)).toEqual(["widgets[0].schedule.weekdays[1]"]);
    expect(problemsOf(popup({ schedule: { hours: { from: 9, to: 25 } } })).map((p) => p.path)).toEqual(["widgets[0].schedule.hours.to"]);
    expect(problemsOf(popup({ schedule: { hours: { from: 9, to: 9 } } })).map((p) => p.path)).toEqual(["widgets[0].schedule.hours"]);
  });

  it("settings.groups: a typo is caught", () => {
    const { problems } = validateRules({ version: 1, settings: { groups: { promo: { maxPerSesion: 1 } } }, widgets: [] });
    expect(problems).toEqual([{ path: "settings.groups.promo", message: 'unknown key "maxPerSesion" (did you mean "maxPerSession"?)' }]);
  });

  it("a broken variant leaves the other widgets running", () => {
    const { rules, problems } = validateRules({ version: 1, widgets: [popup({ id: "bad", content: undefined, variants: variantsOf({}) }), popup({ id: "good" })] });
    expect(problems.map((p) => p.path)).toEqual(["widgets[0].variants[0].content.title"]);
    expect(rules!.widgets.map((w) => w.id)).toEqual(["good"]);
  });
});

describe("explain() traces a failing `when` test by test", () => {
  it("lists each failing test with the value found, once the tracer has loaded", async () => {
    const h = start(
      rulesOf([
        {
          id: "big-cart",
          type: "banner",
          trigger: "manual",
          when: { "cart.value": { $gte: 50 }, "visitor.device": "desktop", "page.path": { $regex: "^/" } },
          content: { title: "x" },
        },
      ]),
      { widgets },
    );
    await h.nudge.ready;
    h.nudge.cart.add({ id: "sku", price: 32.5, quantity: 1 });
    h.nudge.explain("big-cart"); // the first call starts loading the tracer
    for (let i = 0; i < 50 && !blocked(h, "big-cart").some((b) => b.includes("found")); i++) await settle();
    const lines = blocked(h, "big-cart");
    expect(lines).toContain("when: cart.value: expected $gte 50, found 32.5");
    expect(lines.filter((l) => l.startsWith("when: "))).toHaveLength(1);
  });

  it("a failing $segment says what failed inside it", async () => {
    const h = start(
      {
        version: 1,
        segments: { browsing: { "visitor.pagesThisSession": { $gte: 3 } } },
        widgets: [{ id: "s", type: "banner", trigger: "manual", when: { $segment: "browsing" }, content: { title: "x" } }],
      },
      { widgets },
    );
    await h.nudge.ready;
    h.nudge.explain();
    for (let i = 0; i < 50 && !blocked(h, "s").some((b) => b.includes("found")); i++) await settle();
    const lines = blocked(h, "s").filter((l) => l.startsWith("when:"));
    expect(lines).toEqual(['when: $segment "browsing": not in the segment', "when:   visitor.pagesThisSession: expected $gte 3, found 1"]);
  });
});
