import type { EventHistory } from "../rules/condition/types.js";
import type { CartLine } from "./facts.js";
import { capEventNames, KEEP_RECENT } from "./history.js";
import { KEEP_VIEWED, type Profile, type WidgetHistory } from "./profile.js";
import { own } from "../env/own.js";

/**
 * Three-way merge of two copies of one visitor that diverged from a common
 * past: what `ours` changed since `base` is applied onto `theirs`, so neither
 * side's events, cart lines, page views or widget closes are lost.
 *
 * Counters (page views, sessions, orders, event counts and per-day counts,
 * widget shows and closes) add our *difference* to theirs (a plain max would
 * drop one of two tabs' independent additions); timestamps take the later;
 * cart lines add our quantity change; attributes and the session's page
 * trail (`page.previous`) we changed win.
 *
 * The profile store uses it only for a page-hide snapshot that another tab
 * folds in (see `profile-store.ts`); normal writes replay change functions.
 *
 * @example
 * const merged = mergeProfiles(lastStored, thisTabsCopy, freshlyReadCopy);
 */
export function mergeProfiles(base: Profile, ours: Profile, theirs: Profile): Profile {
  const diff = (pick: (p: Profile) => number) => pick(ours) - pick(base);
  const session = mergeSession(base, ours, theirs);
  // Both tabs' new names together may pass the cap again.
  const events = capEventNames(mergeRecords(base.events, ours.events, theirs.events, mergeHistory));
  const dropped = (theirs.eventNamesDropped ?? 0) + diff((p) => p.eventNamesDropped ?? 0) + events.dropped;
  return {
    ...theirs,
    rev: theirs.rev + Math.max(1, ours.rev - base.rev),
    userId: ours.userId !== base.userId ? ours.userId : theirs.userId,
    firstSeen: Math.min(ours.firstSeen, theirs.firstSeen),
    lastSeen: Math.max(ours.lastSeen, theirs.lastSeen),
    sessions: theirs.sessions + diff((p) => p.sessions),
    session,
    firstSource: theirs.firstSource ?? ours.firstSource,
    pagesTotal: theirs.pagesTotal + diff((p) => p.pagesTotal),
    attributes: { ...theirs.attributes, ...changedKeys(base.attributes, ours.attributes) },
    cart: mergeCart(base.cart, ours.cart, theirs.cart),
    orders: {
      count: theirs.orders.count + diff((p) => p.orders.count),
      total: Math.round((theirs.orders.total + diff((p) => p.orders.total)) * 100) / 100,
      last: later(ours.orders.last, theirs.orders.last),
    },
    events: events.events,
    ...(dropped ? { eventNamesDropped: dropped } : {}),
    viewed: {
      products: [...ours.viewed.products, ...theirs.viewed.products]
        .sort((a, b) => b.time - a.time)
        .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
        .slice(0, KEEP_VIEWED),
      categories: mergeCounts(base.viewed.categories, ours.viewed.categories, theirs.viewed.categories),
    },
    widgets: mergeRecords(base.widgets, ours.widgets, theirs.widgets, mergeWidget),
    // The customer card loaded last wins (both tabs loaded it from the shop).
    customer: (ours.customer?.loaded ?? 0) > (theirs.customer?.loaded ?? 0) ? ours.customer : theirs.customer,
  };
}

function changedKeys(base: Record<string, unknown>, ours: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(ours)) {
    if (key === "__proto__") continue;
    if (JSON.stringify(ours[key]) !== JSON.stringify(own(base, key))) changed[key] = ours[key];
  }
  return changed;
}

function later<T extends { time: number } | null>(a: T, b: T): T {
  if (!a) return b;
  if (!b) return a;
  return a.time >= b.time ? a : b;
}

/** The newer session; its page count gains what we added to it, and a page we noted on its trail is the last one. */
function mergeSession(base: Profile, ours: Profile, theirs: Profile): Profile["session"] {
  if (ours.session.id === theirs.session.id) {
    const added = ours.session.pages - (base.session.id === ours.session.id ? base.session.pages : 0);
    const trail = JSON.stringify(ours.session.trail) !== JSON.stringify(base.session.trail) ? ours.session.trail : theirs.session.trail;
    return { ...theirs.session, pages: theirs.session.pages + Math.max(0, added), trail };
  }
  return ours.session.start > theirs.session.start ? ours.session : theirs.session;
}

/** Their cart, plus our quantity changes per line; a line we removed is removed. */
function mergeCart(base: CartLine[], ours: CartLine[], theirs: CartLine[]): CartLine[] {
  const find = (cart: CartLine[], id: string) => cart.find((line) => line.id === id);
  const result = theirs.map((line) => ({ ...line }));
  for (const line of base) {
    if (!find(ours, line.id)) {
      const index = result.findIndex((l) => l.id === line.id);
      if (index >= 0) result.splice(index, 1);
    }
  }
  for (const line of ours) {
    const added = line.quantity - (find(base, line.id)?.quantity ?? 0);
    const theirsLine = result.find((l) => l.id === line.id);
    if (theirsLine) theirsLine.quantity = Math.max(0, theirsLine.quantity + added);
    else if (!find(base, line.id)) result.push({ ...line }); // new to us; a line they removed stays removed
  }
  return result.filter((line) => line.quantity > 0);
}

function mergeRecords<T>(base: Record<string, T>, ours: Record<string, T>, theirs: Record<string, T>, merge: (b: T | undefined, o: T, t: T | undefined) => T): Record<string, T> {
  const result: Record<string, T> = { ...theirs };
  for (const key of Object.keys(ours)) {
    if (key === "__proto__") continue;
    const o = ours[key];
    const b = own(base, key);
    if (b !== undefined && JSON.stringify(b) === JSON.stringify(o)) continue; // unchanged by us
    result[key] = merge(b, o, own(theirs, key));
  }
  return result;
}

function mergeCounts(base: Record<string, number>, ours: Record<string, number>, theirs: Record<string, number>): Record<string, number> {
  return mergeRecords(base, ours, theirs, (b, o, t) => (t ?? 0) + o - (b ?? 0));
}

/** Counts add our difference; `recent` gains our newest events, in time order. */
export function mergeHistory(base: EventHistory | undefined, ours: EventHistory, theirs: EventHistory | undefined): EventHistory {
  if (!theirs) return ours;
  const added = ours.count - (base?.count ?? 0);
  const recent = ours.recent ?? [];
  const fresh = added > 0 ? recent.slice(-Math.min(added, recent.length)) : [];
  return {
    count: theirs.count + added,
    first: Math.min(ours.first, theirs.first),
    last: Math.max(ours.last, theirs.last),
    days: mergeCounts(base?.days ?? {}, ours.days ?? {}, theirs.days ?? {}),
    recent: [...(theirs.recent ?? []), ...fresh].sort((a, b) => a.t - b.t).slice(-KEEP_RECENT),
  };
}

const COUNTERS = ["shown", "closed", "converted", "dismissed"] as const;
const TIMES = ["lastShown", "lastClosed", "lastConverted", "lastDismissed", "lastEligible", "goalExposure"] as const;

/** Counters add our difference, times take the later, per-session and per-day caps follow the newest show. */
function mergeWidget(base: WidgetHistory | undefined, ours: WidgetHistory, theirs: WidgetHistory | undefined): WidgetHistory {
  if (!theirs) return ours;
  const result: WidgetHistory = { ...theirs, variant: theirs.variant ?? ours.variant };
  for (const key of COUNTERS) {
    const sum = (theirs[key] ?? 0) + (ours[key] ?? 0) - (base?.[key] ?? 0);
    if (sum || theirs[key] !== undefined || ours[key] !== undefined) result[key] = sum;
  }
  for (const key of TIMES) {
    const a = ours[key];
    const b = theirs[key];
    if (a !== undefined || b !== undefined) result[key] = Math.max(a ?? -Infinity, b ?? -Infinity);
  }
  // The widget's own state: keys this tab changed win over the other tab's.
  if (ours.state !== base?.state) result.state = { ...theirs.state, ...changedKeys(base?.state ?? {}, ours.state ?? {}) };
  const ownSession = (w: WidgetHistory | undefined, id: string) => (w && w.sessionId === id ? w.sessionShown : 0);
  const ownDay = (w: WidgetHistory | undefined, day: string) => (w && w.day === day ? w.dayShown : 0);
  if (ours.sessionId === theirs.sessionId) result.sessionShown = theirs.sessionShown + ours.sessionShown - ownSession(base, ours.sessionId);
  else if (ours.lastShown > theirs.lastShown) Object.assign(result, { sessionId: ours.sessionId, sessionShown: ours.sessionShown });
  if (ours.day === theirs.day) result.dayShown = theirs.dayShown + ours.dayShown - ownDay(base, ours.day);
  else if (ours.lastShown > theirs.lastShown) Object.assign(result, { day: ours.day, dayShown: ours.dayShown });
  return result;
}
