import type { Explanation } from "../decide/decider.js";
import type { Env } from "../env/env.js";
import type { Facts } from "../profile/facts.js";

/** What the debug view reads from a Nudge instance: its public API, nothing else. */
export interface DebugSource {
  facts(): Facts;
  explain(): Explanation[];
  on(event: "track" | "shown" | "closed", handler: () => void): () => void;
}

/** Seconds on page and scroll depth change without events: refresh this often while open. */
const REFRESH_MS = 1000;

const CSS = `
:host { all: initial; }
.panel { position: fixed; left: 8px; bottom: 8px; z-index: 2147483646; width: min(420px, calc(100vw - 16px));
  max-height: 60vh; display: flex; flex-direction: column; background: #111827; color: #e5e7eb;
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border-radius: 6px;
  box-shadow: 0 4px 16px rgba(0,0,0,.35); }
.toggle { all: unset; cursor: pointer; padding: 6px 10px; font-weight: bold; color: #fbbf24; }
.toggle:focus-visible { outline: 2px solid #fbbf24; }
.body { overflow: auto; padding: 0 10px 10px; }
.panel.collapsed .body { display: none; }
h2 { font-size: 12px; margin: 8px 0 4px; color: #93c5fd; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: 2px 0; }
.yes { color: #86efac; }
.no { color: #fca5a5; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
`;

/**
 * Opens the debug view: a small collapsible panel (its own shadow root, fixed
 * at the bottom left) with `explain()` for every widget and the live facts
 * document, refreshed on every tracked event. CSP-safe: a constructable
 * stylesheet, listeners added in code, and data set as text only.
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
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  }
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const panel = el("section", "panel");
  panel.setAttribute("aria-label", "Nudge debug");
  const toggle = el("button", "toggle", "Nudge debug ▾");
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "true");
  const body = el("div", "body");
  const widgetList = el("ul", "widgets");
  const facts = el("pre", "facts");
  body.append(el("h2", undefined, "Widgets (explain)"), widgetList, el("h2", undefined, "Facts"), facts);
  panel.append(toggle, body);
  root.append(panel);
  doc.body.append(host);

  let collapsed = false;
  let timer: unknown;
  let queued = false;

  function render() {
    queued = false;
    if (collapsed) return;
    try {
      facts.textContent = JSON.stringify(source.facts(), null, 2);
      const items = source.explain().map((w) => {
        const item = el("li", w.wouldShow ? "yes" : "no", `${w.id} (${w.type}): ${w.wouldShow ? "would show" : "blocked"}`);
        if (w.blockedBy.length) {
          const reasons = el("ul");
          for (const reason of w.blockedBy) reasons.append(el("li", undefined, `– ${reason}`));
          item.append(reasons);
        }
        return item;
      });
      widgetList.replaceChildren(...(items.length ? items : [el("li", undefined, "no widgets in the rules")]));
    } catch (error) {
      facts.textContent = `could not read the facts: ${String(error)}`;
    }
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
    collapsed = !collapsed;
    panel.classList.toggle("collapsed", collapsed);
    toggle.setAttribute("aria-expanded", String(!collapsed));
    toggle.textContent = collapsed ? "Nudge debug ▸" : "Nudge debug ▾";
    soon();
  });
  const stops = (["track", "shown", "closed"] as const).map((event) => source.on(event, soon));
  tick();
  // explain() loads its tracer on first use: render again once the detailed reasons are there.
  env.setTimeout(soon, 300);

  return () => {
    env.clearTimeout(timer);
    for (const stop of stops) stop();
    host.remove();
  };
}
