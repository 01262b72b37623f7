import { h } from "preact";
import * as z from "zod/mini";
import { afterEach, describe, expect, it } from "vitest";
import type { WidgetDefinition, WidgetProps } from "../../../src/render/widget-api.js";
import { cleanup, MINUTE, on, rulesOf, settle, spyStore, start, warnings, type Harness } from "./harness.js";

afterEach(cleanup);

/** Every widget's props as it last rendered, by id: the test acts as the visitor through them. */
function recorder() {
  const props = new Map<string, WidgetProps>();
  const widget = (modal: boolean): WidgetDefinition => ({
    modal,
    component: (p: WidgetProps) => {
      props.set(p.id, p);
      return h("div", { "data-widget": p.id }, String(p.content.title ?? ""));
    },
  });
  return { props, widgets: { dialog: widget(true), bar: widget(false), inline: { ...widget(false), placement: (c: { into?: string }) => ({ selector: c.into ?? "#none" }) } } };
}

const ids = () => [...(document.querySelector("nudge-root")?.shadowRoot?.querySelectorAll("[data-widget]") ?? [])].map((el) => el.getAttribute("data-widget"));
const events = (harness: Harness, names: string[]) => {
  const seen: string[] = [];
  for (const name of names) on(harness.nudge, name as "shown", (e) => void seen.push(`${name}:${e.id}`));
  return seen;
};

describe("several widgets at once", () => {
  it("a bar and a modal share the screen; a second modal waits until the first is minimized", async () => {
    const { props, widgets } = recorder();
    const harness = start(
      rulesOf([
        { id: "promo-bar", type: "bar", priority: 3, content: { title: "Free shipping" } },
        { id: "offer", type: "dialog", priority: 2, content: { title: "-10%" } },
        { id: "survey", type: "dialog", priority: 1, content: { title: "How was it?" } },
      ]),
      { widgets },
    );
    const seen = events(harness, ["shown", "minimized", "restored"]);
    await harness.nudge.ready;
    harness.nudge.track("look-again");
    await settle();
    expect(ids()).toEqual(["promo-bar", "offer"]);
    expect(harness.nudge.explain("survey")[0].blockedBy).toContain('one modal at a time: "offer" is showing');
    props.get("offer")!.minimize();
    harness.nudge.track("look-again");
    await settle();
    expect(ids()).toEqual(["promo-bar", "offer", "survey"]);
    props.get("offer")!.restore();
    expect(seen).toEqual(["shown:promo-bar", "shown:offer", "minimized:offer", "shown:survey", "restored:offer"]);
    harness.nudge.hide("promo-bar");
    await settle();
    expect(ids()).toEqual(["offer", "survey"]);
  });

  it("an inline widget is placed in the page at its selector, and skipped with a warning when it matches nothing", async () => {
    document.body.innerHTML = `<main><section id="recs"><h2>For you</h2></section></main>`;
    const { props, widgets } = recorder();
    const harness = start(
      rulesOf([
        { id: "recs", type: "inline", content: { title: "Picks", into: "#recs" } },
        { id: "lost", type: "inline", content: { title: "Nowhere", into: "#missing" } },
      ]),
      { widgets },
    );
    await harness.nudge.ready;
    await settle();
    const host = document.querySelector("#recs > nudge-inline");
    expect(host?.shadowRoot?.querySelector("[data-widget]")?.textContent).toBe("Picks");
    expect(props.get("recs")!.target).toBe(document.querySelector("#recs"));
    expect(harness.shown).toEqual(["recs"]);
    expect(warnings(harness).some((w) => w.includes('widget "lost"') && w.includes('"#missing" matches nothing'))).toBe(true);
    harness.nudge.hide("recs");
    await settle();
    expect(document.querySelector("nudge-inline")).toBeNull();
  });
});

describe("what widgets leave in the profile", () => {
  it("a lead: fields become attributes, `lead` is emitted and tracked, and the widget converts", async () => {
    const { props, widgets } = recorder();
    const harness = start(rulesOf([{ id: "form", type: "dialog", content: { title: "Join" } }]), { widgets });
    const leads: unknown[] = [];
    on(harness.nudge, "lead", (e) => void leads.push(e));
    const seen = events(harness, ["converted"]);
    await harness.nudge.ready;
    props.get("form")!.lead({ email: "ann@example.com", name: "Ann" });
    await settle();
    expect(leads).toEqual([{ id: "form", type: "dialog", variant: "default", fields: { email: "ann@example.com", name: "Ann" } }]);
    const facts = harness.nudge.facts();
    expect(facts.attributes).toMatchObject({ email: "ann@example.com", name: "Ann" });
    expect(facts.events.lead?.count).toBe(1);
    expect(seen).toEqual(["converted:form"]);
  });

  it("answers become attributes; a widget's saved state is back after a reload", async () => {
    const store = spyStore();
    const first = recorder();
    const rules = rulesOf([{ id: "timer", type: "bar", content: { title: "Ends soon" } }]);
    const one = start(rules, { widgets: first.widgets, store });
    await one.nudge.ready;
    first.props.get("timer")!.saveState({ deadline: 123 });
    first.props.get("timer")!.answer({ nps: 9 });
    await one.clock.advance(300);
    expect(one.nudge.facts().attributes).toMatchObject({ nps: 9 });
    one.nudge.destroy();
    await settle();

    const second = recorder();
    const two = start(rules, { widgets: second.widgets, store, clock: one.clock });
    await two.nudge.ready;
    expect(second.props.get("timer")!.state).toEqual({ deadline: 123 });
  });

  it("rules see each widget's history and state in facts.widgets: a follow-up once a countdown's deadline has passed", async () => {
    const { props, widgets } = recorder();
    const harness = start(
      rulesOf([
        { id: "flash", type: "bar", frequency: { session: 1 }, content: { title: "-20% for 10 minutes" } },
        { id: "missed-it", type: "bar", when: { "widgets.flash.state.deadline": { $olderThan: "1s" } }, content: { title: "Missed it? -10% today" } },
      ]),
      { widgets },
    );
    await harness.nudge.ready;
    const start_ = harness.clock.now();
    props.get("flash")!.saveState({ deadline: start_ + 10 * MINUTE });
    props.get("flash")!.close("button");
    await settle();
    const flash = harness.nudge.facts().widgets.flash;
    expect(flash).toEqual({
      shown: 1,
      lastShown: start_,
      closed: 1,
      lastClosed: start_,
      dismissed: 1,
      lastDismissed: start_,
      converted: 0,
      lastConverted: null,
      variant: "default",
      state: { deadline: start_ + 10 * MINUTE },
    });
    expect(harness.nudge.facts().widgets["missed-it"]).toBeUndefined(); // never shown: no history
    harness.nudge.page();
    await settle();
    expect(harness.shown).toEqual(["flash"]); // the offer is still running

    await harness.clock.advance(11 * MINUTE);
    harness.nudge.page();
    await settle();
    expect(harness.shown).toEqual(["flash", "missed-it"]);
  });

  it("action() reaches on('action') with the widget and the payload", async () => {
    const { props, widgets } = recorder();
    const harness = start(rulesOf([{ id: "recs", type: "bar", content: { title: "Picks" } }]), { widgets });
    const actions: unknown[] = [];
    on(harness.nudge, "action", (e) => void actions.push(e));
    await harness.nudge.ready;
    props.get("recs")!.action("add_to_cart", { id: "sku-1" });
    expect(actions).toEqual([{ id: "recs", type: "bar", variant: "default", name: "add_to_cart", payload: { id: "sku-1" } }]);
  });
});

describe("registerWidget with a content schema", () => {
  it("checks content before showing: a misfit is reported with its path and skipped, a fit shows", async () => {
    const { widgets } = recorder();
    const harness = start(
      rulesOf([
        { id: "bad", type: "note", priority: 2, content: { title: 42 } },
        { id: "good", type: "note", priority: 1, content: { title: "Hello" } },
      ]),
    );
    harness.nudge.registerWidget("note", widgets.bar, z.object({ title: z.string() }));
    await harness.nudge.ready;
    await settle();
    expect(harness.shown).toEqual(["good"]);
    expect(harness.problems.some((p) => p.where === 'widget "bad"' && p.message.includes("content.title"))).toBe(true);
  });

  it('content with a misspelled key names the key, not zod/mini\'s bare "Invalid input"', async () => {
    const { widgets } = recorder();
    const harness = start(rulesOf([{ id: "typo", type: "note", content: { titel: "Hello" } }]));
    harness.nudge.registerWidget("note", widgets.bar, z.strictObject({ title: z.optional(z.string()) }));
    await harness.nudge.ready;
    await settle();
    expect(harness.shown).toEqual([]);
    const problem = harness.problems.find((p) => p.where === 'widget "typo"');
    expect(problem?.message).toContain('content: unknown key "titel"');
    expect(problem?.message).not.toContain("Invalid input");
  });
});

describe("a widget's prepare step", () => {
  it("resolves what the widget renders before it mounts; false means nothing to show: not mounted, not counted, nothing closed", async () => {
    const { widgets } = recorder();
    const received: unknown[] = [];
    const counter: WidgetDefinition = {
      component: (p: WidgetProps) => (received.push(p.prepared), h("div", { "data-widget": p.id }, String(p.prepared))),
      prepare: async (p) => (p.content.count ? `${p.content.count} sold today` : false),
    };
    const harness = start(
      rulesOf([
        { id: "offer", type: "dialog", priority: 3, content: { title: "-10%" } },
        { id: "empty", type: "counter", priority: 2, frequency: { session: 1 }, content: { count: 0 } },
        { id: "busy", type: "counter", priority: 1, content: { count: 12 } },
      ]),
      { widgets: { ...widgets, counter } },
    );
    await harness.nudge.ready;
    await settle();
    expect(harness.shown).toEqual(["offer", "busy"]);
    expect(ids()).toEqual(["offer", "busy"]);
    expect(received).toEqual(["12 sold today"]);
    expect(harness.console.info).toHaveBeenCalledWith(expect.stringContaining('widget "empty": nothing to show'));
    // Not counted: its once-per-session cap is untouched, so it may show later in the session when there is data.
    expect(harness.nudge.explain("empty")[0].blockedBy.join("\n")).not.toMatch(/frequency\.session/);
  });

  it("a trigger that fires while another widget is still preparing is decided once that is done, not dropped", async () => {
    const { widgets } = recorder();
    let release!: (value: unknown) => void;
    const slow: WidgetDefinition = { component: (p: WidgetProps) => h("div", { "data-widget": p.id }), prepare: () => new Promise((resolve) => (release = resolve)) };
    const harness = start(
      rulesOf([
        { id: "recs", type: "slow", trigger: "page_view" },
        { id: "thanks", type: "bar", trigger: { type: "event", name: "signup" }, content: { title: "Thanks" } },
      ]),
      { widgets: { ...widgets, slow } },
    );
    await settle();
    harness.nudge.track("signup");
    await settle();
    expect(harness.shown).toEqual([]);
    release(["a product"]);
    await settle();
    expect(harness.shown).toEqual(["recs", "thanks"]);
  });

  it("a prepare that throws is reported and the widget skipped; the others still show", async () => {
    const { widgets } = recorder();
    const broken: WidgetDefinition = { component: () => h("div", { "data-widget": "broken" }), prepare: () => Promise.reject(new Error("feed down")) };
    const harness = start(
      rulesOf([
        { id: "broken", type: "broken", priority: 2 },
        { id: "bar", type: "bar", priority: 1, content: { title: "Free shipping" } },
      ]),
      { widgets: { ...widgets, broken } },
    );
    await harness.nudge.ready;
    await settle();
    expect(harness.shown).toEqual(["bar"]);
    expect(harness.problems).toContainEqual(expect.objectContaining({ where: 'widget "broken"', message: expect.stringContaining("feed down") }));
  });
});

describe("the catalog feed", () => {
  it("is checked item by item: invalid products are skipped with a warning naming them, the rest kept", async () => {
    const { props, widgets } = recorder();
    const catalog = [
      { id: "a", name: "Mug", url: "/p/a", price: 12 },
      { id: "b", name: "Bad", url: "javascript:alert(1)", price: 3 },
      { id: "c", name: "Cup", url: "/p/c", price: "free" },
      { id: "d", name: "Pot", url: "/p/d", price: 30, inStock: false },
    ];
    const harness = start(rulesOf([{ id: "recs", type: "bar", content: { title: "Picks" } }], { catalog }), { widgets });
    await harness.nudge.ready;
    const products = await props.get("recs")!.catalog();
    expect(products.map((p) => p.id)).toEqual(["a", "d"]);
    expect(warnings(harness).some((w) => w.includes("catalog[1].url"))).toBe(true);
    expect(warnings(harness).some((w) => w.includes("catalog[2].price"))).toBe(true);
  });
});
