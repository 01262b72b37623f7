import type { Env } from "../env/env.js";
import type { Facts } from "../profile/facts.js";
import type { WidgetHistory } from "../profile/profile.js";
import type { CompiledRules, CompiledWidget } from "../rules/compile-rules.js";
import { afterBlocks, frequencyBlocks, showsNow, type CapContext } from "./frequency.js";
import { modalHeldElsewhere, type ModalHolder } from "./modal-holder.js";
import type { ModalLock } from "./modal-lock.js";
import type { Placement } from "../rules/published.js";
import type { Reason } from "./reason.js";
import { armTriggers, type PageTriggers } from "./triggers/index.js";
import { HOLDOUT, inSiteHoldout, variantFor } from "./variants.js";

/** Why a widget would or would not show now: what `explain()` returns. */
export interface Explanation {
  id: string;
  type: string;
  /** True when nothing blocks it (its trigger may still be awaited: see `blockedBy`). */
  wouldShow: boolean;
  /**
   * Every gate that holds it back, in words, with the values seen. Empty when it would show.
   * The words load with the first `explain()` call: until they arrive (a moment later), each
   * reason is the gate's name alone (`frequency.session`, `when`).
   */
  blockedBy: string[];
}

/** What holds one widget back, as data: explain() puts it in words (see reason.ts). */
export interface Holds {
  id: string;
  type: string;
  reasons: Reason[];
}

/** A reason whose gate the decider itself waits on: the page's own dialog. */
const PAGE_DIALOG: Reason = ["page dialog"];

export interface DeciderDeps {
  env: Env;
  rules: CompiledRules;
  facts(): Facts;
  history(): Record<string, WidgetHistory>;
  caps(): CapContext;
  /** This instance's id among the browser's tabs, for one modal at a time across them. */
  tab: string;
  /** The widgets on screen now. */
  showing(): Array<{ id: string; modal: boolean }>;
  /**
   * Whether a widget of this type with this content shows as a modal. `placement` is what
   * `nudge build` (or the browser's validator) computed ahead for the visitor's variant of a
   * built-in type; a type registered at run time answers from its definition instead.
   */
  isModal(type: string, content: Record<string, unknown>, placement?: Placement): boolean;
  /**
   * Whether a widget of this type with this content is placed inside the page (an inline carousel):
   * part of the page, not an interruption, so `settings.quietPeriod`, `maxPerPage` and
   * `maxPerSession` neither hold it back nor count it. Default: none is.
   */
  isInline?(type: string, content: Record<string, unknown>, placement?: Placement): boolean;
  /** A widget passed every gate (the visitor's variant, or "holdout"): once per page view. */
  eligible(widget: CompiledWidget, variant: string): void;
  /** A widget would show once its trigger fires: a good moment to start downloading its code. Default: nothing. */
  prefetch?(widget: CompiledWidget): void;
  /** Hands a widget and the visitor's variant to the render step; resolves true when it is on screen. */
  show(widget: CompiledWidget, facts: Facts, variant: string): Promise<boolean>;
  /** Why a widget's `prepare` step found nothing to show on this page (an empty coupon pool); undefined when it did not say. */
  skipped?(id: string): string | undefined;
  /** Why no widget may show at all now (consent not granted, destroyed); undefined when they may. */
  blocked(): string | undefined;
  /** Closes a widget that is on screen (a `trigger.cancel` event came); default: nothing to close. */
  close?(id: string): void;
  /** Whether the cross-tab modal lock may write localStorage (storage consent; default yes). */
  mayStore?(): boolean;
  /** Re-reads what the other tabs wrote: a tab that closed its modal wrote its history first. */
  sync(): Promise<void>;
  /**
   * Whether the page has its own modal open (a `<dialog>`, a cart drawer): a modal widget waits
   * until it closes. Default: never.
   */
  pageDialogOpen?(): boolean;
  /** Site-wide guards (`settings.guards`) that hold this widget back for this customer, in words. */
  guards?(widget: CompiledWidget, facts: Facts, content: Record<string, unknown>): Reason[];
  /** explain()'s extra words on a widget held back (a customer card that did not load). */
  notes?(widget: CompiledWidget): string[];
}

/** How often a modal widget held back by the page's own dialog checks whether it has closed. */
const PAGE_DIALOG_POLL_MS = 400;

/**
 * The decide step: turns triggers into at most one widget on screen, in one
 * place. It reads facts and history, never the DOM or the profile's storage
 * (only the small cross-tab modal lock).
 */
export function createDecider(deps: DeciderDeps) {
  const { env, rules } = deps;
  const { settings } = rules;
  let triggers: PageTriggers | null = null;
  let shownThisPage = 0;
  /** Groups that already showed a widget on this page. */
  const groupsThisPage = new Set<string>();
  /** Widgets reported eligible on this page (the `eligible` event is once per page). */
  const eligibleThisPage = new Set<string>();
  /** Widgets whose trigger has fired on this page (delay elapsed, page viewed). */
  const fired = new Set<string>();
  let busy = false;
  let again = false;
  const onRelease = () => void deps.sync().then(consider);
  /** The cross-tab modal lock, loaded with the first modal about to show or held back by another tab's (see modal-holder.ts). */
  let lock: ModalLock | undefined;
  let locking: Promise<ModalLock | undefined> | undefined;
  let disposed = false;
  function modalLock(): Promise<ModalLock | undefined> {
    locking ??= import("./modal-lock.js").then(
      ({ createModalLock }) => {
        if (disposed) return undefined;
        lock ??= createModalLock({ env, tab: deps.tab, mayStore: deps.mayStore, onRelease });
        return lock;
      },
      () => {
        locking = undefined; // without its code each tab decides alone, as without storage; tried again next time
        return undefined;
      },
    );
    return locking;
  }

  interface GateOptions {
    ignoreTrigger?: boolean;
    /** Set when another tab's modal is what holds a widget back. */
    lockedBy?: { holder?: ModalHolder };
  }

  function gates(widget: CompiledWidget, facts: Facts, options: GateOptions = {}): Reason[] {
    const blocks: Reason[] = [];
    const now = env.now();
    const off = deps.blocked();
    if (off) blocks.push(off);
    const arm = visitorVariant(widget, facts);
    if (!options.ignoreTrigger && !fired.has(widget.id)) blocks.push(triggers?.awaiting({ id: widget.id, trigger: arm?.trigger ?? widget.trigger }) ?? ["trigger"]);
    if (widget.schedule) blocks.push(...widget.schedule(now));
    const skipped = deps.skipped?.(widget.id);
    if (skipped) blocks.push(["prepare", skipped]);
    if (!widget.when(facts)) blocks.push(["when", widget.whenSource, facts, rules.segmentSources]);
    if (deps.guards) blocks.push(...deps.guards(widget, facts, visitorContent(widget, facts)));
    const history = deps.history();
    const own = history[widget.id];
    blocks.push(...frequencyBlocks(arm?.frequency ?? widget.frequency, own, deps.caps(), now));
    blocks.push(...afterBlocks(widget.after, widget.after && history[widget.after.widget], now));
    const interrupting = (id: string) => interrupts(id, facts);
    const sessionShows = (ids: (id: string) => boolean = interrupting) =>
      Object.entries(history).reduce((sum, [id, h]) => sum + (ids(id) ? showsNow(h, deps.caps()).session : 0), 0);
    if (widget.group) {
      const { group } = widget;
      if (groupsThisPage.has(group)) blocks.push(["group", group]);
      const cap = settings.groups[group]?.maxPerSession ?? Infinity;
      const inGroup = sessionShows((id) => rules.widgets.some((w) => w.id === id && w.group === group));
      if (inGroup >= cap) blocks.push(["settings.groups", group, inGroup]);
    }
    if (interrupting(widget.id)) {
      if (shownThisPage >= settings.maxPerPage) blocks.push(["settings.maxPerPage", shownThisPage]);
      const total = sessionShows();
      if (total >= settings.maxPerSession) blocks.push(["settings.maxPerSession", total]);
      const lastShown = Math.max(0, ...Object.entries(history).map(([id, h]) => (interrupting(id) ? h.lastShown : 0)));
      if (settings.quietMs && lastShown + settings.quietMs > now) blocks.push(["settings.quietPeriod", Math.round((now - lastShown) / 1000)]);
    }
    const showing = deps.showing();
    const modal = isModal(widget, facts);
    const modalShowing = showing.find((s) => s.modal);
    if (showing.some((s) => s.id === widget.id)) blocks.push(["already showing"]);
    else if (modalShowing && modal) blocks.push(["one modal at a time", modalShowing.id]);
    const holder = modal ? modalHeldElsewhere(env, deps.tab, deps.mayStore) : null;
    if (holder) {
      blocks.push(["one modal at a time", holder.widget, 1]);
      if (options.lockedBy) options.lockedBy.holder = holder;
    }
    if (modal && deps.pageDialogOpen?.()) blocks.push(PAGE_DIALOG);
    return blocks;
  }

  /** The site-wide control group sees no widget: for each one it is in the control group. */
  const siteHeld = (facts: Facts) => inSiteHoldout(facts.visitor.id, settings.holdout);
  const variantOf = (widget: CompiledWidget, facts: Facts) => (siteHeld(facts) ? HOLDOUT : variantFor(widget, facts.visitor.id, deps.history()[widget.id]?.variant));
  /**
   * Modal or inline can depend on the content (a popup's layout): the visitor's variant decides both,
   * so an experiment that mixes layouts is paced by what each visitor sees.
   */
  const visitorContent = (widget: CompiledWidget, facts: Facts) => shown(widget, facts).content;
  const shown = (widget: CompiledWidget, facts: Facts) => visitorVariant(widget, facts) ?? widget.variants[0];
  /** Where the visitor's variant shows, as computed ahead (undefined for a type the build did not know). */
  const placementOf = (widget: CompiledWidget, facts: Facts) => widget.placement?.[shown(widget, facts).id];
  /** The visitor's variant (undefined in the control group): its trigger and frequency, when it has its own, replace the widget's. */
  const visitorVariant = (widget: CompiledWidget, facts: Facts) => {
    const variant = variantOf(widget, facts);
    return widget.variants.find((v) => v.id === variant);
  };
  const isModal = (widget: CompiledWidget, facts: Facts) => deps.isModal(widget.type, visitorContent(widget, facts), placementOf(widget, facts));

  /** Not an inline widget: the page-wide pacing settings apply to it (an unknown id counts, as before). */
  function interrupts(id: string, facts: Facts): boolean {
    const widget = deps.isInline && rules.widgets.find((w) => w.id === id);
    return !widget || !deps.isInline!(widget.type, visitorContent(widget, facts), placementOf(widget, facts));
  }

  function markEligible(widget: CompiledWidget, variant: string) {
    if (eligibleThisPage.has(widget.id)) return;
    eligibleThisPage.add(widget.id);
    deps.eligible(widget, variant);
  }

  /** Shows a widget in the visitor's variant, holding the cross-tab lock while a modal is up. */
  async function present(widget: CompiledWidget, facts: Facts, variant: string, force = false): Promise<boolean> {
    const modal = isModal(widget, facts);
    if (modal) {
      deps.prefetch?.(widget); // the widget's code downloads while the lock's does
      const taken = await modalLock();
      if (taken && !taken.acquire(widget.id) && !force) return false;
    }
    if (await deps.show(widget, facts, variant)) {
      if (interrupts(widget.id, facts)) shownThisPage++;
      if (widget.group) groupsThisPage.add(widget.group);
      return true;
    }
    if (modal) lock?.release();
    return false;
  }

  /**
   * Shows the widgets due now whose gates are all open, highest priority first. Several may
   * show (a bar beside a popup); each show is seen by the next one's gates (one modal at a
   * time, caps per page and group, the quiet period).
   */
  async function consider(): Promise<void> {
    if (busy) {
      again = true; // a trigger fired while a widget was loading: decide once more when it is done
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        await considerOnce();
      } while (again);
    } finally {
      busy = false;
    }
  }

  async function considerOnce(): Promise<void> {
    const facts = deps.facts();
    const due = rules.widgets.filter((w) => fired.has(w.id)).sort((a, b) => b.priority - a.priority);
    const lockedBy: GateOptions["lockedBy"] = {};
    for (const widget of due) {
      const blocks = gates(widget, facts, { lockedBy });
      if (blocks.includes(PAGE_DIALOG)) waitForPageDialog();
      if (blocks.length) continue;
      const variant = variantOf(widget, facts);
      fired.delete(widget.id);
      markEligible(widget, variant);
      // The control group counts as eligible and sees nothing; the next widget may still show.
      if (variant === HOLDOUT) continue;
      if (await present(widget, facts, variant)) continue;
      // The page opened its own dialog while the widget's code loaded: it was not mounted, and waits for its turn.
      if (isModal(widget, facts) && deps.pageDialogOpen?.()) {
        fired.add(widget.id);
        waitForPageDialog();
      }
    }
    const holder = lockedBy.holder;
    // Held back by another tab's modal: listen for its release (checking once the lock is there, in case it came meanwhile).
    if (holder)
      void modalLock().then((waiting) => {
        waiting?.retryWhenLapsed(holder);
        if (waiting && !modalHeldElsewhere(env, deps.tab, deps.mayStore)) onRelease();
      });
  }

  let pageDialogPoll: unknown;
  /** Decides again once the page's own dialog has closed (a cheap check a few times a second meanwhile). */
  function waitForPageDialog(): void {
    if (pageDialogPoll !== undefined) return;
    const check = () => {
      pageDialogPoll = deps.pageDialogOpen?.() ? env.setTimeout(check, PAGE_DIALOG_POLL_MS) : undefined;
      if (pageDialogPoll === undefined) void consider();
    };
    pageDialogPoll = env.setTimeout(check, PAGE_DIALOG_POLL_MS);
  }

  let pendingConsider: unknown;
  /**
   * Triggers due at the same moment (two 6 s delays) fire in separate timer tasks: waiting one
   * tick lets them all arrive, so `priority`, not timer order, decides which shows.
   */
  function considerSoon(): void {
    if (pendingConsider !== undefined) return;
    pendingConsider = env.setTimeout(() => {
      pendingConsider = undefined;
      void consider();
    }, 0);
  }

  /** Why a widget that passed its gates is not on screen after all. */
  function notShown(widget: CompiledWidget, facts: Facts): Reason[] {
    if (isModal(widget, facts) && deps.pageDialogOpen?.()) return [PAGE_DIALOG];
    const skipped = deps.skipped?.(widget.id);
    return [skipped ? ["prepare", skipped] : ["render"]];
  }

  /** Widgets armed on this page that would show once their trigger fires (a delay, exit intent): their code downloads now. */
  function prefetchWanted(): void {
    // A manual widget shows only if the site calls show(): no head start for what may never be asked for.
    const armed = rules.widgets.filter((w) => !fired.has(w.id) && w.trigger.kind !== "manual");
    if (!deps.prefetch || !triggers || !armed.length) return;
    const facts = deps.facts();
    for (const widget of armed)
      if (variantOf(widget, facts) !== HOLDOUT && !gates(widget, facts, { ignoreTrigger: true }).length) {
        deps.prefetch(widget);
        if (isModal(widget, facts)) void modalLock();
      }
  }

  function holdoutBlock(widget: CompiledWidget, facts: Facts): Reason[] {
    if (siteHeld(facts)) return [["settings.holdout", settings.holdout]];
    return variantOf(widget, facts) === HOLDOUT ? [["holdout", widget.holdout]] : [];
  }

  return {
    consider,
    /** A new page view (first load or SPA navigation): the previous page's timers are cancelled. */
    pageView(): Promise<void> {
      lock?.resume(); // back from the back/forward cache, the channel reopens
      triggers?.dispose();
      fired.clear();
      groupsThisPage.clear();
      eligibleThisPage.clear();
      shownThisPage = 0;
      let arming = true;
      // Each widget is armed with the trigger of the visitor's variant: an experiment can test the moment, not only the words.
      const tested = rules.widgets.some((w) => w.variants.some((v) => v.trigger));
      const facts = tested ? deps.facts() : undefined;
      const armed = facts ? rules.widgets.map((w) => ({ id: w.id, trigger: visitorVariant(w, facts)?.trigger ?? w.trigger })) : rules.widgets;
      triggers = armTriggers(armed, {
        env,
        fire(id: string) {
          fired.add(id);
          if (!arming) considerSoon();
        },
        // Whether a widget could show if its trigger fired now (exit intent's back button asks when back is pressed: show, or let the visitor leave).
        wanted: (id) => !gates(rules.widgets.find((w) => w.id === id)!, deps.facts(), { ignoreTrigger: true }).length,
        usualHour: () => deps.facts().visitor.usualHour,
        cancelled(id) {
          fired.delete(id);
          if (deps.showing().some((s) => s.id === id)) deps.close?.(id);
        },
      });
      arming = false;
      // In a task of its own: the page view's decision (and `ready`) does not wait on it.
      return consider().then(
        () =>
          void env.setTimeout(() => {
            try {
              prefetchWanted();
            } catch {
              // Only a head start: the decision when the trigger fires meets (and reports) the same problem.
            }
          }, 0),
      );
    },
    /** A tracked event: event triggers may fire, and facts changed, so due widgets are reconsidered. */
    event(name: string, props: Record<string, unknown>): Promise<void> {
      triggers?.event(name, props);
      return consider();
    },
    /** A widget went away (its history is written by now): if it held the modal lock, the other tabs get their turn. */
    closed(id: string): void {
      lock?.release(id);
    },
    /**
     * The page is being hidden (pagehide): release what other tabs wait for. `persisted`: it goes
     * into the back/forward cache, where a message from another tab would evict it.
     */
    pageHidden(persisted?: boolean): void {
      lock?.release();
      if (persisted) lock?.suspend();
    },
    /** `show(id)` from the API: every gate but the trigger still applies; forcing skips them all but consent. */
    async showNow(id: string, force: boolean): Promise<Reason[]> {
      const widget = rules.widgets.find((w) => w.id === id);
      if (!widget) return [["unknown", id]];
      const facts = deps.facts();
      if (force) {
        const off = deps.blocked();
        if (off) return [off];
        const variant = variantOf(widget, facts);
        // A preview shows the first variant to a control-group visitor, without recording them as exposed.
        return (await present(widget, facts, variant === HOLDOUT ? widget.variants[0].id : variant, true)) ? [] : notShown(widget, facts);
      }
      const blocks = gates(widget, facts, { ignoreTrigger: true });
      if (blocks.length) return blocks;
      const variant = variantOf(widget, facts);
      markEligible(widget, variant);
      if (variant === HOLDOUT) return holdoutBlock(widget, facts);
      return (await present(widget, facts, variant)) ? [] : notShown(widget, facts);
    },
    /** What holds each widget (or the one named) back now, as data: explain() puts it in words. */
    holds(id?: string): Holds[] {
      const facts = deps.facts();
      return rules.widgets
        .filter((w) => id === undefined || w.id === id)
        .map((w) => {
          const reasons = [...gates(w, facts), ...holdoutBlock(w, facts)];
          if (reasons.length && deps.notes) reasons.push(...deps.notes(w));
          return { id: w.id, type: w.type, reasons };
        });
    },
    dispose(): void {
      triggers?.dispose();
      triggers = null;
      if (pendingConsider !== undefined) env.clearTimeout(pendingConsider);
      if (pageDialogPoll !== undefined) env.clearTimeout(pageDialogPoll);
      disposed = true;
      lock?.dispose();
    },
  };
}

export type Decider = ReturnType<typeof createDecider>;
