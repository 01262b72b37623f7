// Forcing an A/B test in the preview: the rules the preview runs are the editor's, with one
// widget narrowed to the variant chosen (its id kept, so every event names it), or with the
// whole audience in its control group. The real runtime then assigns the visitor as it would.

const HOLDOUT = "holdout";

/** `{ value, label }` for each widget's variants (and its control group, when it has one). */
export function forceChoices(rules) {
  const choices = [];
  for (const widget of Array.isArray(rules?.widgets) ? rules.widgets : []) {
    if (typeof widget?.id !== "string") continue;
    const variants = Array.isArray(widget.variants) ? widget.variants.map((v) => v?.id).filter((id) => typeof id === "string") : [];
    if (variants.length < 2 && !(widget.holdout > 0)) continue;
    for (const id of variants) choices.push({ value: `${widget.id}\u0000${id}`, label: `${widget.id}: variant ${id}` });
    choices.push({ value: `${widget.id}\u0000${HOLDOUT}`, label: `${widget.id}: control group (sees nothing)` });
  }
  return choices;
}

/** The rules with `choice` (a value of forceChoices) forced; unchanged when it names nothing there. */
export function forcedRules(rules, choice) {
  const [id, variant] = choice.split("\u0000");
  return {
    ...rules,
    widgets: rules.widgets.map((widget) => {
      if (widget?.id !== id) return widget;
      if (variant === HOLDOUT) return { ...widget, holdout: 100 };
      const chosen = widget.variants?.find((v) => v?.id === variant);
      if (!chosen) return widget;
      const { holdout, ...rest } = widget;
      return { ...rest, variants: [{ ...chosen, weight: 1 }] };
    }),
  };
}

/** Whether a visitor who already has `recorded` for the widget keeps it despite the forcing (a sticky assignment). */
export function keepsAssignment(choice, recorded) {
  const variant = choice.split("\u0000")[1];
  return variant === HOLDOUT && !!recorded && recorded !== HOLDOUT;
}
