/**
 * Coupon codes and claims in the collector's transactional state (the DuckDB file for one
 * collector, PostgreSQL for several): the same SQL on both, with PostgreSQL's row locks
 * (`FOR UPDATE SKIP LOCKED`) where several collectors take codes from one pool at once.
 *
 *   nudge_coupon_codes  (code primary key, pool, added, claimed, used, used_by)
 *   nudge_coupon_claims (visitor, widget primary key, offer, code, segment, ip, claimed)
 *   nudge_coupon_limits (subject, slot primary key, hits): fixed-window counters of the rate limits
 *
 * A code is claimed at most once ever (its `claimed` is set in the transaction that writes the
 * claim); a visitor has one claim per widget, so a second claim returns the first one's code.
 */
import type { Limit } from "./offers.js";

type Row = Record<string, unknown>;
/** Runs one statement (`$1`… placeholders) and resolves with its rows. */
export type Query = (sql: string, values?: (string | number | null)[]) => Promise<Row[]>;

/** The database under the coupon state, given by the state store that owns the connection. */
export interface CouponDb {
  dialect: "duckdb" | "postgres";
  /** Runs `work` in one transaction (rolled back when it throws). */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** One statement on its own. */
  query: Query;
}

export const COUPON_TABLES = [
  `CREATE TABLE IF NOT EXISTS nudge_coupon_codes (
    code VARCHAR PRIMARY KEY,
    pool VARCHAR NOT NULL,
    added BIGINT NOT NULL,
    claimed BIGINT,
    used BIGINT,
    used_by VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS nudge_coupon_claims (
    visitor VARCHAR NOT NULL,
    widget VARCHAR NOT NULL,
    offer VARCHAR NOT NULL,
    code VARCHAR,
    segment INTEGER,
    ip VARCHAR NOT NULL,
    claimed BIGINT NOT NULL,
    PRIMARY KEY (visitor, widget)
  )`,
  `CREATE TABLE IF NOT EXISTS nudge_coupon_limits (
    subject VARCHAR NOT NULL,
    slot BIGINT NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (subject, slot)
  )`,
];
/** PostgreSQL only: the free codes of a pool are found without reading the claimed ones. */
export const POSTGRES_COUPON_INDEX = "CREATE INDEX IF NOT EXISTS nudge_coupon_codes_free ON nudge_coupon_codes (pool) WHERE claimed IS NULL";

/** What a claim asks for. */
export interface ClaimInput {
  visitor: string;
  widget: string;
  /** The pool's name, or `wheel:<name>` (stored with the claim). */
  offer: string;
  ip: string;
  now: number;
  perIp: Limit;
  /** Requests of this visitor id per window, counted in the same transaction (one commit per claim). */
  perVisitor?: Limit;
  /**
   * Picks what to hand out, leaving out the pools found empty so far (a wheel draws again among
   * the other segments); undefined when nothing is left.
   */
  choose(emptyPools: ReadonlySet<string>): { pool?: string; segment?: number } | undefined;
  /** A new code for a pattern pool (undefined for a pool of imported codes), and its size limit. */
  maker(pool: string): { make(): string; limit?: number } | undefined;
}

export type ClaimResult =
  | { ok: true; code?: string; segment?: number /** The visitor's earlier claim, returned again. */; again: boolean }
  | { ok: false; error: "pool-empty" | "used" | "rate-limited" };

export interface PoolCounts {
  pool: string;
  total: number;
  claimed: number;
  used: number;
}

export interface CouponState {
  /** The visitor's code (and wheel segment) for a widget: their earlier one, or a new one in one transaction. */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /** Marks a code used (a purchase with it); true the first time only. Unknown codes change nothing. */
  redeem(code: string, visitor: string, now: number): Promise<boolean>;
  /** Adds codes to a pool; codes already stored (in any pool) are skipped. */
  importCodes(pool: string, codes: readonly string[], now: number): Promise<{ added: number; skipped: number }>;
  /** Whether any code of this pool is stored. */
  hasPool(pool: string): Promise<boolean>;
  /** Counts one hit of `subject` in the current window; true while within `limit`. */
  hit(subject: string, limit: Limit, now: number): Promise<boolean>;
  pools(): Promise<PoolCounts[]>;
  /** The claims of a visitor (for tests and support questions). */
  claims(visitor: string): Promise<Array<{ widget: string; offer: string; code?: string; segment?: number }>>;
}

class Refusal extends Error {
  constructor(readonly error: "pool-empty" | "used" | "rate-limited" | "raced") {
    super(error);
  }
}

const IMPORT_BATCH = 500;

export function createCouponState(db: CouponDb): CouponState {
  const lock = db.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));

  async function countHit(query: Query, subject: string, limit: Limit, now: number): Promise<boolean> {
    const [row] = await query(
      `INSERT INTO nudge_coupon_limits (subject, slot, hits) VALUES ($1, $2, 1)
       ON CONFLICT (subject, slot) DO UPDATE SET hits = nudge_coupon_limits.hits + 1 RETURNING hits`,
      [subject, Math.floor(now / limit.windowMs)],
    );
    return Number(row.hits) <= limit.count;
  }

  /** A free code of the pool, marked claimed; a new one from its pattern when none is left; undefined when it is empty. */
  async function takeCode(query: Query, pool: string, input: ClaimInput): Promise<string | undefined> {
    const [free] = await query(`SELECT code FROM nudge_coupon_codes WHERE pool = $1 AND claimed IS NULL LIMIT 1${lock}`, [pool]);
    if (free) {
      await query("UPDATE nudge_coupon_codes SET claimed = $2 WHERE code = $1", [free.code as string, input.now]);
      return free.code as string;
    }
    const maker = input.maker(pool);
    if (!maker) return undefined;
    if (maker.limit !== undefined) {
      // Count and insert under one lock per pool, so that collectors together never pass the limit.
      if (db.dialect === "postgres") await query("SELECT pg_advisory_xact_lock(hashtext($1))", [`nudge-coupons:${pool}`]);
      const [{ n }] = await query("SELECT count(*) AS n FROM nudge_coupon_codes WHERE pool = $1", [pool]);
      if (Number(n) >= maker.limit) return undefined;
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = maker.make();
      const added = await query("INSERT INTO nudge_coupon_codes (code, pool, added, claimed) VALUES ($1, $2, $3, $3) ON CONFLICT (code) DO NOTHING RETURNING code", [
        code,
        pool,
        input.now,
      ]);
      if (added.length) return code;
    }
    throw new Error(`pool ${pool}: 8 generated codes in a row were taken already; give its pattern more "#" characters`);
  }

  async function existing(query: Query, visitor: string, widget: string): Promise<ClaimResult | undefined> {
    const [row] = await query(
      `SELECT c.code, c.segment, k.used FROM nudge_coupon_claims c LEFT JOIN nudge_coupon_codes k ON k.code = c.code
       WHERE c.visitor = $1 AND c.widget = $2`,
      [visitor, widget],
    );
    if (!row) return undefined;
    if (row.used !== null && row.used !== undefined) return { ok: false, error: "used" };
    return { ok: true, again: true, ...(row.code ? { code: row.code as string } : {}), ...(row.segment !== null ? { segment: num(row.segment) } : {}) };
  }

  async function claimOnce(input: ClaimInput): Promise<ClaimResult> {
    return db.transaction(async (query) => {
      if (input.perVisitor && !(await countHit(query, `visitor:${input.visitor}`, input.perVisitor, input.now))) throw new Refusal("rate-limited");
      const before = await existing(query, input.visitor, input.widget);
      if (before) return before;
      if (!(await countHit(query, `ip:${input.ip}`, input.perIp, input.now))) throw new Refusal("rate-limited");
      const empty = new Set<string>();
      for (;;) {
        const pick = input.choose(empty);
        if (!pick) throw new Refusal("pool-empty");
        let code: string | undefined;
        if (pick.pool) {
          code = await takeCode(query, pick.pool, input);
          if (!code) {
            empty.add(pick.pool);
            continue;
          }
        }
        const written = await query(
          `INSERT INTO nudge_coupon_claims (visitor, widget, offer, code, segment, ip, claimed) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (visitor, widget) DO NOTHING RETURNING visitor`,
          [input.visitor, input.widget, input.offer, code ?? null, pick.segment ?? null, input.ip, input.now],
        );
        // Another collector wrote this visitor's claim meanwhile: this one is rolled back, theirs returned.
        if (!written.length) throw new Refusal("raced");
        return { ok: true, again: false, ...(code ? { code } : {}), ...(pick.segment !== undefined ? { segment: pick.segment } : {}) };
      }
    });
  }

  return {
    async claim(input) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await claimOnce(input);
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          if (error.error !== "raced") return { ok: false, error: error.error };
          if (attempt > 2) throw new Error("the claim kept racing with another collector's");
        }
      }
    },
    async redeem(code, visitor, now) {
      const rows = await db.query("UPDATE nudge_coupon_codes SET used = $2, used_by = $3 WHERE code = $1 AND used IS NULL RETURNING code", [code, now, visitor]);
      return rows.length > 0;
    },
    importCodes(pool, codes, now) {
      return db.transaction(async (query) => {
        let added = 0;
        for (let i = 0; i < codes.length; i += IMPORT_BATCH) {
          const batch = codes.slice(i, i + IMPORT_BATCH);
          const values = batch.map((_, j) => `($${j + 1}, $${batch.length + 1}, $${batch.length + 2})`).join(", ");
          const rows = await query(`INSERT INTO nudge_coupon_codes (code, pool, added) VALUES ${values} ON CONFLICT (code) DO NOTHING RETURNING code`, [...batch, pool, now]);
          added += rows.length;
        }
        return { added, skipped: codes.length - added };
      });
    },
    async hasPool(pool) {
      return (await db.query("SELECT 1 AS one FROM nudge_coupon_codes WHERE pool = $1 LIMIT 1", [pool])).length > 0;
    },
    hit: (subject, limit, now) => countHit(db.query, subject, limit, now),
    async pools() {
      const rows = await db.query("SELECT pool, count(*) AS total, count(claimed) AS claimed, count(used) AS used FROM nudge_coupon_codes GROUP BY pool ORDER BY pool");
      return rows.map((r) => ({ pool: r.pool as string, total: Number(r.total), claimed: Number(r.claimed), used: Number(r.used) }));
    },
    async claims(visitor) {
      const rows = await db.query("SELECT widget, offer, code, segment FROM nudge_coupon_claims WHERE visitor = $1 ORDER BY claimed, widget", [visitor]);
      return rows.map((r) => ({
        widget: r.widget as string,
        offer: r.offer as string,
        ...(r.code ? { code: r.code as string } : {}),
        ...(r.segment !== null && r.segment !== undefined ? { segment: Number(r.segment) } : {}),
      }));
    },
  };
}
