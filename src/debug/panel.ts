import type { Explanation } from "../decide/decider.js";
import type { Env } from "../env/env.js";
import type { Facts } from "../profile/facts.js";
import { dock, widgetBoxes } from "./dock.js";
import { actionButton, element } from "./dom.js";
import { renderFactsTree } from "./facts-tree.js";
import { PANEL_CSS } from "./panel-styles.js";
import { renderWidgets } from "./widget-list.js";

/** What the debug view reads from and does with a Nudge instance: its public API, nothing else. */
export interface DebugSource {
  facts(): Facts;
  explain(): Explanation[];
  on(event: "track", handler: () => void): () => void;
  on(event: "shown" | "closed", handler: (event: { id: string }) => void): () => void;
  show(id: string, options?: { force?: boolean }): Promise<boolean>;
  forget(): Promise<void>;
}

/** Seconds on page and scroll depth change without events: refresh this often while open. */
const REFRESH_MS = 1000;

/**
 * Opens the debug view: a panel in its own shadow root with each widget's state (showing,
 * waiting for its trigger, blocked and by what, done for this session) and buttons to fire its
 * trigger or force it, a button to reset the visitor, and the facts as a searchable tree with
 * the catalog's descriptions. It never covers a widget: it moves to another corner, or folds
 * to its tab. CSP-safe: a constructable stylesheet, listeners added in code, data set as text.
 * Returns a function that removes it.
 */
export function openDebugPanel(env: Env, source: DebugSource): () => void {
  const doc = env.document;
  if (!doc?.body) return () => {};
  const host = doc.createElement("nudge-debug");
  const root = host.attachShadow({ mode: "open" });
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (view && "adoptedStyleSheets" in root && typeof view.CSSStyleSheet === "function") {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    root.adoptedStyleSheets = [sheet];
  }
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => element(doc, tag, className, text);

  const panel = el("section", "panel");
  panel.setAttribute("aria-label", "Nudge debug");
  panel.dataset.dock = "bottom-left";
  const toggle = el("button", "toggle", "Nudge debug ▾");
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "true");
  const reset = actionButton(doc, "Reset this visitor", "reset", async () => {
    await source.forget();
    view?.location.reload();
  });
  const bar = el("div", "bar");
  bar.append(toggle, reset);
  const body = el("div", "body");
  const widgetList = el("ul", "widgets");
  const search = el("input");
  search.type = "search";
  search.placeholder = "path or words, e.g. cart";
  const searchLabel = el("label", "search", "Search the facts ");
  searchLabel.append(search);
  const facts = el("div", "facts");
  body.append(el("h2", undefined, "Widgets"), widgetList, el("h2", undefined, "Facts"), searchLabel, facts);
  panel.append(bar, body);
  root.append(panel);
  doc.body.append(host);

  const onScreen = new Set<string>();
  const open = new Set<string>(["page", "visitor", "cart"]);
  /** Folded by the visitor (the toggle), or by the panel itself to keep off a widget. */
  let folded = false;
  let folding = false;
  /** The visitor opened the tab over a widget: leave it open until the widgets change. */
  let openedOverWidget = false;
  let timer: unknown;
  let queued = false;
  let shownWidgets = "";
  let shownFacts = "";

  function setCollapsed(collapsed: boolean) {
    panel.classList.toggle("collapsed", collapsed);
    toggle.setAttribute("aria-expanded", String(!collapsed));
    toggle.textContent = collapsed ? "Nudge debug ▸" : "Nudge debug ▾";
  }

  /** Keeps the panel off every widget on screen. */
  function place() {
    if (openedOverWidget) return;
    folding = dock(panel, widgetBoxes(doc!), setCollapsed, !folded);
  }

  function render() {
    queued = false;
    try {
      const entries = source.explain();
      // Only what changed is drawn again: a button in focus or a branch being read stays put.
      const widgetsKey = JSON.stringify([entries, [...onScreen]]);
      if (widgetsKey !== shownWidgets) {
        shownWidgets = widgetsKey;
        renderWidgets(doc!, widgetList, entries, onScreen, {
          fire: (id) => source.show(id),
          force: (id) => source.show(id, { force: true }),
        });
      }
      const current = source.facts();
      const factsKey = `${search.value}\u0000${JSON.stringify(current)}`;
      if (factsKey !== shownFacts) {
        shownFacts = factsKey;
        renderFactsTree(doc!, facts, current, search.value, open);
      }
    } catch (error) {
      facts.textContent = `could not read the facts: ${String(error)}`;
    }
    place();
  }
  /** Coalesces a burst of events into one render. */
  function soon() {
    if (queued) return;
    queued = true;
    void Promise.resolve().then(render);
  }
  function tick() {
    render();
    timer = env.setTimeout(tick, REFRESH_MS);
  }

  toggle.addEventListener("click", () => {
    const collapsed = panel.classList.contains("collapsed");
    if (collapsed && folding) {
      // The visitor asked for it over a widget: their call.
      openedOverWidget = true;
      folded = false;
      setCollapsed(false);
      return;
    }
    folded = !collapsed;
    openedOverWidget = false;
    setCollapsed(folded);
    place();
  });
  search.addEventListener("input", soon);
  const widgetsChanged = (event: { id: string } | undefined, showing: boolean) => {
    const id = event?.id;
    if (typeof id === "string") showing ? onScreen.add(id) : onScreen.delete(id);
    openedOverWidget = false;
    soon();
    // A widget animates in: look again once it has settled.
    env.setTimeout(soon, 400);
  };
  const stops = [source.on("track", soon), source.on("shown", (event) => widgetsChanged(event, true)), source.on("closed", (event) => widgetsChanged(event, false))];
  tick(); // explain()'s words loaded with this chunk (create-nudge.ts, openDebugView): full reasons from the first render

  return () => {
    env.clearTimeout(timer);
    for (const stop of stops) stop();
    host.remove();
  };
}
