import { builtinInline, builtinModal } from "../core/builtin-placement.js";
import { compileTrigger } from "../decide/triggers/compile.js";
import { DERIVED_FACT_USES } from "../profile/derived-slot.js";
import { parseDuration } from "./duration.js";
import { PUBLISHED_FORMAT, stampOf, type Ahead, type AheadWidget, type Placement, type PublishedRules } from "./published.js";
import type { RulesFile, WidgetRule } from "./schema/rules-schema.js";

/** The note at the top of a published file, for whoever opens it. */
export const PUBLISHED_NOTE = "published by `nudge build`: edit the source rules file and build again (an edited copy loses its stamp and is checked in every visitor's browser)";

/**
 * Publishes validated rules: `rules` as they are, what the runtime would otherwise work out on
 * every page view (`ahead`), and the stamp over both that lets a browser trust them without the
 * validator. `rules` must have passed `validateRules`.
 *
 * @example
 * const { rules } = validateRules(JSON.parse(text));
 * if (rules) writeFileSync("nudge-rules.json", JSON.stringify(publishRules(rules)));
 */
export function publishRules(rules: RulesFile): PublishedRules {
  const ahead = computeAhead(rules);
  return { nudge: PUBLISHED_NOTE, format: PUBLISHED_FORMAT, hash: stampOf(ahead, rules), ahead, rules };
}

/** What the CLI works out ahead for validated rules (see `Ahead`). */
export function computeAhead(rules: RulesFile): Ahead {
  const operators = new Set<string>();
  for (const condition of Object.values(rules.segments ?? {})) collectOperators(condition, operators);
  for (const widget of rules.widgets) {
    collectOperators(widget.when, operators);
    collectOperators(widget.goal?.where, operators);
    for (const trigger of [widget.trigger, ...(widget.variants ?? []).map((variant) => variant.trigger)]) {
      if (typeof trigger === "object") collectOperators((trigger as { where?: unknown }).where, operators);
    }
  }
  const text = JSON.stringify(rules);
  const features = new Set<string>();
  const has = (feature: string, present: unknown) => present && features.add(feature);
  has(
    "schedule",
    rules.widgets.some((w) => w.schedule),
  );
  has("timezone", text.includes("timezone"));
  has("event", operators.has("$event") || rules.widgets.some((w) => typeof w.trigger === "object" && w.trigger.type === "event"));
  has(
    "goal",
    rules.widgets.some((w) => w.goal),
  );
  has("catalog", rules.settings?.catalog !== undefined);
  has("rfm", /"rfm\b/.test(text) || text.includes("rfm."));
  has(
    "variants",
    rules.widgets.some((w) => w.variants),
  );
  has(
    "holdout",
    rules.widgets.some((w) => (w.holdout ?? 0) > 0),
  );
  return {
    operators: [...operators].sort(),
    features: [...features].sort(),
    facts: Object.keys(DERIVED_FACT_USES).filter((group) => DERIVED_FACT_USES[group].test(text)),
    quietMs: parseDuration(rules.settings?.quietPeriod ?? 0) ?? 0,
    widgets: rules.widgets.map(aheadWidget),
  };
}

function aheadWidget(rule: WidgetRule): AheadWidget {
  const variants = rule.variants ?? [{ id: "default", content: rule.content ?? {} }];
  const placement: Record<string, Placement> = {};
  // Custom types are placed by their registered definition at run time: nothing to say ahead.
  if (builtinModal[rule.type]) {
    for (const variant of variants) {
      const content = variant.content as Record<string, unknown>;
      placement[variant.id] = builtinModal[rule.type](content) ? "modal" : builtinInline[rule.type]?.(content) ? "inline" : "overlay";
    }
  }
  const { where: _compiled, ...trigger } = compileTrigger(rule.trigger) as object as Record<string, unknown>;
  const durations: Record<string, number> = {};
  const note = (path: string, value: unknown) => {
    const ms = value === undefined ? undefined : parseDuration(value);
    if (ms !== undefined) durations[path] = ms;
  };
  for (const [key, value] of Object.entries(rule.frequency?.cooldown ?? {})) note(`frequency.cooldown.${key}`, value);
  note("after.shownAtLeast", rule.after?.shownAtLeast);
  note("goal.within", rule.goal?.within);
  return { id: rule.id, placement, trigger, durations };
}

/** Every key starting with "$" anywhere in a condition (nested conditions, `$event`'s `where`, `$elemMatch`…). */
function collectOperators(condition: unknown, into: Set<string>) {
  if (Array.isArray(condition)) for (const item of condition) collectOperators(item, into);
  else if (condition && typeof condition === "object") {
    for (const [key, value] of Object.entries(condition)) {
      if (key.startsWith("$")) into.add(key);
      collectOperators(value, into);
    }
  }
}
