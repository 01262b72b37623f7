/**
 * The collector's offers file (`nudge collect --offers offers.json`): the coupon pools, the wheels
 * and their odds, and the claim limits. It stays on the server: the public rules file names a pool
 * or a wheel, never a code or an odd.
 *
 * @example
 * {
 *   "pools": { "WELCOME": {}, "SPRING10": { "pattern": "SPR10-######*", "limit": 5000 } },
 *   "wheels": { "SPRING": { "segments": [
 *     { "label": "10% off", "weight": 30, "pool": "SPRING10" },
 *     { "label": "No luck", "weight": 70 } ] } },
 *   "limits": { "perIp": { "count": 5, "window": "1h" }, "perVisitor": { "count": 30, "window": "10m" } }
 * }
 */
import * as z from "zod/mini";
import { parseDuration } from "../../rules/duration.js";
import { patternProblem } from "./code-pattern.js";

export interface Limit {
  count: number;
  windowMs: number;
}

export interface PoolOffer {
  /** Codes made on claim from this pattern (see code-pattern.ts); absent: codes imported with `nudge coupons import`. */
  pattern?: string;
  /** At most this many codes are made from the pattern. */
  limit?: number;
}

export interface WheelOffer {
  segments: Array<{ label: string; weight: number; pool?: string }>;
}

export interface Offers {
  pools: Record<string, PoolOffer>;
  wheels: Record<string, WheelOffer>;
  /** New codes and spins handed to one IP address per window (a household or office shares one: keep it above 1). */
  perIp: Limit;
  /** Claim and spin requests from one visitor id per window. */
  perVisitor: Limit;
  /** Read the client's IP from the first X-Forwarded-For address (only behind a proxy you run). */
  trustProxy: boolean;
}

export const DEFAULT_OFFERS: Offers = {
  pools: {},
  wheels: {},
  perIp: { count: 5, windowMs: 3_600_000 },
  perVisitor: { count: 30, windowMs: 600_000 },
  trustProxy: false,
};

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function schema() {
  z.config({ jitless: true });
  const name = () => z.string().check(z.regex(NAME, "letters, digits, _ and - (at most 64)"));
  const limit = () =>
    z.optional(
      z.strictObject({
        count: z.number().check(z.int(), z.gte(1)),
        window: z.string().check(z.refine((w) => parseDuration(w) !== undefined, 'a duration such as "10m", "1h" or "1d"')),
      }),
    );
  return z.strictObject({
    $schema: z.optional(z.string()),
    pools: z.optional(
      z.record(
        name(),
        z.strictObject({
          pattern: z.optional(z.string().check(z.refine((p) => !patternProblem(p), { error: (issue) => `pattern ${patternProblem(String(issue.input))}` }))),
          limit: z.optional(z.number().check(z.int(), z.gte(1))),
        }),
      ),
    ),
    wheels: z.optional(
      z.record(
        name(),
        z.strictObject({
          segments: z
            .array(
              z.strictObject({
                label: z.string().check(z.minLength(1), z.maxLength(24)),
                weight: z.number().check(z.positive()),
                pool: z.optional(name()),
              }),
            )
            .check(z.minLength(2), z.maxLength(12)),
        }),
      ),
    ),
    limits: z.optional(z.strictObject({ perIp: limit(), perVisitor: limit() })),
    trustProxy: z.optional(z.boolean()),
  });
}

/**
 * Checks an offers file's JSON; the problems name their path (`wheels.SPRING.segments.1.weight: …`).
 */
export function parseOffers(input: unknown): { offers: Offers } | { problems: string[] } {
  const result = schema().safeParse(input);
  if (!result.success) return { problems: result.error.issues.map((i) => `${i.path.join(".") || "offers"}: ${i.message}`) };
  const data = result.data;
  const pools = (data.pools ?? {}) as Record<string, PoolOffer>;
  const wheels = (data.wheels ?? {}) as Record<string, WheelOffer>;
  const problems: string[] = [];
  for (const [wheel, { segments }] of Object.entries(wheels))
    segments.forEach((s, i) => {
      if (s.pool && !pools[s.pool]) problems.push(`wheels.${wheel}.segments.${i}.pool: "${s.pool}" is not in "pools" (add it, with a pattern or for imported codes)`);
    });
  if (problems.length) return { problems };
  const limit = (given: { count: number; window: string } | undefined, fallback: Limit): Limit =>
    given ? { count: given.count, windowMs: parseDuration(given.window)! } : fallback;
  return {
    offers: {
      pools,
      wheels,
      perIp: limit(data.limits?.perIp, DEFAULT_OFFERS.perIp),
      perVisitor: limit(data.limits?.perVisitor, DEFAULT_OFFERS.perVisitor),
      trustProxy: data.trustProxy ?? false,
    },
  };
}
