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

/**
 * The campaigns simulated: each arm's share of visitors and its "true" effect on the visitor's
 * chance to buy (`lift`, a multiplier) and on the order value (`aov`). One order converts every
 * widget the visitor was exposed to, as the runtime does, so a visitor who met both campaigns
 * shows up under both.
 */
export const CAMPAIGNS = [
  {
    widget: "welcome-offer",
    type: "popup",
    reach: 0.9,
    arms: [
      { variant: "beans", share: 0.45, viewable: 0.86, click: 0.11, lift: 1.2, aov: 1.04 },
      { variant: "urgency", share: 0.45, viewable: 0.86, click: 0.14, lift: 1.4, aov: 0.95 },
      { variant: "holdout", share: 0.1, lift: 1, aov: 1 },
    ],
  },
  {
    widget: "cart-saver",
    type: "popup",
    reach: 0.35,
    arms: [
      { variant: "default", share: 0.8, viewable: 0.93, click: 0.22, lift: 1.2, aov: 1.02 },
      { variant: "holdout", share: 0.2, lift: 1, aov: 1 },
    ],
  },
];

/** `settings.holdout`: the site-wide control group, who see no widget at all (percent). */
export const SITE_HOLDOUT = 10;

const DAY = 86_400_000;

/**
 * Simulates `visitors` visitors over 14 days; each meets each campaign with some probability,
 * and may buy once afterwards. Returns measured events in time order.
 */
export function simulate({ visitors = 5000, seed = 1, start = Date.UTC(2026, 0, 5) } = {}) {
  const random = seeded(seed);
  const events = [];
  let n = 0;
  const id = () => `sim-${seed}-${(++n).toString(36)}`;
  for (let v = 0; v < visitors; v++) {
    const visitor = `visitor-${seed}-${v}`;
    const session = `session-${seed}-${v}`;
    const siteHoldout = random() < SITE_HOLDOUT / 100;
    let time = start + Math.floor(random() * 14 * DAY);
    const next = () => (time += 1000 + Math.floor(random() * 20_000));
    const exposed = []; // [campaign, arm, exposure time]
    let hasCart = false;
    for (const campaign of CAMPAIGNS) {
      if (random() > campaign.reach) continue; // not every visitor qualifies
      if (campaign.widget === "cart-saver") hasCart = true;
      // Sticky assignment by share; the site-wide control group sees nothing.
      let point = random();
      const arm = siteHoldout ? { variant: "holdout", share: SITE_HOLDOUT / 100, lift: 1, aov: 1 } : (campaign.arms.find((a) => (point -= a.share) < 0) ?? campaign.arms[0]);
      const at = next();
      const base = { visitor, session, widget: campaign.widget, type: campaign.type, variant: arm.variant, path: "/shop/", siteHoldout };
      const exposure = `${campaign.widget}@${at}`;
      const push = (name, extra = {}, when = next()) => events.push({ id: id(), name, time: when, ...base, exposure, ...extra });
      push("eligible", { share: arm.share }, at);
      if (arm.variant !== "holdout") {
        push("shown", {}, at);
        if (random() < arm.viewable) push("viewable");
        if (random() < arm.click) push("clicked");
        push("closed", { reason: random() < 0.7 ? "button" : "escape" });
      }
      exposed.push([campaign, arm, at]);
    }
    if (!exposed.length) continue;
    // One chance to buy, higher with a cart, times each shown arm's lift.
    const chance = (hasCart ? 0.11 : 0.04) * exposed.reduce((p, [, arm]) => p * arm.lift, 1);
    if (random() >= chance) continue;
    const aov = exposed.reduce((p, [, arm]) => p * arm.aov, 1);
    // Order values: roughly log-normal around 50.
    const value = Math.round(50 * aov * Math.exp(0.45 * (random() + random() + random() - 1.5)) * 100) / 100;
    const when = next();
    const order = `o-${seed}-${v}`;
    for (const [campaign, arm, at] of exposed) {
      events.push({
        id: id(),
        name: "converted",
        time: when,
        visitor,
        session,
        widget: campaign.widget,
        type: campaign.type,
        variant: arm.variant,
        path: "/shop/checkout",
        siteHoldout,
        exposure: `${campaign.widget}@${at}`,
        value,
        currency: "USD",
        goal: "purchase",
        order,
      });
    }
  }
  return events.sort((a, b) => a.time - b.time);
}
