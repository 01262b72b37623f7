/**
 * Destinations: where measured events go. Each option is checked here, in the
 * measurement chunk; a wrong one is named by its path (`destinations[1].url`)
 * and skipped while the others work.
 */
import type { Env } from "../env/env.js";
import { createBeacon, type BeaconDeps } from "./beacon.js";
import type { DeliveryStats, Destination } from "./destination-types.js";
import type { MeasureEvent } from "./event.js";
import { createLeadSender, type LeadPost } from "./lead-post.js";

/** A working destination. */
export interface Sender {
  name: string;
  send(event: MeasureEvent): void;
  start?(): void;
  stats?(): DeliveryStats;
  forget?(): void;
  stop?(): void;
  /** A beacon with a `leads` URL: sends a lead's answers there. */
  lead?(lead: LeadPost): void;
}

/**
 * GA4-friendly: a custom event `nudge_<name>` with flat, snake_case parameters (`value` and
 * `currency` for conversions), and what an uplift query needs (docs/ga4-uplift.sql): the arm
 * (`nudge_variant`; `nudge_holdout` 1 in the widget's control group; `nudge_site_holdout` 1 in
 * the site-wide one, 0 outside it, absent without one), the arm's share, and for a goal
 * conversion its goal and time (one order = one goal, transaction id or time per visitor).
 */
export function dataLayerEntry(event: MeasureEvent): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    event: `nudge_${event.name}`,
    nudge_event_id: event.id,
    nudge_widget: event.widget,
    nudge_widget_type: event.type,
    nudge_variant: event.variant,
    nudge_exposure: event.exposure,
    nudge_holdout: event.variant === "holdout" && !event.siteHoldout ? 1 : 0,
  };
  if (event.siteHoldout !== undefined) entry.nudge_site_holdout = event.siteHoldout ? 1 : 0;
  if (event.share !== undefined) entry.nudge_share = event.share;
  if (event.goal) {
    entry.nudge_goal = event.goal;
    entry.nudge_time = event.time;
  }
  if (event.value !== undefined) entry.value = event.value;
  if (event.currency) entry.currency = event.currency;
  if (event.order) entry.transaction_id = event.order;
  if (event.reason) entry.nudge_reason = event.reason;
  if (event.action) entry.nudge_action = event.action;
  return entry;
}

function dataLayer(env: Env, name: string): Sender {
  return {
    name: `dataLayer ${name}`,
    send(event) {
      const win = env.window as unknown as Record<string, unknown> | undefined;
      if (!win) return;
      const layer = (win[name] ??= []) as { push(entry: unknown): unknown };
      layer.push(dataLayerEntry(event));
    },
  };
}

function domEvents(env: Env): Sender {
  return {
    name: "events",
    send(event) {
      const doc = env.document;
      const Custom = env.window?.CustomEvent;
      if (doc && Custom) doc.dispatchEvent(new Custom(`nudge:${event.name}`, { detail: event, bubbles: true }));
    },
  };
}

const positiveInteger = (value: unknown, fallback: number, path: string, problems: string[]): number => {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  problems.push(`${path}: expected a whole number above 0, got ${JSON.stringify(value)}; using ${fallback}`);
  return fallback;
};

/**
 * Makes senders from the `destinations` option. Problems are returned with
 * their paths; an entry that cannot work is left out.
 */
export function createDestinations(list: unknown, deps: BeaconDeps): { senders: Sender[]; problems: string[] } {
  const senders: Sender[] = [];
  const problems: string[] = [];
  if (list === undefined) return { senders, problems };
  if (!Array.isArray(list)) return { senders, problems: ['destinations: expected an array, e.g. ["dataLayer", { type: "beacon", url: "/collect" }]'] };
  list.forEach((raw: Destination | unknown, i) => {
    const path = `destinations[${i}]`;
    if (typeof raw === "function") {
      senders.push({ name: `${path} (function)`, send: raw as (event: MeasureEvent) => void });
      return;
    }
    const entry = (typeof raw === "string" ? { type: raw } : raw) as Record<string, unknown> | null;
    const type = entry && typeof entry === "object" ? entry.type : undefined;
    if (type === "dataLayer") {
      const name = entry!.name ?? "dataLayer";
      if (typeof name !== "string" || !/^[A-Za-z_$][\w$]*$/.test(name)) problems.push(`${path}.name: expected a global variable name, got ${JSON.stringify(name)}`);
      else senders.push(dataLayer(deps.env, name));
    } else if (type === "events") {
      senders.push(domEvents(deps.env));
    } else if (type === "beacon") {
      const url = entry!.url;
      if (typeof url !== "string" || !url || /^\s*(javascript|data):/i.test(url)) {
        problems.push(`${path}.url: expected the URL of your endpoint, got ${JSON.stringify(url)}`);
        return;
      }
      const config = {
        url,
        batchSize: positiveInteger(entry!.batchSize, 25, `${path}.batchSize`, problems),
        maxQueue: positiveInteger(entry!.maxQueue, 1000, `${path}.maxQueue`, problems),
        flushInterval: positiveInteger(entry!.flushInterval, 1000, `${path}.flushInterval`, problems),
      };
      const beacon: Sender = createBeacon(config, deps);
      const leads = entry!.leads;
      if (leads !== undefined) {
        if (typeof leads !== "string" || !leads || /^\s*(javascript|data):/i.test(leads))
          problems.push(`${path}.leads: expected the URL of your collector's /leads, got ${JSON.stringify(leads)}`);
        else beacon.lead = createLeadSender(leads, deps.env, deps.problem);
      }
      senders.push(beacon);
    } else {
      problems.push(`${path}: unknown destination ${JSON.stringify(raw)}; expected "dataLayer", "events", { type: "beacon", url } or a function`);
    }
  });
  return { senders, problems };
}
