/// <reference types="node" />
import { builtinWidgets } from "../core/builtin-widgets.js";
import { createNudge, loadExplainWords, loadOccasionalCalls, type Nudge } from "../core/create-nudge.js";
import { loadArgumentMessages } from "../core/rejections.js";
import { loadDerivedFacts } from "../profile/derived-slot.js";
import type { NudgeEvents } from "../core/types.js";
import type { RulesFile } from "../rules/schema/rules-schema.js";
import type { Explanation } from "../decide/decider.js";
import { DISMISSALS } from "../decide/frequency.js";
import { memoryStore } from "../profile/storage.js";
import type { WidgetProps } from "../render/widget-api.js";
import { fakeClock, fakeEnv, fakeWindow, settle } from "./fake-env.js";
import { forceVariant, HOLDOUT } from "./force-variant.js";
import type { Expectation, Step, Timeline } from "./timeline.js";

/** One moment of the simulation, `at` milliseconds after the timeline's start. */
export interface SimEvent {
  at: number;
  /** The timeline step during which it happened (a delay trigger fires during a `wait`). */
  step?: number;
  type: "note" | "page" | "action" | "shown" | "held-out" | "closed" | "clicked" | "converted" | "problem" | "expect" | "explain";
  /** The moment in words, without its time. */
  text: string;
  widget?: string;
  variant?: string;
  reason?: string;
  url?: string;
  ok?: boolean;
  explain?: Explanation[];
}

export interface SimResult {
  /** The start time in milliseconds since the epoch. */
  start: number;
  events: SimEvent[];
  checks: number;
  failed: SimEvent[];
}

interface OnScreen {
  id: string;
  props: WidgetProps;
}

/**
 * Replays a visitor's timeline against a rules file with the real runtime (`createNudge`), headless,
 * on a fake clock. Every page step is a page load: a fresh instance on the same storage, as in a shop.
 */
export async function simulate(rules: Record<string, unknown>, timeline: Timeline): Promise<SimResult> {
  const previousZone = process.env.TZ;
  // Facts (time.hour, schedule, sessions at midnight) are read in the visitor's zone: the process's.
  process.env.TZ = timeline.timezone;
  try {
    return await run(rules, timeline);
  } finally {
    if (previousZone === undefined) delete process.env.TZ;
    else process.env.TZ = previousZone;
  }
}

async function run(rules: Record<string, unknown>, timeline: Timeline): Promise<SimResult> {
  // Loaded up front, so the runtime's own lazy imports resolve at once while the fake clock stands still
  // (a widget whose code was still loading when a step checked it would count as not shown).
  const types = new Set((Array.isArray(rules.widgets) ? rules.widgets : []).map((w: { type?: unknown }) => w?.type));
  const widgetCode = Object.entries(builtinWidgets)
    .filter(([type]) => types.has(type))
    .map(([, load]) => load());
  await Promise.all([
    loadExplainWords(), // explain()'s words, with the `when` tracer: full reasons from the first step
    import("../core/widget-mount.js"),
    import("../core/show-path.js"),
    import("../decide/modal-lock.js"),
    import("../decide/schedule.js"),
    import("../decide/triggers/signal-triggers.js"),
    import("../core/customer-chunk.js"),
    import("../rules/condition/extra-operators.js").then((chunk) => chunk.installExtraOperators()),
    loadDerivedFacts(),
    loadOccasionalCalls(),
    loadArgumentMessages(),
    import("../track/source.js"),
    import("../profile/profile-adopt.js"),
    ...widgetCode,
  ]);
  const start = new Date(/^\d{4}-\d{2}-\d{2}$/.test(timeline.start) ? `${timeline.start}T00:00:00` : timeline.start).getTime();
  const { visitor } = timeline;
  const clock = fakeClock(start, visitor.seed);
  const page = fakeWindow(visitor);
  const noop = () => {};
  const env = fakeEnv(clock, page.window, { info: noop, warn: noop, error: noop });
  let store = memoryStore();
  /** The rules the next page loads: the file, with any variant a `force` step chose. */
  let active = rules;
  /** The variant each `force` step chose, by widget: a later force of the same widget replaces its choice. */
  const forced = new Map<string, string>();
  const events: SimEvent[] = [];
  const failed: SimEvent[] = [];
  let checks = 0;
  let nudge: Nudge | undefined;
  let screen: OnScreen | null = null;
  let rendered: WidgetProps | undefined;
  let current: Step | undefined;
  const converted = new Set<string>();

  const emit = (event: Omit<SimEvent, "at" | "step">) => {
    const full: SimEvent = { at: clock.now() - start, ...(current ? { step: current.index } : {}), ...event };
    events.push(full);
    return full;
  };
  const check = (ok: boolean, text: string, why: string, widget?: string) => {
    checks++;
    const event = emit({ type: "expect", ok, ...(widget ? { widget } : {}), text: ok ? `✓ ${text}` : `✗ steps[${current!.index}] ${text}: ${why}` });
    if (!ok) failed.push(event);
  };

  function listen(instance: Nudge) {
    const on = instance.on as unknown as <K extends keyof NudgeEvents>(event: K, handler: (payload: NudgeEvents[K]) => void) => void;
    on("shown", (e) => {
      screen = { id: e.id, props: rendered! };
      emit({ type: "shown", widget: e.id, variant: e.variant, text: `SHOWN ${e.id} (${e.type}${e.variant === "default" ? "" : `, variant ${e.variant}`})` });
    });
    on("eligible", (e) => {
      if (e.holdout) emit({ type: "held-out", widget: e.id, variant: e.variant, text: `HELD OUT ${e.id} (control group: counted as shown, nothing on screen)` });
    });
    on("closed", (e) => {
      if (screen?.id === e.id) screen = null;
      emit({ type: "closed", widget: e.id, reason: e.reason, text: `closed ${e.id} (${e.reason}${DISMISSALS.has(e.reason) ? ": a dismissal" : ""})` });
    });
    on("clicked", (e) => {
      const href = typeof e.props.href === "string" ? ` → ${e.props.href}` : "";
      emit({ type: "clicked", widget: e.id, text: `clicked ${e.id}${href}` });
    });
    on("converted", (e) => {
      converted.add(e.id);
      const value = e.value === undefined ? "" : `, value ${e.value}`;
      emit({
        type: "converted",
        widget: e.id,
        variant: e.variant,
        text: `CONVERTED ${e.id} (${e.goal ? `goal "${e.goal}"` : "by the widget"}${value}${e.variant === "default" ? "" : `, variant ${e.variant}`})`,
      });
    });
    // Rules problems were printed before the run; the runtime repeats them on every page load.
    on("error", (p) => p.where !== "rules" && void emit({ type: "problem", text: `problem: ${p.message.startsWith(p.where) ? p.message : `${p.where}: ${p.message}`}` }));
  }

  async function openPage(url: string, newVisitor = false) {
    if (nudge) {
      // The visitor leaves the page: whatever was on screen goes with it (no "closed" is recorded, as in a browser).
      nudge.destroy();
      screen = null;
      await settle();
    }
    page.go(url);
    // Parsed JSON, validated by the runtime like any rules file.
    const instance = createNudge({ rules: active as RulesFile, env, store, trackPageViews: false, headless: (props) => void (rendered = props) });
    listen(instance);
    if (!nudge && !newVisitor && (visitor.id || visitor.traits)) instance.identify(visitor.id ?? null, visitor.traits ?? {});
    nudge = instance;
    await instance.ready;
    emit({ type: "page", url, text: `page ${url}` });
    instance.page();
    await settle();
  }

  /** explain() in full words (loaded up front, above). */
  async function explain(id?: string): Promise<Explanation[] | undefined> {
    if (!nudge) return undefined;
    await settle();
    return nudge.explain(id);
  }

  /** What holds a widget back now, or why that cannot be said. */
  async function blockers(id: string): Promise<{ reasons?: string[]; missing?: string }> {
    const list = await explain(id);
    if (!list) return { missing: "no page viewed yet" };
    if (!list.length) return { missing: `"${id}" is not in the usable rules (skipped for its problems, listed first)` };
    return { reasons: list[0].blockedBy };
  }

  async function expect(checksOf: Expectation) {
    for (const id of checksOf.shown ?? []) {
      if (screen?.id === id) check(true, `expect shown ${id}`, "", id);
      else {
        const { reasons, missing } = await blockers(id);
        const other = screen ? `"${screen.id}" is on screen; ` : "";
        check(false, `expect shown ${id}`, `not on screen; ${other}${missing ?? (reasons!.join("; ") || "nothing blocks it, but its trigger has not fired")}`, id);
      }
    }
    for (const id of checksOf.notShown ?? []) check(screen?.id !== id, `expect notShown ${id}`, "it is on screen", id);
    for (const id of checksOf.converted ?? []) check(converted.has(id), `expect converted ${id}`, "it has not converted", id);
    for (const id of checksOf.notConverted ?? []) check(!converted.has(id), `expect notConverted ${id}`, "it has converted", id);
    for (const [id, text] of Object.entries(checksOf.blockedBy ?? {})) {
      const { reasons, missing } = await blockers(id);
      const ok = !!reasons?.some((reason) => reason.includes(text));
      check(ok, `expect blockedBy ${id} "${text}"`, missing ?? (reasons!.length ? `its reasons are: ${reasons!.join("; ")}` : "nothing blocks it"), id);
    }
  }

  async function act(step: Step) {
    switch (step.kind) {
      case "page":
        return openPage(step.url);
      case "wait":
      case "advance":
        return clock.advance(step.ms);
      case "event":
        emit({ type: "action", text: `event ${step.name}${Object.keys(step.props).length ? ` ${JSON.stringify(step.props)}` : ""}` });
        nudge!.track(step.name, step.props);
        return settle();
      case "call": {
        emit({ type: "action", text: `${step.method}${step.args.length ? ` ${step.args.map((a) => JSON.stringify(a)).join(" ")}` : ""}` });
        const [owner, name] = step.method.startsWith("cart.") ? [nudge!.cart, step.method.slice(5)] : [nudge!, step.method];
        await (owner as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...step.args);
        return settle();
      }
      case "close":
      case "click":
      case "convert": {
        if (!screen) return check(false, step.kind, "no widget is on screen");
        const { props } = screen;
        if (step.kind === "close") props.close(step.reason);
        else if (step.kind === "convert") props.convert({});
        else {
          // As the popup's call to action does: a link navigates (the next page step), an action closes.
          const cta = (props.content.cta ?? {}) as { href?: string; action?: string };
          props.click(cta.href ? { href: cta.href } : {});
          if (!cta.href) {
            if (cta.action === "convert") props.convert({});
            props.close("cta");
          }
        }
        return settle();
      }
      case "expect":
        return expect(step.expect);
      case "explain": {
        const list = await explain(step.id);
        emit({ type: "explain", text: "explain", explain: list ?? [] });
        return;
      }
      case "force": {
        forced.set(step.widget, step.variant);
        // From the file's own variants each time: forcing the rules already forced would find only the first choice.
        active = [...forced].reduce((forcedRules, [widget, variant]) => forceVariant(forcedRules, widget, variant), rules);
        const recorded = (nudge?.facts() as { widgets?: Record<string, { variant?: string | null }> } | undefined)?.widgets?.[step.widget]?.variant;
        const sticky = step.variant === HOLDOUT && recorded && recorded !== HOLDOUT ? `; this visitor already has variant ${recorded} and keeps it (assignments are sticky)` : "";
        emit({
          type: "action",
          widget: step.widget,
          text: `force ${step.widget}: ${step.variant === HOLDOUT ? "control group" : `variant ${step.variant}`} (from the next page)${sticky}`,
        });
        return;
      }
      case "arrive": {
        // Someone who has never been here: nothing stored, whatever this visitor did before.
        nudge?.destroy();
        nudge = undefined;
        screen = null;
        converted.clear();
        store = memoryStore();
        await settle();
        emit({ type: "action", text: `a new visitor arrives by ${step.url}` });
        return openPage(step.url, true);
      }
      case "scroll":
      case "exitIntent":
      case "clickOn":
        return fireTriggers(step);
      case "note":
        return;
    }
  }

  /**
   * What the visitor did on the page fires the triggers waiting for it (the simulated page has no
   * DOM: a scroll reaches `percent` triggers up to that depth, and `px` triggers on a 3,000 px page;
   * a click fires the click triggers written with that selector). Each such widget is then shown as
   * its trigger would show it, every other gate applying, the highest `priority` first.
   */
  async function fireTriggers(step: Extract<Step, { kind: "scroll" | "exitIntent" | "clickOn" }>) {
    const what = step.kind === "scroll" ? `scroll to ${step.percent}%` : step.kind === "exitIntent" ? "exit intent" : `click on ${step.selector}`;
    type Trigger = { type?: string; percent?: number; px?: number; selector?: string };
    const widgets = (Array.isArray(active.widgets) ? active.widgets : []) as Array<{ id?: unknown; priority?: unknown; trigger?: unknown; variants?: unknown }>;
    const asTrigger = (trigger: unknown) => (typeof trigger === "string" ? { type: trigger } : ((trigger ?? {}) as Trigger));
    const waits = (trigger: Trigger) => {
      if (step.kind === "exitIntent") return trigger.type === "exit_intent";
      if (step.kind === "clickOn") return trigger.type === "click" && trigger.selector === step.selector;
      return trigger.type === "scroll" && (trigger.px !== undefined ? trigger.px <= (step.percent / 100) * 3000 : (trigger.percent ?? 0) <= step.percent);
    };
    const armed = new Map((await explain())?.map((e) => [e.id, e.blockedBy]) ?? []);
    const fired = widgets
      .filter((widget) => {
        // A variant may carry its own trigger: the one armed for this visitor is the one explain() names.
        const own = Array.isArray(widget.variants) ? widget.variants.flatMap((v) => (v && typeof v === "object" && "trigger" in v ? [asTrigger(v.trigger)] : [])) : [];
        const waiting = [asTrigger(widget.trigger), ...own].filter(waits);
        if (!waiting.length) return false;
        if (!own.length) return true;
        const reasons = armed.get(String(widget.id)) ?? [];
        return waiting.some((trigger) => reasons.some((reason) => reason.startsWith(`trigger: ${trigger.type}`)));
      })
      .sort((a, b) => (Number(b.priority) || 0) - (Number(a.priority) || 0))
      .map((widget) => String(widget.id));
    emit({ type: "action", text: `${what}${fired.length ? ` (fires ${fired.join(", ")})` : " (no trigger waits for it)"}` });
    for (const id of fired) {
      if (screen?.id === id) continue;
      await nudge!.show(id);
      await settle();
    }
  }

  for (const step of timeline.steps) {
    current = step;
    if (step.note) emit({ type: "note", text: `# ${step.note}` });
    await act(step);
  }
  current = undefined;
  emit({ type: "explain", text: "explain (end of the timeline)", explain: (await explain()) ?? [] });
  nudge?.destroy();
  await settle();
  return { start, events, checks, failed };
}
