import { conversionValue, goalReached } from "../decide/goals.js";
import { emptyHistory, recordEligible, recordOutcome, recordShown, type CapContext } from "../decide/frequency.js";
import { HOLDOUT } from "../decide/variants.js";
import type { Env } from "../env/env.js";
import type { ProfileStore } from "../profile/profile-store.js";
import type { WidgetHistory } from "../profile/profile.js";
import type { AnyWidgetDefinition, Product, WidgetLoader } from "../render/widget-api.js";
import type { CompiledRules, CompiledWidget } from "../rules/compile-rules.js";
import type { createEmitter } from "./emitter.js";
import type { Reporter } from "./report.js";
import type { NudgeEvents, NudgeOptions } from "./types.js";
import { createWidgetHost, type Shown } from "./widget-host.js";
import { own } from "../env/own.js";

const CLOSE_WRITE_WAIT_MS = 1000;

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
 * What happens to a widget once the decider picked it: the widget host renders
 * it, and every step of its life (eligible, shown, closed, clicked, converted,
 * a goal reached) is written to the visitor's widget history and sent out as an event.
 */
export function createLifecycle(deps: LifecycleDeps) {
  const { env, events, profiles } = deps;

  function update(id: string, change: (h: WidgetHistory | undefined) => WidgetHistory) {
    profiles.update((p) => ({ ...p, widgets: { ...p.widgets, [id]: change(own(p.widgets, id)) } }));
  }
  const payload = ({ widget, variant }: Shown) => ({ id: widget.id, type: widget.type, variant });
  /** Answers and lead fields become visitor attributes. */
  const attributes = (values: Record<string, unknown>) => profiles.update((p) => ({ ...p, attributes: { ...p.attributes, ...values } }));
  /**
   * Resolves once the profile is written, or after a second if storage hangs. A tab that
   * hears a modal was closed re-reads the profile before deciding, so the show and the
   * close must be stored by then, or it would show the same offer again.
   */
  const written = () =>
    new Promise<void>((resolve) => {
      void profiles.flush().then(resolve);
      env.setTimeout(resolve, CLOSE_WRITE_WAIT_MS);
    });

  const host = createWidgetHost({
    env,
    reporter: deps.reporter,
    widgets: deps.widgets,
    nonce: deps.nonce,
    headless: deps.headless,
    locale: () => ({ locale: deps.rules()?.settings.locale ?? "en", currency: deps.rules()?.settings.currency ?? "USD" }),
    collector: () => deps.rules()?.settings.collector,
    state: (id) => {
      return own(profiles.get().widgets, id)?.state ?? {};
    },
    catalog: deps.catalog,
    pageDialogOpen: deps.pageDialogOpen,
    shown(shown) {
      update(shown.widget.id, (h) => recordShown(h, deps.caps(), env.now()));
      void profiles.flush(); // at once, not in the next batch: the other tabs count this show against their caps
      events.emit("shown", payload(shown));
    },
    closed(shown, reason) {
      update(shown.widget.id, (h) => recordOutcome(h, "closed", env.now(), reason));
      void written().then(() => deps.closed(shown.widget.id));
      events.emit("closed", { ...payload(shown), reason });
    },
    signals: {
      announce: (event, shown, extra) => events.emit(event, { ...payload(shown), ...extra } as never),
      converted,
      attributes,
      saveState: (id, patch) => update(id, (h) => ({ ...(h ?? emptyHistory()), state: { ...h?.state, ...patch } })),
      record: deps.record,
      closed: deps.closed,
    },
  });

  function converted(shown: Shown, props: Record<string, unknown>) {
    update(shown.widget.id, (h) => recordOutcome(h, "converted", env.now()));
    events.emit("converted", { ...payload(shown), props });
  }

  return {
    host,
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
