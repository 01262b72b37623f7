/** The 11 standard RFM segments, from most loyal to lost. */
export type RfmSegment =
  | "champions"
  | "loyal_customers"
  | "potential_loyalists"
  | "new_customers"
  | "promising"
  | "need_attention"
  | "about_to_sleep"
  | "at_risk"
  | "cant_lose_them"
  | "hibernating"
  | "lost";

/** Score boundaries, four per axis in ascending order: a value reaching the n-th (1-based) scores n + 1, below the first scores 1. */
export interface RfmThresholds {
  /** Days since the last order, best first: at most 14 days → 5, 30 → 4, 90 → 3, 180 → 2, older → 1. */
  recencyDays: number[];
  /** Number of orders: 2 → 2, 3 → 3, 5 → 4, 8 → 5. */
  frequency: number[];
  /** Money spent in total: 100 → 2, 250 → 3, 500 → 4, 1000 → 5. */
  monetary: number[];
}

export const DEFAULT_RFM_THRESHOLDS: RfmThresholds = {
  recencyDays: [14, 30, 90, 180],
  frequency: [2, 3, 5, 8],
  monetary: [100, 250, 500, 1000],
};

export interface RfmFacts {
  /** 1–5, or 0 before the first order. */
  recency: number;
  frequency: number;
  monetary: number;
  /** Null before the first order. */
  segment: RfmSegment | null;
}

/**
 * Places a customer on the standard R × FM grid (FM = the rounded mean of the
 * frequency and monetary scores). Rows are recency 5 (bought lately) to 1.
 */
const GRID: Record<number, RfmSegment[]> = {
  5: ["new_customers", "potential_loyalists", "potential_loyalists", "champions", "champions"],
  4: ["promising", "potential_loyalists", "potential_loyalists", "loyal_customers", "champions"],
  3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal_customers", "loyal_customers"],
  2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
  1: ["lost", "lost", "hibernating", "at_risk", "cant_lose_them"],
};

/**
 * Scores a customer's orders 1–5 on recency, frequency and monetary value and names the
 * RFM segment. `thresholds` (the rules file's `settings.rfm`) replace the defaults per axis.
 *
 * @example
 * rfm({ count: 3, total: 300, lastTime: Date.now() - 5 * 86_400_000 }, Date.now());
 * // { recency: 5, frequency: 3, monetary: 3, segment: "potential_loyalists" }
 * rfm(orders, now, { monetary: [1000, 5000, 10000, 50000] }); // a shop with bigger baskets
 */
export function rfm(orders: { count: number; total: number; lastTime: number | null }, now: number, thresholds: Partial<RfmThresholds> = {}): RfmFacts {
  if (!orders.count || orders.lastTime === null) return { recency: 0, frequency: 0, monetary: 0, segment: null };
  const { recencyDays, frequency: counts, monetary: amounts } = { ...DEFAULT_RFM_THRESHOLDS, ...thresholds };
  const days = Math.max(0, (now - orders.lastTime) / 86_400_000);
  const recency = 5 - countReached(recencyDays, (limit) => days > limit);
  const frequency = 1 + countReached(counts, (limit) => orders.count >= limit);
  const monetary = 1 + countReached(amounts, (limit) => orders.total >= limit);
  const fm = Math.round((frequency + monetary) / 2);
  return { recency, frequency, monetary, segment: GRID[recency][fm - 1] };
}

function countReached(limits: readonly number[], reached: (limit: number) => boolean): number {
  return limits.filter(reached).length;
}
