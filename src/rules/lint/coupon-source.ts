import type { RulesProblem } from "../problems.js";

/**
 * A unique coupon code (`coupon.pool`) or a server-drawn wheel (`wheel`) comes from the collector:
 * without `settings.collector` the widget could never show, so it is an error at its path.
 */
export function couponSourceProblems(content: unknown, path: string, hasCollector: boolean): RulesProblem[] {
  if (hasCollector || !content || typeof content !== "object") return [];
  const { coupon, wheel } = content as { coupon?: unknown; wheel?: unknown };
  const problems: RulesProblem[] = [];
  if (coupon && typeof coupon === "object" && typeof (coupon as { pool?: unknown }).pool === "string")
    problems.push({
      path: `${path}.coupon.pool`,
      message: 'a unique code comes from the collector: set "settings.collector" to its URL (nudge collect), or give a "code" instead',
    });
  if (typeof wheel === "string")
    problems.push({ path: `${path}.wheel`, message: 'a wheel drawn by the collector needs "settings.collector" (its URL, nudge collect), or give "segments" instead' });
  return problems;
}
