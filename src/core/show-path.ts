import { emptyHistory, recordOutcome, recordShown } from "../decide/frequency.js";
import type { WidgetHistory } from "../profile/profile.js";
import type { LifecycleDeps } from "./lifecycle.js";
import { createWidgetHost, type Shown } from "./widget-host.js";
import { own } from "../env/own.js";

/*
 * The show path: the widget host and what a widget on screen writes to the profile
 * (shown, closed, converted, answers, its state) and sends out as events. A lazy
 * chunk (it rides with the renderer): a page view that shows nothing never downloads it.
 */

const CLOSE_WRITE_WAIT_MS = 1000;

/** The widget host, wired to the visitor's profile and the instance's events. */
export function createShowPath(deps: LifecycleDeps) {
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

  function converted(shown: Shown, props: Record<string, unknown>) {
    update(shown.widget.id, (h) => recordOutcome(h, "converted", env.now()));
    events.emit("converted", { ...payload(shown), props });
  }

  return createWidgetHost({
    env,
    reporter: deps.reporter,
    widgets: deps.widgets,
    nonce: deps.nonce,
    headless: deps.headless,
    locale: () => ({ locale: deps.rules()?.settings.locale ?? "en", currency: deps.rules()?.settings.currency ?? "USD" }),
    collector: () => deps.rules()?.settings.collector,
    state: (id) => own(profiles.get().widgets, id)?.state ?? {},
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
}

export type WidgetHost = ReturnType<typeof createShowPath>;
