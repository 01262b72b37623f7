/// <reference types="node" />
/**
 * The collector's state in its DuckDB file, for a single collector process: the same tables as in
 * PostgreSQL (see postgres-state.ts). DuckDB has no row locks across processes, and one process
 * owns the file, so deliveries are serialized here: one `deliverDue` at a time, in a transaction.
 */
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { COUPON_TABLES, createCouponState } from "../coupons/coupon-state.js";
import { leadFromRow } from "./postgres-state.js";
import { settle, type StateStore } from "./state-store.js";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS nudge_leads (
    id VARCHAR PRIMARY KEY,
    time BIGINT NOT NULL,
    received BIGINT NOT NULL,
    visitor VARCHAR NOT NULL,
    session VARCHAR NOT NULL,
    widget VARCHAR NOT NULL,
    variant VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    fields VARCHAR NOT NULL,
    consent_text VARCHAR NOT NULL,
    consent_time BIGINT NOT NULL,
    delivered BIGINT
  )`,
  `CREATE TABLE IF NOT EXISTS nudge_lead_queue (
    lead_id VARCHAR PRIMARY KEY,
    due BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error VARCHAR
  )`,
];

type Row = Record<string, unknown>;

/**
 * Opens (or creates) the state tables in a DuckDB file. Give the event store's instance when the
 * collector has the file open already: two instances on one file in one process do not see each
 * other's writes (and would corrupt it); a path opens an instance of its own, closed with the state.
 *
 * @example
 * const state = await createDuckDbState("./nudge-events.duckdb");
 */
export async function createDuckDbState(file: string | DuckDBInstance): Promise<StateStore> {
  const own = typeof file === "string" ? await (await import("@duckdb/node-api")).DuckDBInstance.create(file) : undefined;
  const instance = own ?? (file as DuckDBInstance);
  const connection: DuckDBConnection = await instance.connect();
  for (const statement of [...SCHEMA, ...COUPON_TABLES]) await connection.run(statement);
  const rows = async (sql: string, values: (string | number | null)[] = []): Promise<Row[]> =>
    (await connection.runAndReadAll(sql, values.map((v) => (typeof v === "number" ? BigInt(v) : v)) as never)).getRowObjectsJS() as Row[];
  // One connection, one transaction at a time.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  };
  const transaction = <T>(work: () => Promise<T>) =>
    serial(async () => {
      await connection.run("BEGIN TRANSACTION");
      try {
        const result = await work();
        await connection.run("COMMIT");
        return result;
      } catch (error) {
        await connection.run("ROLLBACK").catch(() => {});
        throw error;
      }
    });
  const asLead = (row: Row) =>
    leadFromRow({
      ...row,
      time: String(row.time),
      received: String(row.received),
      consent_time: String(row.consent_time),
      delivered: row.delivered === null ? null : String(row.delivered),
    } as never);

  return {
    kind: "duckdb",
    addLead: (lead, queue, now) =>
      transaction(async () => {
        const added = await rows(
          `INSERT INTO nudge_leads (id, time, received, visitor, session, widget, variant, path, fields, consent_text, consent_time)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [lead.id, lead.time, lead.received, lead.visitor, lead.session, lead.widget, lead.variant, lead.path, JSON.stringify(lead.fields), lead.consent.text, lead.consent.time],
        );
        if (added.length && queue) await rows("INSERT INTO nudge_lead_queue (lead_id, due) VALUES ($1, $2)", [lead.id, now]);
        return added.length > 0;
      }),
    deliverDue: (now, limit, deliver, retryAt) =>
      transaction(async () => {
        const due = await rows("SELECT l.*, q.attempts FROM nudge_lead_queue q JOIN nudge_leads l ON l.id = q.lead_id WHERE q.due <= $1 ORDER BY q.due LIMIT $2", [now, limit]);
        const outcomes = await Promise.all(due.map((row) => settle(deliver, { lead: asLead(row), attempts: Number(row.attempts) })));
        let delivered = 0;
        for (const [i, row] of due.entries()) {
          const id = row.id as string;
          if (outcomes[i].ok) {
            delivered++;
            await rows("DELETE FROM nudge_lead_queue WHERE lead_id = $1", [id]);
            await rows("UPDATE nudge_leads SET delivered = $2 WHERE id = $1", [id, Date.now()]);
          } else {
            const error = (outcomes[i] as { error: string }).error.slice(0, 500);
            await rows("UPDATE nudge_lead_queue SET attempts = attempts + 1, due = $2, last_error = $3 WHERE lead_id = $1", [id, retryAt(Number(row.attempts) + 1), error]);
          }
        }
        return { delivered, failed: due.length - delivered };
      }),
    async *leads() {
      const all = await serial(() => rows("SELECT * FROM nudge_leads ORDER BY received, id"));
      for (const row of all) yield asLead(row);
    },
    coupons: createCouponState({ dialect: "duckdb", transaction: (work) => transaction(() => work(rows)), query: (sql, values) => serial(() => rows(sql, values)) }),
    queued: () => serial(async () => Number((await rows("SELECT count(*) AS n FROM nudge_lead_queue"))[0].n)),
    close: async () => {
      await tail;
      connection.closeSync();
      own?.closeSync();
    },
  };
}
