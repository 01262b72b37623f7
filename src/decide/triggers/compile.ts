import { compileCheckedCondition } from "../../rules/condition/compile.js";
import type { CompiledCondition } from "../../rules/condition/types.js";
import { parseDuration } from "../../rules/duration.js";
import type { Trigger } from "../../rules/schema/trigger-schema.js";

/** The kinds of trigger a widget can have. */
export type TriggerKind = Exclude<Trigger, string>["type"];

/**
 * A widget's trigger, normalised when the rules compile. `afterMs` is the wait in
 * milliseconds: the delay, the inactivity or time on site to reach, exit intent's
 * minimum time on the page; 0 for the others.
 */
export type CompiledTrigger = TriggerOptions &
  (
    | { kind: "page_view" | "manual" | "delay" | "inactivity" | "time_on_site"; afterMs: number }
    | { kind: "scroll"; afterMs: number; percent?: number; px?: number }
    | { kind: "exit_intent"; afterMs: number; sensitivity?: number; mobile?: boolean; backButton?: boolean }
    | { kind: "click" | "form_submit"; afterMs: number; selector: string }
    | { kind: "visible"; afterMs: number; selector: string; threshold?: number }
    | { kind: "event"; afterMs: number; name: string; where?: CompiledCondition; condition?: Record<string, unknown> }
  );

/** What every trigger can add: wait for the visitor's usual hour, and events that call it off. */
export interface TriggerOptions {
  /** Wait for the visitor's usual hour (`visitor.activeNow`) once it is known. */
  smartTiming?: boolean;
  /** Tracked events that disarm the widget on this page, or close it when it is showing. */
  cancel?: string[];
}

/**
 * Normalises a (validated) rules-file trigger; a missing one means `page_view`.
 *
 * @example
 * compileTrigger({ type: "delay", after: "6s" }); // { kind: "delay", afterMs: 6000 }
 * compileTrigger("manual"); // { kind: "manual", afterMs: 0 }
 */
export function compileTrigger(trigger: Trigger | undefined): CompiledTrigger {
  const { type, after, minTimeOnPage, where, cancel, ...options } = (typeof trigger === "string" ? { type: trigger } : (trigger ?? { type: "page_view" })) as Record<
    string,
    unknown
  >;
  const compiled = { kind: type, afterMs: parseDuration(after ?? minTimeOnPage ?? 0) ?? 0, ...options } as Record<string, unknown>;
  if (cancel !== undefined) compiled.cancel = ([] as unknown[]).concat(cancel);
  if (where) Object.assign(compiled, { where: compileCheckedCondition(where as Record<string, unknown>), condition: where });
  return compiled as unknown as CompiledTrigger;
}
