import type { Env } from "../env/env.js";
import { toJson } from "../env/json.js";
import type { Facts } from "../profile/facts.js";
import type { Renderer } from "../render/renderer.js";
import type { CloseReason, ContentSchema, Product, WidgetDefinition, WidgetLoader, WidgetProps } from "../render/widget-api.js";
import { fillContent } from "../render/template.js";
import { jsonPath } from "../rules/problems.js";
import type { CompiledWidget } from "../rules/compile-rules.js";
import type { Reporter } from "./report.js";

/** A widget on screen, in the variant the visitor sees. */
export interface Shown {
  widget: CompiledWidget;
  variant: string;
}

/** What a widget on screen did, for the lifecycle to record and announce. */
export type WidgetSignal =
  | { kind: "viewable" | "minimized" | "restored" }
  | { kind: "clicked" | "converted"; props: Record<string, unknown> }
  | { kind: "tracked"; name: string; props: Record<string, unknown> }
  | { kind: "answered"; attributes: Record<string, string | number | boolean> }
  | { kind: "lead"; fields: Record<string, string> }
  | { kind: "state"; patch: Record<string, unknown> }
  | { kind: "action"; name: string; payload: Record<string, unknown> };

export interface WidgetHostDeps {
  env: Env;
  reporter: Reporter;
  widgets: Map<string, WidgetLoader | WidgetDefinition>;
  locale(): { locale: string; currency: string };
  nonce?: string;
  /** Record shows without rendering (see `NudgeOptions.headless`). */
  headless?: boolean | ((widget: WidgetProps) => void);
  /** This widget's stored state for the visitor. */
  state(id: string): Record<string, unknown>;
  catalog(): Promise<Product[]>;
  /** Lifecycle callbacks, owned by the instance (profile and events). */
  shown(shown: Shown): void;
  closed(shown: Shown, reason: CloseReason): void;
  signal(shown: Shown, signal: WidgetSignal): void;
}

/** One widget on screen. `announced` once `shown` was reported: a widget that fails on its first render never counts as shown or closed. */
interface Live extends Shown {
  modal: boolean;
  minimized: boolean;
  announced: boolean;
}

/**
 * Loads widget code on demand and hands widgets to the renderer, which is
 * itself loaded with the first widget: a page that shows nothing pays for
 * neither. Several widgets may be on screen at once (a bar, a chat launcher,
 * an inline carousel), one of them modal at most; the decider sees to that.
 */
export function createWidgetHost(deps: WidgetHostDeps) {
  let renderer: Promise<Renderer> | undefined;
  const live = new Map<string, Live>();

  function getRenderer(): Promise<Renderer> {
    return (renderer ??= import("../render/renderer.js").then(({ createRenderer }) =>
      createRenderer(deps.env, {
        nonce: deps.nonce,
        onError: (id, error) => widgetFailed(id, error),
        onViewable: (id) => {
          const entry = live.get(id);
          if (entry?.announced) deps.signal(entry, { kind: "viewable" });
        },
      }),
    ));
  }

  function widgetFailed(id: string, error: unknown) {
    deps.reporter.error(`widget "${id}"`, error);
    const failed = live.get(id);
    if (failed) close(failed, "api");
  }

  async function definitionOf(type: string): Promise<WidgetDefinition | undefined> {
    const entry = deps.widgets.get(type);
    if (!entry) return undefined;
    if (typeof entry !== "function") return entry;
    const module = await entry();
    return module.default;
  }

  function close(entry: Live, reason: CloseReason) {
    const id = entry.widget.id;
    if (live.get(id) !== entry) return;
    live.delete(id);
    // Unless the same widget was mounted again meanwhile (a replacement mounts synchronously, before this runs).
    void renderer?.then((r) => !live.has(id) && r.unmount(id));
    if (entry.announced) deps.closed(entry, reason);
  }

  /** A custom widget's own content check; false (reported with paths) when the content does not fit. */
  function contentFits(id: string, schema: ContentSchema | undefined, content: unknown): boolean {
    if (!schema) return true;
    const result = schema.safeParse(content);
    if (result.success) return true;
    const problems = result.error.issues.map((issue) => `${jsonPath(issue.path, "content")}: ${issue.message}`);
    deps.reporter.error(`widget "${id}"`, new Error(`its content does not fit its widget type: ${problems.join("; ")}`));
    return false;
  }

  function propsFor(entry: Live, content: Record<string, unknown>, snapshot: Facts): WidgetProps {
    const { locale, currency } = deps.locale();
    // Callbacks from a widget that was since replaced or closed are ignored.
    const on = () => live.get(entry.widget.id) === entry;
    const signal = (s: WidgetSignal) => on() && deps.signal(entry, s);
    const modal = entry.modal;
    return {
      id: entry.widget.id,
      content: fillContent(content, snapshot),
      facts: snapshot,
      locale,
      currency,
      state: deps.state(entry.widget.id),
      close: (reason) => on() && close(entry, reason),
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
      lead: (fields) => signal({ kind: "lead", fields }),
      saveState: (patch) => signal({ kind: "state", patch }),
      action: (name, payload) => signal({ kind: "action", name, payload: payload ?? {} }),
      catalog: () => deps.catalog(),
    };
  }

  return {
    /** The widgets on screen now (a minimized one is no longer modal). */
    showing: (): Array<{ id: string; modal: boolean }> => [...live.values()].map((e) => ({ id: e.widget.id, modal: e.modal })),
    /** Shows a widget in a variant; templates in its content are filled from the facts here, before the widget sees them. */
    async show(widget: CompiledWidget, facts: Facts, variant: string): Promise<boolean> {
      const { headless } = deps;
      if (!deps.env.document && !headless) return false;
      let definition: WidgetDefinition | undefined;
      let render: Renderer | undefined;
      try {
        [definition, render] = await Promise.all([definitionOf(widget.type), headless ? undefined : getRenderer()]);
      } catch (error) {
        deps.reporter.error(`widget "${widget.id}"`, new Error(`the code of widget type "${widget.type}" failed to load: ${(error as Error)?.message}`));
        return false;
      }
      if (!definition) {
        deps.reporter.warn(`widget "${widget.id}"`, `no widget is registered for type "${widget.type}"`);
        return false;
      }
      const content = widget.variants.find((v) => v.id === variant)?.content ?? {};
      if (!contentFits(widget.id, definition.schema, content)) return false;
      const modal = modalOf(definition, content);
      const same = live.get(widget.id);
      if (same) close(same, "replaced");
      // One modal at a time: a forced show replaces the modal on screen.
      for (const other of live.values()) if (modal && other.modal) close(other, "replaced");
      const entry: Live = { widget, variant, modal, minimized: false, announced: false };
      live.set(widget.id, entry);
      const props = propsFor(entry, content, structuredCopy(facts));
      if (render) {
        const placement = definition.placement?.(props.content as never);
        if (render.mount(widget.id, definition, props, placement) === undefined) {
          live.delete(widget.id);
          deps.reporter.warn(`widget "${widget.id}"`, `its placement "${placement?.selector}" matches nothing on this page`);
          return false;
        }
      } else if (typeof headless === "function") {
        try {
          headless(props);
        } catch (error) {
          widgetFailed(widget.id, error);
        }
      }
      if (live.get(widget.id) !== entry) return false; // it failed during its first render
      entry.announced = true;
      deps.shown(entry);
      return true;
    },
    /** Closes one widget, or all of them. */
    hide(id?: string): void {
      for (const entry of [...live.values()]) if (id === undefined || entry.widget.id === id) close(entry, "api");
    },
    async destroy(): Promise<void> {
      live.clear();
      if (renderer) (await renderer).destroy();
    },
  };
}

/** Whether a widget with this content shows as a modal. */
export function modalOf(definition: WidgetDefinition | undefined, content: Record<string, unknown>): boolean {
  const modal = definition?.modal;
  return typeof modal === "function" ? !!modal(content) : !!modal;
}

/** Widgets get their own copy of the facts: nothing they do can change the profile. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(toJson(value));
}
