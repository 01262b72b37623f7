import { compileCheckedCondition as compileCondition } from "./condition/compile.js";
import type { CompiledCondition } from "./condition/index.js";
import { compileTrigger, type CompiledTrigger } from "../decide/triggers/index.js";
import { parseDuration } from "./duration.js";
import type { Frequency, RulesFile, WidgetRule } from "./schema/rules-schema.js";

/** A widget rule ready to decide on: conditions are functions, durations are milliseconds. */
export interface CompiledWidget {
  id: string;
  type: string;
  trigger: CompiledTrigger;
  when: CompiledCondition;
  frequency: Frequency;
  priority: number;
  content: Record<string, unknown>;
}

export interface CompiledRules {
  settings: { locale: string; currency: string; quietMs: number; maxPerPage: number; maxPerSession: number };
  segments: Record<string, CompiledCondition>;
  widgets: CompiledWidget[];
}

const always: CompiledCondition = () => true;

/**
 * Compiles a validated rules file once, when it loads. A widget whose
 * condition cannot compile is reported through `onError` and left out.
 */
export function compileRules(file: RulesFile, onError: (path: string, error: unknown) => void): CompiledRules {
  const segments: Record<string, CompiledCondition> = {};
  const evaluating = new Set<string>();
  // Segments may refer to segments; a cycle evaluates to false instead of recursing forever.
  const segment = (name: string): CompiledCondition | undefined => {
    const compiled = Object.prototype.hasOwnProperty.call(segments, name) ? segments[name] : undefined;
    if (!compiled) return undefined;
    return (facts) => {
      if (evaluating.has(name)) return false;
      evaluating.add(name);
      try {
        return compiled(facts);
      } finally {
        evaluating.delete(name);
      }
    };
  };
  for (const [name, condition] of Object.entries(file.segments ?? {})) {
    try {
      segments[name] = compileCondition(condition, { segment });
    } catch (error) {
      onError(`segments.${name}`, error);
    }
  }
  const widgets: CompiledWidget[] = [];
  file.widgets.forEach((rule, index) => {
    try {
      widgets.push(compileWidget(rule, segment));
    } catch (error) {
      onError(`widgets[${index}]`, error);
    }
  });
  const settings = file.settings ?? {};
  return {
    settings: {
      locale: settings.locale ?? "en",
      currency: settings.currency ?? "USD",
      quietMs: parseDuration(settings.quietPeriod ?? 0) ?? 0,
      maxPerPage: settings.maxPerPage ?? Infinity,
      maxPerSession: settings.maxPerSession ?? Infinity,
    },
    segments,
    widgets,
  };
}

function compileWidget(rule: WidgetRule, segment: (name: string) => CompiledCondition | undefined): CompiledWidget {
  return {
    id: rule.id,
    type: rule.type,
    trigger: compileTrigger(rule.trigger),
    when: rule.when ? compileCondition(rule.when, { segment }) : always,
    frequency: rule.frequency ?? {},
    priority: rule.priority ?? 0,
    content: (rule.content ?? {}) as Record<string, unknown>,
  };
}
