import type { Env } from "../env/env.js";
import type { KeyValueStore } from "../profile/storage.js";
import type { CloseReason, WidgetDefinition, WidgetLoader, WidgetProps } from "../render/widget-api.js";
import type { RulesFile } from "../rules/schema/rules-schema.js";
import type { NudgeProblem } from "./report.js";
import type { Destination } from "../measure/destination-types.js";

export interface NudgeOptions {
  /** The rules file: a URL to fetch, or the parsed object. */
  rules: string | RulesFile | Record<string, unknown>;
  /**
   * `"granted"` (default): Nudge stores the profile in this browser from the start.
   * `"required"`: nothing is stored and no widget shows until `consent(true)`;
   * call it on every page load once your consent banner has the visitor's answer.
   */
  consent?: "granted" | "required";
  /**
   * Honour Global Privacy Control: when the browser sends it (`navigator.globalPrivacyControl`),
   * behave as `consent: "required"` until `consent(true)`. Script tag: `data-gpc="respect"`.
   */
  respectGPC?: boolean;
  /** Show the debug view (live facts and `explain()`); also on with `?nudge_debug=1` in the page URL. */
  debug?: boolean;
  /** The catalog feed for recommendation widgets: a URL or the products; overrides `settings.catalog` of the rules. */
  catalog?: string | unknown[];
  /** Custom widget types, or replacements for built-in ones: a definition or a lazy loader. */
  widgets?: Record<string, WidgetDefinition | WidgetLoader>;
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
   * met its `goal` (once per showing). `value` is the event's `props.value` (purchases).
   */
  converted: WidgetEvent & { props: Record<string, unknown>; value?: number; goal?: string };
  /** At least half of the widget was on screen (once per show): a viewable impression. */
  viewable: WidgetEvent;
  /** The visitor shrank the widget to its teaser, or reopened it from there. */
  minimized: WidgetEvent;
  restored: WidgetEvent;
  /**
   * A lead form was sent. The fields are also kept as profile attributes; Nudge itself sends
   * them nowhere: forward them to your CRM here.
   */
  lead: WidgetEvent & { fields: Record<string, string> };
  /**
   * A widget asks the page to act, e.g. `{ name: "add_to_cart", payload: { id } }` from a
   * carousel or `{ name: "open_chat" }` from the chatbot's hand-off.
   */
  action: WidgetEvent & { name: string; payload: Record<string, unknown> };
  /** A custom event a widget recorded, e.g. a copied coupon code. */
  widget: WidgetEvent & { name: string; props: Record<string, unknown> };
  /** Every event tracked through the API or automatically (page views included). */
  track: { name: string; props: Record<string, unknown> };
  /** A problem Nudge survived: bad rules, a wrong API call, storage or widget failure. */
  error: NudgeProblem;
}
