import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/rules/validate.js";

// The recipes (examples/recipes/<name>/rules.json): ready rules snippets, each run through
// `nudge simulate` with its timeline, so what the docs promise is what the runtime does.
const ROOT = resolve(import.meta.dirname, "../..");
const DIR = join(ROOT, "examples/recipes");
const recipes = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const read = (name: string, file: string) => JSON.parse(readFileSync(join(DIR, name, file), "utf8"));

function simulate(name: string) {
  const child = spawnSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), "simulate", `examples/recipes/${name}/rules.json`, `examples/recipes/${name}/timeline.json`], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  return {
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
    shown: child.stdout
      .split("\n")
      .filter((line) => line.includes(" SHOWN "))
      .map((line) => line.trim().replace(/\s+/g, " ")),
  };
}

/** Widget types the recipes' own simulate checks above cover in detail; the others run through simulate below. */
const RENDERED_TODAY = new Set(["popup"]);

describe("recipes", () => {
  it("there are the sixteen the docs list, and the playground offers each", () => {
    expect(recipes).toEqual([
      "chatbot-email",
      "compare-viewed",
      "exit-intent-coupon",
      "follow-up-after-2-days",
      "nps-after-second-purchase",
      "predictive-segments",
      "push-ask-third-page",
      "sleeping-customer-discount",
      "smart-timing-reminder",
      "social-proof",
      "still-deciding-cancel",
      "survey-after-order",
      "timing-experiment",
      "upsell-carousel",
      "utm-welcome",
      "wheel-first-visit",
    ]);
    const playground = readFileSync(join(ROOT, "examples/playground/playground.js"), "utf8");
    for (const name of recipes) expect(playground, name).toContain(`"${name}"`);
  });

  it.each(recipes)("%s: its rules validate with no problem", (name) => {
    const { rules, problems } = validateRules(read(name, "rules.json"));
    expect(problems).toEqual([]);
    expect(rules?.widgets.length).toBeGreaterThan(0);
  });

  it("exit-intent-coupon: only for a cart with items, never at checkout; the trigger is all that waits", () => {
    const run = simulate("exit-intent-coupon");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("All 6 expectation(s) held.");
    expect(run.shown).toEqual([]);
  });

  it("follow-up-after-2-days: a reminder once the cart is abandoned, a second 2 days later, a third 2 days after that; the order converts them", () => {
    const run = simulate("follow-up-after-2-days");
    expect(run.status).toBe(0);
    expect(run.shown).toEqual(["+2h SHOWN cart-reminder (popup)", "+2d 2h SHOWN cart-reminder-2 (popup)", "+4d 2h SHOWN cart-reminder-3 (popup)"]);
    expect(run.stdout).toContain('CONVERTED cart-reminder-3 (goal "purchase", value 18)');
    expect(run.stdout).toContain("All 9 expectation(s) held.");
  });

  it("utm-welcome: shows for a visit from the blogger's link, not for a direct one", () => {
    const run = simulate("utm-welcome");
    expect(run.status).toBe(0);
    expect(run.shown).toEqual(["+1d 8s SHOWN blogger-welcome (popup)"]);
    expect(run.stdout).toContain("All 5 expectation(s) held.");
  });

  it("sleeping-customer-discount: 5% for an active customer, 20% once they have slept 100 days", () => {
    const run = simulate("sleeping-customer-discount");
    expect(run.status).toBe(0);
    expect(run.shown).toEqual(["+4d SHOWN thanks-5 (popup)", "+104d SHOWN wake-up-20 (popup)"]);
    expect(run.stdout).toContain("All 4 expectation(s) held.");
  });

  it("smart-timing-reminder: learns the evening habit, then holds the morning's delay until the hour before it", () => {
    const run = simulate("smart-timing-reminder");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // The second show is at 19:00 on the third day (22 h 50 m after the first evening page): long times leave no space before SHOWN.
    expect(run.stdout.match(/^\+\S+(?: \S+)*?\s*SHOWN evening-reminder/gm)?.map((line) => line.replace(/\s*SHOWN.*/, ""))).toEqual(["+1d 5s", "+1d 22h 50m"]);
    expect(run.stdout).toContain("All 4 expectation(s) held.");
  });

  it("still-deciding-cancel: an add to cart calls the popup off for that page; another product page asks after 40 s", () => {
    const run = simulate("still-deciding-cancel");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.shown).toEqual(["+1m 30s SHOWN still-deciding (popup)"]);
    expect(run.stdout).toContain("All 3 expectation(s) held.");
  });

  it("predictive-segments: free delivery for a ready buyer, a code for a discount hunter, a win-back once overdue", () => {
    const run = simulate("predictive-segments");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.match(/SHOWN [\w-]+/g)).toEqual(["SHOWN free-delivery", "SHOWN free-delivery", "SHOWN hunter-coupon", "SHOWN win-back"]);
    expect(run.stdout).toContain("All 7 expectation(s) held.");
  });

  it("timing-experiment: each variant waits for its own moment (10 s, or exit intent) and keeps its own cap", () => {
    const run = simulate("timing-experiment");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.shown).toEqual(["+10s SHOWN first-order (popup, variant after-10s)", "+41s SHOWN first-order (popup, variant on-exit)"]);
    expect(run.stdout).toContain("All 6 expectation(s) held.");
  });

  const others = recipes.filter((name) => read(name, "rules.json").widgets.some((w: { type: string }) => !RENDERED_TODAY.has(w.type)));
  it("the recipes for the other widget types are the eight expected", () => {
    expect(others).toEqual([
      "chatbot-email",
      "compare-viewed",
      "nps-after-second-purchase",
      "push-ask-third-page",
      "social-proof",
      "survey-after-order",
      "upsell-carousel",
      "wheel-first-visit",
    ]);
  });

  it("push-ask-third-page: asks on the third page, not again for 30 days after 'not now'", () => {
    const run = simulate("push-ask-third-page");
    expect(run.stderr).toBe("");
    expect(run.shown).toEqual(["+0s SHOWN push-ask (push-ask)", "+33d SHOWN push-ask (push-ask)"]);
    expect(run.stdout).toContain("All 6 expectation(s) held.");
  });

  it("compare-viewed: only once two products were viewed; add to cart converts it", () => {
    const run = simulate("compare-viewed");
    expect(run.shown).toEqual(["+45s SHOWN compare-viewed (compare)"]);
    expect(run.stdout).toContain('CONVERTED compare-viewed (goal "add_to_cart")');
    expect(run.stdout).toContain("All 5 expectation(s) held.");
  });

  it("survey-after-order: after the first order, and never again once answered", () => {
    const run = simulate("survey-after-order");
    expect(run.shown).toEqual(["+8s SHOWN checkout-survey (survey)"]);
    expect(run.stdout).toContain("All 6 expectation(s) held.");
  });
  it.each(others)("%s: every expectation of its timeline holds in `nudge simulate`", (name) => {
    const run = simulate(name);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/All \d+ expectation\(s\) held\./);
  });
});
