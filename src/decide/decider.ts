import type { Env } from "../env/env.js";
import type { Facts } from "../profile/facts.js";
import type { WidgetHistory } from "../profile/profile.js";
import type { CompiledRules, CompiledWidget } from "../rules/compile-rules.js";
import { frequencyBlocks, showsNow, type CapContext } from "./frequency.js";
import { armTriggers, type PageTriggers } from "./triggers/index.js";

/** Why a widget would or would not show now. */
export interface Explanation {
  id: string;
  type: string;
  /** True when nothing blocks it (its trigger may still be awaited: see `blockedBy`). */
  wouldShow: boolean;
  /** Every gate that holds it back, in words, with the values seen. Empty when it would show. */
  blockedBy: string[];
}

export interface DeciderDeps {
  env: Env;
  rules: CompiledRules;
  facts(): Facts;
  history(): Record<string, WidgetHistory>;
  caps(): CapContext;
  /** The widget on screen now, if any. */
  showing(): { id: string; modal: boolean } | null;
  isModal(type: string): boolean;
  /** Hands a widget to the render step; resolves true when it is on screen. */
  show(widget: CompiledWidget, facts: Facts): Promise<boolean>;
  /** Whether widgets may show at all (consent, destroyed). */
  enabled(): boolean;
}

/**
 * The decide step: turns triggers into at most one widget on screen, in one
 * place. It reads facts and history, never the DOM or storage.
 */
export function createDecider(deps: DeciderDeps) {
  const { env, rules } = deps;
  let triggers: PageTriggers | null = null;
  let shownThisPage = 0;
  /** Widgets whose trigger has fired on this page (delay elapsed, page viewed). */
  const fired = new Set<string>();
  let busy = false;

  function gates(widget: CompiledWidget, facts: Facts, { ignoreTrigger = false } = {}): string[] {
    const blocks: string[] = [];
    if (!deps.enabled()) blocks.push("disabled: waiting for consent or destroyed");
    if (!ignoreTrigger && !fired.has(widget.id)) blocks.push(triggers?.awaiting(widget) ?? "trigger: waits for the first page view");
    if (!widget.when(facts)) blocks.push("when: conditions do not hold for the current facts");
    const history = deps.history();
    blocks.push(...frequencyBlocks(widget.frequency, history[widget.id], deps.caps()));
    const { settings } = rules;
    if (shownThisPage >= settings.maxPerPage) blocks.push(`settings.maxPerPage: ${shownThisPage} already shown on this page`);
    const sessionShows = Object.values(history).reduce((sum, h) => sum + showsNow(h, deps.caps()).session, 0);
    if (sessionShows >= settings.maxPerSession) blocks.push(`settings.maxPerSession: ${sessionShows} already shown this session`);
    const lastShown = Math.max(0, ...Object.values(history).map((h) => h.lastShown));
    const quietLeft = lastShown + settings.quietMs - env.now();
    if (settings.quietMs && quietLeft > 0) blocks.push(`settings.quietPeriod: another widget showed ${Math.round((env.now() - lastShown) / 1000)}s ago`);
    const showing = deps.showing();
    if (showing && showing.id === widget.id) blocks.push("already showing");
    else if (showing && showing.modal && deps.isModal(widget.type)) blocks.push(`one modal at a time: "${showing.id}" is showing`);
    return blocks;
  }

  /** Shows the highest-priority widget among those due now whose gates are all open. */
  async function consider(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const facts = deps.facts();
      const due = rules.widgets
        .filter((w) => fired.has(w.id))
        .sort((a, b) => b.priority - a.priority);
      for (const widget of due) {
        if (gates(widget, facts).length) continue;
        fired.delete(widget.id);
        if (await deps.show(widget, facts)) {
          shownThisPage++;
          return;
        }
      }
    } finally {
      busy = false;
    }
  }

  return {
    consider,
    /** A new page view (first load or SPA navigation): the previous page's timers are cancelled. */
    pageView(): Promise<void> {
      triggers?.dispose();
      fired.clear();
      shownThisPage = 0;
      let arming = true;
      triggers = armTriggers(rules.widgets, {
        env,
        fire(id) {
          fired.add(id);
          if (!arming) void consider();
        },
      });
      arming = false;
      return consider();
    },
    /** A tracked event: event triggers may fire, and facts changed, so due widgets are reconsidered. */
    event(name: string, props: Record<string, unknown>): Promise<void> {
      triggers?.event(name, props);
      return consider();
    },
    /** `show(id)` from the API: every gate but the trigger still applies; forcing skips them all but consent. */
    async showNow(id: string, force: boolean): Promise<string[]> {
      const widget = rules.widgets.find((w) => w.id === id);
      if (!widget) return [`no widget with id "${id}" in the rules`];
      const facts = deps.facts();
      const blocks = force ? (deps.enabled() ? [] : ["disabled: waiting for consent or destroyed"]) : gates(widget, facts, { ignoreTrigger: true });
      if (blocks.length) return blocks;
      if (await deps.show(widget, facts)) shownThisPage++;
      return [];
    },
    explain(id?: string): Explanation[] {
      const facts = deps.facts();
      return rules.widgets
        .filter((w) => id === undefined || w.id === id)
        .map((w) => {
          const blockedBy = gates(w, facts);
          return { id: w.id, type: w.type, wouldShow: blockedBy.length === 0, blockedBy };
        });
    },
    dispose(): void {
      triggers?.dispose();
      triggers = null;
    },
  };
}

export type Decider = ReturnType<typeof createDecider>;
