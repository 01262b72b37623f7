import type { MeasureEvent } from "./event.js";

/** Send measured events to an endpoint of yours: batched JSON POSTs, queued across reloads and offline periods. */
export interface BeaconDestination {
  type: "beacon";
  /** Where to POST `{ events: MeasureEvent[], dropped: number }` (same origin, or one that allows CORS). */
  url: string;
  /** Events per request (default 25). */
  batchSize?: number;
  /** Most events kept while the endpoint is unreachable; the oldest are dropped (and counted) beyond it (default 1000). */
  maxQueue?: number;
  /** Milliseconds to gather events into one request (default 1000). */
  flushInterval?: number;
  /**
   * A Nudge collector's leads endpoint (`nudge collect` serves `/leads`). The `lead` event carries
   * only the field names; with this set, each lead form's answers, the consent text the visitor
   * ticked and its time are POSTed here once (kept in memory only, retried while the page lives).
   */
  leads?: string;
}

/** Push each event to `window.dataLayer` (or the layer named) as `{ event: "nudge_shown", nudge_widget, … }`. */
export interface DataLayerDestination {
  type: "dataLayer";
  name?: string;
}

/** Dispatch each event as a DOM `CustomEvent` named `nudge:<event>` on `document` (it bubbles to `window`), with the event as `detail`. */
export interface DomEventsDestination {
  type: "events";
}

/**
 * Where measured events go. None by default: then nothing leaves the browser.
 * A function is called with every event.
 *
 * @example
 * createNudge({ rules, destinations: ["dataLayer", { type: "beacon", url: "/collect" }, (e) => console.log(e.name, e.widget)] });
 */
export type Destination = BeaconDestination | DataLayerDestination | DomEventsDestination | "dataLayer" | "events" | ((event: MeasureEvent) => void);

/** How a destination is doing, in `report().delivery`. */
export interface DeliveryStats {
  destination: string;
  /** Events handed over on this page (for a beacon: acknowledged by the endpoint; a `sendBeacon` copy at unload is not counted). */
  sent: number;
  /** Events waiting to be sent (beacon). */
  queued?: number;
  /** Events dropped because the queue was full, since the endpoint last heard of it (beacon). */
  dropped?: number;
  /** Failed attempts on this page, each retried with backoff (beacon). */
  failures?: number;
  /** Events the endpoint refused with a 4xx status (not retried). */
  rejected?: number;
}
