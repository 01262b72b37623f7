import { createNudge } from "../core/create-nudge.js";
import type { Destination } from "../measure/destination-types.js";

/**
 * Starts Nudge for the script tag: options come from the tag's data
 * attributes, and commands queued before loading run in order.
 */
export function boot(script: HTMLScriptElement, queue: unknown[]): void {
  const win = window as unknown as { nudge?: unknown };
  if ((win.nudge as { __nudge?: string } | undefined)?.__nudge === "running") return;
  const rules = script.dataset.rules;
  if (!rules) {
    console.error('[nudge] the script tag needs data-rules="/path/to/rules.json"');
    return;
  }
  const { beacon, datalayerEvents, domEvents, consent } = script.dataset;
  // Measured widget events leave the browser only through what the tag names.
  const destinations = [beacon && { type: "beacon", url: beacon }, datalayerEvents === "on" && "dataLayer", domEvents === "on" && "events"].filter(Boolean) as Destination[];
  const instance = Object.assign(
    createNudge({
      rules,
      consent: consent === "required" || consent === "auto" ? consent : "granted",
      respectGPC: script.dataset.gpc === "respect",
      dataLayer: script.dataset.datalayer !== "off",
      nonce: script.nonce || undefined,
      destinations,
    }),
    { __nudge: "running" as const },
  );
  win.nudge = instance;
  for (const command of queue.splice(0)) instance.push(command);
}
