import { describe, expect, it } from "vitest";
import { assignVariant, bucketOf, HOLDOUT, inSiteHoldout, variantFor } from "../../../src/decide/variants.js";

const ids = Array.from({ length: 10_000 }, (_, i) => `visitor-${i}`);
const shares = (assigned: string[]) => {
  const counts: Record<string, number> = {};
  for (const a of assigned) counts[a] = (counts[a] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / assigned.length]));
};

describe("assignVariant: sticky, weighted, with a holdout", () => {
  it("is deterministic: the same visitor and widget always get the same variant", () => {
    const variants = [
      { id: "a", weight: 50 },
      { id: "b", weight: 50 },
    ];
    for (const id of ids.slice(0, 200)) expect(assignVariant(id, "welcome", variants, 10)).toBe(assignVariant(id, "welcome", variants, 10));
  });

  it("buckets are in [0, 1) and differ per widget", () => {
    const buckets = ids.slice(0, 1000).map((id) => bucketOf(id, "w"));
    expect(buckets.every((b) => b >= 0 && b < 1)).toBe(true);
    const other = ids.slice(0, 1000).map((id) => bucketOf(id, "other"));
    expect(buckets.filter((b, i) => b < 0.5 === other[i] < 0.5).length / 1000).toBeGreaterThan(0.4);
    expect(buckets.filter((b, i) => b < 0.5 === other[i] < 0.5).length / 1000).toBeLessThan(0.6);
  });

  it("splits 10,000 visitors within ±2% of 50/50", () => {
    const s = shares(
      ids.map((id) =>
        assignVariant(id, "welcome", [
          { id: "a", weight: 50 },
          { id: "b", weight: 50 },
        ]),
      ),
    );
    expect(Math.abs(s.a - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(s.b - 0.5)).toBeLessThan(0.02);
  });

  it("splits 10,000 visitors within ±2% of 70/20/10 weights", () => {
    const s = shares(
      ids.map((id) =>
        assignVariant(id, "hero", [
          { id: "a", weight: 7 },
          { id: "b", weight: 2 },
          { id: "c", weight: 1 },
        ]),
      ),
    );
    expect(Math.abs(s.a - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(s.b - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(s.c - 0.1)).toBeLessThan(0.02);
  });

  it("holds out 10% ±2% and splits the rest by weight (45/45 of all)", () => {
    const s = shares(
      ids.map((id) =>
        assignVariant(
          id,
          "welcome",
          [
            { id: "a", weight: 50 },
            { id: "b", weight: 50 },
          ],
          10,
        ),
      ),
    );
    expect(Math.abs(s[HOLDOUT] - 0.1)).toBeLessThan(0.02);
    expect(Math.abs(s.a - 0.45)).toBeLessThan(0.02);
    expect(Math.abs(s.b - 0.45)).toBeLessThan(0.02);
  });

  it("holds out 25% ±2% of a widget with plain content", () => {
    const s = shares(ids.map((id) => assignVariant(id, "exit", [{ id: "default", weight: 1 }], 25)));
    expect(Math.abs(s[HOLDOUT] - 0.25)).toBeLessThan(0.02);
  });

  it("a weight of 0 gets no new visitors", () => {
    const assigned = ids.slice(0, 2000).map((id) =>
      assignVariant(id, "w", [
        { id: "paused", weight: 0 },
        { id: "live", weight: 1 },
      ]),
    );
    expect(new Set(assigned)).toEqual(new Set(["live"]));
  });
});

describe("variantFor: the recorded variant wins while it exists", () => {
  const widget = {
    id: "w",
    variants: [
      { id: "a", weight: 1, content: {} },
      { id: "b", weight: 1, content: {} },
    ],
    holdout: 10,
  };

  it("keeps a recorded variant even when the hash would say otherwise", () => {
    const fresh = variantFor(widget, "visitor-1", undefined);
    const other = fresh === "a" ? "b" : "a";
    expect(variantFor(widget, "visitor-1", other)).toBe(other);
  });

  it("reassigns when the recorded variant is gone, or the holdout was removed", () => {
    expect(["a", "b", HOLDOUT]).toContain(variantFor(widget, "visitor-1", "removed"));
    expect(variantFor({ ...widget, holdout: 0 }, "visitor-1", HOLDOUT)).not.toBe(HOLDOUT);
    expect(variantFor(widget, "visitor-1", HOLDOUT)).toBe(HOLDOUT);
  });
});

describe("inSiteHoldout: the site-wide control group (settings.holdout)", () => {
  it("holds the configured share of visitors, always the same ones; none at 0", () => {
    const held = ids.filter((id) => inSiteHoldout(id, 10));
    expect(held.length / ids.length).toBeGreaterThan(0.09);
    expect(held.length / ids.length).toBeLessThan(0.11);
    expect(ids.filter((id) => inSiteHoldout(id, 10))).toEqual(held);
    expect(ids.some((id) => inSiteHoldout(id, 0))).toBe(false);
    // Growing the share keeps everyone already in it.
    expect(held.every((id) => inSiteHoldout(id, 20))).toBe(true);
  });

  it("does not line up with any widget's own split: inside it and outside, each widget's variants keep their shares", () => {
    const variants = [
      { id: "a", weight: 50 },
      { id: "b", weight: 50 },
    ];
    const inside = ids.filter((id) => inSiteHoldout(id, 30));
    const outside = ids.filter((id) => !inSiteHoldout(id, 30));
    for (const group of [inside, outside]) {
      const split = shares(group.map((id) => assignVariant(id, "welcome", variants, 20)));
      expect(split.holdout).toBeGreaterThan(0.17);
      expect(split.holdout).toBeLessThan(0.23);
      expect(split.a).toBeGreaterThan(0.37);
      expect(split.a).toBeLessThan(0.43);
    }
  });
});
