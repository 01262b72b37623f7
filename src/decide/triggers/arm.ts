import type { Env } from "../../env/env.js";
import { usualTiming } from "../../profile/derived-slot.js";
import type { CompiledTrigger } from "./compile.js";

/** What a widget needs for its trigger to be armed. */
export interface Triggerable {
  id: string;
  trigger: CompiledTrigger;
}

/** The triggers armed for one page view. */
export interface PageTriggers {
  /** A tracked event happened on this page (for `event` triggers). */
  event(name: string, props: Record<string, unknown>): void;
  /** Why a widget's trigger has not fired yet on this page (or that it has, and why), in words. */
  awaiting(widget: Triggerable): string;
  /** What fired a widget's trigger on this page, e.g. "fast scroll up"; undefined while it has not. */
  reason(id: string): string | undefined;
  /** Settles when every trigger is armed: the page-signal triggers load their code first. */
  ready: Promise<void>;
  /** Disarms everything (the page changed or Nudge stopped). */
  dispose(): void;
}

/** The page-signal triggers (scroll, exit intent, clicks…), armed by a lazily loaded chunk. */
export interface SignalTriggers {
  awaiting(widget: Triggerable): string | undefined;
  dispose(): void;
}

export interface ArmContext {
  env: Env;
  fire(id: string): void;
  wanted?(id: string): boolean;
  /** The visitor's usual hour (`visitor.usualHour`), for `smartTiming`; null while unknown. */
  usualHour?(): number | null;
  /** A `cancel` event came: the widget is disarmed on this page, and should close if it is showing. */
  cancelled?(id: string): void;
}

/** Kinds armed by `./signal-triggers.js`: its code loads only when a rules file uses one. */
const SIGNAL_KINDS: ReadonlyArray<CompiledTrigger["kind"]> = ["scroll", "exit_intent", "inactivity", "time_on_site", "click", "visible", "form_submit"];

/**
 * Arms the triggers of every widget for a new page view; `fire(id)` is called
 * (at most once per widget and page view) when a widget's moment comes. The
 * decide step then checks every other gate; `wanted(id)` tells whether a widget could
 * show now, for a trigger that must decide at the moment itself (exit intent's back button: show, or let the visitor leave).
 *
 * @example
 * const triggers = armTriggers(rules.widgets, { env, fire: (id) => due.add(id) });
 * triggers.event("add_to_cart", { price: 60 });
 * triggers.dispose(); // next page view
 */
export function armTriggers(widgets: readonly Triggerable[], context: ArmContext): PageTriggers {
  const { env, fire, wanted = () => true, usualHour = () => null, cancelled: onCancel = () => {} } = context;
  const pageStart = env.now();
  const timers: unknown[] = [];
  const reasons = new Map<string, string>();
  let disposed = false;
  let signals: SignalTriggers | undefined;
  let failed = false;

  /** Widgets called off on this page, by the event that did it. */
  const cancelledBy = new Map<string, string>();
  /** Smart-timed widgets whose moment came outside the visitor's usual hour: the hour they wait for. */
  const heldFor = new Map<string, number>();
  const byId = new Map(widgets.map((widget) => [widget.id, widget]));

  const done = (id: string, reason: string) => {
    if (disposed || reasons.has(id) || cancelledBy.has(id)) return;
    reasons.set(id, reason);
    // A usual hour is known only once the derived-facts chunk (which brings the timing code) has loaded.
    const hour = byId.get(id)?.trigger.smartTiming ? usualHour() : null;
    const timing = usualTiming();
    const wait = hour === null || !timing ? 0 : timing.msUntilUsual(hour, env.now());
    if (wait <= 0) return fire(id);
    heldFor.set(id, hour!);
    timers.push(
      env.setTimeout(() => {
        if (disposed || cancelledBy.has(id)) return;
        heldFor.delete(id);
        fire(id);
      }, wait),
    );
  };
  for (const { id, trigger } of widgets) {
    if (trigger.kind === "page_view") done(id, "page view");
    if (trigger.kind === "delay") timers.push(env.setTimeout(() => done(id, "delay elapsed"), trigger.afterMs));
  }
  const watched = widgets.filter((widget) => SIGNAL_KINDS.includes(widget.trigger.kind));
  const ready =
    watched.length && env.document
      ? import("./signal-triggers.js").then(
          (chunk) => {
            if (!disposed) signals = chunk.armSignalTriggers(watched, env, done, wanted);
          },
          (error) => {
            failed = true;
            env.console.warn("[nudge] could not load the page triggers", error);
          },
        )
      : Promise.resolve();

  return {
    event(name, props) {
      for (const { id, trigger } of widgets) {
        if (!trigger.cancel?.includes(name) || cancelledBy.has(id)) continue;
        cancelledBy.set(id, name);
        heldFor.delete(id);
        onCancel(id);
      }
      for (const { id, trigger } of widgets) {
        if (trigger.kind === "event" && trigger.name === name && (!trigger.where || trigger.where({ props }))) done(id, `"${name}" event`);
      }
    },
    awaiting({ id, trigger }) {
      const reason = reasons.get(id);
      const cancel = cancelledBy.get(id);
      if (cancel) return `trigger: ${trigger.kind}, cancelled on this page by the "${cancel}" event (trigger.cancel); waits for the next page view`;
      const held = heldFor.get(id);
      if (held !== undefined)
        return `trigger: ${trigger.kind}, fired on this page (${reason}); smartTiming: waiting for the visitor's usual hour, ${usualTiming()!.waitText(held, env.now())}`;
      if (trigger.kind === "page_view") return "trigger: page_view, waits for the next page view";
      if (reason) return `trigger: ${trigger.kind}, fired on this page (${reason}); waits for the next page view`;
      if (trigger.kind === "manual") return "trigger: manual, waits for show()";
      if (trigger.kind === "delay") return `trigger: delay, ${Math.max(0, Math.ceil((pageStart + trigger.afterMs - env.now()) / 1000))}s left on this page`;
      if (trigger.kind === "event") {
        return `trigger: event, waiting for "${trigger.name}"${trigger.condition ? ` with ${JSON.stringify(trigger.condition)}` : ""}`;
      }
      const state = failed ? "could not load its code" : env.document ? "arming" : "no page to watch";
      return signals?.awaiting({ id, trigger }) ?? `trigger: ${trigger.kind}, ${state}`;
    },
    reason: (id) => (heldFor.has(id) || cancelledBy.has(id) ? undefined : reasons.get(id)),
    ready,
    dispose() {
      disposed = true;
      for (const timer of timers.splice(0)) env.clearTimeout(timer);
      signals?.dispose();
      signals = undefined;
    },
  };
}
