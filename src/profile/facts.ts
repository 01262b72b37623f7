import type { EventHistory } from "../rules/condition/types.js";
import type { PageType } from "../track/page-type.js";
import type { VisitSource } from "../track/source.js";
import type { BrowserName, OsName } from "../track/user-agent.js";
import type { RfmFacts } from "./rfm.js";
import type { PushFacts } from "./answer-facts.js";
import type { ScoreFacts } from "./scores.js";
import type { CustomerFacts } from "./customer-facts.js";

/**
 * The facts document: everything a condition in the rules file can test,
 * addressed by dotted paths such as `visitor.pagesThisSession` or `cart.value`.
 * It is plain JSON, rebuilt from the profile and the page on every decision.
 */
export interface Facts {
  page: PageFacts;
  visitor: VisitorFacts;
  time: TimeFacts;
  cart: CartFacts;
  orders: OrderFacts;
  /** Traits from `identify()` and answers from lead forms, bots and surveys. */
  attributes: Record<string, unknown>;
  /** Names of the rules file's segments the visitor is in now. */
  segments: string[];
  /** Per event name: count, first and last time, per-day counts and the last raw events (what `$event` reads). */
  events: Record<string, EventHistory>;
  /** Recency, frequency and monetary scores (1–5) and the RFM segment; zeros and null before the first order. */
  rfm: RfmFacts;
  /** Behavioural scores, each 0–1: `scores.discountSensitivity`, `scores.purchaseIntent`, `scores.churnRisk` (see `src/profile/scores.ts`). */
  scores: ScoreFacts;
  /** Recently viewed product ids (newest first) and categories (most viewed first). */
  viewed: { products: string[]; categories: string[]; last: { id: string; name?: string; price?: number; category?: string } | null };
  /** What the visitor did with each widget, by its id: `widgets.welcome.lastDismissed`, `widgets.flash.state.deadline`. */
  widgets: Record<string, WidgetFacts>;
  /** Web push: `push.permission` (default, granted, denied, unsupported), and the asks of `push-ask` widgets: `push.asked`, `push.lastAsked`, `push.declined` (times). */
  push?: PushFacts;
  /** Survey answers by survey (widget id) and question id: `survey.feedback.found`. */
  survey?: Record<string, Record<string, string | number | string[]>>;
  /**
   * The shop's customer card merged with this browser's orders (`customer.averageOrder`, `customer.boughtWithin.30d`);
   * absent for a visitor with neither a card nor an order. With a card, `orders` and `rfm` are the merged record's too.
   */
  customer?: CustomerFacts;
  /** The visitor's consent by category (`consent.measurement`); set by the instance (facts built by `buildFacts` alone lack it). */
  consent?: { storage: boolean; personalization: boolean; measurement: boolean };
}

/**
 * One widget's history for this visitor: counts, and when each thing last happened (null when
 * it never did), the sticky variant (or "holdout") and the widget's own saved state (an evergreen
 * countdown's `deadline`, so a rule can tell that the offer is over).
 */
export interface WidgetFacts {
  shown: number;
  lastShown: number | null;
  closed: number;
  lastClosed: number | null;
  /** Closed by the visitor (×, Esc, the backdrop, "no thanks"). */
  dismissed: number;
  lastDismissed: number | null;
  converted: number;
  lastConverted: number | null;
  variant: string | null;
  state: Record<string, unknown>;
}

export interface PageFacts {
  url: string;
  path: string;
  title: string;
  referrer: string;
  /** Query parameters of the current URL. */
  query: Record<string, string>;
  /** `utm_*` parameters without the prefix: `{ source, medium, campaign, term, content }`. */
  utm: Record<string, string>;
  /**
   * What kind of page this is: home, category, product, cart, checkout or other. From the host's hint
   * (`nudge.page({ type })` or `<meta name="nudge:page-type" content="…">`), else the rules file's
   * `settings.pageTypes` path patterns, else "home" for `/` and "other".
   */
  type: PageType;
  /** Path of the first page of this session (the landing page). */
  landing: string;
  /** Path of the page viewed before this one in this session; "" on the landing page. */
  previous: string;
}

export interface VisitorFacts {
  id: string;
  isNew: boolean;
  visits: number;
  sessions: number;
  pagesThisSession: number;
  pagesTotal: number;
  firstSeen: number;
  lastSeen: number;
  /** Seconds the current page has been visible (time in a background tab does not count). */
  secondsOnPage: number;
  /** Seconds the site has been visible in this tab this session, over all its pages (what the `time_on_site` trigger counts). */
  secondsOnSite: number;
  /** Largest share of the current page scrolled into view, 0–100. */
  scrollDepth: number;
  device: "mobile" | "tablet" | "desktop";
  /** Operating system: ios, android, windows, macos, linux, chromeos or other. */
  os: OsName;
  /** Browser: chrome, safari, firefox, edge, opera, samsung or other. */
  browser: BrowserName;
  /** Size of the browser's viewport in CSS pixels. */
  viewport: { width: number; height: number };
  language: string;
  timezone: string;
  /** Where this session's visit came from: channel (paid, email, social, search, referral, direct), source, medium, campaign. */
  source: VisitSource | null;
  /** Where the visitor came from the very first time. */
  firstSource: VisitSource | null;
  /** The local hour (0–23) this visitor is most often on the site, learned from their page views; null until 2 days are known. */
  usualHour: number | null;
  /** Weekdays (0 = Sunday) this visitor usually comes on, ascending; empty until 2 days are known. */
  usualWeekdays: number[];
  /** True when the current hour is the usual hour or one either side of it (what `trigger.smartTiming` waits for). */
  activeNow: boolean;
}

export interface TimeFacts {
  /** Milliseconds since the epoch. */
  now: number;
  hour: number;
  /** 0 = Sunday … 6 = Saturday, in the visitor's time zone. */
  weekday: number;
  /** `YYYY-MM-DD` in the visitor's time zone. */
  date: string;
}

/** A line of the cart in the facts (`cart.items`): a `CartItem` as recorded, its id a string and its quantity filled in. */
export interface CartLine {
  id: string;
  name?: string;
  price: number;
  quantity: number;
  category?: string;
  /** Product image URL, shown by the popup's cart-items block. */
  image?: string;
}

export interface CartFacts {
  count: number;
  value: number;
  currency: string;
  items: CartLine[];
}

export interface OrderFacts {
  count: number;
  total: number;
  average: number;
  /** The last order: id, value and when it happened. */
  last: { id: string; value: number; time: number } | null;
}
