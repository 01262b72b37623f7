import { describe, expect, it } from "vitest";
import { builtinModal } from "../../../src/core/builtin-placement.js";
import { validateRules } from "../../../src/rules/validate.js";
import { builtinContentSchemas } from "../../../src/rules/schema/rules-schema.js";
import { deadlineOf, localDeadline, timeLeft } from "../../../widgets/shared/countdown.js";
import { pluralOf, offerStrings } from "../../../widgets/shared/offer-strings.js";
import { leadProblem, leadValue } from "../../../widgets/popup/lead-validation.js";
import popup from "../../../widgets/popup/index.js";
import countdownCoupon from "../../../widgets/countdown-coupon/index.js";

const HOUR = 3_600_000;

describe("countdown math", () => {
  it("a local date runs to the end of that day, a time to the end of that minute, in this time zone", () => {
    expect(localDeadline("2026-12-31")).toBe(new Date(2027, 0, 1).getTime());
    expect(localDeadline("2026-12-31T23:59")).toBe(new Date(2027, 0, 1).getTime());
    expect(localDeadline("2026-06-01T10:30:15")).toBe(new Date(2026, 5, 1, 10, 30, 16).getTime());
    expect(localDeadline("31.12.2026")).toBeUndefined();
    expect(localDeadline("2026-12-31Z")).toBeUndefined();
  });

  it("an evergreen deadline starts at the first show and is stored; a stored one is kept", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(deadlineOf({ evergreen: "30m" }, {}, now)).toEqual({ deadline: now + 30 * 60_000, save: { deadline: now + 30 * 60_000 } });
    expect(deadlineOf({ evergreen: 90 }, undefined, now)).toEqual({ deadline: now + 90_000, save: { deadline: now + 90_000 } });
    // A later page view (or another tab) keeps the first deadline, even once it is past: expired for good.
    expect(deadlineOf({ evergreen: "30m" }, { deadline: now - 1 }, now + 5 * HOUR)).toEqual({ deadline: now - 1 });
    expect(deadlineOf({ until: "2026-12-31" }, { deadline: 5 }, now)).toEqual({ deadline: new Date(2027, 0, 1).getTime() });
    expect(deadlineOf({ evergreen: "soon" }, {}, now)).toBeUndefined();
    expect(deadlineOf({ evergreen: "1h" }, { deadline: "tomorrow" }, now)).toEqual({ deadline: now + HOUR, save: { deadline: now + HOUR } });
  });

  it("splits the time left into units, rounding up to the second and never below zero", () => {
    expect(timeLeft(90_500)).toEqual({ total: 90_500, days: 0, hours: 0, minutes: 1, seconds: 31 });
    expect(timeLeft(2 * 86_400_000 + 3 * HOUR + 4 * 60_000 + 5_000)).toMatchObject({ days: 2, hours: 3, minutes: 4, seconds: 5 });
    expect(timeLeft(1)).toMatchObject({ seconds: 1 });
    expect(timeLeft(-5)).toEqual({ total: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it("speaks units with the plural rules of the locale", () => {
    expect([1, 2, 5, 21].map((n) => pluralOf("ru-RU", n, offerStrings.ru!.hours))).toEqual(["1 час", "2 часа", "5 часов", "21 час"]);
    expect([1, 2].map((n) => pluralOf("en-US", n, offerStrings.en.minutes))).toEqual(["1 minute", "2 minutes"]);
  });
});

describe("lead validation", () => {
  it.each([
    ["email", "ada@example.com", undefined],
    ["email", " ada.l@mail.example.co.uk ", undefined],
    ["email", "ada@", "email"],
    ["email", "ada@example", "email"],
    ["email", "a b@example.com", "email"],
    ["email", "", "required"],
    ["phone", "+7 (900) 123-45-67", undefined],
    ["phone", "555 1234", undefined],
    ["phone", "12345", "phone"],
    ["phone", "+7 900 abc 45 67", "phone"],
    ["name", "Ада", undefined],
    ["name", "x".repeat(101), "name"],
    ["name", "   ", "required"],
  ] as const)("%s %j → %s", (field, value, problem) => {
    expect(leadProblem(field, value, true)).toBe(problem);
  });

  it("optional empty fields pass; values are trimmed and phones reduced to digits", () => {
    expect(leadProblem("phone", "", false)).toBeUndefined();
    expect(leadValue("phone", " +7 (900) 123-45-67 ")).toBe("+79001234567");
    expect(leadValue("email", " ada@example.com ")).toBe("ada@example.com");
  });
});

describe("schemas of the popup family", () => {
  const schemas = builtinContentSchemas();
  const ok = (type: string, content: unknown) => schemas[type].safeParse(content).success;
  const issues = (type: string, content: unknown) => {
    const result = schemas[type].safeParse(content);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("accepts every layout and block, and the original popup content", () => {
    expect(ok("popup", { title: "Hi", cta: { label: "Go", href: "/x" }, dismiss: "No" })).toBe(true);
    for (const layout of ["modal", "slide-in", "top-bar", "bottom-bar", "fullscreen"]) expect(ok("popup", { title: "Hi", layout })).toBe(true);
    expect(
      ok("popup", {
        title: "Hi",
        layout: "slide-in",
        corner: "bottom-left",
        teaser: { label: "-10% ↑" },
        countdown: { evergreen: "30m", label: "Ends in" },
        coupon: { code: "HELLO10" },
        buttons: [
          { label: "A", href: "/a" },
          { label: "B", action: "convert" },
        ],
        form: {
          fields: [{ name: "email" }, { name: "phone", required: false }, { name: "name", label: "Your name" }],
          consent: { label: "I agree", policy: { label: "Policy", href: "/privacy" } },
          success: { title: "Thanks" },
        },
      }),
    ).toBe(true);
    expect(ok("popup", { title: "Hi", layout: "inline", inline: { selector: "#slot", position: "after" } })).toBe(true);
  });

  it("names what is wrong", () => {
    expect(issues("popup", { title: "Hi", layout: "inline" })).toEqual(['inline: layout "inline" needs "inline": { "selector": … }']);
    expect(issues("popup", { title: "Hi", countdown: { until: "2026-12-31", evergreen: "1h" } })[0]).toContain('either "until" or "evergreen"');
    expect(issues("popup", { title: "Hi", countdown: { until: "tomorrow" } })[0]).toMatch(/^countdown\.until: a local date/);
    expect(issues("popup", { title: "Hi", form: { fields: [{ name: "email" }] } })[0]).toMatch(/^form\.consent/);
    expect(issues("popup", { title: "Hi", form: { fields: [{ name: "age" }], consent: { label: "ok" } } })[0]).toMatch(/^form\.fields\.0\.name/);
    expect(issues("popup", { title: "Hi", form: { fields: [{ name: "email" }], consent: { label: "ok", policy: { label: "p", href: "javascript:alert(1)" } } } })[0]).toMatch(
      /^form\.consent\.policy\.href: must be an http\(s\) or relative URL/,
    );
    expect(issues("popup", { title: "Hi", layout: "sideways" })[0]).toMatch(/^layout/);
  });

  it("countdown-coupon: needs a countdown and a coupon", () => {
    expect(ok("countdown-coupon", { title: "15% off", countdown: { evergreen: "30m" }, coupon: { code: "SAVE15" } })).toBe(true);
    expect(
      ok("countdown-coupon", {
        title: "15% off",
        layout: "slide-in",
        corner: "top-left",
        countdown: { until: "2026-12-31T23:59" },
        coupon: { code: "X" },
        cta: { label: "Cart", href: "/cart" },
      }),
    ).toBe(true);
    expect(issues("countdown-coupon", { title: "15% off", coupon: { code: "SAVE15" } })[0]).toMatch(/^countdown/);
    expect(issues("countdown-coupon", { title: "15% off", countdown: { evergreen: "1h" }, coupon: { code: "" } })[0]).toMatch(/^coupon\.code/);
  });

  it("a rules file with them validates, and a bad one is named with its path", () => {
    const result = validateRules({
      version: 1,
      widgets: [
        { id: "bar", type: "countdown-coupon", content: { title: "t", countdown: { evergreen: "1h" }, coupon: { code: "C" } } },
        { id: "bad", type: "popup", content: { title: "t", layout: "inline" } },
      ],
    });
    expect(result.rules?.widgets.map((w) => w.id)).toEqual(["bar"]);
    expect(result.problems.map((p) => p.path).join(" ")).toContain("widgets[1].content.inline");
  });

  it("nudge build knows which popups are modal before their code loads (for `ahead`), and agrees with the widgets", () => {
    for (const layout of [undefined, "modal", "slide-in", "top-bar", "bottom-bar", "fullscreen", "inline"]) {
      const content = { title: "t", layout };
      expect(builtinModal.popup(content)).toBe((popup.modal as (c: unknown) => boolean)(content));
    }
    expect(builtinModal["countdown-coupon"]({})).toBe(countdownCoupon.modal);
    expect(popup.placement?.({ title: "t", layout: "inline", inline: { selector: "#slot" } })).toEqual({ selector: "#slot", position: undefined });
    expect(popup.placement?.({ title: "t", layout: "modal", inline: { selector: "#slot" } })).toBeUndefined();
  });
});
