import type { BrowserName, OsName } from "../track/user-agent.js";
import type { Channel } from "../track/source.js";
import type { PageType } from "../track/page-type.js";
import type { RfmSegment } from "../profile/rfm.js";

/*
 * Every path a condition or a template can read in the facts document, defined once. The
 * validator checks rules against it, docs/facts-reference.md is generated from it, and the
 * playground and debug panel show its descriptions. It is never part of the runtime chunk:
 * only the validator (a lazy chunk), the CLI, the docs and the tools import it.
 */

/** What a fact holds. `timestamp` is milliseconds since the epoch (a number); `any`: whatever the site or a widget stored. */
export type FactType = "string" | "number" | "boolean" | "timestamp" | "string[]" | "array" | "object" | "any";

export interface FactEntry {
  /**
   * Dotted path. A segment in angle brackets is a wildcard: `widgets.<id>.shown` stands for
   * `widgets.welcome.shown`. `[]` marks the fields of each element of an array (`cart.items[].price`),
   * which `$elemMatch` and the cart-items block read.
   */
  path: string;
  type: FactType;
  /** The only values it takes, when it has a fixed set. */
  values?: readonly string[];
  /** Inclusive range of a number, where it has one. */
  range?: readonly [number, number];
  unit?: string;
  /** May be null (e.g. before the first order). */
  nullable?: boolean;
  /** One line, plain words. */
  description: string;
  example: unknown;
}

/** An event name Nudge records by itself, what `$event`, `goal.event` and the `event` trigger may name without declaring it. */
export interface EventEntry {
  name: string;
  description: string;
  /** Its props, what `where` can test as `props.<name>`. */
  props: readonly string[];
}

/** Lists that must name every member of a union type: a compile error when the type grows. */
const all =
  <T extends string>() =>
  <L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)) =>
    list;

export const PAGE_TYPE_VALUES = all<PageType>()(["home", "category", "product", "cart", "checkout", "other"] as const);
const DEVICES = ["mobile", "tablet", "desktop"] as const;
const OSES = all<OsName>()(["ios", "android", "windows", "macos", "linux", "chromeos", "other"] as const);
const BROWSERS = all<BrowserName>()(["chrome", "safari", "firefox", "edge", "opera", "samsung", "other"] as const);
const CHANNELS = all<Channel>()(["paid", "email", "social", "search", "referral", "direct"] as const);
const RFM_SEGMENTS = all<RfmSegment>()([
  "champions",
  "loyal_customers",
  "potential_loyalists",
  "new_customers",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose_them",
  "hibernating",
  "lost",
] as const);

const EPOCH = "ms since the epoch";
const MONEY = "money, in settings.currency";

function source(prefix: string, which: string): FactEntry[] {
  return [
    {
      path: prefix,
      type: "object",
      nullable: true,
      description: `Where ${which} came from (null until the first page view).`,
      example: { channel: "search", source: "google", medium: "organic", campaign: "" },
    },
    {
      path: `${prefix}.channel`,
      type: "string",
      values: CHANNELS,
      description: `Channel of ${which}, classified from UTM tags, ad click ids and the referrer.`,
      example: "search",
    },
    { path: `${prefix}.source`, type: "string", description: `utm_source of ${which}, else the referring host without "www.", else "(direct)".`, example: "google" },
    { path: `${prefix}.medium`, type: "string", description: `utm_medium of ${which}, else "referral" or "(none)".`, example: "cpc" },
    { path: `${prefix}.campaign`, type: "string", description: `utm_campaign of ${which}, "" without one.`, example: "black_friday" },
  ];
}

function widgetHistory(): FactEntry[] {
  const w = "widgets.<id>";
  const count = (key: string, what: string): FactEntry[] => [
    { path: `${w}.${key}`, type: "number", unit: "times", description: `How many times this widget was ${what}.`, example: 1 },
    {
      path: `${w}.last${key[0].toUpperCase()}${key.slice(1)}`,
      type: "timestamp",
      unit: EPOCH,
      nullable: true,
      description: `When it was last ${what}; null if never. Test with {"$olderThan": "1d"}.`,
      example: 1_764_000_000_000,
    },
  ];
  return [
    { path: w, type: "object", description: "What this visitor did with the widget of this id in the rules file.", example: { shown: 1, converted: 0 } },
    ...count("shown", "shown"),
    ...count("closed", "closed, any way"),
    ...count("dismissed", 'dismissed by the visitor (×, Esc, the backdrop, "no thanks")'),
    ...count("converted", "converted (its goal reached)"),
    { path: `${w}.variant`, type: "string", nullable: true, description: 'The sticky variant id this visitor got, or "holdout"; null before assignment.', example: "b" },
    { path: `${w}.state`, type: "object", description: "The widget's own saved state.", example: { deadline: 1_764_000_000_000 } },
    { path: `${w}.state.<key>`, type: "any", description: "One key of the widget's saved state, e.g. an evergreen countdown's deadline.", example: 1_764_000_000_000 },
  ];
}

/** Every fact path, once. Order is the reference's order. */
export const FACTS: readonly FactEntry[] = [
  { path: "page", type: "object", description: "The current page.", example: { path: "/shoes", type: "category" } },
  { path: "page.url", type: "string", description: "The full URL of the current page.", example: "https://shop.example/shoes?utm_source=google" },
  { path: "page.path", type: "string", description: "The URL's path, without query or hash.", example: "/shoes" },
  { path: "page.title", type: "string", description: "The document's title.", example: "Running shoes" },
  { path: "page.referrer", type: "string", description: 'The page the visitor came from; "" when none.', example: "https://www.google.com/" },
  {
    path: "page.type",
    type: "string",
    values: PAGE_TYPE_VALUES,
    description: 'Kind of page: from nudge.page({type}), <meta name="nudge:page-type">, settings.pageTypes, else home for / and other.',
    example: "product",
  },
  { path: "page.query", type: "object", description: "The URL's query parameters.", example: { q: "boots" } },
  { path: "page.query.<name>", type: "string", description: "One query parameter of the URL, as text.", example: "boots" },
  { path: "page.utm", type: "object", description: "The URL's utm_* parameters without the prefix.", example: { source: "google", campaign: "sale" } },
  { path: "page.utm.source", type: "string", description: "utm_source of the current URL.", example: "google" },
  { path: "page.utm.medium", type: "string", description: "utm_medium of the current URL.", example: "cpc" },
  { path: "page.utm.campaign", type: "string", description: "utm_campaign of the current URL.", example: "black_friday" },
  { path: "page.utm.term", type: "string", description: "utm_term of the current URL.", example: "running shoes" },
  { path: "page.utm.content", type: "string", description: "utm_content of the current URL.", example: "banner_a" },
  { path: "page.landing", type: "string", description: "Path of the first page of this session.", example: "/sale" },
  { path: "page.previous", type: "string", description: 'Path of the page viewed before this one this session; "" on the landing page.', example: "/shoes" },

  { path: "visitor", type: "object", description: "Who the visitor is and what they do on the site.", example: { isNew: true, pagesThisSession: 2 } },
  { path: "visitor.id", type: "string", description: "The id given to identify(), else the anonymous id Nudge made.", example: "c-1024" },
  { path: "visitor.isNew", type: "boolean", description: "True when the profile was created during this page load.", example: true },
  { path: "visitor.visits", type: "number", unit: "sessions", description: "Number of sessions (visits) so far, this one included.", example: 3 },
  { path: "visitor.sessions", type: "number", unit: "sessions", description: "Same as visitor.visits.", example: 3 },
  { path: "visitor.pagesThisSession", type: "number", unit: "pages", description: "Pages viewed in this session, this one included.", example: 2 },
  { path: "visitor.pagesTotal", type: "number", unit: "pages", description: "Pages viewed over all sessions.", example: 14 },
  { path: "visitor.firstSeen", type: "timestamp", unit: EPOCH, description: "When the visitor was first seen.", example: 1_764_000_000_000 },
  { path: "visitor.lastSeen", type: "timestamp", unit: EPOCH, description: "When the visitor was last active.", example: 1_764_000_000_000 },
  { path: "visitor.secondsOnPage", type: "number", unit: "seconds", description: "Seconds this page has been visible (a background tab does not count).", example: 30 },
  { path: "visitor.secondsOnSite", type: "number", unit: "seconds", description: "Seconds the site has been visible this session, over all its pages.", example: 120 },
  { path: "visitor.scrollDepth", type: "number", unit: "percent", range: [0, 100], description: "Largest share of this page scrolled into view.", example: 50 },
  { path: "visitor.device", type: "string", values: DEVICES, description: "Device class, from the user agent and the viewport width.", example: "mobile" },
  { path: "visitor.os", type: "string", values: OSES, description: "Operating system, from the user agent.", example: "ios" },
  { path: "visitor.browser", type: "string", values: BROWSERS, description: "Browser, from the user agent.", example: "safari" },
  { path: "visitor.viewport", type: "object", description: "Size of the browser's viewport.", example: { width: 390, height: 844 } },
  { path: "visitor.viewport.width", type: "number", unit: "CSS px", description: "Viewport width.", example: 390 },
  { path: "visitor.viewport.height", type: "number", unit: "CSS px", description: "Viewport height.", example: 844 },
  { path: "visitor.language", type: "string", description: "The browser's language (navigator.language).", example: "en-US" },
  { path: "visitor.timezone", type: "string", description: "IANA time zone of the browser.", example: "Europe/Berlin" },
  {
    path: "visitor.usualHour",
    type: "number",
    unit: "hour",
    range: [0, 23],
    nullable: true,
    description: "Local hour the visitor is seen on the most days (null until two days are known); trigger.smartTiming waits for it.",
    example: 20,
  },
  {
    path: "visitor.usualWeekdays",
    type: "array",
    description: "Weekdays (0 = Sunday … 6) with at least half the active days of the busiest one; empty until two days are known.",
    example: [1, 3],
  },
  { path: "visitor.activeNow", type: "boolean", description: "True within an hour of the visitor's usual hour.", example: true },
  ...source("visitor.source", "this session's visit"),
  ...source("visitor.firstSource", "the visitor's very first visit"),

  { path: "time", type: "object", description: "The visitor's clock.", example: { hour: 20, weekday: 5 } },
  { path: "time.now", type: "timestamp", unit: EPOCH, description: "The current time, for comparing with other timestamps.", example: 1_764_000_000_000 },
  { path: "time.hour", type: "number", unit: "hour", range: [0, 23], description: "Hour of the day in the visitor's time zone.", example: 20 },
  { path: "time.weekday", type: "number", range: [0, 6], description: "Day of the week in the visitor's time zone: 0 = Sunday … 6 = Saturday.", example: 5 },
  { path: "time.date", type: "string", description: "Today's date in the visitor's time zone, YYYY-MM-DD (compare as text).", example: "2026-12-24" },

  { path: "cart", type: "object", description: "The visitor's cart.", example: { count: 2, value: 59.8 } },
  { path: "cart.count", type: "number", unit: "items", description: "Number of items in the cart (quantities added up).", example: 2 },
  { path: "cart.value", type: "number", unit: MONEY, description: "Total value of the cart.", example: 59.8 },
  { path: "cart.currency", type: "string", description: "settings.currency (USD without one).", example: "USD" },
  {
    path: "cart.items",
    type: "array",
    description: "The cart's lines; test them with $elemMatch, list them with the cart-items block.",
    example: [{ id: "sku-1", name: "Socks", price: 9.9, quantity: 2 }],
  },
  { path: "cart.items[].id", type: "string", description: "Product id of the line.", example: "sku-1" },
  { path: "cart.items[].name", type: "string", description: "Product name of the line, when tracked.", example: "Socks" },
  { path: "cart.items[].price", type: "number", unit: MONEY, description: "Price of one unit.", example: 9.9 },
  { path: "cart.items[].quantity", type: "number", description: "Units of this product in the cart.", example: 2 },
  { path: "cart.items[].category", type: "string", description: "Product category of the line, when tracked.", example: "socks" },
  { path: "cart.items[].image", type: "string", description: "Product image URL of the line, when tracked.", example: "https://shop.example/socks.jpg" },

  {
    path: "orders",
    type: "object",
    description: "The visitor's orders recorded with purchase(); with a customer card, the shop's record merged in by order id.",
    example: { count: 1, total: 59.8 },
  },
  { path: "orders.count", type: "number", unit: "orders", description: "Number of orders.", example: 1 },
  { path: "orders.total", type: "number", unit: MONEY, description: "Money spent over all orders.", example: 120 },
  { path: "orders.average", type: "number", unit: MONEY, description: "Average order value; 0 before the first order.", example: 60 },
  { path: "orders.last", type: "object", nullable: true, description: "The last order; null before the first.", example: { id: "1001", value: 59.8, time: 1_764_000_000_000 } },
  { path: "orders.last.id", type: "string", description: "Id of the last order.", example: "1001" },
  { path: "orders.last.value", type: "number", unit: MONEY, description: "Value of the last order.", example: 59.8 },
  { path: "orders.last.time", type: "timestamp", unit: EPOCH, description: "When the last order was placed.", example: 1_764_000_000_000 },

  {
    path: "rfm",
    type: "object",
    description: "RFM scores from the visitor's orders, the customer card's merged in (boundaries in settings.rfm).",
    example: { recency: 5, frequency: 2, monetary: 3, segment: "potential_loyalists" },
  },
  { path: "rfm.recency", type: "number", unit: "score", range: [0, 5], description: "1–5, 5 = ordered lately; 0 before the first order.", example: 5 },
  { path: "rfm.frequency", type: "number", unit: "score", range: [0, 5], description: "1–5 by number of orders; 0 before the first order.", example: 2 },
  { path: "rfm.monetary", type: "number", unit: "score", range: [0, 5], description: "1–5 by money spent; 0 before the first order.", example: 3 },
  {
    path: "rfm.segment",
    type: "string",
    values: RFM_SEGMENTS,
    nullable: true,
    description: "One of the 11 standard RFM segments; null before the first order.",
    example: "champions",
  },

  {
    path: "customer",
    type: "object",
    description: "The shop's customer card (identify with a token) merged with this browser's orders; absent with neither a card nor an order.",
    example: { known: true, averageOrder: 53.3, favouriteCategory: "shoes" },
  },
  { path: "customer.known", type: "boolean", description: "True when the shop's card is loaded: a returning customer, on any device.", example: true },
  { path: "customer.id", type: "string", nullable: true, description: "The card's customer id; null without a card.", example: "c-1024" },
  {
    path: "customer.orders",
    type: "object",
    description: "Orders of the merged record (the card's, plus this browser's the card does not list).",
    example: { count: 3, total: 160 },
  },
  { path: "customer.orders.count", type: "number", unit: "orders", description: "Number of orders, card and browser merged without double counting.", example: 3 },
  { path: "customer.orders.total", type: "number", unit: MONEY, description: "Money spent over the merged orders.", example: 160 },
  { path: "customer.orders.average", type: "number", unit: MONEY, description: "Same as customer.averageOrder.", example: 53.33 },
  {
    path: "customer.orders.last",
    type: "object",
    nullable: true,
    description: "The last order of the merged record; null before the first.",
    example: { id: "1003", value: 29.5, time: 1_764_000_000_000 },
  },
  { path: "customer.orders.last.id", type: "string", description: "Id of the last order.", example: "1003" },
  { path: "customer.orders.last.value", type: "number", unit: MONEY, description: "Value of the last order.", example: 29.5 },
  { path: "customer.orders.last.time", type: "timestamp", unit: EPOCH, description: "When the last order was placed.", example: 1_764_000_000_000 },
  { path: "customer.averageOrder", type: "number", unit: MONEY, description: "Money per order over the merged record; 0 before the first order.", example: 53.33 },
  { path: "customer.favouriteCategory", type: "string", nullable: true, description: "The category the customer ordered most often; null when unknown.", example: "shoes" },
  { path: "customer.favouriteCategories", type: "string[]", description: "Ordered categories, most often first.", example: ["shoes", "socks"] },
  { path: "customer.favouriteItems", type: "string[]", description: "Ordered item ids, most often first.", example: ["sku-1", "sku-3"] },
  {
    path: "customer.bought",
    type: "object",
    description: 'Item id → when it was last bought. Test the product page\'s item with {"viewed.last.id": {"$boughtWithin": "30d"}}.',
    example: { "sku-1": 1_764_000_000_000 },
  },
  { path: "customer.bought.<key>", type: "timestamp", unit: EPOCH, description: "When this item was last bought.", example: 1_764_000_000_000 },
  { path: "customer.boughtWithin", type: "object", description: "Item ids bought within the last 7d, 30d, 90d and 365d.", example: { "30d": ["sku-1"] } },
  ...(["7d", "30d", "90d", "365d"] as const).map(
    (window): FactEntry => ({ path: `customer.boughtWithin.${window}`, type: "string[]", description: `Item ids bought within the last ${window}.`, example: ["sku-1"] }),
  ),
  { path: "customer.couponsUsed", type: "string[]", description: "Coupon codes the customer used on an order (settings.guards never offers them again).", example: ["WELCOME10"] },
  {
    path: "customer.birthday",
    type: "string",
    nullable: true,
    description: 'Birthday, "YYYY-MM-DD" or "MM-DD"; null when unknown. Test it with {"$daysUntil": {"$lte": 7}}.',
    example: "1990-02-28",
  },
  {
    path: "customer.daysToBirthday",
    type: "number",
    unit: "days",
    nullable: true,
    range: [0, 365],
    description: "Days until the next birthday, 0 on the day (29 February falls on the 28th in other years); null without one.",
    example: 12,
  },

  { path: "viewed", type: "object", description: "Products the visitor viewed recently (view_item events).", example: { products: ["sku-1"], categories: ["socks"] } },
  { path: "viewed.products", type: "string[]", description: "Recently viewed product ids, newest first.", example: ["sku-1", "sku-7"] },
  { path: "viewed.categories", type: "string[]", description: "Viewed categories, most viewed first.", example: ["socks", "shoes"] },
  { path: "viewed.last", type: "object", nullable: true, description: "The last viewed product; null when none.", example: { id: "sku-1", name: "Socks", price: 9.9 } },
  { path: "viewed.last.id", type: "string", description: "Id of the last viewed product.", example: "sku-1" },
  { path: "viewed.last.name", type: "string", description: "Name of the last viewed product.", example: "Socks" },
  { path: "viewed.last.price", type: "number", unit: MONEY, description: "Price of the last viewed product.", example: 9.9 },
  { path: "viewed.last.category", type: "string", description: "Category of the last viewed product.", example: "socks" },

  { path: "scores", type: "object", description: "Behavioural scores, each 0–1, computed from this browser's profile (formulas in the README).", example: { purchaseIntent: 0.3 } },
  {
    path: "scores.discountSensitivity",
    type: "number",
    range: [0, 1],
    description: "How much the visitor responds to codes: orders with a coupon, codes copied, offers converted.",
    example: 0.4,
  },
  {
    path: "scores.purchaseIntent",
    type: "number",
    range: [0, 1],
    description: "Logistic score of recent product views, cart activity and return visits (published weights).",
    example: 0.3,
  },
  {
    path: "scores.churnRisk",
    type: "number",
    range: [0, 1],
    description: "Days since the last order against the visitor's own gap between orders; 0 before any order.",
    example: 0.5,
  },
  { path: "push", type: "object", description: "Web push: the browser's permission and the shop's own asks (push-ask widgets).", example: { permission: "default", asked: false } },
  {
    path: "push.permission",
    type: "string",
    values: ["default", "granted", "denied", "unsupported"],
    description: "The browser's notification permission; unsupported where there is no Notification API.",
    example: "default",
  },
  { path: "push.asked", type: "boolean", description: "A push-ask widget has asked, whatever the answer.", example: false },
  { path: "push.lastAsked", type: "timestamp", unit: EPOCH, nullable: true, description: "When a push-ask last asked (null when never).", example: 1_764_000_000_000 },
  {
    path: "push.declined",
    type: "timestamp",
    unit: EPOCH,
    nullable: true,
    description: "When the visitor last said no to a push-ask (null when never).",
    example: 1_764_000_000_000,
  },
  { path: "survey", type: "object", description: "Survey answers by survey (widget id) and question id.", example: { feedback: { found: "yes" } } },
  { path: "survey.<id>.<question>", type: "any", description: "One answer: the choice's value, the rating, the chosen values of a multiple choice, or the text.", example: "yes" },
  { path: "attributes", type: "object", description: "Traits from identify() and answers from lead forms, surveys and the chat-bot.", example: { plan: "pro" } },
  { path: "attributes.<trait>", type: "any", description: "One trait or answer; declare identify() traits in settings.traits.", example: "pro" },
  { path: "segments", type: "string[]", description: 'Names of the rules file\'s segments the visitor is in now ({"$segment": name} reads better).', example: ["browsers"] },
  { path: "events", type: "object", description: 'Per event name, the visitor\'s history; test it with {"$event": {...}}.', example: { add_to_cart: { count: 2 } } },
  { path: "events.<event>", type: "object", description: "History of one event name.", example: { count: 2, first: 1_764_000_000_000, last: 1_764_000_000_000 } },
  { path: "events.<event>.count", type: "number", unit: "events", description: "How many times the event happened, all time.", example: 2 },
  { path: "events.<event>.first", type: "timestamp", unit: EPOCH, description: "When it first happened.", example: 1_764_000_000_000 },
  { path: "events.<event>.last", type: "timestamp", unit: EPOCH, description: "When it last happened.", example: 1_764_000_000_000 },
  { path: "events.<event>.days", type: "object", description: "Counts per local day number, the last 400 days ($event's within windows read it).", example: { "20405": 2 } },
  { path: "events.<event>.days.<key>", type: "number", unit: "events", description: "Events on one local day (day number since 1970-01-01).", example: 2 },
  {
    path: "events.<event>.recent",
    type: "array",
    description: "The last 50 raw events with their props ($event's where reads it).",
    example: [{ t: 1_764_000_000_000, props: { price: 9.9 } }],
  },
  ...widgetHistory(),
  { path: "consent", type: "object", description: "The visitor's consent by category.", example: { storage: true, personalization: true, measurement: false } },
  { path: "consent.storage", type: "boolean", description: "Nudge may store the profile.", example: true },
  { path: "consent.personalization", type: "boolean", description: "Widgets may be personalized.", example: true },
  { path: "consent.measurement", type: "boolean", description: "Events may be measured and sent to destinations.", example: false },
];

/** Events Nudge records itself (from the API, the dataLayer and widgets). Others are declared in `settings.events`. */
export const BUILTIN_EVENTS: readonly EventEntry[] = [
  { name: "page_view", description: "Every page view (and single-page-app navigation).", props: [] },
  { name: "view_item", description: "A product page: nudge.viewItem() or GA4 view_item.", props: ["id", "name", "price", "category"] },
  { name: "view_item_list", description: "A product list: GA4 view_item_list.", props: ["list", "count"] },
  { name: "search", description: "A site search: nudge.search() or GA4 search.", props: ["query"] },
  { name: "add_to_cart", description: "A product added to the cart: cart.add() or GA4 add_to_cart.", props: ["id", "name", "price", "quantity", "category"] },
  { name: "remove_from_cart", description: "A product taken out of the cart: cart.remove().", props: ["id", "quantity"] },
  { name: "cart_update", description: "The cart replaced or cleared: cart.set(), cart.clear().", props: ["count"] },
  { name: "begin_checkout", description: "Checkout started: GA4 begin_checkout.", props: ["value"] },
  { name: "purchase", description: "An order: purchase() or GA4 purchase.", props: ["id", "value", "currency", "coupon", "items"] },
  { name: "lead", description: "A lead form sent from a widget.", props: ["widget"] },
];

/** What a written path resolves to: its entry, and the name filling each wildcard (`<id>` → "welcome"). */
export interface FactMatch {
  entry: FactEntry;
  wildcards: Record<string, string>;
}

/** Root names of the facts document, in the catalog's order. */
export const FACT_ROOTS: readonly string[] = FACTS.filter((f) => !f.path.includes(".")).map((f) => f.path);

/**
 * The catalog entry for a written path such as `widgets.welcome.lastShown`; undefined when the
 * catalog has none. Wildcards match one segment, and the last wildcard of a branch also matches
 * anything deeper (`attributes.plan.tier`, `page.query.q`, `widgets.flash.state.deadline.x`).
 */
export function findFact(path: string): FactMatch | undefined {
  const parts = path.split(".");
  let best: FactMatch | undefined;
  for (const entry of FACTS) {
    const wildcards = matchPath(entry.path, parts);
    if (wildcards && (!best || entry.path.length > best.entry.path.length)) best = { entry, wildcards };
  }
  return best ?? findElement(parts);
}

/** `viewed.products.0` or `cart.items.0.price`: a dotted index into an array fact reads one element. */
function findElement(parts: string[]): FactMatch | undefined {
  const at = parts.findIndex((part) => /^\d+$/.test(part));
  if (at < 1) return undefined;
  const array = findFact(parts.slice(0, at).join("."));
  if (!array || (array.entry.type !== "array" && array.entry.type !== "string[]")) return undefined;
  const rest = parts.slice(at + 1);
  if (!rest.length) {
    const type: FactType = array.entry.type === "string[]" ? "string" : "any";
    return { entry: { path: `${array.entry.path}.<index>`, type, description: `One element of ${array.entry.path}.`, example: null }, wildcards: { index: parts[at] } };
  }
  const entry = FACTS.find((f) => f.path === `${array.entry.path}[].${rest.join(".")}`);
  return entry && { entry, wildcards: { ...array.wildcards, index: parts[at] } };
}

function matchPath(pattern: string, parts: string[]): Record<string, string> | undefined {
  if (pattern.includes("[]")) return undefined;
  const segments = pattern.split(".");
  const last = segments[segments.length - 1];
  const openEnded = last.startsWith("<") && (last === "<trait>" || last === "<key>" || last === "<name>");
  if (parts.length < segments.length || (parts.length > segments.length && !openEnded)) return undefined;
  const wildcards: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.startsWith("<")) wildcards[segment.slice(1, -1)] = parts[i];
    else if (segment !== parts[i]) return undefined;
  }
  return wildcards;
}

/** The fields of each element of an array fact (`cart.items` → its `[]` entries), keyed by field name. */
export function elementFacts(arrayPath: string): Record<string, FactEntry> {
  const prefix = `${arrayPath}[].`;
  return Object.fromEntries(FACTS.filter((f) => f.path.startsWith(prefix)).map((f) => [f.path.slice(prefix.length), f]));
}
