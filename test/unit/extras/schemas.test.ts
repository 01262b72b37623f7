import { describe, expect, it } from "vitest";
import { validateRules } from "../../../src/rules/validate.js";

const problemsOf = (type: string, content: unknown) =>
  validateRules({ version: 1, widgets: [{ id: "w", type, trigger: "manual", content }] }).problems.map((p) => `${p.path}: ${p.message}`);

describe("content schemas of the extra widgets", () => {
  it("accept good content", () => {
    expect(problemsOf("social-proof", { metric: "viewsLastHour", min: 3, position: "bottom-right", duration: 6 })).toEqual([]);
    expect(problemsOf("nps", { question: "Q?", followUp: { detractor: "Why?" }, layout: "modal", attribute: "nps_checkout" })).toEqual([]);
    expect(
      problemsOf("wheel", {
        title: "Spin",
        segments: [
          { label: "10% off", code: "SPIN10", weight: 1 },
          { label: "No luck", weight: 3 },
        ],
        requireEmail: true,
        consent: "I agree",
      }),
    ).toEqual([]);
    expect(problemsOf("content-swap", { selector: "#hero h1", text: "Hello" })).toEqual([]);
  });

  it("social-proof: a custom metric needs its message", () => {
    expect(problemsOf("social-proof", { metric: "boughtThisWeek" }).join("\n")).toContain("widgets[0].content.message");
    expect(problemsOf("social-proof", { metric: "boughtThisWeek", message: { other: "{n} this week" } })).toEqual([]);
    expect(problemsOf("social-proof", { metric: "sold-today" }).join("\n")).toContain("widgets[0].content.metric");
  });

  it("wheel: at least 2 segments, positive weights, a label on each", () => {
    expect(problemsOf("wheel", { segments: [{ label: "A", weight: 1 }] }).join("\n")).toContain("widgets[0].content.segments: needs at least 2 items");
    const zero = problemsOf("wheel", {
      segments: [
        { label: "A", weight: 1 },
        { label: "B", weight: 0 },
      ],
    }).join("\n");
    expect(zero).toContain("widgets[0].content.segments[1].weight");
    expect(problemsOf("wheel", { segments: [{ label: "A", weight: 1 }, { weight: 1 }] }).join("\n")).toContain("segments[1].label");
    expect(
      problemsOf("wheel", {
        segments: [
          { label: "A", weight: 1 },
          { label: "B", weight: 1 },
        ],
        cta: { label: "Go", href: "javascript:alert(1)" },
      }).join("\n"),
    ).toContain("content.cta.href");
  });

  it("nps: the attribute name is checked", () => {
    expect(problemsOf("nps", { attribute: "1st survey" }).join("\n")).toContain("content.attribute");
  });

  it("content-swap: needs something to put in, alt with src, safe URLs", () => {
    expect(problemsOf("content-swap", { selector: "#x" }).join("\n")).toContain('at least one of "text", "href" or "src"');
    expect(problemsOf("content-swap", { selector: "img.hero", src: "/b.svg" }).join("\n")).toContain("content.alt");
    expect(problemsOf("content-swap", { selector: "a", href: "javascript:alert(1)" }).join("\n")).toContain("content.href");
    expect(problemsOf("content-swap", { text: "Hi" }).join("\n")).toContain("content.selector");
  });
});
