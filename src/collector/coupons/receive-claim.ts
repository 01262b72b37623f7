/**
 * The coupon routes of the collector (registered by server.ts when it has coupon state):
 *
 *   POST /coupons/claim   {visitor, widget, pool}  → 200 {code} | 404 unknown-pool | 410 pool-empty | used | 429 rate-limited
 *   POST /wheel/segments  {visitor, widget, wheel} → 200 {segments: [{label}], result?} (labels only: the odds stay here)
 *   POST /wheel/spin      {visitor, widget, wheel} → 200 {segment, label, code?} | 404 | 410 | 429
 *
 * Every answer is JSON; an error answer is `{ error, message }`. A claim is idempotent: the same
 * visitor and widget get the same code (or wheel result) again, until the code is used.
 */
import { generateCode } from "./code-pattern.js";
import type { ClaimResult, CouponState } from "./coupon-state.js";
import type { Offers } from "./offers.js";
import type { Random } from "./random.js";

export interface CouponsOptions {
  state: CouponState;
  offers: Offers;
  /** The draws of wheels and the characters of generated codes (crypto unless seeded for tests). */
  random: Random;
}

export const COUPON_PATHS = new Set(["/coupons/claim", "/wheel/segments", "/wheel/spin"]);

type Answer = { status: number; body: string };
const ID = /^[\w.:@-]{1,128}$/;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

const json = (status: number, value: unknown): Answer => ({ status, body: JSON.stringify(value) });
const refusal = (status: number, error: string, message: string) => json(status, { error, message });

const MESSAGES = {
  "pool-empty": "no code is left to hand out",
  used: "this visitor's code for this widget was used already",
  "rate-limited": "too many claims from this address or visitor; try again later",
} as const;

function answerOf(result: ClaimResult, extra: (segment?: number) => Record<string, unknown>): Answer {
  if (!result.ok) return refusal(result.error === "rate-limited" ? 429 : 410, result.error, MESSAGES[result.error]);
  return json(200, { ...(result.code ? { code: result.code } : {}), ...extra(result.segment) });
}

/** Draws a segment by weight among those whose pool is not empty. */
export function drawSegment(weights: readonly number[], random: Random): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let point = random() * total;
  for (let i = 0; i < weights.length; i++) {
    point -= weights[i];
    if (point < 0 && weights[i] > 0) return i;
  }
  let last = weights.length - 1;
  while (last > 0 && !(weights[last] > 0)) last--;
  return last; // rounding at the very top of the range
}

/** Answers one coupon request (`body` parsed already); `ip` is the client's address. */
export async function receiveClaim(path: string, body: unknown, ip: string, now: number, options: CouponsOptions): Promise<Answer> {
  const { state, offers, random } = options;
  const input = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const key = path === "/coupons/claim" ? "pool" : "wheel";
  for (const [field, pattern] of [
    ["visitor", ID],
    ["widget", ID],
    [key, NAME],
  ] as const) {
    if (typeof input[field] !== "string" || !pattern.test(input[field] as string))
      return refusal(400, "bad-request", `${field}: expected a string of ${pattern === ID ? "1 to 128 letters, digits or . : @ _ -" : "1 to 64 letters, digits, _ or -"}`);
  }
  const visitor = input.visitor as string;
  const widget = input.widget as string;
  const name = input[key] as string;
  const maker = (pool: string) => {
    const pattern = offers.pools[pool]?.pattern;
    return pattern ? { make: () => generateCode(pattern, random), limit: offers.pools[pool].limit } : undefined;
  };

  if (key === "pool") {
    if (!offers.pools[name] && !(await state.hasPool(name)))
      return refusal(404, "unknown-pool", `no pool "${name}": import its codes (nudge coupons import ${name} codes.csv) or add it to the offers file`);
    const result = await state.claim({
      visitor,
      widget,
      offer: name,
      ip,
      now,
      perIp: offers.perIp,
      perVisitor: offers.perVisitor,
      choose: (empty) => (empty.has(name) ? undefined : { pool: name }),
      maker,
    });
    return answerOf(result, () => ({}));
  }

  const wheel = offers.wheels[name];
  if (!wheel) return refusal(404, "unknown-wheel", `no wheel "${name}" in the collector's offers file`);
  const labelOf = (segment?: number) => (segment === undefined ? {} : { segment, label: wheel.segments[segment].label });
  if (path === "/wheel/segments") {
    const earlier = (await state.claims(visitor)).find((c) => c.widget === widget && c.offer === `wheel:${name}`);
    const segments = wheel.segments.map((s) => ({ label: s.label }));
    if (!earlier) return json(200, { segments });
    // Its code may have been used since: the claim says so.
    const again = await state.claim({ visitor, widget, offer: `wheel:${name}`, ip, now, perIp: offers.perIp, choose: () => undefined, maker });
    if (!again.ok) return answerOf(again, () => ({}));
    return json(200, { segments, result: { ...labelOf(again.segment), ...(again.code ? { code: again.code } : {}) } });
  }
  const result = await state.claim({
    visitor,
    widget,
    offer: `wheel:${name}`,
    ip,
    now,
    perIp: offers.perIp,
    perVisitor: offers.perVisitor,
    choose(empty) {
      const weights = wheel.segments.map((s) => (s.pool && empty.has(s.pool) ? 0 : s.weight));
      if (!weights.some((w) => w > 0)) return undefined;
      const segment = drawSegment(weights, random);
      return { segment, pool: wheel.segments[segment].pool };
    },
    maker,
  });
  return answerOf(result, labelOf);
}

/** The coupon codes of the `converted` events of a batch (a purchase with `coupon`), marked used. */
export async function redeemCoupons(events: ReadonlyArray<{ name: string; visitor: string; coupon?: string }>, now: number, state: CouponState): Promise<number> {
  let redeemed = 0;
  for (const code of new Set(events.filter((e) => e.name === "converted" && e.coupon).map((e) => `${e.visitor}\n${e.coupon}`))) {
    const [visitor, coupon] = code.split("\n");
    if (await state.redeem(coupon, visitor, now)) redeemed++;
  }
  return redeemed;
}
