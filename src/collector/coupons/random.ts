/// <reference types="node" />
/**
 * The randomness of the collector's coupon codes and wheel draws: crypto by default (a visitor
 * cannot predict the next code or prize), or a seeded generator for tests (`--seed`), so a
 * statistical test of the draws always sees the same sequence.
 */
import { randomInt } from "node:crypto";

/** Uniform numbers in [0, 1). */
export type Random = () => number;

/** 48 bits from the operating system's generator. */
export const cryptoRandom: Random = () => randomInt(0, 2 ** 48) / 2 ** 48;

/**
 * A seeded generator (SplitMix32 over a hash of the seed): the same seed, the same sequence.
 * Never for production: anyone who knows the seed knows every draw.
 *
 * @example
 * const random = seededRandom("test"); random(); // always the same first number
 */
export function seededRandom(seed: string): Random {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 0x1_0000_0000;
  };
}
