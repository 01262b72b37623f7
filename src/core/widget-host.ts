import type { Env } from "../env/env.js";
import { toJson } from "../env/json.js";
import type { Facts } from "../profile/facts.js";
import type { Renderer } from "../render/renderer.js";
import type { AnyWidgetDefinition, CloseReason, ContentSchema, Product, WidgetLoader, WidgetProps } from "../render/widget-api.js";
import { jsonPath } from "../rules/problems.js";
import type { CompiledWidget } from "../rules/compile-rules.js";
import type { Reporter } from "./report.js";
import type { SignalContext } from "./widget-signals.js";
import { modalOf } from "./builtin-widgets.js";

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
  | { kind: "lead"; fields: Record<string, string>; consent?: string }
  | { kind: "state"; patch: Record<string, unknown> }
  | { kind: "action"; name: string; payload: Record<string, unknown> }
  | { kind: "emitted"; event: "answer" | "push"; payload: Record<string, unknown> };

export interface WidgetHostDeps {
  env: Env;
  reporter: Reporter;
  widgets: Map<string, WidgetLoader | AnyWidgetDefinition>;
  locale(): { locale: string; currency: string };
  /** `settings.collector`, for widgets that claim a unique coupon code. */
  collector?(): string | undefined;
  nonce?: string;
  /** Record shows without rendering (see `NudgeOptions.headless`). */
  headless?: boolean | ((widget: WidgetProps) => void);
  /** This widget's stored state for the visitor. */
  state(id: string): Record<string, unknown>;
  catalog(): Promise<Product[]>;
  /** Lifecycle callbacks, owned by the instance (profile and events). */
  shown(shown: Shown): void;
  closed(shown: Shown, reason: CloseReason): void;
  /** What a widget on screen does goes to the profile and the events through this (see widget-signals.ts). */
  signals: SignalContext;
  /** Whether the page has its own modal open: a modal widget is then not mounted. */
  pageDialogOpen?(): boolean;
}

/** One widget on screen. `announced` once `shown` was reported: a widget that fails on its first render never counts as shown or closed. */
export interface Live extends Shown {
  modal: boolean;
  minimized: boolean;
  announced: boolean;
}

/** What the host shares with its lazily loaded half (widget-mount.ts). */
export interface HostState {
  deps: WidgetHostDeps;
  live: Map<string, Live>;
  /** Created with the first widget that renders. */
  renderer?: Renderer;
  destroyed: boolean;
  /** Widgets whose `prepare` said why they show nothing on this page (an empty coupon pool): explain() says it. */
  skipped: Map<string, string>;
  close(entry: Live, reason: CloseReason): void;
  /** A widget threw: reported, and closed if it is on screen. */
  failed(id: string, error: unknown): void;
}

/**
 * Loads widget code on demand and hands widgets to the renderer. The renderer,
 * and the code that builds a widget's props, load with the first widget: a page
 * that shows nothing pays for neither. Several widgets may be on screen at once
 * (a bar, a chat launcher, an inline carousel), one of them modal at most; the
 * decider sees to that.
 */
export function createWidgetHost(deps: WidgetHostDeps) {
  const live = new Map<string, Live>();
  let mounter: Promise<typeof import("./widget-mount.js")> | undefined;
  const host: HostState = {
    deps,
    live,
    destroyed: false,
    skipped: new Map(),
    close(entry, reason) {
      const id = entry.widget.id;
      if (live.get(id) !== entry) return;
      live.delete(id);
      // Unless the same widget was mounted again meanwhile (a replacement mounts synchronously, before this runs).
      void Promise.resolve().then(() => !live.has(id) && host.renderer?.unmount(id));
      if (entry.announced) deps.closed(entry, reason);
    },
    failed(id, error) {
      deps.reporter.error(`widget "${id}"`, error);
      const entry = live.get(id);
      if (entry) host.close(entry, "api");
    },
  };

  /** A custom widget's own content check; false (reported with paths) when the content does not fit. */
  function contentFits(id: string, schema: ContentSchema | undefined, content: unknown): boolean {
    if (!schema) return true;
    const result = schema.safeParse(content);
    if (result.success) return true;
    const problems = result.error.issues.map((issue) => `${jsonPath(issue.path, "content")}: ${issueWords(issue)}`);
    deps.reporter.error(`widget "${id}"`, new Error(`its content does not fit its widget type: ${problems.join("; ")}`));
    return false;
  }

  /** zod/mini says "Invalid input" for a misspelled key: name the key instead. */
  const issueWords = (issue: { message: string; keys?: string[] }) => (issue.keys ? `unknown key "${issue.keys.join('", "')}"` : issue.message);

  async function definitionOf(type: string): Promise<AnyWidgetDefinition | undefined> {
    const entry = deps.widgets.get(type);
    if (!entry) return undefined;
    if (typeof entry !== "function") return entry;
    const module = await entry();
    return module.default;
  }

  return {
    /** The widgets on screen now (a minimized one is no longer modal). */
    showing: (): Array<{ id: string; modal: boolean }> => [...live.values()].map((e) => ({ id: e.widget.id, modal: e.modal })),
    /** Why a widget's `prepare` found nothing to show on this page, if it said. */
    skipped: (id: string): string | undefined => host.skipped.get(id),
    /** Shows a widget in a variant (its code and the mounting code load side by side); true once it is on screen. */
    async show(widget: CompiledWidget, facts: Facts, variant: string): Promise<boolean> {
      if (!deps.env.document && !deps.headless) return false;
      let definition: AnyWidgetDefinition | undefined;
      let mount: typeof import("./widget-mount.js") | undefined;
      try {
        [definition, mount] = await Promise.all([definitionOf(widget.type), (mounter ??= import("./widget-mount.js"))]);
      } catch (error) {
        mounter = undefined; // a failed download is tried again with the next widget
        deps.reporter.error(`widget "${widget.id}"`, new Error(`the code of widget type "${widget.type}" failed to load: ${(error as Error)?.message}`));
        return false;
      }
      if (host.destroyed) return false;
      if (!definition) {
        deps.reporter.warn(`widget "${widget.id}"`, `no widget is registered for type "${widget.type}"`);
        return false;
      }
      const content = widget.variants.find((v) => v.id === variant)?.content ?? {};
      if (!contentFits(widget.id, definition.schema, content)) return false;
      return mount.mountWidget(host, { definition, widget, variant, content, modal: modalOf(definition, content), facts: structuredCopy(facts) });
    },
    /** Closes one widget, or all of them. */
    hide(id?: string): void {
      for (const entry of [...live.values()]) if (id === undefined || entry.widget.id === id) host.close(entry, "api");
    },
    destroy(): void {
      host.destroyed = true;
      live.clear();
      host.renderer?.destroy();
    },
  };
}

/** Widgets get their own copy of the facts: nothing they do can change the profile. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(toJson(value));
}
