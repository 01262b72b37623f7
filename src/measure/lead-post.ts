/**
 * A lead's answers to a collector: the measured `lead` event carries only the names of the
 * fields, so when a beacon destination names a `leads` URL (a Nudge collector's `/leads`), each
 * lead is POSTed there once, with the values, the consent text the visitor ticked and when.
 * The answers are kept in memory only (never in the page's storage, where other scripts could
 * read them): a failed POST is retried with backoff while the page lives; `keepalive` lets one
 * started just before a navigation finish. The collector stores a lead once per id.
 */
import type { Env } from "../env/env.js";
import { backoff } from "./beacon.js";
import type { MeasureEvent } from "./event.js";

/** What `/leads` receives. */
export interface LeadPost {
  id: string;
  time: number;
  visitor: string;
  session: string;
  widget: string;
  variant: string;
  path: string;
  fields: Record<string, string>;
  consent: { text: string; time: number };
}

/** Tries after which a lead is given up on this page (it stays in the visitor's profile attributes). */
export const LEAD_ATTEMPTS = 6;

/** The lead's body, or undefined when there is nothing to send (no answers, no consent text). */
export function leadPost(event: MeasureEvent, fields: unknown, consent: unknown): LeadPost | undefined {
  if (!fields || typeof fields !== "object" || typeof consent !== "string" || !consent.trim()) return undefined;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (typeof value === "string" && value) values[name] = value;
  if (!Object.keys(values).length) return undefined;
  const { id, time, visitor, session, widget, variant } = event;
  return { id, time, visitor, session, widget, variant, path: event.path ?? "", fields: values, consent: { text: consent, time } };
}

export function createLeadSender(url: string, env: Env, problem: (where: string, error: unknown) => void) {
  const where = `leads ${url}`;
  return function send(lead: LeadPost, attempt = 1): void {
    const retry = () => {
      if (attempt < LEAD_ATTEMPTS) env.setTimeout(() => send(lead, attempt + 1), backoff(attempt, env.random));
      else problem(where, new Error(`lead ${lead.id} could not be delivered after ${LEAD_ATTEMPTS} tries`));
    };
    if (!env.fetch) return;
    env
      .fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(lead), keepalive: true })
      .then((response) => {
        if (response.ok) return;
        // A 4xx (other than timeout and rate limit) will not get better by trying again.
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
          problem(where, new Error(`the collector refused lead ${lead.id} with HTTP ${response.status}`));
        else retry();
      })
      .catch(retry);
  };
}
