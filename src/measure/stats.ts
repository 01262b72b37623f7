/**
 * The statistics behind `report()`, Bayesian beta-binomial for rates:
 *
 * - A rate of k successes in n trials (visitors who converted, shows that were clicked) has the
 *   posterior Beta(1 + k, 1 + n − k): a uniform Beta(1, 1) prior, which assumes nothing about the
 *   rate and is outweighed by the data after a few dozen visitors.
 * - Its interval is the central 95% credible interval (the 2.5% and 97.5% quantiles).
 * - The probability that a variant beats the control, P(p_variant > p_control), is exact
 *   (Evan Miller's closed form for two betas with integer parameters), not simulated.
 * - The relative uplift's interval (p_variant / p_control − 1) has no closed form; it comes from a
 *   seeded Monte Carlo (the same numbers on every run).
 * - Revenue per visitor is not a rate: it uses the normal approximation to the difference of the
 *   two means (per-visitor revenue, zeros included), with the delta method for the relative uplift.
 * - The sample-ratio check is Pearson's chi-square test of the visitors per arm against the
 *   configured shares; p < 0.001 flags a mismatch (the split is broken, do not trust the result).
 */
import { betaQuantile, chiSquareSurvival, lnBeta, normalCdf } from "./special.js";

/** A rate with its 95% credible interval. */
export interface Rate {
  /** Successes and trials. */
  k: number;
  n: number;
  /** k / n (0 when n is 0). */
  value: number;
  /** 95% credible interval of the rate, from Beta(1 + k, 1 + n − k). */
  interval: [number, number];
}

/** How a variant compares with the control group. */
export interface Uplift {
  /** Relative change of the observed value: variant / control − 1 (null when the control's value is 0). */
  relative: number | null;
  /** 95% interval of the relative change. */
  interval: [number, number];
  /** Probability that the variant's true value is higher than the control's. */
  probabilityToBeat: number;
}

/** The sample-ratio-mismatch check. */
export interface SampleRatio {
  observed: Record<string, number>;
  expected: Record<string, number>;
  chiSquare: number;
  df: number;
  pValue: number;
  /** True when p < 0.001: the visitors were not split as configured. */
  mismatch: boolean;
}

/** The threshold of the sample-ratio test: strict, since it runs on every report. */
export const SRM_ALPHA = 0.001;
/** Monte Carlo draws for the uplift interval. */
export const UPLIFT_DRAWS = 20_000;

/** A rate of `k` in `n` with its credible interval. */
export function rate(k: number, n: number): Rate {
  const a = 1 + k;
  const b = 1 + n - k;
  return { k, n, value: n > 0 ? k / n : 0, interval: [betaQuantile(0.025, a, b), betaQuantile(0.975, a, b)] };
}

/**
 * P(X > Y) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2), with a1 a whole number (Evan Miller's formula).
 * Summed in logs, term by term.
 */
function betaBeatsSum(a1: number, b1: number, a2: number, b2: number): number {
  let total = 0;
  const base = lnBeta(a2, b2);
  for (let i = 0; i < a1; i++) total += Math.exp(lnBeta(a2 + i, b1 + b2) - Math.log(b1 + i) - lnBeta(1 + i, b1) - base);
  return total;
}

/**
 * P(p_variant > p_control) for the posteriors of two rates, exactly. The sum runs over one of
 * the four (whole-number) parameters; the smallest is picked through the symmetries of the beta,
 * so it costs O(min(k, n − k)) and stays fast for large samples.
 */
export function probabilityToBeat(variant: { k: number; n: number }, control: { k: number; n: number }): number {
  const [a1, b1, a2, b2] = [1 + variant.k, 1 + variant.n - variant.k, 1 + control.k, 1 + control.n - control.k];
  const smallest = Math.min(a1, b1, a2, b2);
  let p: number;
  // X > Y  ⇔  1 − X < 1 − Y, and 1 − Beta(a, b) is Beta(b, a); P(X > Y) = 1 − P(Y > X).
  if (smallest === a1) p = betaBeatsSum(a1, b1, a2, b2);
  else if (smallest === a2) p = 1 - betaBeatsSum(a2, b2, a1, b1);
  else if (smallest === b2) p = betaBeatsSum(b2, a2, b1, a1);
  else p = 1 - betaBeatsSum(b1, a1, b2, a2);
  return Math.min(1, Math.max(0, p));
}

/** A small seeded generator (mulberry32): the Monte Carlo gives the same numbers on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, 1) draw for shape ≥ 1 (Marsaglia and Tsang). */
function gamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function betaDraw(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

function quantileOfSorted(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Uplift of a variant's rate over the control's: relative change, its 95% interval, and P(variant beats control). */
export function rateUplift(variant: { k: number; n: number }, control: { k: number; n: number }, seed = 20_240_601): Uplift {
  const random = seededRandom(seed);
  const draws = new Float64Array(UPLIFT_DRAWS);
  for (let i = 0; i < UPLIFT_DRAWS; i++) {
    draws[i] = betaDraw(1 + variant.k, 1 + variant.n - variant.k, random) / betaDraw(1 + control.k, 1 + control.n - control.k, random) - 1;
  }
  draws.sort();
  const controlRate = control.n > 0 ? control.k / control.n : 0;
  const variantRate = variant.n > 0 ? variant.k / variant.n : 0;
  return {
    relative: controlRate > 0 ? variantRate / controlRate - 1 : null,
    interval: [quantileOfSorted(draws, 0.025), quantileOfSorted(draws, 0.975)],
    probabilityToBeat: probabilityToBeat(variant, control),
  };
}

/** Mean and (sample) variance of per-visitor values. */
export interface Sample {
  n: number;
  mean: number;
  variance: number;
}

/** Mean and sample variance of a list of numbers. */
export function sampleOf(values: readonly number[]): Sample {
  const n = values.length;
  if (n === 0) return { n, mean: 0, variance: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

/**
 * Mean and sample variance from running sums (count, sum, sum of squares): what a database
 * returns about a sample without sending it. Clamped at 0 against rounding.
 */
export function sampleFromSums(n: number, sum: number, sumOfSquares: number): Sample {
  if (n === 0) return { n, mean: 0, variance: 0 };
  const mean = sum / n;
  return { n, mean, variance: n > 1 ? Math.max(0, (sumOfSquares - sum * mean) / (n - 1)) : 0 };
}

/**
 * Uplift of a mean (revenue per visitor) over the control's, by the normal approximation:
 * P(beat) = Φ((m_v − m_c) / se), and the relative change's interval by the delta method.
 * Needs a few dozen visitors per arm to be meaningful; null when an arm is empty.
 */
export function meanUplift(variant: Sample, control: Sample): Uplift | null {
  if (variant.n === 0 || control.n === 0) return null;
  const se = Math.sqrt(variant.variance / variant.n + control.variance / control.n);
  const diff = variant.mean - control.mean;
  const probabilityToBeat = se > 0 ? normalCdf(diff / se) : diff > 0 ? 1 : diff < 0 ? 0 : 0.5;
  if (control.mean <= 0) return { relative: null, interval: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY], probabilityToBeat };
  const ratio = variant.mean / control.mean;
  const relVariance = (variant.mean > 0 ? variant.variance / (variant.n * variant.mean ** 2) : 0) + control.variance / (control.n * control.mean ** 2);
  const half = 1.959963984540054 * ratio * Math.sqrt(relVariance);
  // With no revenue in the variant the delta method has nothing to scale: fall back to the difference's se.
  const spread = variant.mean > 0 ? half : (1.959963984540054 * se) / control.mean;
  return { relative: ratio - 1, interval: [ratio - 1 - spread, ratio - 1 + spread], probabilityToBeat };
}

/**
 * Pearson's chi-square test of observed counts per arm against expected shares (which need
 * not sum to 1; they are normalized). Null with fewer than two arms or no visitors.
 */
export function sampleRatio(observed: Record<string, number>, shares: Record<string, number>): SampleRatio | null {
  const arms = Object.keys(shares).filter((arm) => shares[arm] > 0);
  const total = arms.reduce((s, arm) => s + (observed[arm] ?? 0), 0);
  const shareSum = arms.reduce((s, arm) => s + shares[arm], 0);
  if (arms.length < 2 || total === 0) return null;
  let chiSquare = 0;
  const expected: Record<string, number> = {};
  const seen: Record<string, number> = {};
  for (const arm of arms) {
    expected[arm] = (total * shares[arm]) / shareSum;
    seen[arm] = observed[arm] ?? 0;
    chiSquare += (seen[arm] - expected[arm]) ** 2 / expected[arm];
  }
  const df = arms.length - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  return { observed: seen, expected, chiSquare, df, pValue, mismatch: pValue < SRM_ALPHA };
}
