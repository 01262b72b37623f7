import { hashString } from "../rules/hash.js";

/** What a visitor is assigned for a widget: a variant id, or the control group. */
export const HOLDOUT = "holdout";

/** One arm of a widget: its id, share and content. A widget with plain `content` has one, "default". */
export interface CompiledVariant {
  id: string;
  weight: number;
  content: Record<string, unknown>;
}

/**
 * A number in [0, 1) that is the same for a visitor and a widget on every page,
 * tab and device that knows the visitor by the same id.
 */
export function bucketOf(visitorId: string, widgetId: string): number {
  return hashString(`${visitorId}\u0000${widgetId}`) / 2 ** 53;
}

/**
 * Whether a visitor is in the site-wide control group (`settings.holdout` percent), who see no
 * widget at all. From its own bucket (the empty widget id, which no widget has), so it does not
 * line up with any widget's holdout or variants.
 */
export function inSiteHoldout(visitorId: string, percent: number): boolean {
  return percent > 0 && bucketOf(visitorId, "") < Math.min(percent, 100) / 100;
}

/**
 * Sticky assignment: first the holdout (percent of visitors who see nothing),
 * then the variants by weight, from one deterministic bucket.
 *
 * @example
 * assignVariant("visitor-1", "welcome", [{ id: "a", weight: 50 }, { id: "b", weight: 50 }], 10); // "a", "b" or "holdout"
 */
export function assignVariant(visitorId: string, widgetId: string, variants: ReadonlyArray<{ id: string; weight: number }>, holdoutPercent = 0): string {
  const bucket = bucketOf(visitorId, widgetId);
  const holdout = Math.min(Math.max(holdoutPercent, 0), 100) / 100;
  if (bucket < holdout) return HOLDOUT;
  const total = variants.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
  if (total <= 0) return variants[0]?.id ?? HOLDOUT;
  // Rescale what is left after the holdout to [0, total).
  let point = ((bucket - holdout) / (1 - holdout)) * total;
  for (const variant of variants) {
    point -= Math.max(0, variant.weight);
    if (point < 0) return variant.id;
  }
  return variants[variants.length - 1].id;
}

/**
 * The visitor's variant: the one recorded in their history while it still
 * exists (so a change of weights does not move anyone), else a fresh assignment.
 */
export function variantFor(widget: { id: string; variants: readonly CompiledVariant[]; holdout: number }, visitorId: string, recorded: string | undefined): string {
  if (recorded === HOLDOUT && widget.holdout > 0) return HOLDOUT;
  if (recorded && recorded !== HOLDOUT && widget.variants.some((v) => v.id === recorded)) return recorded;
  return assignVariant(visitorId, widget.id, widget.variants, widget.holdout);
}
