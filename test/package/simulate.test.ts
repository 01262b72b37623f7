import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `nudge simulate` from the built CLI: the real runtime, headless, on a fake clock.
const ROOT = resolve(import.meta.dirname, "../..");
const RULES = "examples/shop/rules.json";
const EXAMPLE = "examples/timelines/welcome-and-follow-up.json";
const tmp = mkdtempSync(join(tmpdir(), "nudge-simulate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function simulate(...args: string[]) {
  const child = spawnSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), "simulate", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, lines: child.stdout.split("\n") };
}

function writeJson(name: string, value: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

const example = JSON.parse(readFileSync(join(ROOT, EXAMPLE), "utf8")) as { steps: Array<Record<string, unknown>> };
const rulesOf = (widgets: unknown[], settings: Record<string, unknown> = {}) => ({ version: 1, settings, widgets });
const popup = (id: string, extra: Record<string, unknown>) => ({ id, type: "popup", content: { title: `${id} title` }, ...extra });

describe("nudge simulate: the shop example", () => {
  it("every expectation holds (exit 0) and each widget shows at its moment", () => {
    const { status, stdout, stderr, lines } = simulate(RULES, EXAMPLE);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(lines).toContain("+20s     SHOWN welcome-offer (popup, variant beans)");
    expect(lines).toContain("+20s     closed welcome-offer (button: a dismissal)");
    expect(lines).toContain("+53s     SHOWN holiday-gift-wrap (popup)");
    expect(lines).toContain("+2d 58s  SHOWN welcome-reminder (popup)");
    expect(lines).toContain('+2d 58s  CONVERTED welcome-reminder (goal "purchase", value 45)');
    expect(lines).toContain('+2d 58s  CONVERTED welcome-offer (goal "purchase", value 45, variant beans)');
    expect(stdout.match(/SHOWN /g)).toHaveLength(3);
    expect(stdout).not.toContain("✗");
    expect(lines).toContain("3 widget show(s). All 15 expectation(s) held.");
    // The welcome offer's second page of the session, and the follow-up on day 3, in the visitor's time zone.
    expect(stdout).toContain("page /shop/category.html   (Tue 1 Dec, 10:00)");
    expect(stdout).toContain("page /shop/index.html   (Thu 3 Dec, 10:00)");
    // The explain() of every widget ends the report, with its reasons.
    expect(stdout).toMatch(/explain \(end of the timeline\)\n\s+welcome-reminder: blocked by\n\s+- when: /);
  });

  it("--json: the same run as machine-readable events", () => {
    const { status, stdout } = simulate(RULES, EXAMPLE, "--json");
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      checks: number;
      failed: number;
      start: string;
      events: Array<{ at: number; time: string; type: string; widget?: string; variant?: string; step?: number }>;
    };
    expect(report).toMatchObject({ ok: true, checks: 15, failed: 0, start: "2026-12-01T09:00:00.000Z" });
    const shown = report.events.filter((e) => e.type === "shown").map(({ at, time, widget, variant }) => ({ at, time, widget, variant }));
    expect(shown).toEqual([
      { at: 20_000, time: "+20s", widget: "welcome-offer", variant: "beans" },
      { at: 53_000, time: "+53s", widget: "holiday-gift-wrap", variant: "default" },
      { at: 2 * 86_400_000 + 58_000, time: "+2d 58s", widget: "welcome-reminder", variant: "default" },
    ]);
    expect(report.events.filter((e) => e.type === "converted").map((e) => e.widget)).toEqual(["welcome-reminder", "welcome-offer"]);
  });
});

describe("nudge simulate: failures", () => {
  it("a wrong expectation: exit 1, naming the step and why", () => {
    const steps = example.steps.map((step, i) => (i === 5 ? { expect: { notShown: "welcome-offer" } } : step));
    const file = writeJson("wrong.json", { ...example, steps });
    const { status, lines } = simulate(RULES, file);
    expect(status).toBe(1);
    expect(lines).toContain("+20s     ✗ steps[5] expect notShown welcome-offer: it is on screen");
    expect(lines).toContain("3 widget show(s). 1 of 15 expectation(s) failed: steps[5].");
  });

  it("an expected show that does not happen names what holds the widget back", () => {
    const steps = example.steps.map((step, i) => (i === 5 ? { expect: { shown: "free-shipping" } } : step));
    const { status, stdout } = simulate(RULES, writeJson("not-shown.json", { ...example, steps }));
    expect(status).toBe(1);
    expect(stdout).toContain('✗ steps[5] expect shown free-shipping: not on screen; "welcome-offer" is on screen; trigger: delay, 6s left on this page; when: page.path:');
  });

  it("an unknown step kind: exit 2, naming its index, before anything runs", () => {
    const steps = [...example.steps.slice(0, 3), { clik: true }, ...example.steps.slice(3)];
    const { status, stdout, stderr } = simulate(RULES, writeJson("unknown.json", { ...example, steps }));
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('steps[3]: unknown step "clik" (did you mean "click"?)');
  });

  it("other timeline mistakes: each with its path", () => {
    const file = writeJson("mistakes.json", {
      start: "tomorrow",
      steps: [{ wait: "5 secs" }, { page: "/", advance: "1d" }, { expect: { shown: "welcom-offer" } }, { close: "x" }],
    });
    const { status, stderr } = simulate(RULES, file);
    expect(status).toBe(2);
    expect(stderr).toContain("start: expected a date and time");
    expect(stderr).toContain("steps[0].wait: expected a duration");
    expect(stderr).toContain('steps[1]: one step at a time: found "page" and "advance"');
    expect(stderr).toContain('steps[2].expect.shown: no widget "welcom-offer" in the rules (did you mean "welcome-offer"?)');
    expect(stderr).toContain("steps[3].close: expected how the visitor closes it");
  });

  it("unreadable input: exit 2 naming the file", () => {
    const missing = join(tmp, "missing.json");
    expect(simulate(RULES, missing)).toMatchObject({ status: 2, stdout: "" });
    expect(simulate(RULES, missing).stderr).toContain(missing);
    const notJson = join(tmp, "not-json.json");
    writeFileSync(notJson, "{ steps: [");
    expect(simulate(notJson, EXAMPLE)).toMatchObject({ status: 2 });
  });

  it("a broken rules file: its problems first, with their paths; the usable widgets still run", () => {
    const shop = JSON.parse(readFileSync(join(ROOT, RULES), "utf8"));
    shop.widgets[1].trigger = { type: "delay", after: "6 secs" };
    shop.widgets[3].frequncy = {};
    const file = writeJson("broken-rules.json", shop);
    const { status, lines } = simulate(file, EXAMPLE);
    expect(lines.slice(0, 4)).toEqual([
      `${file}: 2 problem(s)`,
      '  widgets[1].trigger.after: expected a duration such as "30s", "15m", "2h" or "7d", found text "6 secs"',
      '  widgets[3]: unknown key "frequncy" (did you mean "frequency"?)',
      `${shop.widgets.length - 2} widget(s) are still usable; the others are skipped.`,
    ]);
    expect(status).toBe(1);
    expect(lines).toContain("+20s     SHOWN welcome-offer (popup, variant beans)");
    expect(lines.some((l) => l.includes('✗ steps[13] expect shown holiday-gift-wrap: not on screen; "holiday-gift-wrap" is not in the usable rules'))).toBe(true);
  });

  it("a rules file that cannot be used at all: exit 2", () => {
    const { status, stdout } = simulate(writeJson("unusable.json", { version: 1, settings: { currency: "usd" }, widgets: [] }), EXAMPLE);
    expect(status).toBe(2);
    expect(stdout).toContain("settings.currency: expected a 3-letter ISO 4217 code");
    expect(stdout).toContain("The rules file cannot be used as it is.");
  });
});

describe("nudge simulate: time", () => {
  it("a delay trigger fires only once the visitor has waited on the page", () => {
    const rules = writeJson("delay-rules.json", rulesOf([popup("late", { trigger: { type: "delay", after: "6s" } })]));
    const timeline = writeJson("delay.json", {
      start: "2026-03-02T12:00:00",
      steps: [
        { page: "/" },
        { expect: { notShown: "late", blockedBy: { late: "trigger: delay, 6s left" } } },
        { wait: "5s" },
        { expect: { notShown: "late", blockedBy: { late: "trigger: delay, 1s left" } } },
        { wait: "1s" },
        { expect: { shown: "late" } },
        { close: "button" },
        { page: "/next" },
        { wait: "1m" },
        { expect: { shown: "late" } },
      ],
    });
    const { status, lines } = simulate(rules, timeline);
    expect(status).toBe(0);
    // The second page's timer falls due inside the one-minute wait, at its own moment.
    expect(lines.filter((l) => l.includes("SHOWN"))).toEqual(["+6s      SHOWN late (popup)", "+12s     SHOWN late (popup)"]);
  });

  it("a frequency.session cap holds until 31 minutes idle start a new session", () => {
    const rules = writeJson("session-rules.json", rulesOf([popup("once", { trigger: "page_view", frequency: { session: 1 } })]));
    const timeline = writeJson("session.json", {
      start: "2026-03-02T12:00:00",
      visitor: { id: "v-1" },
      steps: [
        { page: "/" },
        { expect: { shown: "once" } },
        { close: "button" },
        { advance: "29m" },
        { page: "/again" },
        { expect: { notShown: "once", blockedBy: { once: "frequency.session: shown 1 of 1 times this session" } } },
        { advance: "31m" },
        { page: "/later" },
        { expect: { shown: "once" } },
      ],
    });
    const { status, lines } = simulate(rules, timeline);
    expect(status).toBe(0);
    expect(lines.filter((l) => l.includes("SHOWN"))).toEqual(["+0s      SHOWN once (popup)", "+1h      SHOWN once (popup)"]);
  });

  it("the timeline's time zone decides a schedule's hours", () => {
    const rules = writeJson("tz-rules.json", rulesOf([popup("office", { trigger: "page_view", schedule: { hours: { from: 9, to: 18 } } })]));
    const steps = [{ page: "/" }, { expect: { shown: "office" } }];
    // One instant (10:00 UTC), two visitors: 11:00 in Paris, 19:00 in Tokyo.
    const at = (timezone: string) => simulate(rules, writeJson(`tz-${timezone.replace("/", "-")}.json`, { start: "2026-03-02T10:00:00Z", timezone, steps }));
    expect(at("Europe/Paris").status).toBe(0);
    const { status, stdout } = at("Asia/Tokyo");
    expect(status).toBe(1);
    expect(stdout).toContain("from Mon, 2 Mar 2026, 19:00 (Asia/Tokyo)");
    expect(stdout).toContain("schedule.hours: it is 19:00");
  });
});

describe("nudge simulate: what the playground can do", () => {
  const abTest = {
    id: "welcome",
    type: "popup",
    trigger: "page_view",
    holdout: 10,
    variants: [
      { id: "a", content: { title: "A" } },
      { id: "b", content: { title: "B" } },
    ],
  };

  it("force: a variant, then the control group for a new visitor", () => {
    const rules = writeJson("force-rules.json", rulesOf([abTest]));
    const timeline = writeJson("force.json", {
      start: "2026-03-02T12:00:00",
      steps: [
        { force: { welcome: "b" } },
        { page: "/" },
        { expect: { shown: "welcome" } },
        { force: { welcome: "holdout" } },
        { arrive: "/" },
        { expect: { notShown: "welcome" } },
      ],
    });
    const { status, lines, stdout } = simulate(rules, timeline);
    expect(status).toBe(0);
    expect(lines).toContain("+0s      force welcome: variant b (from the next page)");
    expect(lines).toContain("+0s      SHOWN welcome (popup, variant b)");
    expect(stdout).toContain("HELD OUT welcome (control group");
    expect(stdout).toMatch(/welcome: blocked by\n(\s+- .*\n)*\s+- holdout: this visitor is in the control group \(99.999999% of visitors\)/);
  });

  it("force: the control group does not move a visitor already assigned, and says so", () => {
    const rules = writeJson("sticky-rules.json", rulesOf([{ ...abTest, frequency: { session: 1 } }]));
    const timeline = writeJson("sticky.json", {
      start: "2026-03-02T12:00:00",
      steps: [{ force: { welcome: "a" } }, { page: "/" }, { force: { welcome: "holdout" } }],
    });
    const { status, stdout } = simulate(rules, timeline);
    expect(status).toBe(0);
    expect(stdout).toContain("force welcome: control group (from the next page); this visitor already has variant a and keeps it (assignments are sticky)");
  });

  it("force and the new steps are checked: an unknown variant, a bad scroll, an action before any page", () => {
    const rules = writeJson("check-rules.json", rulesOf([abTest]));
    const timeline = writeJson("check.json", {
      start: "2026-03-02T12:00:00",
      steps: [{ exitIntent: true }, { force: { welcome: "c" } }, { force: { welcom: "a" } }, { scroll: 150 }, { clickOn: "" }, { page: "/" }],
    });
    const { status, stderr } = simulate(rules, timeline);
    expect(status).toBe(2);
    expect(stderr).toContain("steps[0]: the visitor acts before viewing any page");
    expect(stderr).toContain('steps[1].force.welcome: expected one of "a", "b", "holdout"');
    expect(stderr).toContain('steps[2].force.welcom: no widget "welcom" in the rules (did you mean "welcome"?)');
    expect(stderr).toContain("steps[3].scroll: expected how far down the page, in percent");
    expect(stderr).toContain('steps[4].clickOn: expected a CSS selector such as "#size-guide"');
  });

  it("arrive: a new visitor by a UTM link, first visit, while the old visitor's history is gone", () => {
    const rules = writeJson(
      "utm-rules.json",
      rulesOf([popup("blog-welcome", { trigger: "page_view", when: { "visitor.isNew": true, "page.utm.source": "blog" }, frequency: { total: 1 } })]),
    );
    const timeline = writeJson("utm.json", {
      start: "2026-03-02T12:00:00",
      steps: [{ page: "/?utm_source=blog" }, { expect: { shown: "blog-welcome" } }, { close: "button" }, { arrive: "/?utm_source=blog" }, { expect: { shown: "blog-welcome" } }],
    });
    const { status, lines } = simulate(rules, timeline);
    expect(status).toBe(0);
    expect(lines).toContain("+0s      a new visitor arrives by /?utm_source=blog");
    expect(lines.filter((l) => l.includes("SHOWN blog-welcome"))).toHaveLength(2);
  });

  it("scroll, exit intent and a click fire the triggers waiting for them, and only those", () => {
    const rules = writeJson(
      "signals-rules.json",
      rulesOf([
        popup("deep", { trigger: { type: "scroll", percent: 60 }, content: { title: "deep", layout: "slide-in" } }),
        popup("leaving", { trigger: { type: "exit_intent" } }),
        popup("guide", { trigger: { type: "click", selector: "#size-guide" }, content: { title: "guide", layout: "top-bar" } }),
      ]),
    );
    const timeline = writeJson("signals.json", {
      start: "2026-03-02T12:00:00",
      steps: [
        { page: "/" },
        { scroll: 30 },
        { expect: { notShown: "deep" } },
        { scroll: 70 },
        { expect: { shown: "deep" } },
        { close: "button" },
        { clickOn: "#other" },
        { clickOn: "#size-guide" },
        { expect: { shown: "guide" } },
        { close: "button" },
        { exitIntent: true },
        { expect: { shown: "leaving" } },
      ],
    });
    const { status, lines, stdout } = simulate(rules, timeline);
    expect(stdout).not.toContain("✗");
    expect(status).toBe(0);
    expect(lines).toContain("+0s      scroll to 30% (no trigger waits for it)");
    expect(lines).toContain("+0s      scroll to 70% (fires deep)");
    expect(lines).toContain("+0s      click on #other (no trigger waits for it)");
    expect(lines).toContain("+0s      exit intent (fires leaving)");
  });
});
