// Demo data for the report page: simulated visitors of two widgets, as the SDK would record them
// (the same event shape as a beacon endpoint receives). Seeded, so the same seed gives the same data.

/** mulberry32: a small seeded generator. */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The campaigns simulated: each arm's share of visitors and its "true" behaviour. */
export const CAMPAIGNS = [
  {
    widget: "welcome-offer",
    type: "popup",
    arms: [
      { variant: "beans", share: 0.45, viewable: 0.86, click: 0.11, convert: 0.052, order: 48 },
      { variant: "urgency", share: 0.45, viewable: 0.86, click: 0.14, convert: 0.061, order: 44 },
      { variant: "holdout", share: 0.1, convert: 0.041, order: 46 },
    ],
  },
  {
    widget: "cart-saver",
    type: "popup",
    arms: [
      { variant: "default", share: 0.8, viewable: 0.93, click: 0.22, convert: 0.16, order: 61 },
      { variant: "holdout", share: 0.2, convert: 0.13, order: 60 },
    ],
  },
];

const DAY = 86_400_000;

/**
 * Simulates `visitors` visitors over 14 days; each meets each campaign with some probability.
 * Returns measured events in time order.
 */
export function simulate({ visitors = 5000, seed = 1, start = Date.UTC(2026, 0, 5) } = {}) {
  const random = seeded(seed);
  const events = [];
  let n = 0;
  const id = () => `sim-${seed}-${(++n).toString(36)}`;
  for (let v = 0; v < visitors; v++) {
    const visitor = `visitor-${seed}-${v}`;
    const session = `session-${seed}-${v}`;
    for (const campaign of CAMPAIGNS) {
      if (random() > (campaign.widget === "cart-saver" ? 0.35 : 0.9)) continue; // not every visitor qualifies
      // Sticky assignment by share.
      let point = random();
      const arm = campaign.arms.find((a) => (point -= a.share) < 0) ?? campaign.arms[0];
      let time = start + Math.floor(random() * 14 * DAY);
      const base = { visitor, session, widget: campaign.widget, type: campaign.type, variant: arm.variant, path: "/shop/" };
      const exposure = `${campaign.widget}@${time}`;
      const push = (name, extra = {}) => events.push({ id: id(), name, time: (time += 1000 + Math.floor(random() * 20_000)), ...base, exposure, ...extra });
      push("eligible", { share: arm.share });
      if (arm.variant !== "holdout") {
        push("shown");
        if (random() < arm.viewable) push("viewable");
        if (random() < arm.click) push("clicked");
        push("closed", { reason: random() < 0.7 ? "button" : "escape" });
      }
      if (random() < arm.convert) {
        // Order values: roughly log-normal around the arm's average.
        const value = Math.round(arm.order * Math.exp(0.45 * (random() + random() + random() - 1.5)) * 100) / 100;
        push("converted", { value, currency: "USD", goal: "purchase", order: `o-${seed}-${v}-${campaign.widget}` });
      }
    }
  }
  return events.sort((a, b) => a.time - b.time);
}
