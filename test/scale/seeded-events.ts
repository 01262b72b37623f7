// Seeded, reproducible measured events for the scale tests: visitors who become eligible for a
// widget, some shown (with re-renders), viewable, clicked, closed, some converting with a value.
import type { MeasureEvent } from "../../src/measure/event.js";
import type { StoredEvent } from "../../src/collector/store.js";

/** mulberry32: a tiny seeded generator, so every run makes the same events. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededEvents(visitors: number, seed = 1, start = Date.UTC(2026, 11, 1)): MeasureEvent[] {
  const random = seeded(seed);
  const events: MeasureEvent[] = [];
  const widgets = [
    { id: "welcome", type: "popup", variants: ["a", "b", "holdout"] },
    { id: "exit-coupon", type: "countdown-coupon", variants: ["default", "holdout"] },
  ];
  let n = 0;
  for (let v = 0; v < visitors; v++) {
    const visitor = `v-${seed}-${v}`;
    const session = `s-${seed}-${v}`;
    let time = start + Math.floor(random() * 5 * 86_400_000);
    for (const widget of widgets) {
      if (random() < 0.3) continue;
      const variant = widget.variants[Math.floor(random() * widget.variants.length)];
      const base = { visitor, session, widget: widget.id, type: widget.type, variant, path: "/shop/" };
      const exposure = `${widget.id}@${time}`;
      const add = (name: MeasureEvent["name"], extra: Partial<MeasureEvent> = {}) => {
        time += 1 + Math.floor(random() * 5000);
        events.push({ id: `e-${seed}-${n++}`, name, time, exposure, ...base, ...extra });
      };
      add("eligible", { share: variant === "holdout" ? 0.1 : 0.45 });
      if (variant !== "holdout") {
        add("shown");
        if (random() < 0.2) add("shown"); // a re-render: the same show
        if (random() < 0.7) add("viewable");
        if (random() < 0.3) add("clicked");
        if (random() < 0.1) add("lead", { fields: ["email"] });
        add("closed", { reason: random() < 0.5 ? "button" : "escape" });
      }
      if (random() < 0.15) add("converted", { value: Math.round(random() * 10_000) / 100, currency: "EUR", goal: "purchase", order: `o-${n}` });
      if (random() < 0.03) add("converted", { goal: "signup" });
    }
  }
  return events;
}

/** As the collector stores them (nothing clamped). */
export const stored = (events: readonly MeasureEvent[], receivedAt = Date.now()): StoredEvent[] => events.map((e) => ({ ...e, receivedAt, clientTime: e.time, clamped: false }));
