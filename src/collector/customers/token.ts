/// <reference types="node" />
/**
 * The customer token: a JWT signed with HMAC-SHA256 (HS256) by the shop's server, with the secret
 * the collector is started with (`--customer-secret`, or NUDGE_CUSTOMER_SECRET). `sub` is the
 * customer id, `exp` (seconds since the epoch) is required. Only HS256 is accepted, so a token that
 * names another algorithm (`none` above all) is refused before its signature is looked at.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Clocks of the shop's server and the collector may differ by this much. */
export const CLOCK_SKEW_S = 30;

export type TokenCheck = { ok: true; customer: string; expires: number } | { ok: false; reason: string };

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Verifies a token at `now` (ms): the customer id, or the reason it is refused.
 *
 * @example
 * verifyCustomerToken(token, process.env.NUDGE_CUSTOMER_SECRET, Date.now()); // { ok: true, customer: "c-1024", expires: 1764003600 }
 */
export function verifyCustomerToken(token: string, secret: string, now: number): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "the token is not a JWT (expected three base64url parts separated by dots)" };
  const [head, body, signature] = parts;
  const header = decodeJson(head) as { alg?: unknown } | undefined;
  if (!header || typeof header !== "object") return { ok: false, reason: "the token's header is not base64url JSON" };
  if (header.alg !== "HS256") return { ok: false, reason: `the token is signed with ${JSON.stringify(header.alg)}; only HS256 is accepted` };
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad signature (signed with another secret, or changed after signing)" };
  const claims = decodeJson(body) as { sub?: unknown; exp?: unknown; nbf?: unknown } | undefined;
  if (!claims || typeof claims !== "object") return { ok: false, reason: "the token's payload is not base64url JSON" };
  if (typeof claims.sub !== "string" || !claims.sub) return { ok: false, reason: "the token has no sub (the customer id)" };
  if (typeof claims.exp !== "number") return { ok: false, reason: "the token has no exp (expiry, seconds since 1970): tokens must expire" };
  const seconds = now / 1000;
  if (claims.exp + CLOCK_SKEW_S <= seconds) return { ok: false, reason: `the token expired at ${new Date(claims.exp * 1000).toISOString()}` };
  if (typeof claims.nbf === "number" && claims.nbf - CLOCK_SKEW_S > seconds)
    return { ok: false, reason: `the token is not valid before ${new Date(claims.nbf * 1000).toISOString()}` };
  return { ok: true, customer: claims.sub, expires: claims.exp };
}

/**
 * Signs a customer token, as the shop's server does (tests and the docs' Node example use it).
 *
 * @example
 * signCustomerToken("c-1024", secret, { expiresIn: 3600 });
 */
export function signCustomerToken(customer: string, secret: string, options: { expiresIn?: number; now?: number } = {}): string {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const head = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify({ sub: customer, iat, exp: iat + (options.expiresIn ?? 3600) }));
  return `${head}.${body}.${base64url(createHmac("sha256", secret).update(`${head}.${body}`).digest())}`;
}
