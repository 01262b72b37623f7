import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadDerivedFacts } from "../../../src/profile/derived-slot.js";
import { armTriggers, compileTrigger, type PageTriggers, type Triggerable } from "../../../src/decide/triggers/index.js";
import type { Trigger } from "../../../src/rules/schema/trigger-schema.js";
import { fakeEnv } from "./fake-env.js";

const widget = (trigger: Trigger, id = "w"): Triggerable => ({ id, trigger: compileTrigger(trigger) });
/** A local time today: the trigger code works in the visitor's local hours. */
const at = (hour: number, minute = 0) => new Date(2026, 11, 7, hour, minute).getTime();

let triggers: PageTriggers | undefined;
afterEach(() => triggers?.dispose());
// Smart timing's clock code rides in the derived-facts chunk, as the usual hour does: loaded when a rules file uses either.
beforeAll(() => loadDerivedFacts());

function arm(start: number, usual: number | null, ...widgets: Triggerable[]) {
  const fake = fakeEnv(start);
  const fired: string[] = [];
  const cancelled: string[] = [];
  triggers = armTriggers(widgets, { env: fake.env, fire: (id) => fired.push(id), usualHour: () => usual, cancelled: (id) => cancelled.push(id) });
  return { fake, fired, cancelled, t: triggers };
}

describe("trigger.smartTiming", () => {
  it("compiles with the trigger's other options; cancel becomes a list", () => {
    expect(compileTrigger({ type: "delay", after: "5s", smartTiming: true, cancel: "add_to_cart" })).toEqual({
      kind: "delay",
      afterMs: 5000,
      smartTiming: true,
      cancel: ["add_to_cart"],
    });
  });

  it("outside the usual hour the trigger's moment waits for the hour before it, and explain names the hour", () => {
    const { fake, fired, t } = arm(at(9), 20, widget({ type: "delay", after: "5s", smartTiming: true }));
    fake.advance(5000);
    expect(fired).toEqual([]);
    expect(t.awaiting(widget({ type: "delay", after: "5s", smartTiming: true }))).toBe(
      "trigger: delay, fired on this page (delay elapsed); smartTiming: waiting for the visitor's usual hour, 20:00 (in 10h 0m)",
    );
    expect(t.reason("w")).toBeUndefined();
    fake.advance(at(19) - at(9, 0) - 5001);
    expect(fired).toEqual([]);
    fake.advance(1);
    expect(fired).toEqual(["w"]);
    expect(t.reason("w")).toBe("delay elapsed");
  });

  it("in the usual window (the hour either side) it fires at once", () => {
    const { fake, fired } = arm(at(21, 30), 20, widget({ type: "delay", after: "5s", smartTiming: true }));
    fake.advance(5000);
    expect(fired).toEqual(["w"]);
  });

  it("with no usual hour known yet (a new visitor) the trigger works as without it", () => {
    const { fired } = arm(at(3), null, widget({ type: "page_view", smartTiming: true }));
    expect(fired).toEqual(["w"]);
  });

  it("a widget without smartTiming ignores the usual hour", () => {
    const { fired } = arm(at(3), 20, widget({ type: "page_view" }));
    expect(fired).toEqual(["w"]);
  });

  it("waits across midnight for an early usual hour", () => {
    const { fake, fired } = arm(at(23), 2, widget({ type: "page_view", smartTiming: true }));
    expect(fired).toEqual([]);
    fake.advance(2 * 3_600_000 - 1);
    expect(fired).toEqual([]);
    fake.advance(1);
    expect(fired).toEqual(["w"]);
  });
});

describe("trigger.cancel", () => {
  it("an event named in cancel disarms the widget for this page: its delay never fires, explain says why", () => {
    const w = widget({ type: "delay", after: "30s", cancel: ["add_to_cart", "begin_checkout"] }, "deciding");
    const { fake, fired, cancelled, t } = arm(at(12), null, w, widget({ type: "delay", after: "30s" }, "other"));
    t.event("view_item", {});
    expect(cancelled).toEqual([]);
    t.event("add_to_cart", { id: "sku-1" });
    expect(cancelled).toEqual(["deciding"]);
    fake.advance(30_000);
    expect(fired).toEqual(["other"]);
    expect(t.awaiting(w)).toBe('trigger: delay, cancelled on this page by the "add_to_cart" event (trigger.cancel); waits for the next page view');
    t.event("begin_checkout", {});
    expect(cancelled).toEqual(["deciding"]);
  });

  it("a cancel event after the trigger fired still reports it, so a widget on screen can close", () => {
    const { fired, cancelled, t } = arm(at(12), null, widget({ type: "page_view", cancel: "add_to_cart" }));
    expect(fired).toEqual(["w"]);
    t.event("add_to_cart", {});
    expect(cancelled).toEqual(["w"]);
  });

  it("an event that both fires and cancels the same widget cancels it", () => {
    const { fired } = arm(at(12), null, widget({ type: "event", name: "add_to_cart", cancel: "add_to_cart" }));
    triggers!.event("add_to_cart", {});
    expect(fired).toEqual([]);
  });

  it("cancels a smart-timed widget waiting for its hour", () => {
    const { fake, fired, t } = arm(at(9), 20, widget({ type: "page_view", smartTiming: true, cancel: "purchase" }));
    t.event("purchase", {});
    fake.advance(24 * 3_600_000);
    expect(fired).toEqual([]);
  });
});
