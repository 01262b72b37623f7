/// <reference types="node" />
/**
 * The collector's state in PostgreSQL, shared by several collector processes. Tables (created on
 * first use, under an advisory lock so that collectors starting together do not race):
 *
 *   nudge_leads      (id text primary key, time, received, visitor, session, widget, variant, path,
 *                     fields jsonb, consent_text, consent_time, delivered)
 *   nudge_lead_queue (lead_id text primary key references nudge_leads, due, attempts, last_error)
 *
 * A queue row is taken with `SELECT … FOR UPDATE SKIP LOCKED` inside a transaction that lasts
 * until its delivery is settled: another collector skips it, and it is deleted only after a 2xx.
 */
import type { Pool, PoolClient } from "pg";
import { COUPON_TABLES, createCouponState, POSTGRES_COUPON_INDEX } from "../coupons/coupon-state.js";
import type { Lead } from "../leads/lead.js";
import { settle, type StateStore } from "./state-store.js";

/** Any 64-bit number, the same in every collector: serializes the schema creation. */
const SCHEMA_LOCK = 7_316_401_162;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS nudge_leads (
  id text PRIMARY KEY,
  time bigint NOT NULL,
  received bigint NOT NULL,
  visitor text NOT NULL,
  session text NOT NULL,
  widget text NOT NULL,
  variant text NOT NULL,
  path text NOT NULL,
  fields jsonb NOT NULL,
  consent_text text NOT NULL,
  consent_time bigint NOT NULL,
  delivered bigint
);
CREATE TABLE IF NOT EXISTS nudge_lead_queue (
  lead_id text PRIMARY KEY REFERENCES nudge_leads (id) ON DELETE CASCADE,
  due bigint NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX IF NOT EXISTS nudge_lead_queue_due ON nudge_lead_queue (due);
`;

interface LeadRow {
  id: string;
  time: string;
  received: string;
  visitor: string;
  session: string;
  widget: string;
  variant: string;
  path: string;
  fields: Record<string, string>;
  consent_text: string;
  consent_time: string;
  delivered: string | null;
}

export function leadFromRow(row: LeadRow): Lead & { delivered?: number } {
  const lead: Lead & { delivered?: number } = {
    id: row.id,
    time: Number(row.time),
    received: Number(row.received),
    visitor: row.visitor,
    session: row.session,
    widget: row.widget,
    variant: row.variant,
    path: row.path,
    fields: typeof row.fields === "string" ? JSON.parse(row.fields) : row.fields,
    consent: { text: row.consent_text, time: Number(row.consent_time) },
  };
  if (row.delivered !== null && row.delivered !== undefined) lead.delivered = Number(row.delivered);
  return lead;
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Connects to PostgreSQL (`postgres://user@host:port/db`) and makes sure the tables exist.
 *
 * @example
 * const state = await createPostgresState("postgres://nudge@127.0.0.1:5432/nudge");
 */
export async function createPostgresState(url: string, options: { max?: number } = {}): Promise<StateStore> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 5 });
  // An idle client that loses its connection must not crash the collector: the next query reconnects.
  pool.on("error", () => {});
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [SCHEMA_LOCK]);
    await client.query(SCHEMA);
    for (const statement of [...COUPON_TABLES, POSTGRES_COUPON_INDEX]) await client.query(statement);
  });

  return {
    kind: "postgres",
    async addLead(lead, queue, now) {
      // One statement: the queue row exists exactly when the lead was new.
      const insert = `INSERT INTO nudge_leads (id, time, received, visitor, session, widget, variant, path, fields, consent_text, consent_time)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`;
      const sql = queue ? `WITH added AS (${insert}) INSERT INTO nudge_lead_queue (lead_id, due) SELECT id, $12 FROM added RETURNING lead_id` : insert;
      const values: unknown[] = [
        lead.id,
        lead.time,
        lead.received,
        lead.visitor,
        lead.session,
        lead.widget,
        lead.variant,
        lead.path,
        JSON.stringify(lead.fields),
        lead.consent.text,
        lead.consent.time,
      ];
      if (queue) values.push(now);
      const result = await pool.query(sql, values);
      return (result.rowCount ?? 0) > 0;
    },
    deliverDue(now, limit, deliver, retryAt) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<LeadRow & { attempts: number }>(
          `SELECT l.*, q.attempts FROM nudge_lead_queue q JOIN nudge_leads l ON l.id = q.lead_id
           WHERE q.due <= $1 ORDER BY q.due LIMIT $2 FOR UPDATE OF q SKIP LOCKED`,
          [now, limit],
        );
        const outcomes = await Promise.all(rows.map((row) => settle(deliver, { lead: leadFromRow(row), attempts: row.attempts })));
        let delivered = 0;
        for (const [i, row] of rows.entries()) {
          const outcome = outcomes[i];
          if (outcome.ok) {
            delivered++;
            await client.query("DELETE FROM nudge_lead_queue WHERE lead_id = $1", [row.id]);
            await client.query("UPDATE nudge_leads SET delivered = $2 WHERE id = $1", [row.id, Date.now()]);
          } else {
            await client.query("UPDATE nudge_lead_queue SET attempts = attempts + 1, due = $2, last_error = $3 WHERE lead_id = $1", [
              row.id,
              retryAt(row.attempts + 1),
              outcome.error.slice(0, 500),
            ]);
          }
        }
        return { delivered, failed: rows.length - delivered };
      });
    },
    async *leads() {
      let after: [number, string] = [-1, ""];
      for (;;) {
        const { rows } = await pool.query<LeadRow>("SELECT * FROM nudge_leads WHERE (received, id) > ($1, $2) ORDER BY received, id LIMIT 1000", after);
        for (const row of rows) yield leadFromRow(row);
        if (rows.length < 1000) return;
        const last = rows[rows.length - 1];
        after = [Number(last.received), last.id];
      }
    },
    async queued() {
      const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM nudge_lead_queue");
      return Number(rows[0].n);
    },
    coupons: createCouponState({
      dialect: "postgres",
      transaction: (work) => inTransaction(pool, (client) => work(async (sql, values) => (await client.query(sql, values)).rows)),
      query: async (sql, values) => (await pool.query(sql, values)).rows,
    }),
    close: () => pool.end(),
  };
}
