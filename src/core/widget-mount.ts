import type { Facts } from "../profile/facts.js";
import { createRenderer, type Renderer } from "../render/renderer.js";
import { notShownReason, type AnyWidgetDefinition, type WidgetProps } from "../render/widget-api.js";
import { fillContent } from "../render/template.js";
import type { CompiledWidget } from "../rules/compile-rules.js";
import type { HostState, Live, WidgetSignal } from "./widget-host.js";
import { handleSignal } from "./widget-signals.js";

/*
 * The half of the widget host that runs only once a widget shows: props,
 * templates and the renderer. It rides in the renderer's chunk, so a page view
 * that shows nothing never downloads it. It imports nothing from the runtime
 * (the bundler would pull those modules into this chunk): what it needs comes in `host`.
 */

/** What to mount: a widget whose code has loaded, in the visitor's variant, with its content checked. */
export interface Mount {
  definition: AnyWidgetDefinition;
  widget: CompiledWidget;
  variant: string;
  content: Record<string, unknown>;
  modal: boolean;
  /** The widget's own copy of the facts. */
  facts: Facts;
}

/** The renderer, created with the first widget that renders. */
function rendererOf(host: HostState): Renderer {
  const { deps, live } = host;
  return (host.renderer ??= createRenderer(deps.env, {
    nonce: deps.nonce,
    onError: (id, error) => host.failed(id, error),
    onViewable: (id) => {
      const entry = live.get(id);
      if (entry?.announced) handleSignal(deps.signals, entry, { kind: "viewable" });
    },
  }));
}

function propsFor(host: HostState, entry: Live, content: Record<string, unknown>, snapshot: Facts): WidgetProps {
  const { deps, live } = host;
  const { locale, currency } = deps.locale();
  // Callbacks from a widget that was since replaced or closed are ignored.
  const on = () => live.get(entry.widget.id) === entry;
  const signal = (s: WidgetSignal) => on() && handleSignal(deps.signals, entry, s);
  const modal = entry.modal;
  return {
    id: entry.widget.id,
    content: fillContent(content, snapshot, { locale, currency }),
    facts: snapshot,
    locale,
    currency,
    state: deps.state(entry.widget.id),
    close: (reason) => on() && host.close(entry, reason),
    click: (props) => signal({ kind: "clicked", props: props ?? {} }),
    convert: (props) => signal({ kind: "converted", props: props ?? {} }),
    track: (name, props) => signal({ kind: "tracked", name, props: props ?? {} }),
    minimize: () => {
      if (!on() || entry.minimized) return;
      entry.minimized = true;
      entry.modal = false;
      signal({ kind: "minimized" });
    },
    restore: () => {
      if (!on() || !entry.minimized) return;
      entry.minimized = false;
      entry.modal = modal;
      signal({ kind: "restored" });
    },
    answer: (attributes) => signal({ kind: "answered", attributes }),
    lead: (fields, consent) => signal({ kind: "lead", fields, consent: typeof consent === "string" ? consent : undefined }),
    saveState: (patch) => signal({ kind: "state", patch }),
    action: (name, payload) => signal({ kind: "action", name, payload: payload ?? {} }),
    emit: (event, payload) => signal({ kind: "emitted", event, payload }),
    catalog: () => deps.catalog(),
    collector: deps.collector?.(),
  };
}

/**
 * Puts a widget on screen (templates in its content filled from the facts first); true once it
 * is there and announced. A definition's `prepare` runs first (not when headless): a widget with
 * nothing to show (too few products) is never mounted, closes nothing and is not counted.
 */
export async function mountWidget(host: HostState, { definition, widget, variant, content, modal, facts }: Mount): Promise<boolean> {
  const { deps, live } = host;
  const { headless } = deps;
  const entry: Live = { widget, variant, modal, minimized: false, announced: false };
  const props = propsFor(host, entry, content, facts);
  if (definition.prepare && !headless) {
    try {
      props.prepared = await definition.prepare(props);
    } catch (error) {
      deps.reporter.error(`widget "${widget.id}"`, error);
      return false;
    }
    if (host.destroyed) return false;
    const why = notShownReason(props.prepared);
    if (why) {
      if (props.prepared !== false) host.skipped.set(widget.id, why);
      deps.env.console.info(`[nudge] widget "${widget.id}": nothing to show on this page (${why}); not shown`);
      return false;
    }
  }
  // Under the page's own modal (a <dialog> in the top layer, a trapped cart drawer) it would be dimmed and
  // unclickable: not mounted, not counted; the decider shows it once that closes.
  if (modal && !headless && deps.pageDialogOpen?.()) return false;
  const same = live.get(widget.id);
  if (same) host.close(same, "replaced");
  // One modal at a time: a forced show replaces the modal on screen.
  for (const other of live.values()) if (modal && other.modal) host.close(other, "replaced");
  live.set(widget.id, entry);
  if (!headless) {
    const placement = definition.placement?.(props.content as never);
    if (rendererOf(host).mount(widget.id, definition, props, placement) === undefined) {
      live.delete(widget.id);
      deps.reporter.warn(`widget "${widget.id}"`, `its placement "${placement?.selector}" matches nothing on this page`);
      return false;
    }
  } else if (typeof headless === "function") {
    try {
      headless(props);
    } catch (error) {
      host.failed(widget.id, error);
    }
  }
  if (live.get(widget.id) !== entry) return false; // it failed during its first render
  // Whatever draws it (Preact, React, plain DOM): a widget that drew nothing is no impression.
  if (!headless && !definition.drawsNothing && !rendererOf(host).drewSomething(widget.id)) {
    host.close(entry, "api");
    deps.reporter.warn(`widget "${widget.id}"`, "it rendered nothing (no element or text), so it is not shown or counted");
    return false;
  }
  entry.announced = true;
  deps.shown(entry);
  return true;
}
