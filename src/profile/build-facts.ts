import type { Env } from "../env/env.js";
import { browserName, osName } from "../track/user-agent.js";
import { cartCount, cartValue } from "./cart.js";
import type { Facts, PageFacts, VisitorFacts, WidgetFacts } from "./facts.js";
import { dayOf, type Profile, type WidgetHistory } from "./profile.js";
import type { RfmThresholds } from "./rfm.js";
import { answerFacts } from "./answer-facts.js";
import { derivedOrUnknown, type DerivedFacts } from "./derived-slot.js";

export interface FactsContext {
  page: PageFacts;
  /** When the current page view started, for `visitor.secondsOnPage` when `visibleSeconds` is not given. */
  pageStart: number;
  /** Seconds the page has been visible (see `watchEngagement`). */
  visibleSeconds?: number;
  /** Seconds the site has been visible this session, this page included (see `siteClock`). */
  siteSeconds?: number;
  /** Largest share of the page scrolled into view, 0–100. */
  scrollDepth?: number;
  /** True when this profile was created during this page load. */
  isNew: boolean;
  currency: string;
  /** Segment names the visitor is in, computed by the rules step. */
  segments?: string[];
  /** The rules file's `settings.rfm`: score boundaries that replace the defaults. */
  rfm?: Partial<RfmThresholds>;
  /** Leave `visitor.timezone` empty: reading it is the page's first Intl call (~80 ms of ICU loading in Chromium). */
  skipTimezone?: boolean;
}

/** Derives the facts document from the profile and the page: plain JSON, no functions. */
export function buildFacts(profile: Profile, context: FactsContext, env: Env): Facts {
  const now = env.now();
  const time = new Date(now);
  const orders = profile.orders;
  // rfm, scores and the usual time come from a lazy chunk, loaded before the rules compile when they use
  // them; a call for the whole document (not a decision's: those skip the timezone) loads it for the next.
  const derived = derivedOrUnknown(profile, now, context.rfm, !context.skipTimezone);
  return {
    page: context.page,
    visitor: visitorFacts(profile, context, env, now, derived.usual),
    time: { now, hour: time.getHours(), weekday: time.getDay(), date: dayOf(now) },
    cart: {
      count: cartCount(profile.cart),
      value: cartValue(profile.cart),
      currency: context.currency,
      items: profile.cart,
    },
    orders: {
      count: orders.count,
      total: orders.total,
      average: orders.count ? Math.round((orders.total / orders.count) * 100) / 100 : 0,
      last: orders.last,
    },
    attributes: profile.attributes,
    segments: context.segments ?? [],
    events: profile.events,
    rfm: derived.rfm,
    scores: derived.scores,
    viewed: viewedFacts(profile.viewed),
    ...answerFacts(profile.widgets, env.window),
    widgets: Object.fromEntries(Object.entries(profile.widgets).map(([id, history]) => [id, widgetFacts(history)])),
  };
}

function widgetFacts(h: WidgetHistory): WidgetFacts {
  const when = (time: number | undefined) => time || null; // 0: never
  return {
    shown: h.shown,
    lastShown: when(h.lastShown),
    closed: h.closed,
    lastClosed: when(h.lastClosed),
    dismissed: h.dismissed ?? 0,
    lastDismissed: when(h.lastDismissed),
    converted: h.converted,
    lastConverted: when(h.lastConverted),
    variant: h.variant ?? null,
    state: h.state ?? {},
  };
}

function viewedFacts(viewed: Profile["viewed"]): Facts["viewed"] {
  const [last] = viewed.products;
  return {
    products: viewed.products.map((p) => p.id),
    categories: Object.keys(viewed.categories).sort((a, b) => viewed.categories[b] - viewed.categories[a]),
    last: last ? { id: last.id, name: last.name, price: last.price, category: last.category } : null,
  };
}

function visitorFacts(profile: Profile, context: FactsContext, env: Env, now: number, usual: DerivedFacts["usual"]): VisitorFacts {
  const nav = env.window?.navigator;
  const userAgent = nav?.userAgent ?? "";
  const secondsOnPage = context.visibleSeconds ?? Math.max(0, Math.round((now - context.pageStart) / 1000));
  return {
    id: profile.userId ?? profile.id,
    isNew: context.isNew,
    visits: profile.sessions,
    sessions: profile.sessions,
    pagesThisSession: profile.session.pages,
    pagesTotal: profile.pagesTotal,
    firstSeen: profile.firstSeen,
    lastSeen: profile.lastSeen,
    secondsOnPage,
    secondsOnSite: context.siteSeconds ?? secondsOnPage,
    scrollDepth: context.scrollDepth ?? 0,
    device: deviceType(userAgent, env.window?.innerWidth ?? 1024),
    os: osName(userAgent),
    browser: browserName(userAgent),
    viewport: { width: env.window?.innerWidth ?? 0, height: env.window?.innerHeight ?? 0 },
    language: nav?.language ?? "",
    timezone: context.skipTimezone ? "" : timeZone(),
    source: profile.session.source ?? null,
    firstSource: profile.firstSource ?? null,
    ...usual,
  };
}

/** Coarse device class from the user agent, with the viewport as a tie-breaker. */
export function deviceType(userAgent: string, viewportWidth: number): VisitorFacts["device"] {
  if (/iPad|Tablet|PlayBook|Silk|(Android(?!.*Mobile))/i.test(userAgent)) return "tablet";
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(userAgent)) return "mobile";
  return viewportWidth < 600 ? "mobile" : "desktop";
}

function timeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return "";
  }
}
