/**
 * Zero-integration ecommerce tracking: the GA4 ecommerce events a shop already
 * pushes to `window.dataLayer` (usually through a tag manager) become Nudge
 * commands, including the ones pushed before Nudge loaded. The mapping
 * (`./ga4.ts`) is its own chunk, loaded only on pages that push such events.
 */

import { setOwnMethod } from "./own-method.js";

/** A command in the script-tag queue format, e.g. `["cart.add", item]`. */
export type Command = [string, ...unknown[]];

/** The GA4 events `ga4ToCommands` reads; a tag manager's own (gtm.js, page_view…) load nothing. */
const GA4_EVENTS = /^(view_item(_list)?|add_to_cart|remove_from_cart|begin_checkout|purchase|search)$/;

/** A followed dataLayer: `ready` settles once what was pushed before is applied. */
export interface DataLayerWatch {
  ready: Promise<void>;
  /** Stops following (restoring `push` if nobody wrapped it since). */
  stop(): void;
}

/**
 * Replays the entries already in `win[name]` and follows new pushes, in order;
 * `onError` hears a mapping chunk that cannot load. `run` gets the GA4 events as
 * commands (`null`: leave them alone); `consent`, when given, gets each
 * `gtag("consent", …)` entry at once, so the ones pushed before are applied on return.
 *
 * @example
 * const layer = watchDataLayer(window, (command) => nudge.push(command));
 * await layer.ready; // the events pushed before are in the profile
 */
export function watchDataLayer(win: Window, run: ((command: Command) => void) | null, name = "dataLayer", onError: (error: unknown) => void = () => {}, consent?: (entry: ArrayLike<unknown>) => void): DataLayerWatch {
  const host = win as unknown as Record<string, unknown>;
  const layer = (Array.isArray(host[name]) ? host[name] : (host[name] = [])) as unknown[] & { push: (...items: unknown[]) => number };
  const seen = new WeakSet<object>();
  const queue: unknown[] = [];
  let toCommands: ((entry: unknown) => Command[]) | undefined;
  let ready: Promise<void> | undefined;
  let stopped = false;
  const drain = () => {
    try {
      if (toCommands && !stopped) for (const entry of queue.splice(0)) for (const command of toCommands(entry)) run!(command);
    } catch (error) {
      onError(error);
    }
  };
  const handle = (entry: unknown) => {
    try {
      if (typeof entry !== "object" || entry === null || seen.has(entry)) return;
      seen.add(entry);
      const args = isArrayLike(entry);
      if (args && entry[0] === "consent") return consent?.(entry);
      const event = args ? entry[0] === "event" && entry[1] : (entry as { event?: unknown }).event;
      if (!run || typeof event !== "string" || !GA4_EVENTS.test(event)) return;
      queue.push(entry);
      ready ??= import("./ga4.js").then((chunk) => void (toCommands = chunk.ga4ToCommands), onError);
      void ready.then(drain);
    } catch (error) {
      onError(error); // An entry with a throwing getter: the page's push still works.
    }
  };
  layer.forEach(handle);
  const original = layer.push;
  const wrapped = function (this: unknown, ...entries: unknown[]) {
    const length = original.apply(layer, entries);
    // Neither throws: the tag manager's push keeps working whatever we make of the entry.
    entries.forEach(handle);
    drain(); // once the mapping is loaded, a push is applied at once
    return length;
  };
  setOwnMethod(layer, "push", wrapped);
  return {
    ready: (ready ?? Promise.resolve()).then(drain),
    stop() {
      stopped = true;
      if (layer.push === wrapped) setOwnMethod(layer, "push", original);
    },
  };
}

/** gtag pushes its `arguments` object, which is array-like but not an array. */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || Object.prototype.toString.call(value) === "[object Arguments]";
}
