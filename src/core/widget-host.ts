import type { Env } from "../env/env.js";
import { toJson } from "../env/json.js";
import type { Facts } from "../profile/facts.js";
import type { Renderer } from "../render/renderer.js";
import type { CloseReason, WidgetDefinition, WidgetLoader, WidgetProps } from "../render/widget-api.js";
import { fillContent } from "../render/template.js";
import type { CompiledWidget } from "../rules/compile-rules.js";
import type { Reporter } from "./report.js";

/** A widget on screen, in the variant the visitor sees. */
export interface Shown {
  widget: CompiledWidget;
  variant: string;
}

export interface WidgetHostDeps {
  env: Env;
  reporter: Reporter;
  widgets: Map<string, WidgetLoader | WidgetDefinition>;
  locale(): { locale: string; currency: string };
  nonce?: string;
  /** Record shows without rendering (see `NudgeOptions.headless`). */
  headless?: boolean | ((widget: WidgetProps) => void);
  /** Lifecycle callbacks, owned by the instance (profile and events). */
  shown(shown: Shown): void;
  closed(shown: Shown, reason: CloseReason): void;
  clicked(shown: Shown, props: Record<string, unknown>): void;
  converted(shown: Shown, props: Record<string, unknown>): void;
  tracked(shown: Shown, name: string, props: Record<string, unknown>): void;
}

/**
 * Loads widget code on demand and hands widgets to the renderer, which is
 * itself loaded with the first widget: a page that shows nothing pays for neither.
 */
export function createWidgetHost(deps: WidgetHostDeps) {
  let renderer: Promise<Renderer> | undefined;
  /** `announced` once `shown` was reported: a widget that fails on its first render never counts as shown or closed. */
  let current: (Shown & { modal: boolean; announced: boolean }) | null = null;
  let generation = 0;

  function getRenderer(): Promise<Renderer> {
    return (renderer ??= import("../render/renderer.js").then(({ createRenderer }) =>
      createRenderer(deps.env, { nonce: deps.nonce, onError: (error) => widgetFailed(error) }),
    ));
  }

  function widgetFailed(error: unknown) {
    const failed = current;
    deps.reporter.error(failed ? `widget "${failed.widget.id}"` : "widget", error);
    if (failed) close(failed, "api");
  }

  async function definitionOf(type: string): Promise<WidgetDefinition | undefined> {
    const entry = deps.widgets.get(type);
    if (!entry) return undefined;
    if (typeof entry !== "function") return entry;
    const module = await entry();
    return module.default;
  }

  function close(shown: Shown, reason: CloseReason) {
    if (current !== shown) return;
    const { announced } = current;
    current = null;
    const closing = ++generation;
    // Unless another widget was mounted meanwhile (a replacement mounts synchronously, before this runs).
    void renderer?.then((r) => closing === generation && r.unmount());
    if (announced) deps.closed(shown, reason);
  }

  return {
    showing: () => (current ? { id: current.widget.id, modal: current.modal } : null),
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
      if (current) close(current, "replaced");
      const mine = ++generation;
      const shown: Shown & { modal: boolean; announced: boolean } = (current = { widget, variant, modal: !!definition.modal, announced: false });
      const snapshot = structuredCopy(facts);
      const content = widget.variants.find((v) => v.id === variant)?.content ?? {};
      const { locale, currency } = deps.locale();
      // Callbacks from a widget that was since replaced or closed are ignored.
      const live = () => mine === generation;
      const props: WidgetProps = {
        id: widget.id,
        content: fillContent(content, snapshot),
        facts: snapshot,
        locale,
        currency,
        close: (reason) => live() && close(shown, reason),
        click: (props) => live() && deps.clicked(shown, props ?? {}),
        convert: (props) => live() && deps.converted(shown, props ?? {}),
        track: (name, props) => live() && deps.tracked(shown, name, props ?? {}),
      };
      if (render) render.mount(definition, props);
      else if (typeof headless === "function") {
        try {
          headless(props);
        } catch (error) {
          widgetFailed(error);
        }
      }
      if (!live()) return false; // it failed during its first render
      shown.announced = true;
      deps.shown(shown);
      return true;
    },
    hide(): void {
      if (current) close(current, "api");
    },
    async destroy(): Promise<void> {
      current = null;
      generation++;
      if (renderer) (await renderer).destroy();
    },
  };
}

/** Widgets get their own copy of the facts: nothing they do can change the profile. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(toJson(value));
}
