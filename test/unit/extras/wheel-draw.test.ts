import { describe, expect, it } from "vitest";
import { cryptoRandom, drawSegment, landingRotation, segmentAt, segmentTones } from "../../../widgets/wheel/draw.js";

/** A seeded generator (mulberry32): the same numbers every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("drawSegment", () => {
  it("maps the random number onto the cumulative weights", () => {
    const weights = [1, 3, 6]; // 10%, 30%, 60%
    expect(drawSegment(weights, () => 0)).toBe(0);
    expect(drawSegment(weights, () => 0.0999)).toBe(0);
    expect(drawSegment(weights, () => 0.1)).toBe(1);
    expect(drawSegment(weights, () => 0.3999)).toBe(1);
    expect(drawSegment(weights, () => 0.4)).toBe(2);
    expect(drawSegment(weights, () => 0.999999999)).toBe(2);
  });

  it("wins each segment in proportion to its weight (seeded, 100,000 draws)", () => {
    const weights = [5, 1, 2, 2];
    const random = seeded(42);
    const counts = [0, 0, 0, 0];
    const draws = 100_000;
    for (let i = 0; i < draws; i++) counts[drawSegment(weights, random)]++;
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => expect(Math.abs(counts[i] / draws - w / total)).toBeLessThan(0.01));
  });

  it("uses crypto.getRandomValues by default: numbers in [0, 1)", () => {
    for (let i = 0; i < 1000; i++) {
      const n = cryptoRandom();
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
    }
    expect(drawSegment([1, 1])).toBeOneOf([0, 1]);
  });
});

describe("the wheel lands on the drawn segment", () => {
  it.each([2, 3, 5, 6, 8, 12])("for every segment of %i, at any offset inside it", (count) => {
    for (let index = 0; index < count; index++) {
      for (const offset of [-0.5, -0.25, 0, 0.25, 0.4999]) {
        for (const turns of [0, 6]) expect(segmentAt(landingRotation(index, count, turns, offset), count)).toBe(index);
      }
    }
  });
});

describe("segmentTones", () => {
  it.each([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("never gives two neighbours the same colour (%i segments)", (count) => {
    const tones = segmentTones(count);
    for (let i = 0; i < count; i++) expect(tones[i]).not.toBe(tones[(i + 1) % count]);
  });
});
