/**
 * Seeded measured events for the differential test and the benchmark: visitors
 * on several widgets with variants and a holdout, the whole funnel (shown,
 * viewable, clicked, closed, minimized, lead, converted with and without a
 * value), orders converting several widgets at once (attribution), a site-wide
 * control group, plus replayed copies (same id), converters who were never eligible
 * in that arm, and two visitors sharing an exposure name. Same seed, same events.
 */
import type { MeasureEvent } from "../../src/measure/event.js";
import { seededRandom } from "../../src/measure/stats.js";

export interface SeedOptions {
  visitors: number;
  seed?: number;
  /** Share of events sent twice (at-least-once delivery). */
  replays?: number;
  /** First event time (ms). */
  start?: number;
  /** Whether the rules have a site-wide control group (default true: a tenth of the visitors). */
  siteHoldout?: boolean;
}

const WIDGETS = [
  {
    id: "welcome-offer",
    type: "popup",
    holdout: 0.1,
    variants: [
      ["a", 1],
      ["b", 1],
    ] as const,
    convert: { a: 0.08, b: 0.1, holdout: 0.07 } as Record<string, number>,
  },
  { id: "exit-coupon", type: "countdown-coupon", holdout: 0.2, variants: [["default", 1]] as const, convert: { default: 0.05, holdout: 0.04 } as Record<string, number> },
  {
    id: "recs",
    type: "carousel",
    holdout: 0,
    variants: [
      ["grid", 2],
      ["row", 1],
    ] as const,
    convert: { grid: 0.03, row: 0.03 } as Record<string, number>,
  },
];

export function seededEvents(options: SeedOptions): MeasureEvent[] {
  const random = seededRandom(options.seed ?? 7);
  const replays = options.replays ?? 0.05;
  let clock = options.start ?? Date.UTC(2026, 10, 1);
  let serial = 0;
  const out: MeasureEvent[] = [];
  for (let v = 0; v < options.visitors; v++) {
    const visitor = `v${v}`;
    const session = `s${v}`;
    // The site-wide control group (settings.holdout): one visitor in ten sees no widget at all.
    const held = options.siteHoldout === false ? undefined : random() < 0.1;
    const exposures: { widget: (typeof WIDGETS)[number]; variant: string; exposure: string; base: Partial<MeasureEvent> }[] = [];
    for (const w of WIDGETS) {
      if (random() > 0.6) continue;
      const total = w.variants.reduce((s, [, weight]) => s + weight, 0);
      let variant = "holdout";
      let share = w.holdout;
      if (!held && random() >= w.holdout) {
        let pick = random() * total;
        for (const [name, weight] of w.variants) {
          variant = name;
          share = ((1 - w.holdout) * weight) / total;
          if ((pick -= weight) < 0) break;
        }
      }
      const base = { session, widget: w.id, type: w.type, variant, path: "/shop/", ...(held !== undefined ? { siteHoldout: held } : {}) };
      clock += 1 + Math.floor(random() * 50);
      const exposure = `${w.id}@${clock}`;
      const push = (name: MeasureEvent["name"], extra: Partial<MeasureEvent> = {}, who = visitor, at = exposure) => {
        clock += 1 + Math.floor(random() * 20);
        out.push({ id: `e${++serial}`, name, time: clock, visitor: who, ...base, exposure: at, ...extra });
      };
      push("eligible", { share });
      if (variant !== "holdout") {
        const shows = random() < 0.15 ? 2 : 1;
        for (let s = 0; s < shows; s++) {
          const at = s ? `${w.id}@${clock + 1}` : exposure;
          push("shown", {}, visitor, at);
          if (random() < 0.2) push("shown", {}, visitor, at); // a re-render of the same show
          if (random() < 0.7) push("viewable", {}, visitor, at);
          if (random() < 0.12) {
            push("clicked", {}, visitor, at);
            if (random() < 0.3) push("clicked", {}, visitor, at);
          }
          if (random() < 0.05) push("minimized", {}, visitor, at);
          if (random() < 0.03) push("lead", { fields: ["email"] }, visitor, at);
          if (random() < 0.5) push("closed", { reason: "button" }, visitor, at);
        }
      }
      exposures.push({ widget: w, variant, exposure, base });
    }
    // Orders: one purchase converts every widget whose window is open (here: most of those the
    // visitor was exposed to), with one order id, time and value; attribution credits one of them.
    const rate = exposures.length ? Math.max(...exposures.map((x) => x.widget.convert[x.variant] ?? 0.05)) : 0.03;
    const orders = random() < rate * 1.5 ? (random() < 0.15 ? 2 : 1) : 0;
    for (let o = 0; o < orders; o++) {
      clock += 1 + Math.floor(random() * 500);
      const value = random() < 0.1 ? undefined : Math.round(500 + random() * 20_000) / 100;
      const order = random() < 0.9 ? `o${v}-${o}` : undefined; // without an id, the goal event's time keys the order
      for (const x of exposures) {
        if (random() < 0.2) continue; // this widget's window has closed
        out.push({
          id: `e${++serial}`,
          name: "converted",
          time: clock,
          visitor,
          ...x.base,
          exposure: x.exposure,
          goal: "purchase",
          ...(order ? { order } : {}),
          ...(value === undefined ? {} : { value, currency: "EUR" }),
          ...(held !== undefined ? { siteHoldout: held } : {}),
        });
      }
    }
    // Now and then, a conversion in an arm where this visitor was never eligible (another device's exposure).
    if (random() < 0.01) {
      clock += 1;
      out.push({
        id: `e${++serial}`,
        name: "converted",
        time: clock,
        visitor,
        session,
        widget: "welcome-offer",
        type: "popup",
        variant: "b",
        exposure: "welcome-offer@0",
        value: 12.5,
        goal: "purchase",
      });
    }
    // Two visitors whose shows share an exposure name (same widget, same millisecond on their clocks).
    if (v === 1) {
      for (const who of ["twin-1", "twin-2"]) {
        out.push({
          id: `e${++serial}`,
          name: "eligible",
          time: clock,
          visitor: who,
          session: who,
          widget: "recs",
          type: "carousel",
          variant: "grid",
          exposure: `recs@${clock}`,
          share: 2 / 3,
        });
        out.push({ id: `e${++serial}`, name: "shown", time: clock, visitor: who, session: who, widget: "recs", type: "carousel", variant: "grid", exposure: `recs@${clock}` });
      }
    }
  }
  const copies: MeasureEvent[] = [];
  for (const event of out) if (random() < replays) copies.push({ ...event });
  return out.concat(copies);
}
