/**
 * Zero-integration ecommerce tracking: the ecommerce data a shop already pushes to
 * `window.dataLayer` (through a tag manager, its platform or an analytics plugin) becomes Nudge
 * commands, including what was pushed before Nudge loaded. Two formats are read, each mapped
 * by its own chunk, loaded only on pages that push it: GA4 events (`./ga4.ts`) and Universal
 * Analytics / Yandex Metrica "Enhanced Ecommerce" objects (`./ecommerce-ua.ts`).
 */

import { isArrayLike, isObject, type Command } from "./layer-entry.js";
import { setOwnMethod } from "./own-method.js";

export type { Command } from "./layer-entry.js";

/** The GA4 events `ga4ToCommands` reads; a tag manager's own (gtm.js, page_view…) load nothing. */
const GA4_EVENTS = /^(view_item(_list)?|add_to_cart|remove_from_cart|begin_checkout|purchase|search)$/;
/** The Enhanced Ecommerce actions `uaToCommands` reads (`ecommerce.detail`, `ecommerce.add`…). */
const UA_ACTIONS = /^(detail|add|remove|checkout|purchase)$/;

type Mapping = (entry: unknown) => Command[];
type Format = "ga4" | "ua";

/** Which mapping reads an entry: an `ecommerce` object with a UA action, else a GA4 event (object or gtag arguments). */
function formatOf(entry: object): Format | undefined {
  const ecommerce = (entry as { ecommerce?: unknown }).ecommerce;
  if (isObject(ecommerce) && Object.keys(ecommerce).some((key) => UA_ACTIONS.test(key))) return "ua";
  const event = isArrayLike(entry) ? entry[0] === "event" && entry[1] : (entry as { event?: unknown }).event;
  return typeof event === "string" && GA4_EVENTS.test(event) ? "ga4" : undefined;
}

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
 * One action is counted once: a page may report it in both formats (a platform's Metrica
 * object and a tag manager's GA4 event for the same click). The first format that reports
 * an action (a product view, an add, a remove, a purchase…) owns it for the page; the other
 * format's reports of that action are left out, its other actions still count.
 *
 * @example
 * const layer = watchDataLayer(window, (command) => nudge.push(command));
 * await layer.ready; // the events pushed before are in the profile
 */
export function watchDataLayer(
  win: Window,
  run: ((command: Command) => void) | null,
  name = "dataLayer",
  onError: (error: unknown) => void = () => {},
  consent?: (entry: ArrayLike<unknown>) => void,
): DataLayerWatch {
  const host = win as unknown as Record<string, unknown>;
  const layer = (Array.isArray(host[name]) ? host[name] : (host[name] = [])) as unknown[] & { push: (...items: unknown[]) => number };
  const seen = new WeakSet<object>();
  const queue: [unknown, Format][] = [];
  const loaded: Partial<Record<Format, Mapping>> = {};
  const loading: Partial<Record<Format, Promise<void>>> = {};
  const owners: Record<string, Format> = {};
  let stopped = false;
  const drain = () => {
    // In push order: an entry waits while its format's chunk loads, and so do the ones after it.
    while (!stopped && queue.length && loaded[queue[0][1]]) {
      const [entry, format] = queue.shift()!;
      try {
        for (const command of loaded[format]!(entry)) {
          const action = (command[0] === "track" ? command[1] : command[0]) as string;
          if ((owners[action] ??= format) === format) run?.(command);
        }
      } catch (error) {
        onError(error);
      }
    }
  };
  const handle = (entry: unknown) => {
    try {
      if (typeof entry !== "object" || entry === null || seen.has(entry)) return;
      seen.add(entry);
      if (isArrayLike(entry) && entry[0] === "consent") return consent?.(entry);
      const format = run && formatOf(entry);
      if (!format) return;
      queue.push([entry, format]);
      // Each mapping chunk exports `toCommands`.
      loading[format] ??= (format === "ua" ? import("./ecommerce-ua.js") : import("./ga4.js")).then((chunk) => {
        loaded[format] = chunk.toCommands;
        drain();
      }, onError);
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
    ready: Promise.all(Object.values(loading)).then(drain),
    stop() {
      stopped = true;
      if (layer.push === wrapped) setOwnMethod(layer, "push", original);
    },
  };
}
