import type { Explanation } from "../decide/decider.js";
import { actionButton, element } from "./dom.js";
import { STATE_WORDS, widgetStatus } from "./widget-status.js";

export interface WidgetActions {
  /** Shows it as if its trigger fired now: every other gate still applies. */
  fire(id: string): unknown;
  /** Shows it whatever holds it back (consent aside). */
  force(id: string): unknown;
}

/**
 * One entry per widget: its state (showing, waiting for its trigger and what fires it, blocked
 * and by what, done for this session), the reasons, and buttons to fire its trigger or force it.
 */
export function renderWidgets(doc: Document, list: HTMLElement, entries: Explanation[], onScreen: ReadonlySet<string>, actions: WidgetActions): void {
  const items = entries.map((entry) => {
    const status = widgetStatus(entry, onScreen);
    const item = element(doc, "li", `widget ${status.state}`);
    item.dataset.widget = entry.id;
    item.dataset.state = status.state;
    const head = element(doc, "p", "head");
    head.append(element(doc, "span", "badge", STATE_WORDS[status.state]), " ", element(doc, "strong", undefined, entry.id), ` (${entry.type})`);
    item.append(head);
    if (status.detail.length) {
      const reasons = element(doc, "ul", "reasons");
      for (const reason of status.detail) reasons.append(element(doc, "li", undefined, reason));
      item.append(reasons);
    }
    if (status.state !== "showing") {
      const buttons = element(doc, "p", "buttons");
      if (status.state === "waiting") buttons.append(actionButton(doc, "Fire its trigger", "fire", () => actions.fire(entry.id)));
      buttons.append(actionButton(doc, "Force show", "force", () => actions.force(entry.id)));
      item.append(buttons);
    }
    return item;
  });
  list.replaceChildren(...(items.length ? items : [element(doc, "li", undefined, "no widgets in the rules")]));
}
