import type { ComponentType } from "preact";
import type { Facts } from "../profile/facts.js";

/** Why a widget went away; reported in the `closed` event. */
export type CloseReason = "button" | "escape" | "backdrop" | "dismiss" | "cta" | "replaced" | "api";

/**
 * Everything a widget gets from the runtime. Widgets never read storage or
 * evaluate rules: they render `content`, read `facts` and call back.
 *
 * @example
 * function Banner({ content, close }: WidgetProps<{ text: string }>) {
 *   return <div role="status">{content.text}<button onClick={() => close("button")}>×</button></div>;
 * }
 */
export interface WidgetProps<Content = Record<string, unknown>> {
  /** The widget's `id` from the rules file. */
  id: string;
  /** The widget's validated `content` (or the chosen variant's). */
  content: Content;
  /** A read-only snapshot of the facts document when the widget was shown. */
  facts: Readonly<Facts>;
  /** BCP 47 locale from the rules file's settings. */
  locale: string;
  /** Currency (ISO 4217) from the rules file's settings. */
  currency: string;
  /** Remove the widget. */
  close(reason: CloseReason): void;
  /** The visitor engaged with the call to action (counts as a click). */
  click(props?: Record<string, unknown>): void;
  /** The widget met its own goal (e.g. a lead was submitted). */
  convert(props?: Record<string, unknown>): void;
  /** Record a custom widget event, e.g. `track("copied", { code })`. */
  track(name: string, props?: Record<string, unknown>): void;
}

/**
 * What a widget module exports as its default: the component and how to host it.
 * A full-screen overlay should be `position: fixed` at `left: var(--nudge-vx, 0); top: var(--nudge-vy, 0)`
 * with `width: var(--nudge-vw, 100%); height: var(--nudge-vh, 100%)`: the renderer keeps these equal
 * to the part of the page the visitor actually sees.
 */
export interface WidgetDefinition<Content = any> {
  component: ComponentType<WidgetProps<Content>>;
  /** CSS for the widget, adopted into Nudge's shadow root (never into the page). */
  styles?: string;
  /** Modal widgets take focus and block the page; only one shows at a time. */
  modal?: boolean;
}

/** A lazy loader for a widget module, so its code is fetched only when it is about to show. */
export type WidgetLoader = () => Promise<{ default: WidgetDefinition }>;
