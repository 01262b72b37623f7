import type { Shown, WidgetSignal } from "./widget-host.js";

/** What the lifecycle lends the signal handlers: its writes to the profile and its events. */
export interface SignalContext {
  /** Sends an event about a widget: its id, type and variant, and `extra`. */
  announce(event: "viewable" | "minimized" | "restored" | "clicked" | "widget" | "lead" | "action" | "answer" | "push", shown: Shown, extra?: Record<string, unknown>): void;
  converted(shown: Shown, props: Record<string, unknown>): void;
  /** Answers and lead fields become visitor attributes. */
  attributes(values: Record<string, unknown>): void;
  saveState(id: string, patch: Record<string, unknown>): void;
  /** Records an event in the visitor's history as `track()` does. */
  record(name: string, props: Record<string, unknown>): void;
  /** A widget stopped blocking other tabs' modals (minimized to a teaser). */
  closed(id: string): void;
}

/**
 * What each thing a widget on screen does leaves in the profile, and the event it sends out.
 * Loaded with the first widget (widget-mount.ts), since only a widget on screen signals.
 */
export function handleSignal(ctx: SignalContext, shown: Shown, signal: WidgetSignal): void {
  switch (signal.kind) {
    case "minimized":
      ctx.announce("minimized", shown);
      return ctx.closed(shown.widget.id); // a teaser blocks nothing: other tabs may show their modal
    case "viewable":
    case "restored":
      return ctx.announce(signal.kind, shown);
    case "clicked":
      // A copied coupon code is remembered: `scores.discountSensitivity` counts it.
      if (signal.props.copy) ctx.record("coupon_copy", { widget: shown.widget.id });
      return ctx.announce("clicked", shown, { props: signal.props });
    case "converted":
      return ctx.converted(shown, signal.props);
    case "tracked":
      return ctx.announce("widget", shown, { name: signal.name, props: signal.props });
    case "answered":
      return ctx.attributes(signal.attributes);
    case "lead":
      ctx.attributes(signal.fields);
      ctx.record("lead", { widget: shown.widget.id });
      ctx.announce("lead", shown, { fields: signal.fields, consent: signal.consent });
      return ctx.converted(shown, { lead: true });
    case "state":
      return ctx.saveState(shown.widget.id, signal.patch);
    case "action":
      return ctx.announce("action", shown, { name: signal.name, payload: signal.payload });
    case "emitted":
      return ctx.announce(signal.event, shown, signal.payload);
  }
}
