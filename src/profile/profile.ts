import type { CartItem } from "./facts.js";

/** Bump when the stored shape changes, and add a step to `migrateProfile`. */
export const PROFILE_VERSION = 1;

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
  session: { id: string; start: number; pages: number };
  pagesTotal: number;
  attributes: Record<string, unknown>;
  cart: CartItem[];
  orders: { count: number; total: number; last: { id: string; value: number; time: number } | null };
  events: Record<string, { count: number; last: number }>;
  widgets: Record<string, WidgetHistory>;
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

export function recordPageView(profile: Profile, now: number, newId: () => string): Profile {
  const touched = touchSession(profile, now, newId);
  return {
    ...touched,
    pagesTotal: touched.pagesTotal + 1,
    session: { ...touched.session, pages: touched.session.pages + 1 },
    events: countEvent(touched.events, "page_view", now),
  };
}

export function recordEvent(profile: Profile, name: string, now: number, newId: () => string): Profile {
  const touched = touchSession(profile, now, newId);
  return { ...touched, events: countEvent(touched.events, name, now) };
}

function countEvent(events: Profile["events"], name: string, now: number): Profile["events"] {
  const previous = Object.prototype.hasOwnProperty.call(events, name) ? events[name] : undefined;
  return { ...events, [name]: { count: (previous?.count ?? 0) + 1, last: now } };
}

/** The stored profile if it is one we can read (migrated), else undefined: the caller starts clean. */
export function migrateProfile(stored: unknown): Profile | undefined {
  if (!isRecord(stored) || stored.v !== PROFILE_VERSION) return undefined;
  const p = stored as unknown as Profile;
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
    isRecord(p.widgets) &&
    isRecord(p.attributes);
  return wellFormed ? p : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
