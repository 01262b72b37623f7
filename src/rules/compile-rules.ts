import { guardCycle } from "./condition/cycle-guard.js";
import { compileCheckedCondition as compileCondition } from "./condition/compile.js";
import type { CompileOptions, CompiledCondition } from "./condition/index.js";
import { compileAfter, compileFrequency, type CompiledAfter, type CompiledFrequency } from "../decide/frequency.js";
import { DEFAULT_GOAL_WINDOW_MS, type CompiledGoal } from "../decide/goals.js";
import type { scheduleGate, ScheduleGate } from "../decide/schedule.js";
import { compileTrigger, type CompiledTrigger } from "../decide/triggers/index.js";
import type { CompiledVariant } from "../decide/variants.js";
import { parseDuration } from "./duration.js";
import type { Ahead, Placement } from "./published.js";
import type { RulesFile, Settings, WidgetRule } from "./schema/rules-schema.js";
import { own } from "../env/own.js";

/** A widget rule ready to decide on: conditions are functions, durations are milliseconds. */
export interface CompiledWidget {
  id: string;
  type: string;
  trigger: CompiledTrigger;
  when: CompiledCondition;
  /** The `when` condition as written, for explaining which of its tests fail. */
  whenSource?: Record<string, unknown>;
  frequency: CompiledFrequency;
  after?: CompiledAfter;
  priority: number;
  group?: string;
  /** Set when the widget has a `schedule` (see `RulesFeatures`). */
  schedule?: ScheduleGate;
  /** Never empty: plain `content` is one variant with id "default". */
  variants: CompiledVariant[];
  /** Percent of visitors in the control group (0 when none). */
  holdout: number;
  goal?: CompiledGoal;
  /**
   * Where each variant shows, by variant id, as `nudge build` (or the browser's validator)
   * computed ahead for a built-in type: the runtime need not know each type's layouts.
   */
  placement?: Record<string, Placement>;
}

export interface CompiledSettings {
  locale: string;
  currency: string;
  quietMs: number;
  maxPerPage: number;
  maxPerSession: number;
  /** Caps per widget group; groups not listed have only the one-per-page rule. */
  groups: Record<string, { maxPerSession: number }>;
  /** The catalog feed: a URL, or the products themselves (checked when a widget first asks for it). */
  catalog?: string | unknown[];
  /** Percent of visitors in the site-wide control group (`settings.holdout`), who see no widget; 0 for none. */
  holdout: number;
  /** Where the customer card comes from: `settings.customer`, else the collector's `/customer` (src/core/customer.ts). */
  customerUrl?: string;
  /** `settings.guards` as written (undefined: on, with the defaults). */
  guards?: Settings["guards"];
  /** `settings.collector`: the collector's base URL (unique coupon codes, server-drawn wheels). */
  collector?: string;
}

export interface CompiledRules {
  settings: CompiledSettings;
  segments: Record<string, CompiledCondition>;
  /** The segments' conditions as written, for explaining a failing `$segment`. */
  segmentSources: Record<string, Record<string, unknown>>;
  widgets: CompiledWidget[];
  /** Whether a condition or template may read `visitor.timezone` (the file mentions "timezone"). */
  readsTimezone: boolean;
}

const always: CompiledCondition = () => true;

/**
 * Code that only some rules files need, loaded by the caller when the file uses it
 * (see `needsSchedule`): a page whose rules schedule nothing does not download it.
 */
export interface RulesFeatures {
  scheduleGate?: typeof scheduleGate;
}

/** Whether the file mentions "timezone" anywhere; true when it cannot be read as text (then nothing is left out). */
function mentionsTimezone(file: RulesFile): boolean {
  try {
    return JSON.stringify(file).includes("timezone");
  } catch {
    return true;
  }
}

/** Whether any widget in the file has a `schedule`. */
export const needsSchedule = (file: RulesFile) => file.widgets.some((w) => w.schedule);

/**
 * Compiles a validated rules file once, when it loads. A widget whose
 * condition cannot compile is reported through `onError` and left out.
 */
export function compileRules(file: RulesFile, onError: (path: string, error: unknown) => void, features: RulesFeatures = {}, ahead?: Ahead): CompiledRules {
  const segments: Record<string, CompiledCondition> = {};
  // Operators neither in the core nor loaded (a stamp that does not list them): false, and said once below.
  const missing = new Set<string>();
  const evaluating = new Set<string>();
  // Segments may refer to segments; a cycle evaluates to false instead of recursing forever.
  const segment = (name: string): CompiledCondition | undefined => {
    const compiled = own(segments, name);
    return compiled && guardCycle(name, compiled, evaluating);
  };
  const options = { segment, missing: (operator: string) => missing.add(operator) };
  for (const [name, condition] of Object.entries(file.segments ?? {})) {
    try {
      segments[name] = compileCondition(condition, options);
    } catch (error) {
      onError(`segments.${name}`, error);
    }
  }
  const widgets: CompiledWidget[] = [];
  file.widgets.forEach((rule, index) => {
    try {
      const widget = compileWidget(rule, options, features);
      // A stamp that lies about placement only misplaces (never breaks) that widget.
      const placement = ahead?.widgets[index]?.placement;
      if (placement && typeof placement === "object") widget.placement = placement;
      widgets.push(widget);
    } catch (error) {
      onError(`widgets[${index}]`, error);
    }
  });
  if (missing.size) onError("conditions", new Error(`${[...missing].join(", ")}: not loaded (the file's stamp does not list it) or unknown; those tests evaluate false`));
  const settings = file.settings ?? {};
  return {
    settings: {
      locale: settings.locale ?? "en",
      currency: settings.currency ?? "USD",
      quietMs: parseDuration(settings.quietPeriod ?? 0) ?? 0,
      maxPerPage: settings.maxPerPage ?? Infinity,
      maxPerSession: settings.maxPerSession ?? Infinity,
      groups: Object.fromEntries(Object.entries(settings.groups ?? {}).map(([name, group]) => [name, { maxPerSession: group.maxPerSession ?? Infinity }])),
      catalog: settings.catalog,
      holdout: settings.holdout ?? 0,
      customerUrl: settings.customer ?? (settings.collector && `${settings.collector.replace(/\/$/, "")}/customer`),
      guards: settings.guards,
      collector: settings.collector,
    },
    segments,
    segmentSources: { ...file.segments },
    widgets,
    // Known ahead for a published file: no serialising the whole file on every page view.
    readsTimezone: ahead ? ahead.features.includes("timezone") : mentionsTimezone(file),
  };
}

function compileWidget(rule: WidgetRule, options: CompileOptions, features: RulesFeatures): CompiledWidget {
  const variants = rule.variants
    ? rule.variants.map((v) => {
        const variant: CompiledVariant = { id: v.id, weight: v.weight ?? 1, content: v.content as Record<string, unknown> };
        if (v.trigger !== undefined) variant.trigger = compileTrigger(v.trigger);
        if (v.frequency !== undefined) variant.frequency = compileFrequency(v.frequency);
        return variant;
      })
    : [{ id: "default", weight: 1, content: (rule.content ?? {}) as Record<string, unknown> }];
  // Cheap checks of what deciding relies on: a published file is not validated here, and its stamp may lie.
  if (typeof rule.id !== "string" || typeof rule.type !== "string") throw new Error("a widget needs a string id and type");
  if (!variants.length || !variants.every((v) => typeof v.content === "object" && v.content !== null)) throw new Error("a widget needs content or variants with content");
  const widget: CompiledWidget = {
    id: rule.id,
    type: rule.type,
    trigger: compileTrigger(rule.trigger),
    when: rule.when ? compileCondition(rule.when, options) : always,
    frequency: compileFrequency(rule.frequency),
    priority: rule.priority ?? 0,
    variants,
    holdout: rule.holdout ?? 0,
  };
  if (rule.when) widget.whenSource = rule.when;
  if (rule.after) widget.after = compileAfter(rule.after);
  if (rule.group) widget.group = rule.group;
  if (rule.schedule) {
    if (!features.scheduleGate) throw new Error("has a schedule, but the schedule code was not loaded");
    widget.schedule = features.scheduleGate(rule.schedule);
  }
  if (rule.goal) {
    widget.goal = {
      event: rule.goal.event,
      where: rule.goal.where ? compileCondition(rule.goal.where, options) : always,
      withinMs: rule.goal.within === undefined ? DEFAULT_GOAL_WINDOW_MS : (parseDuration(rule.goal.within) ?? DEFAULT_GOAL_WINDOW_MS),
    };
  }
  return widget;
}
