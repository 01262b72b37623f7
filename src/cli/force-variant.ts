/*
 * Forcing an A/B test for a preview (`nudge simulate`'s `force` step, the playground's A/B control):
 * the rules are rewritten so that the real runtime assigns the visitor as asked. The widget keeps
 * its id and the variant its id, so every event names them as in production.
 */

/** The control group's name, as the runtime reports it. */
export const HOLDOUT = "holdout";
/**
 * The control group's share when it is forced: the most the rules file allows (under 100%), so a
 * visitor is out of it once in a hundred million, which a preview never meets by chance.
 */
export const FORCED_HOLDOUT = 99.999999;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The variant ids of each widget that has something to force: two variants or more, or a control group. */
export function forceableVariants(rules: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const widgets = isObject(rules) && Array.isArray(rules.widgets) ? rules.widgets : [];
  for (const widget of widgets) {
    if (!isObject(widget) || typeof widget.id !== "string") continue;
    const ids = Array.isArray(widget.variants) ? widget.variants.flatMap((v) => (isObject(v) && typeof v.id === "string" ? [v.id] : [])) : [];
    out[widget.id] = ids.length ? ids : ["default"];
  }
  return out;
}

/**
 * The rules with widget `id` forced to `variant`: its other variants and its control group are
 * left out; forced to "holdout", every visitor (bar one in a hundred million) is in the control group. A visitor already
 * assigned a variant keeps it (assignments are sticky): force before their first page, or use a new visitor.
 *
 * @example
 * forceVariant(rules, "welcome", "b"); // welcome's variants: only "b"
 * forceVariant(rules, "welcome", "holdout"); // welcome.holdout: 99.999999
 */
export function forceVariant<T>(rules: T, id: string, variant: string): T {
  if (!isObject(rules) || !Array.isArray(rules.widgets)) return rules;
  const widgets = rules.widgets.map((widget: unknown) => {
    if (!isObject(widget) || widget.id !== id) return widget;
    if (variant === HOLDOUT) return { ...widget, holdout: FORCED_HOLDOUT };
    const { holdout: _dropped, ...rest } = widget;
    if (!Array.isArray(widget.variants)) return rest;
    const chosen = widget.variants.find((v) => isObject(v) && v.id === variant);
    return chosen ? { ...rest, variants: [{ ...(chosen as Json), weight: 1 }] } : widget;
  });
  return { ...rules, widgets } as T;
}
