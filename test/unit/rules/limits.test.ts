import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../scripts/docs/rules-text.mjs";
import { mergeProfiles } from "../../../src/profile/merge.js";
import { MAX_EVENT_NAMES } from "../../../src/profile/history.js";
import { newProfile, recordEvent, type Profile } from "../../../src/profile/profile.js";
import { REGEX_SUBJECT_LIMIT } from "../../../src/rules/condition/regex.js";
import { checkCondition } from "../../../src/rules/condition/index.js";
import { MAX_CONDITION_DEPTH, MAX_LIST_ITEMS, MAX_RULES_FILE_CHARS } from "../../../src/rules/limits.js";
import { validateRules } from "../../../src/rules/validate.js";

/*
 * The "Defects" issue, item 6: limits that hold, and messages that do not mislead. Each limit is
 * documented in the rules reference (scripts/docs/rules-text.mjs, LIMITS) with the same number.
 */

const popup = (overrides: Record<string, unknown>) => ({ id: "w", type: "popup", content: { title: "Hi" }, ...overrides });
const file = (...widgets: unknown[]) => ({ version: 1, widgets });
const problemsOf = (input: unknown, length?: number) => validateRules(input, length).problems;

describe("trigger waits longer than a browser timer", () => {
  it.each([
    [{ type: "delay", after: "25d" }, "widgets[0].trigger.after"],
    [{ type: "inactivity", after: "25d" }, "widgets[0].trigger.after"],
    [{ type: "time_on_site", after: 2_160_000 }, "widgets[0].trigger.after"],
    [{ type: "exit_intent", minTimeOnPage: "4w" }, "widgets[0].trigger.minTimeOnPage"],
  ])("%j is refused at its path with what to use instead", (trigger, path) => {
    const problems = problemsOf(file(popup({ trigger })));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toMatch(/^at most "24d": a page cannot wait longer .* use "frequency\.cooldown" or "after"$/);
  });

  it("24 days still validates, and cooldowns may be longer (they compare times, no timer)", () => {
    expect(problemsOf(file(popup({ trigger: { type: "inactivity", after: "24d" }, frequency: { cooldown: { afterClosed: "90d" } } })))).toEqual([]);
  });
});

describe("size limits", () => {
  it(`a list of more than ${MAX_LIST_ITEMS} values is refused, pointing to traits, segments or the catalog feed`, () => {
    const ids = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `sku-${i}`);
    for (const operator of ["$in", "$nin", "$all"]) {
      const [problem] = checkCondition({ "viewed.products": { [operator]: ids } }, "widgets[0].when");
      expect(problem.path).toBe(`widgets[0].when.viewed.products.${operator}`);
      expect(problem.message).toContain(`${operator} lists ${MAX_LIST_ITEMS + 1} values, more than ${MAX_LIST_ITEMS}`);
      expect(problem.message).toMatch(/segment.*catalog feed/);
    }
    expect(checkCondition({ x: { $in: ids.slice(1) } })).toEqual([]);
  });

  it(`conditions nested more than ${MAX_CONDITION_DEPTH} levels are refused once, at the level that passes it`, () => {
    let deep: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 100; i++) deep = { $and: [deep] };
    const problems = checkCondition(deep, "when");
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(`when${"$and[0]".replace(/^/, ".").repeat(MAX_CONDITION_DEPTH)}`);
    expect(problems[0].message).toMatch(/^nested more than 20 levels deep: give the inner parts names in "segments"/);
    let fine: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < MAX_CONDITION_DEPTH - 2; i++) fine = { $and: [fine] };
    expect(checkCondition(fine)).toEqual([]);
  });

  it(`a file of more than ${MAX_RULES_FILE_CHARS} characters is refused whole`, () => {
    const problems = problemsOf(file(), MAX_RULES_FILE_CHARS + 1);
    expect(problems).toEqual([{ path: "(root)", message: expect.stringMatching(/^the rules file has 1000001 characters, more than 1000000 \(about 1 MB\).*catalog feed/) }]);
    expect(problemsOf(file(), MAX_RULES_FILE_CHARS)).toEqual([]);
  });

  it("the rules reference states each limit with the code's number", () => {
    const text = LIMITS.join("\n");
    for (const limit of [REGEX_SUBJECT_LIMIT, MAX_LIST_ITEMS, MAX_CONDITION_DEPTH, MAX_EVENT_NAMES]) expect(text).toContain(limit.toLocaleString("en-US"));
    expect(text).toContain("1 MB");
    expect(text).toContain("24 days");
  });
});

describe("distinct event names", () => {
  const ids = () => "id";

  it(`keeps the ${MAX_EVENT_NAMES} most recently seen names and counts the others it dropped`, () => {
    let profile: Profile = newProfile("v", 1000);
    profile = recordEvent(profile, "add_to_cart", 1000, ids);
    for (let i = 0; i < MAX_EVENT_NAMES + 50; i++) profile = recordEvent(profile, `clicked_${i}`, 2000 + i, ids);
    profile = recordEvent(profile, "add_to_cart", 10_000, ids);
    const names = Object.keys(profile.events);
    expect(names).toHaveLength(MAX_EVENT_NAMES);
    expect(profile.events.add_to_cart.count).toBe(1); // dropped once as the least recent, then seen again
    expect(names).not.toContain("clicked_0");
    expect(names).toContain(`clicked_${MAX_EVENT_NAMES + 49}`);
    expect(profile.eventNamesDropped).toBe(52);
    expect(JSON.stringify(profile).length).toBeLessThan(100_000);
  });

  it("a merge of two tabs keeps the cap and adds up the drops", () => {
    let base: Profile = newProfile("v", 1000);
    for (let i = 0; i < MAX_EVENT_NAMES; i++) base = recordEvent(base, `e${i}`, 1000 + i, ids);
    let ours = base;
    let theirs = base;
    for (let i = 0; i < 5; i++) ours = recordEvent(ours, `ours${i}`, 5000 + i, ids);
    for (let i = 0; i < 3; i++) theirs = recordEvent(theirs, `theirs${i}`, 6000 + i, ids);
    const merged = mergeProfiles(base, ours, theirs);
    expect(Object.keys(merged.events)).toHaveLength(MAX_EVENT_NAMES);
    expect(merged.events.ours4).toBeDefined();
    expect(merged.events.theirs2).toBeDefined();
    expect(merged.eventNamesDropped).toBe(5 + 3 + 5);
  });
});

describe("messages that do not mislead", () => {
  it.each([
    [Number.NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
  ])("%s where a number belongs is named as such", (priority, shown) => {
    const [problem] = problemsOf(file(popup({ priority })));
    expect(problem).toEqual({ path: "widgets[0].priority", message: `expected a finite number, found ${shown}` });
  });

  it('"0001-01-01" is a real date (the year 1), not "no such date"', () => {
    // Real dates, only long past: a warning that the schedule has ended, nothing else.
    expect(problemsOf(file(popup({ schedule: { start: "0001-01-01", end: "0099-12-31T23:59" } })))).toEqual([
      { path: "widgets[0].schedule.end", severity: "warning", message: '"0099-12-31T23:59" is in the past: the schedule has ended, so this widget never shows' },
    ]);
    expect(problemsOf(file(popup({ schedule: { start: "0099-12-31", end: "0001-01-01" } })))[0].message).toBe('ends ("0001-01-01") before it starts ("0099-12-31")');
    expect(problemsOf(file(popup({ schedule: { start: "0001-02-29" } })))[0].message).toBe('no such date: "0001-02-29"');
  });
});
