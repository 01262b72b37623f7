import { hashString } from "./hash.js";
import type { RulesFile } from "./schema/rules-schema.js";

/** The published file's format; a runtime trusts only the formats it knows. */
export const PUBLISHED_FORMAT = 1;

/** Where a widget shows, per variant id ("default" for plain `content`). */
export type Placement = "modal" | "inline" | "overlay";

/**
 * What `nudge build` (or the browser's validator, for a file that is not published) computed
 * ahead, so the runtime every page pays for does not: which operators and features the file
 * uses, durations in milliseconds, each widget's placement and its normalised trigger.
 */
export interface Ahead {
  /** Every `$operator` the conditions use, sorted. */
  operators: string[];
  /** Code the file needs beyond the core: "schedule", "timezone", "event", "goal", "catalog", "rfm", "variants", "holdout". */
  features: string[];
  /** The facts the file reads that are computed by a lazy chunk ("rfm", "scores", "usualTime"); absent in older stamps (then all are). */
  facts?: string[];
  /** `settings.quietPeriod` in ms. */
  quietMs: number;
  /** One per widget of `rules.widgets`, in the same order. */
  widgets: AheadWidget[];
}

export interface AheadWidget {
  id: string;
  placement: Record<string, Placement>;
  /** The trigger normalised (`compileTrigger` without its compiled `where`). */
  trigger: Record<string, unknown>;
  /** Cooldowns, `after.shownAtLeast` and `goal.within` in ms, by their path in the widget. */
  durations: Record<string, number>;
}

/** A published rules file: `rules` as validated, plus `ahead`, stamped with `hash` over both. */
export interface PublishedRules {
  nudge: string;
  format: number;
  hash: string;
  ahead: Ahead;
  rules: RulesFile;
}

/** The stamp over what the runtime trusts: the format, `ahead` and `rules` (a tiny non-crypto hash: it detects edits, not forgery). */
export function stampOf(ahead: unknown, rules: unknown): string {
  return hashString(JSON.stringify([PUBLISHED_FORMAT, ahead, rules])).toString(36);
}

/** Whether a parsed file has the published shape at all (stamped or edited since). */
export function looksPublished(json: unknown): json is { hash?: unknown; ahead?: unknown; rules: unknown; format?: unknown } {
  return isObject(json) && "rules" in json && "format" in json;
}

/**
 * The rules and what was computed ahead, when the stamp matches and the shape is what the core
 * reads without checks; undefined otherwise (the file is then validated in the browser).
 * Values inside are not checked here: evaluation stays defensive for a stamp that lies.
 */
export function trustedRules(json: unknown): { rules: RulesFile; ahead: Ahead } | undefined {
  if (!looksPublished(json) || json.format !== PUBLISHED_FORMAT) return undefined;
  const { rules, ahead } = json as { rules: unknown; ahead: unknown };
  if (!isObject(rules) || !Array.isArray(rules.widgets) || !rules.widgets.every(isObject)) return undefined;
  if (!isObject(ahead) || !Array.isArray(ahead.operators) || !Array.isArray(ahead.features) || !Array.isArray(ahead.widgets)) return undefined;
  if (ahead.widgets.length !== rules.widgets.length || !ahead.widgets.every(isObject)) return undefined;
  if (typeof json.hash !== "string" || json.hash !== stampOf(ahead, rules)) return undefined;
  return { rules: rules as unknown as RulesFile, ahead: ahead as unknown as Ahead };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
