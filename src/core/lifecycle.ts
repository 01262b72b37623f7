import { conversionValue, goalReached } from "../decide/goals.js";
import { recordEligible, recordOutcome, recordShown, type CapContext } from "../decide/frequency.js";
import { HOLDOUT } from "../decide/variants.js";
import type { Env } from "../env/env.js";
import type { Facts } from "../profile/facts.js";
import type { ProfileStore } from "../profile/profile-store.js";
import type { WidgetHistory } from "../profile/profile.js";
import type { AnyWidgetDefinition, Product, WidgetLoader } from "../render/widget-api.js";
import type { CompiledRules, CompiledWidget } from "../rules/compile-rules.js";
import { builtinWidgets } from "./builtin-widgets.js";
import type { createEmitter } from "./emitter.js";
import type { Reporter } from "./report.js";
import type { WidgetHost } from "./show-path.js";
import type { NudgeEvents, NudgeOptions } from "./types.js";
import { own } from "../env/own.js";

export interface LifecycleDeps {
  env: Env;
  reporter: Reporter;
  events: ReturnType<typeof createEmitter<NudgeEvents>>;
  profiles: ProfileStore;
  widgets: Map<string, AnyWidgetDefinition | WidgetLoader>;
  nonce?: string;
  headless?: NudgeOptions["headless"];
  rules(): CompiledRules | null;
  caps(): CapContext;
  /** A widget went away (or was minimized) and its history is written: the decider releases the cross-tab modal lock. */
  closed(id: string): void;
  /** Records an event in the visitor's history as `track()` does (a lead: `$event: "lead"`). */
  record(name: string, props: Record<string, unknown>): void;
  catalog(): Promise<Product[]>;
  /** Whether the page has its own modal open (see `WidgetHostDeps.pageDialogOpen`). */
  pageDialogOpen?(): boolean;
}

/**
 * What happens to a widget once the decider picked it. What every page view needs stays
 * here: `eligible` (it counts against caps, and stands in for the show in the control group)
 * and the goals of tracked events (a conversion must be written before the next decision
 * reads `stopAfter`). The show path (the widget host, and what a widget on screen records)
 * is a lazy chunk, `./show-path.ts`, fetched when a widget is about to show.
 */
export function createLifecycle(deps: LifecycleDeps) {
  const { env, events, profiles } = deps;
  let shown: WidgetHost | undefined;
  let loading: Promise<WidgetHost> | undefined;
  let destroyed = false;

  function update(id: string, change: (h: WidgetHistory | undefined) => WidgetHistory) {
    profiles.update((p) => ({ ...p, widgets: { ...p.widgets, [id]: change(own(p.widgets, id)) } }));
  }

  /** The show path, downloaded once; a failed download is tried again with the next widget. */
  function showPath(): Promise<WidgetHost> {
    // The renderer chunk (which holds widget-mount) is requested alongside: the show path would otherwise ask for it only once it runs.
    loading ??= Promise.all([import("./show-path.js"), import("./widget-mount.js")]).then(
      ([chunk]) => (shown ??= chunk.createShowPath(deps)),
      (error) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  /**
   * Starts downloading what showing a widget of this type takes (the show path, and the code of a
   * built-in type), so that its show does not wait on a round trip. A site's own loaders are left alone.
   */
  function prefetch(type: string): void {
    if (destroyed || (!env.document && !deps.headless)) return;
    showPath().catch(() => {}); // reported by the show that needs it
    const entry = deps.widgets.get(type);
    if (typeof entry === "function" && entry === builtinWidgets[type]) entry().catch(() => {});
  }

  /** The widget host as the decider and the API see it: nothing is on screen before the show path has loaded. */
  const host = {
    /** The widgets on screen now (a minimized one is no longer modal). */
    showing: (): Array<{ id: string; modal: boolean }> => shown?.showing() ?? [],
    /** Why a widget's `prepare` found nothing to show on this page, if it said. */
    skipped: (id: string): string | undefined => shown?.skipped(id),
    /** Shows a widget in a variant (the show path and the widget's code load side by side); true once it is on screen. */
    async show(widget: CompiledWidget, facts: Facts, variant: string): Promise<boolean> {
      if (!env.document && !deps.headless) return false;
      prefetch(widget.type);
      let target: WidgetHost;
      try {
        target = await showPath();
      } catch (error) {
        deps.reporter.error(`widget "${widget.id}"`, new Error(`the code of widget type "${widget.type}" failed to load: ${(error as Error)?.message}`));
        return false;
      }
      return !destroyed && target.show(widget, facts, variant);
    },
    /** Closes one widget, or all of them. */
    hide: (id?: string): void => shown?.hide(id),
    destroy(): void {
      destroyed = true;
      shown?.destroy();
    },
  };

  return {
    host,
    prefetch,
    /**
     * A widget passed every gate: its variant is recorded (sticky) and `eligible` sent. For the
     * control group this stands in for the show: it counts against the same caps and cooldowns,
     * so both groups are exposed (and can convert) equally often.
     */
    eligible(widget: CompiledWidget, variant: string): void {
      const holdout = variant === HOLDOUT;
      update(widget.id, (h) => recordEligible(holdout ? recordShown(h, deps.caps(), env.now()) : h, env.now(), variant));
      events.emit("eligible", { id: widget.id, type: widget.type, variant, holdout });
    },
    /** A tracked event: each widget whose goal it meets converts, once per showing (or eligibility, for the control group). */
    tracked(name: string, props: Record<string, unknown>): void {
      const time = env.now();
      for (const widget of deps.rules()?.widgets ?? []) {
        const history = own(profiles.get().widgets, widget.id);
        const exposure = goalReached(widget.goal, history, name, props, time);
        if (exposure === undefined) continue;
        update(widget.id, (h) => ({ ...recordOutcome(h, "converted", time), goalExposure: exposure }));
        const value = conversionValue(props);
        const variant = history?.variant ?? widget.variants[0].id;
        events.emit("converted", { id: widget.id, type: widget.type, variant, props, goal: name, time, ...(value === undefined ? {} : { value }) });
      }
    },
  };
}
