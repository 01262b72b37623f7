/* Helpers for the decide tests, on top of the runtime harness (fake clock, spy store, test widgets). */
import { h } from "preact";
import type { NudgeEvents } from "../../../src/core/types.js";
import type { WidgetProps } from "../../../src/render/widget-api.js";
import { on, testWidgets, type Harness } from "../runtime/harness.js";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A modal test widget with every way out: × (button), "no thanks" (dismiss), a CTA, and a converting CTA. */
export function OfferWidget({ id, content, close, convert }: WidgetProps<{ title?: string; text?: string }>) {
  return h(
    "div",
    { "data-widget": id },
    h("h2", null, content.title ?? ""),
    h("p", null, content.text ?? ""),
    h("button", { "data-act": "x", onClick: () => close("button") }, "×"),
    h("button", { "data-act": "dismiss", onClick: () => close("dismiss") }, "no thanks"),
    h("button", { "data-act": "cta", onClick: () => close("cta") }, "go"),
    h("button", { "data-act": "convert", onClick: () => (convert(), close("cta")) }, "sign up"),
  );
}

export const widgets = { ...testWidgets, offer: { component: OfferWidget, modal: true } };

/** Clicks one of the offer widget's buttons. */
export function press(act: "x" | "dismiss" | "cta" | "convert") {
  const button = document.querySelector("nudge-root")?.shadowRoot?.querySelector<HTMLButtonElement>(`[data-act="${act}"]`);
  if (!button) throw new Error(`no "${act}" button on screen`);
  button.click();
}

/** The text of the widget on screen (title and text). */
export function screenText(): string {
  return document.querySelector("nudge-root")?.shadowRoot?.querySelector("[data-widget]")?.textContent ?? "";
}

/** Collects every payload of one event. */
export function collect<K extends keyof NudgeEvents>(harness: Harness, event: K): Array<NudgeEvents[K]> {
  const seen: Array<NudgeEvents[K]> = [];
  on(harness.nudge, event, (payload) => void seen.push(payload));
  return seen;
}

/** The `blockedBy` of one widget, one line each. */
export function blocked(harness: Harness, id: string): string[] {
  return harness.nudge.explain(id)[0]?.blockedBy ?? [];
}
