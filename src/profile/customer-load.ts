import type { Env } from "../env/env.js";
import { parseCard, type CustomerCard } from "./customer-card.js";

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
