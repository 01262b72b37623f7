/// <reference types="node" />
/**
 * Forwards one lead to the shop's webhook: a JSON POST signed with HMAC-SHA256, so the receiver
 * can tell it came from its collector and was not altered or replayed later.
 *
 *   X-Nudge-Signature: t=<ms since the epoch>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
 *   X-Nudge-Lead-Id:   the lead's id (the same on every retry: receivers de-duplicate by it)
 *
 * Only a 2xx answer counts as delivered; anything else, a network error or a timeout is retried.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { DeliveryOutcome } from "../state/state-store.js";
import type { Lead } from "./lead.js";

export interface WebhookOptions {
  url: string;
  /** The shared secret the signature is made with. */
  secret: string;
  /** Milliseconds before an attempt is abandoned (and retried later); default 10 s. */
  timeout?: number;
}

/** The signature header's value for `body` at time `t`. */
export function signature(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/**
 * Checks a signature header as a receiver would: the HMAC matches and it is at most `toleranceMs` old.
 *
 * @example
 * verifySignature(secret, rawBody, req.headers["x-nudge-signature"], Date.now())
 */
export function verifySignature(secret: string, body: string, header: string | undefined, now: number, toleranceMs = 5 * 60_000): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(now - t) > toleranceMs) return false;
  const expected = Buffer.from(signature(secret, body, t).slice(-64), "hex");
  return timingSafeEqual(expected, Buffer.from(match[2], "hex"));
}

/** What the webhook receives: the lead as stored. */
export const webhookBody = (lead: Lead) => JSON.stringify({ event: "lead", lead });

/** One delivery attempt. */
export async function postLead(webhook: WebhookOptions, lead: Lead, now = Date.now()): Promise<DeliveryOutcome> {
  const body = webhookBody(lead);
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-nudge-signature": signature(webhook.secret, body, now), "x-nudge-lead-id": lead.id, "user-agent": "nudge-collector" },
      body,
      signal: AbortSignal.timeout(webhook.timeout ?? 10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? { ok: true } : { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: (error as Error)?.message ?? String(error) };
  }
}
