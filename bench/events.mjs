// Raw visitor event streams (seeded) and the "straightforward scan" a peer SDK would do to turn a raw
// event list into facts: per-name counts, sessions, and event counts over time windows.
// The time-window counts ("event X at least N times in the last D days") are computed by this scan and
// given to the peers (and to Nudge's "precomputed" rows) as facts `recent.<name>.d<days>`. They count
// whole local days, today included, as Nudge's `$event` does with `within: "<D>d"` (src/rules/condition/
// event.ts): "7 days" is today since local midnight plus the 6 days before, not the last 7 × 24 hours.

export const DAY = 86_400_000;
/** Same as src/profile/profile.ts SESSION_IDLE_MS (a new session after 30 minutes idle or across midnight). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** The time windows (days) the workload's event conditions use. */
export const WINDOWS = [1, 7, 30];
/** Event names with their relative frequency. */
export const EVENT_NAMES = [
  ["page_view", 40],
  ["view_item", 22],
  ["view_category", 10],
  ["search", 8],
  ["add_to_cart", 6],
  ["remove_from_cart", 2],
  ["begin_checkout", 3],
  ["purchase", 1.5],
  ["add_to_wishlist", 2],
  ["newsletter_signup", 0.3],
  ["share", 1],
  ["review", 0.5],
  ["coupon_applied", 1],
  ["chat_open", 0.7],
];

/** mulberry32: a small seeded PRNG, so the workload is the same on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick(random, items) {
  return items[Math.floor(random() * items.length)];
}

function weighted(random, entries) {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [name, w] of entries) if ((r -= w) < 0) return name;
  return entries[entries.length - 1][0];
}

/**
 * `count` events ending at `now`, oldest first, in sessions of a few minutes spread over `spanDays`
 * (the last one is the current page view). Each event is `{ name, time }`.
 */
export function makeEvents(seed, count, now, spanDays = 90) {
  const random = rng(seed);
  const events = [];
  let time = now;
  // Walk backwards from now: short gaps inside a session, long gaps between sessions.
  const meanGap = Math.max(60_000, (spanDays * DAY) / Math.max(1, count));
  for (let i = 0; i < count; i++) {
    events.push({ name: i === 0 ? "page_view" : weighted(random, EVENT_NAMES), time });
    const gap = random() < 0.9 ? 5_000 + random() * 60_000 : random() * meanGap * 9;
    time -= Math.round(gap);
  }
  return events.reverse();
}

/**
 * Where each window starts: local midnight `days - 1` days before `now`'s day (ms). An event is in the
 * window when `time >= start` (and not after `now`): the same days `$event` adds up from `EventHistory.days`.
 */
export function windowStarts(now) {
  const starts = {};
  for (const days of WINDOWS) {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() - (days - 1));
    starts[days] = d.getTime();
  }
  return starts;
}

function dayOf(time) {
  const d = new Date(time);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/**
 * The peer way: one pass over the raw event list → per-name counts, session numbers and window counts.
 * Returns the parts of the facts document that depend on history.
 */
export function scanEvents(events, now) {
  const counts = {};
  const recent = {};
  let sessions = 0;
  let pagesThisSession = 0;
  let pagesTotal = 0;
  let firstSeen;
  let lastSeen;
  const starts = windowStarts(now);
  for (const event of events) {
    if (lastSeen === undefined || event.time - lastSeen > SESSION_IDLE_MS || dayOf(event.time) !== dayOf(lastSeen)) {
      sessions++;
      pagesThisSession = 0;
      lastSeen = event.time;
    } else if (event.time > lastSeen) lastSeen = event.time;
    firstSeen ??= event.time;
    if (event.name === "page_view") {
      pagesTotal++;
      pagesThisSession++;
    }
    const c = (counts[event.name] ??= { count: 0, last: 0 });
    c.count++;
    c.last = event.time;
    const r = (recent[event.name] ??= zeroWindows());
    if (event.time <= now) for (const days of WINDOWS) if (event.time >= starts[days]) r[`d${days}`]++;
  }
  for (const [name] of EVENT_NAMES) recent[name] ??= zeroWindows();
  return { events: counts, recent, sessions, pagesThisSession, pagesTotal, firstSeen: firstSeen ?? now, lastSeen: lastSeen ?? now };
}

/** Only the window counts, from the raw event list (for Nudge's "precomputed" rows; `$event` needs none). */
export function scanWindows(events, now) {
  const recent = {};
  const starts = windowStarts(now);
  for (const [name] of EVENT_NAMES) recent[name] = zeroWindows();
  for (const event of events) {
    const r = (recent[event.name] ??= zeroWindows());
    if (event.time <= now) for (const days of WINDOWS) if (event.time >= starts[days]) r[`d${days}`]++;
  }
  return recent;
}

function zeroWindows() {
  const r = {};
  for (const days of WINDOWS) r[`d${days}`] = 0;
  return r;
}

/** The whole facts document a peer would build: the visitor's fixed facts (`base`) plus the scan. */
export function factsFromEvents(base, events, now) {
  const s = scanEvents(events, now);
  return {
    ...base,
    visitor: {
      ...base.visitor,
      visits: s.sessions,
      sessions: s.sessions,
      pagesThisSession: s.pagesThisSession,
      pagesTotal: s.pagesTotal,
      firstSeen: s.firstSeen,
      lastSeen: s.lastSeen,
    },
    events: s.events,
    recent: s.recent,
  };
}
