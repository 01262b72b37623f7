// The playground's A/B control: which variants can be forced, and the rules the preview runs
// then (forceVariant, the same rewrite `nudge simulate`'s `force` step makes).
import { forceableVariants, forceVariant, HOLDOUT } from "/playground/dist/editor.js";

/** `{ value, label }` for each widget with variants or a control group. */
export function forceChoices(rules) {
  const choices = [];
  const widgets = Array.isArray(rules?.widgets) ? rules.widgets : [];
  for (const [id, variants] of Object.entries(forceableVariants(rules))) {
    const widget = widgets.find((w) => w?.id === id);
    if (variants.length < 2 && !(widget?.holdout > 0)) continue;
    for (const variant of variants) choices.push({ value: `${id}\u0000${variant}`, label: `${id}: variant ${variant}` });
    choices.push({ value: `${id}\u0000${HOLDOUT}`, label: `${id}: control group (sees nothing)` });
  }
  return choices;
}

/** The rules with `choice` (a value of forceChoices) forced. */
export function forcedRules(rules, choice) {
  const [id, variant] = choice.split("\u0000");
  return forceVariant(rules, id, variant);
}

/** Whether a visitor already assigned `recorded` keeps it despite the choice (assignments are sticky). */
export function keepsAssignment(choice, recorded) {
  const variant = choice.split("\u0000")[1];
  return variant === HOLDOUT && !!recorded && recorded !== HOLDOUT;
}
