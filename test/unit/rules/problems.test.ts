import { describe, expect, it } from "vitest";
import { closest, formatProblem, jsonPath } from "../../../src/rules/problems.js";

describe("jsonPath", () => {
  it.each<[PropertyKey[], string, string]>([
    [[], "", "(root)"],
    [["version"], "", "version"],
    [["widgets", 1, "trigger"], "", "widgets[1].trigger"],
    [[0, "a"], "", "[0].a"],
    [["content", "cta", "href"], "widgets[2]", "widgets[2].content.cta.href"],
    [[3], "widgets", "widgets[3]"],
    [[], "widgets[0]", "widgets[0]"],
  ])("%j with prefix %j → %s", (parts, prefix, expected) => expect(jsonPath(parts, prefix)).toBe(expected));
});

describe("closest", () => {
  it("suggests the nearest candidate for a typo", () => {
    expect(closest("priorty", ["id", "type", "priority", "when"])).toBe("priority");
    expect(closest("Titel", ["title", "text"])).toBe("title");
    expect(closest("curency", ["locale", "currency"])).toBe("currency");
  });
  it("suggests nothing when no candidate is close", () => {
    expect(closest("zzzzzz", ["id", "type", "priority"])).toBeUndefined();
    expect(closest("x", [])).toBeUndefined();
  });
});

describe("formatProblem", () => {
  it("prints path: message", () => expect(formatProblem({ path: "widgets[0].id", message: "must not be empty" })).toBe("widgets[0].id: must not be empty"));
});
