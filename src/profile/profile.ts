import type { EventHistory } from "../rules/condition/types.js";
import type { PageTrail } from "../track/page-trail.js";
import type { VisitSource } from "../track/source.js";
import type { CartLine } from "./facts.js";
import { addEvent, capEventNames, upgradeHistory } from "./history.js";
import { own } from "../env/own.js";
import type { CustomerCard } from "./customer-card.js";

/** Bump when the stored shape changes, and add a step to `migrateProfile`. */
export const PROFILE_VERSION = 2;

/** Products kept in the recently-viewed list. */
export const KEEP_VIEWED = 20;

/** A product the visitor looked at (from `view_item`). */
export interface ViewedProduct {
  id: string;
  name?: string;
  price?: number;
  category?: string;
  time: number;
}

/** A session ends after this much inactivity, as in common analytics tools. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** What Nudge remembers about one widget for this visitor (frequency caps read it). */
export interface WidgetHistory {
  shown: number;
  lastShown: number;
  /** Session in which it was last shown, and how often in that session. */
  sessionId: string;
  sessionShown: number;
  /** Day (YYYY-MM-DD) on which it was last shown, and how often that day. */
  day: string;
  dayShown: number;
  /** Every close (visitor, CTA, replaced, API), and the last one. */
  closed: number;
  lastClosed: number;
  /** Closes by the visitor: × button, Esc, backdrop, "no thanks" (not a CTA click, not a replacement). */
  dismissed?: number;
  lastDismissed?: number;
  converted: number;
  lastConverted: number;
  /** The variant this visitor was assigned (sticky), or "holdout" for the control group. */
  variant?: string;
  /** When it last passed every gate (for holdout visitors, the start of the goal window). */
  lastEligible?: number;
  /** The widget's own state for this visitor (`saveState`): an evergreen deadline, a chat's position. */
  state?: Record<string, unknown>;
  /** The exposure (lastShown, or lastEligible for holdout) that a goal already converted: once per showing. */
  goalExposure?: number;
}

/** The visitor profile as stored; the facts document is derived from it. */
export interface Profile {
  v: typeof PROFILE_VERSION;
  /** Bumped on every change: of two stored copies, the higher one is newer. */
  rev: number;
  id: string;
  userId?: string;
  firstSeen: number;
  lastSeen: number;
  sessions: number;
  /** The current session; `source` is where the visit that started it came from, `trail` its landing and last pages. */
  session: { id: string; start: number; pages: number; source?: VisitSource; trail?: PageTrail };
  /** Where the visitor came from the very first time (first touch). */
  firstSource?: VisitSource;
  pagesTotal: number;
  attributes: Record<string, unknown>;
  cart: CartLine[];
  orders: { count: number; total: number; last: { id: string; value: number; time: number } | null };
  /** Per event name: a bounded history (see `EventHistory`), whatever the number of events. */
  events: Record<string, EventHistory>;
  /** How many event names were dropped to keep `events` within `MAX_EVENT_NAMES` names (absent while none was). */
  eventNamesDropped?: number;
  /** Recently viewed products, newest first, and how often each category was viewed. */
  viewed: { products: ViewedProduct[]; categories: Record<string, number> };
  widgets: Record<string, WidgetHistory>;
  /** The shop's card of this customer (`identify(id, traits, { token })`) and when it was loaded; gone with `forget()` or another person's login. */
  customer?: { card: CustomerCard; loaded: number };
}

export function newProfile(id: string, now: number): Profile {
  return {
    v: PROFILE_VERSION,
    rev: 0,
    id,
    firstSeen: now,
    lastSeen: now,
    sessions: 0,
    session: { id: "", start: 0, pages: 0 },
    pagesTotal: 0,
    attributes: {},
    cart: [],
    orders: { count: 0, total: 0, last: null },
    events: {},
    viewed: { products: [], categories: {} },
    widgets: {},
  };
}

/** Local calendar day, `YYYY-MM-DD`: sessions and daily caps roll over at the visitor's midnight. */
export function dayOf(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Starts a new session when there is none, after 30 minutes idle, or across midnight. */
export function touchSession(profile: Profile, now: number, newId: () => string): Profile {
  const current = profile.session;
  const expired = !current.id || now - profile.lastSeen > SESSION_IDLE_MS || dayOf(now) !== dayOf(profile.lastSeen);
  if (!expired) return { ...profile, lastSeen: Math.max(now, profile.lastSeen) };
  return { ...profile, lastSeen: now, sessions: profile.sessions + 1, session: { id: newId(), start: now, pages: 0 } };
}

/** Counts a page view; `source` says where this visit came from and is kept when it starts a session. */
export function recordPageView(profile: Profile, now: number, newId: () => string, source?: VisitSource): Profile {
  const touched = touchSession(profile, now, newId);
  const starts = touched.session.pages === 0;
  return {
    ...touched,
    pagesTotal: touched.pagesTotal + 1,
    session: { ...touched.session, pages: touched.session.pages + 1, ...(starts && source ? { source } : {}) },
    firstSource: touched.firstSource ?? source,
    ...countEvent(touched, "page_view", now),
  };
}

export function recordEvent(profile: Profile, name: string, now: number, newId: () => string, props?: Record<string, unknown>): Profile {
  const touched = touchSession(profile, now, newId);
  const viewed = name === "view_item" && props ? recordViewed(touched.viewed, props, now) : touched.viewed;
  return { ...touched, viewed, ...countEvent(touched, name, now, props) };
}

/** The profile's events with one more, the least recently seen names dropped past the cap (and counted). */
function countEvent(profile: Profile, name: string, now: number, props?: Record<string, unknown>): Pick<Profile, "events" | "eventNamesDropped"> {
  const { events, dropped } = capEventNames({ ...profile.events, [name]: addEvent(own(profile.events, name), now, props) });
  return dropped ? { events, eventNamesDropped: (profile.eventNamesDropped ?? 0) + dropped } : { events };
}

/** Moves a viewed product to the front of the recently-viewed list and counts its category. */
function recordViewed(viewed: Profile["viewed"], props: Record<string, unknown>, now: number): Profile["viewed"] {
  const id = typeof props.id === "number" ? String(props.id) : props.id;
  if (typeof id !== "string" || !id) return viewed;
  const product: ViewedProduct = { id, time: now };
  if (typeof props.name === "string") product.name = props.name;
  if (typeof props.price === "number") product.price = props.price;
  const category = typeof props.category === "string" && props.category !== "__proto__" ? props.category : undefined;
  if (category) product.category = category;
  return {
    products: [product, ...viewed.products.filter((p) => p.id !== id)].slice(0, KEEP_VIEWED),
    categories: category ? { ...viewed.categories, [category]: (own(viewed.categories, category) ?? 0) + 1 } : viewed.categories,
  };
}

/** v1 kept `{ count, last }` per event and no recently-viewed list. */
function fromV1(stored: Record<string, unknown>): Record<string, unknown> {
  const events: Record<string, EventHistory> = {};
  if (isRecord(stored.events)) for (const [name, old] of Object.entries(stored.events)) if (isRecord(old)) events[name] = upgradeHistory(old);
  return { ...stored, v: 2, events, viewed: { products: [], categories: {} } };
}

/** The stored profile if it is one we can read (migrated to the current version), else undefined: the caller starts clean. */
export function migrateProfile(stored: unknown): Profile | undefined {
  if (!isRecord(stored)) return undefined;
  const current = stored.v === 1 ? fromV1(stored) : stored;
  if (current.v !== PROFILE_VERSION) return undefined;
  const p = current as unknown as Profile;
  const wellFormed =
    typeof p.rev === "number" &&
    typeof p.id === "string" &&
    typeof p.firstSeen === "number" &&
    typeof p.lastSeen === "number" &&
    typeof p.sessions === "number" &&
    isRecord(p.session) &&
    Array.isArray(p.cart) &&
    isRecord(p.orders) &&
    isRecord(p.events) &&
    isRecord(p.viewed) &&
    Array.isArray(p.viewed.products) &&
    isRecord(p.viewed.categories) &&
    isRecord(p.widgets) &&
    isRecord(p.attributes);
  return wellFormed ? p : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
