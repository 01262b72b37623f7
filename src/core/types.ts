import type { Env } from "../env/env.js";
import type { KeyValueStore } from "../profile/storage.js";
import type { CloseReason, MountedWidgetDefinition, WidgetDefinition, WidgetLoader, WidgetProps } from "../render/widget-api.js";
import type { RulesFile } from "../rules/schema/rules-schema.js";
import type { NudgeProblem } from "./report.js";
import type { Destination } from "../measure/destination-types.js";
import type { PageType } from "../track/page-type.js";

/** A value that survives JSON: what event props and visitor traits may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | readonly JsonValue[] | JsonObject;

/**
 * Event props and visitor traits: plain data. Keys whose value is `undefined` are left out;
 * other values (functions, dates, class instances) fail `tsc` and are dropped at run time.
 *
 * @example
 * nudge.track("signup", { plan: "pro", seats: 3, trial: true });
 */
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

/**
 * A product line: what `cart.add()` and `cart.set()` take, and `purchase({ items })`.
 * The cart in the facts holds these with `id` as a string and `quantity` filled in (`CartLine`).
 *
 * @example
 * nudge.cart.add({ id: "sku-1", name: "Mug", price: 19.9, quantity: 2, category: "kitchen" });
 */
export interface CartItem {
  id: string | number;
  /** Unit price, ≥ 0, in the rules file's `settings.currency`. */
  price: number;
  /** A whole number ≥ 1; default 1. */
  quantity?: number;
  name?: string;
  category?: string;
  /** Product image URL: the popup's cart-items block shows it. */
  image?: string;
}

/**
 * The third argument of `identify()`: a customer token your server signs (JWT HS256, `sub` = the
 * customer id, `exp` required; docs/customer-card.md) loads the shop's customer card.
 *
 * @example
 * nudge.identify("c-1024", { firstName: "Ann" }, { token: "<the JWT your server rendered into the page>" });
 */
export interface IdentifyOptions {
  token?: string;
}

/**
 * An order: what `purchase()` takes.
 *
 * @example
 * nudge.purchase({ id: "1001", value: 59.8, coupon: "SAVE15", items: [{ id: "sku-1", price: 29.9, quantity: 2 }] });
 */
export interface Order {
  id: string | number;
  /** The order's total, ≥ 0. */
  value: number;
  currency?: string;
  /** The coupon code used: a widget's goal can require it (`goal.where`). */
  coupon?: string;
  /** The products bought: recommendations skip them and learn what goes together. */
  items?: readonly CartItem[];
}

/** A product the visitor looked at: what `viewItem()` takes. Other keys (brand, url…) are kept in the event's props. */
export interface ViewedProduct {
  id: string | number;
  name?: string;
  price?: number;
  category?: string;
  [key: string]: JsonValue | undefined;
}

/** What `page()` takes: a hint of what kind of page this is (`page.type` in the facts). */
export interface PageProps {
  type?: PageType;
}

export interface NudgeOptions {
  /**
   * The rules file: a URL to fetch, or the object. An inline object is type-checked (a misspelt
   * key fails `tsc`); a JSON file imported as a module goes in `as RulesFile`. Either way the
   * rules are validated at run time.
   */
  rules: string | RulesFile;
  /**
   * `"granted"` (default): Nudge stores the profile, shows widgets and measures from the start.
   * `"required"`: nothing is stored, shown or sent until `consent(true)` (or some categories,
   * `consent({ storage: true, personalization: true })`); call it on every page load once your
   * consent banner has the visitor's answer.
   * `"auto"`: as `"required"`, then follows the site's consent platform with no code: Google
   * Consent Mode v2 in the dataLayer (`functionality_storage` → storage, `personalization_storage`
   * → personalization, `analytics_storage` → measurement) and IAB TCF v2.2's `__tcfapi` (purpose 1
   * → storage, 5 and 6 → personalization, 8 → measurement). Script tag: `data-consent="auto"`.
   */
  consent?: "granted" | "required" | "auto";
  /**
   * Honour Global Privacy Control: when the browser sends it (`navigator.globalPrivacyControl`),
   * behave as `consent: "required"` until `consent(true)`; with `"auto"`, only the visitor's own
   * choice in the platform grants (not its defaults). Script tag: `data-gpc="respect"`.
   */
  respectGPC?: boolean;
  /** Show the debug view (live facts and `explain()`); also on with `?nudge_debug=1` in the page URL. */
  debug?: boolean;
  /** The catalog feed for recommendation widgets: a URL or the products; overrides `settings.catalog` of the rules. */
  catalog?: string | unknown[];
  /** Custom widget types, or replacements for built-in ones: a definition or a lazy loader. */
  widgets?: Record<string, WidgetDefinition | MountedWidgetDefinition | WidgetLoader>;
  /**
   * Pick up GA4 ecommerce events (`view_item`, `add_to_cart`, `purchase`…) and Yandex Metrica /
   * Enhanced Ecommerce objects (`ecommerce.detail`, `add`, `remove`, `purchase`) that the page pushes
   * to `window.dataLayer`, including those pushed before Nudge loaded (default true); an action
   * pushed in both formats counts once. `false` turns it off; a string names another layer.
   */
  dataLayer?: boolean | string;
  /**
   * Where measured widget events (eligible, shown, viewable, clicked, closed, lead, converted…) go:
   * `"dataLayer"`, `"events"` (DOM `nudge:<event>` CustomEvents), `{ type: "beacon", url }`, or a
   * function. None by default: then nothing leaves the browser. Script tag: `data-beacon`,
   * `data-datalayer-events="on"`, `data-dom-events="on"`.
   */
  destinations?: Destination[];
  /** Track page views and single-page-app navigations automatically (default true). */
  trackPageViews?: boolean;
  /** CSP nonce for the `<style>` fallback in browsers without constructable stylesheets. */
  nonce?: string;
  /** Replace parts of the environment (clock, timers, fetch…); for tests and SSR. */
  env?: Partial<Env>;
  /** Replace the storage (default: IndexedDB, then localStorage, then memory). */
  store?: KeyValueStore;
  /**
   * Records shows without rendering; for simulation and tests. No DOM is needed and
   * the renderer never loads: `shown` is recorded and emitted, `hide()` closes as usual.
   * Widgets' `prepare` steps (their data, such as the catalog) do not run: it answers whether
   * the rules would show a widget.
   * A function also gets each shown widget's props (filled content, `close`, `click`,
   * `convert`), to act on it as the visitor would.
   */
  headless?: boolean | ((widget: WidgetProps) => void);
}

/**
 * What the visitor agreed to, by category; a category left out keeps its current state.
 * Google Consent Mode v2 maps `functionality_storage` → storage, `personalization_storage` →
 * personalization, `analytics_storage` → measurement; IAB TCF v2.2 purpose 1 → storage,
 * purposes 5 and 6 → personalization, purpose 8 → measurement (`consent: "auto"`).
 *
 * @example
 * nudge.consent({ storage: true, personalization: true, measurement: false });
 * nudge.consent(true); // all three
 */
export interface ConsentChoice {
  /** Keep the profile in this browser (IndexedDB or localStorage). Without it the profile lives in memory for this page only and nothing is written. */
  storage?: boolean;
  /** Show widgets. Without it no widget shows (explain() says `consent: personalization not granted`). */
  personalization?: boolean;
  /** Record widget events and send them to the destinations. Without it they are dropped, not queued: nothing is sent later for that time. */
  measurement?: boolean;
}

/**
 * The state of every category, as `facts().consent` shows it.
 *
 * @example
 * const { personalization } = nudge.facts().consent!;
 */
export type ConsentState = Required<ConsentChoice>;

/** Payload of widget lifecycle events. */
export interface WidgetEvent {
  id: string;
  type: string;
  /** The variant the visitor sees ("default" for a widget with plain `content`), for A/B analysis. */
  variant: string;
}

/** Events you can listen to with `nudge.on(name, handler)`. */
export interface NudgeEvents {
  ready: { widgets: number };
  /**
   * A widget passed every gate, once per page view, just before it shows; for a
   * visitor in the control group (`holdout`) instead of showing: `variant` is "holdout".
   */
  eligible: WidgetEvent & { holdout: boolean };
  shown: WidgetEvent;
  closed: WidgetEvent & { reason: CloseReason };
  clicked: WidgetEvent & { props: Record<string, unknown> };
  /**
   * The widget converted: the widget said so (e.g. a lead form), or a tracked event
   * met its `goal` (once per showing). `value` is the event's `props.value` (purchases); `time`
   * is when the goal event was tracked, the same for every widget one order converts.
   */
  converted: WidgetEvent & { props: Record<string, unknown>; value?: number; goal?: string; time?: number };
  /** At least half of the widget was on screen (once per show): a viewable impression. */
  viewable: WidgetEvent;
  /** The visitor shrank the widget to its teaser, or reopened it from there. */
  minimized: WidgetEvent;
  restored: WidgetEvent;
  /**
   * A lead form was sent. The fields are also kept as profile attributes; Nudge itself sends
   * them nowhere (unless a beacon destination names a collector's `leads` URL): forward them to
   * your CRM here. `consent` is the consent text the visitor ticked, as it was shown.
   */
  lead: WidgetEvent & { fields: Record<string, string>; consent?: string };
  /**
   * A widget asks the page to act, e.g. `{ name: "add_to_cart", payload: { id } }` from a
   * carousel or `{ name: "open_chat" }` from the chatbot's hand-off.
   */
  action: WidgetEvent & { name: string; payload: Record<string, unknown> };
  /**
   * The visitor answered a survey question: `answer` is the option's value (a list for multiple
   * choice), the rating or the text. Also kept in the profile as the fact `survey.<survey>.<question>`.
   */
  answer: WidgetEvent & { survey: string; question: string; kind: "single" | "multiple" | "rating" | "text"; answer: string | number | string[] };
  /**
   * The visitor answered a push ask: "no", or "yes" and then the browser's prompt, whose result is
   * `permission`. On "granted", subscribe them with your push provider here; Nudge ships no push server.
   */
  push: WidgetEvent & { answer: "yes" | "no"; permission: "default" | "granted" | "denied" };
  /** A custom event a widget recorded, e.g. a copied coupon code. */
  widget: WidgetEvent & { name: string; props: Record<string, unknown> };
  /** Every event tracked through the API or automatically (page views included). */
  track: { name: string; props: Record<string, unknown> };
  /** A problem Nudge survived: bad rules, a wrong API call, storage or widget failure. */
  error: NudgeProblem;
}
