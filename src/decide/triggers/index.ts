import type { Env } from "../../env/env.js";
import { parseDuration } from "../../rules/duration.js";
import type { Trigger } from "../../rules/schema/trigger-schema.js";

/** A widget's trigger, normalised when the rules compile. */
export interface CompiledTrigger {
  kind: "page_view" | "delay" | "manual";
  /** For `delay`: milliseconds after the page view. */
  afterMs: number;
}

export function compileTrigger(trigger: Trigger | undefined): CompiledTrigger {
  const normal = typeof trigger === "string" ? { type: trigger } : trigger ?? { type: "page_view" as const };
  return { kind: normal.type, afterMs: "after" in normal ? parseDuration(normal.after) ?? 0 : 0 };
}

/** What a widget needs for its trigger to be armed. */
export interface Triggerable {
  id: string;
  trigger: CompiledTrigger;
}

/** The triggers armed for one page view. */
export interface PageTriggers {
  /** A tracked event happened on this page (for triggers that wait for one). */
  event(name: string, props: Record<string, unknown>): void;
  /** Why a widget's trigger has not fired yet on this page, in words. */
  awaiting(widget: Triggerable): string;
  /** Disarms everything (the page changed or Nudge stopped). */
  dispose(): void;
}

/**
 * Arms the triggers of every widget for a new page view; `fire(id)` is called
 * when a widget's moment comes. The decide step then checks every other gate.
 */
export function armTriggers(widgets: readonly Triggerable[], context: { env: Env; fire(id: string): void }): PageTriggers {
  const { env, fire } = context;
  const pageStart = env.now();
  const timers: unknown[] = [];
  for (const widget of widgets) {
    if (widget.trigger.kind === "page_view") fire(widget.id);
    if (widget.trigger.kind === "delay") timers.push(env.setTimeout(() => fire(widget.id), widget.trigger.afterMs));
  }
  return {
    event() {},
    awaiting(widget) {
      const { kind, afterMs } = widget.trigger;
      if (kind === "manual") return "trigger: manual, waits for show()";
      if (kind === "delay") return `trigger: delay, ${Math.max(0, Math.ceil((pageStart + afterMs - env.now()) / 1000))}s left on this page`;
      return "trigger: page_view, waits for the next page view";
    },
    dispose() {
      for (const timer of timers.splice(0)) env.clearTimeout(timer);
    },
  };
}
