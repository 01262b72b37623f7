import type { CustomerDeps } from "../core/customer.js";
import type { Env } from "../env/env.js";
import { parseCard, type CustomerCard } from "./customer-card.js";

/** A stored card younger than this is not fetched again by the next identify() with a token. */
export const CARD_FRESH_MS = 10 * 60_000;

/**
 * identify(id, traits, { token }) once the rules are loaded: fetches the card from
 * `settings.customer` (else the collector's `/customer`) and keeps it in the profile. Resolves
 * with why no card was loaded (also warned on the console), undefined when it was (or is fresh).
 */
export async function loadCard(deps: CustomerDeps, id: string | undefined, token: string): Promise<string | undefined> {
  const url = deps.rules()?.settings.customerUrl;
  const stored = deps.profile().customer;
  let problem = !id ? "identify() with a token needs the customer id" : !url ? "the rules file has no settings.collector (or settings.customer) to load it from" : deps.blocked();
  if (!problem && !(stored && stored.card.id === id && deps.env.now() - stored.loaded < CARD_FRESH_MS)) {
    const result = await fetchCard(url!, token, deps.env);
    if ("problem" in result) problem = result.problem;
    else if (result.card.id !== id) problem = `the token is for customer "${result.card.id}", identify() named "${id}"`;
    else {
      const { card } = result;
      deps.update((p) => (p.userId === card.id ? { ...p, customer: { card, loaded: deps.env.now() } } : p));
    }
  }
  if (problem) deps.warn("identify()", `customer card not loaded: ${problem}`);
  return problem;
}

/**
 * Fetches the card for a token from the collector's `/customer` (or the shop's own endpoint):
 * `Authorization: Bearer <token>`, the answer checked against the contract. A refusal comes back
 * as a sentence with the endpoint's own reason (`401: the token expired at …`).
 */
export async function fetchCard(url: string, token: string, env: Env): Promise<{ card: CustomerCard } | { problem: string }> {
  if (!env.fetch) return { problem: "this browser has no fetch()" };
  let response: Response;
  try {
    response = await env.fetch(url, { headers: { authorization: `Bearer ${token}` }, credentials: "omit", cache: "no-store" });
  } catch (error) {
    return { problem: `${url} did not answer (${(error as Error)?.message ?? error})` };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const reason = (body as { error?: unknown } | undefined)?.error;
    return { problem: `${url} answered ${response.status}${typeof reason === "string" ? `: ${reason}` : ""}` };
  }
  const card = parseCard(body);
  return typeof card === "string" ? { problem: `${url} answered a card that does not follow the contract: ${card}` } : { card };
}
