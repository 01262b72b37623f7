import { describe, expect, it, vi } from "vitest";
import shopFile from "../../../examples/shop/rules.json";
import * as schedule from "../../../src/decide/schedule.js";
import { compileRules } from "../../../src/rules/compile-rules.js";
import { computeAhead } from "../../../src/rules/publish.js";
import { installExtraOperators } from "../../../src/rules/condition/extra-operators.js";
import type { RulesFile, WidgetRule } from "../../../src/rules/schema/rules-schema.js";
import { validateRules } from "../../../src/rules/validate.js";

const popup = (overrides: Partial<WidgetRule> = {}): WidgetRule => ({ id: "w", type: "popup", content: { title: "T" }, ...overrides });
// The shop's rules use `$event`: loaded as `loadRules` does for a file whose operators include it.
installExtraOperators();
const noError = () => {
  throw new Error("onError should not be called");
};

describe("compileRules: settings", () => {
  it("fills in defaults when settings are absent", () => {
    const { settings } = compileRules({ version: 1, widgets: [] }, noError);
    expect(settings).toEqual({ locale: "en", currency: "USD", quietMs: 0, maxPerPage: Infinity, maxPerSession: Infinity, groups: {}, holdout: 0 });
  });

  it("keeps given settings and turns the quiet period into milliseconds", () => {
    const { settings } = compileRules({ version: 1, settings: { locale: "de-DE", currency: "EUR", quietPeriod: "2m", maxPerPage: 1, maxPerSession: 4 }, widgets: [] }, noError);
    expect(settings).toEqual({ locale: "de-DE", currency: "EUR", quietMs: 120_000, maxPerPage: 1, maxPerSession: 4, groups: {}, holdout: 0 });
    expect(compileRules({ version: 1, settings: { quietPeriod: 20 }, widgets: [] }, noError).settings.quietMs).toBe(20_000);
    expect(compileRules({ version: 1, settings: { holdout: 10 }, widgets: [] }, noError).settings.holdout).toBe(10);
  });
});

describe("compileRules: widgets", () => {
  it('a missing trigger means page_view, at once; priority defaults to 0; frequency to no caps; content to {} (one "default" variant, no holdout)', () => {
    const [widget] = compileRules({ version: 1, widgets: [{ id: "bare", type: "custom" }] }, noError).widgets;
    expect(widget).toMatchObject({ id: "bare", type: "custom", trigger: { kind: "page_view", afterMs: 0 }, priority: 0, frequency: {}, holdout: 0 });
    expect(widget.variants).toEqual([{ id: "default", weight: 1, content: {} }]);
    expect(widget.when({})).toBe(true);
  });

  it.each<[WidgetRule["trigger"], { kind: string; afterMs: number }]>([
    ["page_view", { kind: "page_view", afterMs: 0 }],
    ["manual", { kind: "manual", afterMs: 0 }],
    [{ type: "page_view" }, { kind: "page_view", afterMs: 0 }],
    [{ type: "manual" }, { kind: "manual", afterMs: 0 }],
    [
      { type: "delay", after: "6s" },
      { kind: "delay", afterMs: 6000 },
    ],
    [
      { type: "delay", after: "500ms" },
      { kind: "delay", afterMs: 500 },
    ],
    [
      { type: "delay", after: 2 },
      { kind: "delay", afterMs: 2000 },
    ],
  ])("trigger %j → %j", (trigger, expected) => {
    expect(compileRules({ version: 1, widgets: [popup({ trigger })] }, noError).widgets[0].trigger).toEqual(expected);
  });

  it("keeps priority, frequency and content as given", () => {
    const [widget] = compileRules({ version: 1, widgets: [popup({ priority: 7, frequency: { session: 1, total: 3 }, content: { title: "Hi", text: "there" } })] }, noError).widgets;
    expect(widget.priority).toBe(7);
    expect(widget.frequency).toEqual({ session: 1, total: 3 });
    expect(widget.variants).toEqual([{ id: "default", weight: 1, content: { title: "Hi", text: "there" } }]);
  });

  it("compiles `when` into a predicate over facts, with segments resolved by name", () => {
    const rules: RulesFile = {
      version: 1,
      segments: { big: { "cart.value": { $gte: 50 } }, bigAndNew: { $segment: "big", "visitor.isNew": true } },
      widgets: [popup({ when: { $segment: "bigAndNew", "page.path": "/cart" } })],
    };
    const { widgets, segments } = compileRules(rules, noError);
    expect(Object.keys(segments)).toEqual(["big", "bigAndNew"]);
    const when = widgets[0].when;
    expect(when({ cart: { value: 60 }, visitor: { isNew: true }, page: { path: "/cart" } })).toBe(true);
    expect(when({ cart: { value: 10 }, visitor: { isNew: true }, page: { path: "/cart" } })).toBe(false);
    expect(when({ cart: { value: 60 }, visitor: { isNew: false }, page: { path: "/cart" } })).toBe(false);
    expect(when({ cart: { value: 60 }, visitor: { isNew: true }, page: { path: "/" } })).toBe(false);
  });

  it("a segment cycle evaluates to false instead of recursing forever", () => {
    const { widgets } = compileRules({ version: 1, segments: { a: { $segment: "b" }, b: { $segment: "a" } }, widgets: [popup({ when: { $segment: "a" } })] }, noError);
    expect(widgets[0].when({})).toBe(false);
  });

  it("trusts validated input: an unchecked bad regex compiles, and its predicate fails closed instead of throwing", () => {
    const rules = { version: 1, widgets: [popup({ id: "bad", when: { x: { $regex: "(" } } })] } as RulesFile;
    const { widgets } = compileRules(rules, noError);
    expect(widgets[0].when({ x: "(" })).toBe(false);
  });

  it("a widget whose condition throws while compiling is reported with its path and left out; the others stay", () => {
    const onError = vi.fn();
    const exploding = Object.defineProperty({}, "x", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    const rules = { version: 1, widgets: [popup({ id: "ok-1" }), popup({ id: "bad", when: exploding }), popup({ id: "ok-2" })] } as RulesFile;
    const { widgets } = compileRules(rules, onError);
    expect(widgets.map((w) => w.id)).toEqual(["ok-1", "ok-2"]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][0]).toBe("widgets[1]");
  });

  it("a segment that throws while compiling is reported with its path and left out", () => {
    const onError = vi.fn();
    const exploding = Object.defineProperty({}, "x", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    const { segments } = compileRules({ version: 1, segments: { bad: exploding, good: {} }, widgets: [] } as RulesFile, onError);
    expect(Object.keys(segments)).toEqual(["good"]);
    expect(onError.mock.calls.map((call) => call[0])).toEqual(["segments.bad"]);
  });
});

describe("compileRules: schedules", () => {
  const scheduled = { version: 1, widgets: [popup({ schedule: { weekdays: [1] } }), popup({ id: "always" })] } as RulesFile;
  it("a widget's schedule becomes a gate when the schedule code is given", () => {
    const [widget] = compileRules(scheduled, noError, schedule).widgets;
    const monday = new Date(2026, 10, 23, 12).getTime();
    expect(widget.schedule!(monday)).toEqual([]);
    // As data: explain()'s words chunk writes "schedule.weekdays: today is Tue (2), shows on Mon".
    expect(widget.schedule!(monday + 86_400_000)).toEqual([["schedule.weekdays", 2, [1]]]);
  });

  it("without the schedule code, a scheduled widget is reported and left out; the others compile", () => {
    const onError = vi.fn();
    expect(compileRules(scheduled, onError).widgets.map((w) => w.id)).toEqual(["always"]);
    expect(onError).toHaveBeenCalledWith("widgets[0]", expect.objectContaining({ message: expect.stringMatching(/schedule code was not loaded/) }));
  });
});

describe("compileRules on the shop example", () => {
  const { rules, problems } = validateRules(structuredClone(shopFile));
  const widget = (id: string) => compileRules(rules!, noError, schedule).widgets.find((w) => w.id === id)!;
  it("validates, then compiles every widget with its trigger, priority and settings", () => {
    expect(problems).toEqual([]);
    const compiled = compileRules(rules!, noError, schedule);
    expect(compiled.settings).toEqual({
      catalog: "/shop/products.json",
      locale: "en-US",
      currency: "USD",
      quietMs: 20_000,
      maxPerPage: 1,
      maxPerSession: 3,
      groups: { promo: { maxPerSession: 1 } },
      holdout: 0,
    });
    expect(compiled.widgets.slice(0, 4).map((w) => [w.id, w.trigger, w.priority])).toEqual([
      ["welcome-reminder", { kind: "page_view", afterMs: 0 }, 8],
      ["free-shipping", { kind: "delay", afterMs: 6000 }, 5],
      ["welcome-offer", { kind: "page_view", afterMs: 0 }, 10],
      ["holiday-gift-wrap", { kind: "delay", afterMs: 3000 }, 3],
    ]);
    // The shop uses every trigger kind.
    expect(new Set(compiled.widgets.map((w) => w.trigger.kind))).toEqual(
      new Set(["page_view", "delay", "exit_intent", "scroll", "inactivity", "time_on_site", "click", "visible", "form_submit", "event", "manual"]),
    );
  });

  it("the free-shipping widget's condition matches a small cart on the cart page only", () => {
    const when = widget("free-shipping").when;
    expect(when({ page: { path: "/shop/cart.html" }, cart: { value: 30 } })).toBe(true);
    expect(when({ page: { path: "/shop/cart.html" }, cart: { value: 80 } })).toBe(false);
    expect(when({ page: { path: "/shop/cart.html" }, cart: { value: 0 } })).toBe(false);
    expect(when({ page: { path: "/shop/index.html" }, cart: { value: 30 } })).toBe(false);
  });

  it("the welcome offer needs the browsing segment and not the customer one", () => {
    const when = widget("welcome-offer").when;
    const facts = (pages: number, orders: number, path = "/shop/index.html") => ({ visitor: { pagesThisSession: pages }, orders: { count: orders }, page: { path } });
    expect(when(facts(2, 0))).toBe(true);
    expect(when(facts(1, 0))).toBe(false);
    expect(when(facts(3, 1))).toBe(false);
    expect(when(facts(3, 0, "/shop/checkout.html"))).toBe(false);
  });
});

describe("compileRules: placement from what was computed ahead", () => {
  it("carries each variant's placement from `ahead`, so the runtime need not know the built-in layouts", () => {
    const rules = {
      version: 1,
      widgets: [
        popup({ id: "modal" }),
        popup({ id: "inline", content: { title: "T", layout: "inline", inline: { selector: "#slot" } } }),
        popup({
          id: "mixed",
          content: undefined,
          variants: [
            { id: "a", content: { title: "A", layout: "bar" } },
            { id: "b", content: { title: "B", layout: "fullscreen" } },
          ],
        }),
        { id: "own", type: "my-widget", content: {} },
      ],
    } as RulesFile;
    const { widgets } = compileRules(rules, noError, {}, computeAhead(rules));
    expect(widgets.map((w) => w.placement)).toEqual([{ default: "modal" }, { default: "inline" }, { a: "overlay", b: "modal" }, {}]);
    // Without `ahead` (a caller that compiles on its own) there is none: a registered definition answers instead.
    expect(compileRules(rules, noError).widgets[0].placement).toBeUndefined();
  });
});
