import { describe, expect, it } from "vitest";
import { betaCdf, betaQuantile, chiSquareSurvival, gammaP, lnGamma, normalCdf } from "../../../src/measure/special.js";
import { meanUplift, probabilityToBeat, rate, rateUplift, sampleOf, sampleRatio, seededRandom } from "../../../src/measure/stats.js";

/*
 * Every number is checked against a value computed independently: closed forms where the
 * distribution has one, a Simpson quadrature written here (no code shared with src/measure),
 * and constants from SciPy 1.17 (`scipy.stats.beta.ppf`, `chi2.sf`, `norm.cdf`, `special.gammaln`,
 * and `integrate.quad` of pdf_B · cdf_A for P(B > A)), quoted with the call that made them.
 */

/** Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** The beta pdf through the log-gamma of Stirling's series (independent of the Lanczos in src). */
function stirlingLnGamma(x: number): number {
  // Shift up until Stirling's series is accurate, then come back down.
  let shift = 0;
  while (x < 30) {
    shift += Math.log(x);
    x += 1;
  }
  const series = 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5) - 1 / (1680 * x ** 7);
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}
const betaPdf = (x: number, a: number, b: number) =>
  x <= 0 || x >= 1 ? 0 : Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) + stirlingLnGamma(a + b) - stirlingLnGamma(a) - stirlingLnGamma(b));

describe("special functions", () => {
  it("lnGamma matches factorials and SciPy's gammaln", () => {
    for (let n = 1; n <= 20; n++) {
      let factorial = 1;
      for (let i = 2; i < n; i++) factorial *= i;
      expect(lnGamma(n)).toBeCloseTo(Math.log(factorial), 10);
    }
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(lnGamma(10.3)).toBeCloseTo(13.482036786138359, 10); // gammaln(10.3)
    expect(lnGamma(1234.5) / 7550.550901077894).toBeCloseTo(1, 12); // gammaln(1234.5)
  });

  it("betaCdf agrees with closed forms and with a quadrature of the pdf", () => {
    // Beta(1, n): 1 − (1 − x)^n; Beta(a, 1): x^a.
    expect(betaCdf(0.2, 1, 7)).toBeCloseTo(1 - 0.8 ** 7, 12);
    expect(betaCdf(0.6, 4, 1)).toBeCloseTo(0.6 ** 4, 12);
    for (const [x, a, b] of [
      [0.3, 3.5, 7.25],
      [0.05, 13, 189],
      [0.9, 2, 2],
      [0.048, 481, 9521],
    ]) {
      expect(betaCdf(x, a, b), `I_${x}(${a}, ${b})`).toBeCloseTo(
        simpson((t) => betaPdf(t, a, b), 0, x, 20_000),
        7,
      );
    }
    expect(betaCdf(0.3, 3.5, 7.25)).toBeCloseTo(0.45994987721650343, 12); // scipy.special.betainc(3.5, 7.25, 0.3)
  });

  it("betaQuantile inverts closed forms and matches scipy.stats.beta.ppf", () => {
    // Beta(1, 11): the quantile is 1 − (1 − p)^(1/11).
    expect(betaQuantile(0.025, 1, 11)).toBeCloseTo(1 - 0.975 ** (1 / 11), 10);
    expect(betaQuantile(0.975, 1, 11)).toBeCloseTo(0.28491415291815436, 10);
    expect(betaQuantile(0.025, 13, 189)).toBeCloseTo(0.03488398589726514, 10);
    expect(betaQuantile(0.975, 13, 189)).toBeCloseTo(0.10196367733342904, 10);
    expect(betaQuantile(0.025, 481, 9521)).toBeCloseTo(0.04398384818119748, 10);
    expect(betaQuantile(0.975, 481, 9521)).toBeCloseTo(0.052368071464064456, 10);
  });

  it("chi-square tail: closed forms for 1 and 2 degrees of freedom, SciPy for 3 and 4", () => {
    // df = 2: exp(−x/2). df = 1: 2·(1 − Φ(√x)), Φ from the Simpson quadrature of the normal pdf.
    for (const x of [0.1, 1, 5.991, 13.8]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
    const phi = (z: number) => 0.5 + simpson((t) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI), 0, z);
    expect(chiSquareSurvival(3, 1)).toBeCloseTo(2 * (1 - phi(Math.sqrt(3))), 9);
    expect(chiSquareSurvival(3, 1)).toBeCloseTo(0.08326451666355042, 12);
    expect(chiSquareSurvival(12.3, 3)).toBeCloseTo(0.006423057576577938, 12);
    expect(chiSquareSurvival(0.5, 4)).toBeCloseTo(0.9735009788392561, 12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12); // P(1, x) = 1 − e^−x
  });

  it("normalCdf matches scipy.stats.norm.cdf", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12);
    expect(normalCdf(-0.5)).toBeCloseTo(0.3085375387259869, 12);
    expect(normalCdf(2.5)).toBeCloseTo(0.9937903346742238, 12);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe("rates and the probability to beat the control", () => {
  it("a rate is k/n with the 95% credible interval of Beta(1 + k, 1 + n − k)", () => {
    const r = rate(12, 200);
    expect(r.value).toBe(0.06);
    expect(r.interval[0]).toBeCloseTo(0.03488398589726514, 10);
    expect(r.interval[1]).toBeCloseTo(0.10196367733342904, 10);
    expect(rate(0, 0)).toEqual({ k: 0, n: 0, value: 0, interval: [expect.closeTo(0.025, 9), expect.closeTo(0.975, 9)] });
  });

  /** P(B > A) = ∫ pdf_B(x) · cdf_A(x) dx, both by quadrature: nothing shared with Evan Miller's sum. */
  function referenceBeat(b: { k: number; n: number }, a: { k: number; n: number }) {
    const [a1, b1, a2, b2] = [1 + b.k, 1 + b.n - b.k, 1 + a.k, 1 + a.n - a.k];
    const mean = a1 / (a1 + b1);
    const sd = Math.sqrt((a1 * b1) / ((a1 + b1) ** 2 * (a1 + b1 + 1)));
    const [low, high] = [Math.max(0, mean - 12 * sd), Math.min(1, mean + 12 * sd)];
    // cdf_A on a fine grid by a running trapezoid, pdf_B · cdf_A by Simpson.
    const n = 20_000;
    const h = high / n;
    const cdfA = new Float64Array(n + 1);
    for (let i = 1; i <= n; i++) cdfA[i] = cdfA[i - 1] + (h / 2) * (betaPdf((i - 1) * h, a2, b2) + betaPdf(i * h, a2, b2));
    return simpson((x) => betaPdf(x, a1, b1) * cdfA[Math.round(x / h)], low, high, 2 * Math.round((high - low) / h / 2));
  }

  it.each([
    // [variant k, n, control k, n, scipy integrate.quad reference]
    [60, 1000, 45, 1000, 0.9329864178591326],
    [12, 200, 20, 210, 0.0951349544301583],
    [0, 50, 3, 50, 0.0588058805880588],
    [520, 10000, 480, 10000, 0.9027222712066804],
    [5000, 10000, 4900, 10000, 0.9213512602199375],
  ])("P(variant %i/%i beats control %i/%i) is exact", (kb, nb, ka, na, scipy) => {
    const p = probabilityToBeat({ k: kb, n: nb }, { k: ka, n: na });
    expect(p).toBeCloseTo(scipy, 9);
    expect(p).toBeCloseTo(referenceBeat({ k: kb, n: nb }, { k: ka, n: na }), 3);
  });

  it("closed forms: equal data is a coin flip; Beta(2, 1) beats Beta(1, 1) two times in three", () => {
    expect(probabilityToBeat({ k: 30, n: 400 }, { k: 30, n: 400 })).toBeCloseTo(0.5, 10);
    expect(probabilityToBeat({ k: 1, n: 1 }, { k: 0, n: 0 })).toBeCloseTo(2 / 3, 12);
    expect(probabilityToBeat({ k: 0, n: 0 }, { k: 1, n: 1 })).toBeCloseTo(1 / 3, 12);
  });

  it("the relative uplift's interval (seeded Monte Carlo) matches the quantiles of the exact ratio distribution", () => {
    const uplift = rateUplift({ k: 60, n: 1000 }, { k: 45, n: 1000 });
    expect(uplift.relative).toBeCloseTo(60 / 45 - 1, 12);
    // SciPy: brentq on P(X/Y − 1 ≤ r) = ∫ pdf_Y(y) · cdf_X((1 + r) y) dy. Monte Carlo error with 20,000 draws: ~0.01.
    expect(Math.abs(uplift.interval[0] - -0.08345046298301485)).toBeLessThan(0.02);
    expect(Math.abs(uplift.interval[1] - 0.9394224124564273)).toBeLessThan(0.04);
    expect(uplift.probabilityToBeat).toBeCloseTo(0.9329864178591326, 9);
    // Seeded: the same inputs give the same interval.
    expect(rateUplift({ k: 60, n: 1000 }, { k: 45, n: 1000 }).interval).toEqual(uplift.interval);
    expect(rateUplift({ k: 3, n: 50 }, { k: 0, n: 50 }).relative).toBeNull();
  });

  it("the seeded generator is uniform enough (mean ½, variance 1/12)", () => {
    const random = seededRandom(7);
    const xs = Array.from({ length: 100_000 }, random);
    const s = sampleOf(xs);
    expect(s.mean).toBeCloseTo(0.5, 2);
    expect(s.variance).toBeCloseTo(1 / 12, 2);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe("revenue per visitor (normal approximation)", () => {
  it("P(beat) is Φ of the difference over its standard error; the interval follows the delta method", () => {
    const variant = sampleOf([0, 0, 0, 40, 0, 55, 0, 0, 30, 0, 0, 0]);
    const control = sampleOf([0, 0, 35, 0, 0, 0, 0, 0, 0, 25, 0, 0]);
    const u = meanUplift(variant, control)!;
    // By hand: means 125/12 and 60/12; sample variances from the definition.
    const mv = 125 / 12;
    const mc = 60 / 12;
    const vv = [0, 0, 0, 40, 0, 55, 0, 0, 30, 0, 0, 0].reduce((s, x) => s + (x - mv) ** 2, 0) / 11;
    const vc = [0, 0, 35, 0, 0, 0, 0, 0, 0, 25, 0, 0].reduce((s, x) => s + (x - mc) ** 2, 0) / 11;
    const z = (mv - mc) / Math.sqrt(vv / 12 + vc / 12);
    expect(u.relative).toBeCloseTo(mv / mc - 1, 12);
    expect(u.probabilityToBeat).toBeCloseTo(0.5 + simpson((t) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI), 0, z), 8);
    const half = 1.96 * (mv / mc) * Math.sqrt(vv / (12 * mv ** 2) + vc / (12 * mc ** 2));
    expect(u.interval[0]).toBeCloseTo(mv / mc - 1 - half, 2);
    expect(u.interval[1]).toBeCloseTo(mv / mc - 1 + half, 2);
    expect(meanUplift(sampleOf([]), control)).toBeNull();
  });
});

describe("sample ratio mismatch (chi-square)", () => {
  it("a fair 45/45/10 split passes; a broken one is flagged", () => {
    const shares = { a: 0.45, b: 0.45, holdout: 0.1 };
    const fair = sampleRatio({ a: 4530, b: 4470, holdout: 1000 }, shares)!;
    // By hand: expected 4500, 4500, 1000.
    expect(fair.chiSquare).toBeCloseTo((30 ** 2 + 30 ** 2) / 4500, 12);
    expect(fair.df).toBe(2);
    expect(fair.pValue).toBeCloseTo(Math.exp(-fair.chiSquare / 2), 12);
    expect(fair.mismatch).toBe(false);

    const broken = sampleRatio({ a: 4800, b: 4200, holdout: 1000 }, shares)!;
    expect(broken.chiSquare).toBeCloseTo((300 ** 2 * 2) / 4500, 12);
    expect(broken.pValue).toBeLessThan(0.001);
    expect(broken.mismatch).toBe(true);
  });

  it("shares need not sum to one; one arm or no visitors gives no test", () => {
    expect(sampleRatio({ a: 50, b: 50 }, { a: 1, b: 1 })!.chiSquare).toBe(0);
    expect(sampleRatio({ a: 50 }, { a: 1 })).toBeNull();
    expect(sampleRatio({}, { a: 1, b: 1 })).toBeNull();
  });
});
