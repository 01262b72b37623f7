/// <reference types="node" />
/**
 * GET /customer: the card of the customer a token names. The token comes in
 * `Authorization: Bearer <jwt>` (a CORS preflight allows that header from the allowed origins).
 * Answers: 200 the card (src/profile/customer-card.ts), 401 `{ error }` for a missing, bad or
 * expired token, 404 `{ error }` for a customer the shop's export never named, 503 when the
 * store cannot answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomerStore } from "./customer-store.js";
import { verifyCustomerToken } from "./token.js";

export interface CustomersOptions {
  store: CustomerStore;
  /** The HMAC secret the shop signs tokens with. */
  secret: string;
}

/** The answer to one GET /customer, as a status and a JSON body. */
export async function customerAnswer(authorization: string | undefined, customers: CustomersOptions, now: number): Promise<{ status: number; body: string }> {
  const fail = (status: number, error: string) => ({ status, body: JSON.stringify({ error }) });
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return fail(401, "no token: send Authorization: Bearer <the token your shop's server signed>");
  const check = verifyCustomerToken(token, customers.secret, now);
  if (!check.ok) return fail(401, check.reason);
  let card: Awaited<ReturnType<CustomerStore["card"]>>;
  try {
    card = await customers.store.card(check.customer);
  } catch {
    return fail(503, "the customer store is unavailable; try again later");
  }
  if (!card) return fail(404, `no customer ${JSON.stringify(check.customer)} in the imported orders (nudge customers import)`);
  return { status: 200, body: JSON.stringify(card) };
}

/** Serves GET (and the CORS preflight) on the route; `origin` as the collector allowed it (false: refused). */
export async function serveCustomer(req: IncomingMessage, res: ServerResponse, origin: string | null | false, customers: CustomersOptions, now: number): Promise<void> {
  const headers: Record<string, string> = { "cache-control": "no-store", vary: "origin, authorization" };
  if (origin) headers["access-control-allow-origin"] = origin;
  const send = (status: number, body: string, type = "application/json; charset=utf-8") => {
    res.writeHead(status, { ...headers, "content-type": type });
    res.end(body);
  };
  if (origin === false)
    return send(403, JSON.stringify({ error: `origin ${req.headers.origin} may not read customer cards (start the collector with --origin ${req.headers.origin})` }));
  if (req.method === "OPTIONS") {
    res.writeHead(204, { ...headers, "access-control-allow-methods": "GET", "access-control-allow-headers": "authorization", "access-control-max-age": "86400" });
    res.end();
    return;
  }
  if (req.method !== "GET") {
    res.setHeader("allow", "GET, OPTIONS");
    return send(405, JSON.stringify({ error: "/customer takes GET requests with Authorization: Bearer <token>" }));
  }
  const answer = await customerAnswer(req.headers.authorization, customers, now);
  send(answer.status, answer.body);
}
