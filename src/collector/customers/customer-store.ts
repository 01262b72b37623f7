/// <reference types="node" />
/**
 * Where imported orders live: the collector's DuckDB file (one collector process) or PostgreSQL
 * (several collectors), the same two tables in both, created on first use:
 *
 *   nudge_customer_orders (order_id primary key, customer_id, time, total, currency, items, categories, coupon)
 *   nudge_customers       (customer_id primary key, birthday, updated)
 *
 * An import upserts by order id, so importing the same export again changes nothing and a
 * corrected row replaces the old one. The card is computed from the rows when it is asked for.
 */
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { CustomerCard } from "../../profile/customer-card.js";
import { buildCard, type ImportedOrder } from "./build-card.js";

export interface ImportCounts {
  /** Orders not stored before. */
  added: number;
  /** Orders stored before, written again (unchanged or corrected). */
  updated: number;
  /** Birthdays written. */
  birthdays: number;
}

export interface CustomerStore {
  readonly kind: "duckdb" | "postgres";
  /** Upserts orders by order id and birthdays by customer id, in one transaction. */
  importOrders(orders: readonly ImportedOrder[], birthdays: ReadonlyMap<string, string>, now: number): Promise<ImportCounts>;
  /** The customer's card; undefined when the shop's export never named this customer. */
  card(customer: string): Promise<CustomerCard | undefined>;
  /** How many customers and orders are stored. */
  counts(): Promise<{ customers: number; orders: number }>;
  close(): Promise<void>;
}

const TABLES = [
  `CREATE TABLE IF NOT EXISTS nudge_customer_orders (
    order_id VARCHAR PRIMARY KEY,
    customer_id VARCHAR NOT NULL,
    time BIGINT NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    currency VARCHAR,
    items VARCHAR NOT NULL,
    categories VARCHAR NOT NULL,
    coupon VARCHAR
  )`,
  "CREATE INDEX IF NOT EXISTS nudge_customer_orders_customer ON nudge_customer_orders (customer_id)",
  `CREATE TABLE IF NOT EXISTS nudge_customers (
    customer_id VARCHAR PRIMARY KEY,
    birthday VARCHAR,
    updated BIGINT NOT NULL
  )`,
];

const UPSERT_ORDER = `INSERT INTO nudge_customer_orders (order_id, customer_id, time, total, currency, items, categories, coupon)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (order_id) DO UPDATE SET customer_id = excluded.customer_id, time = excluded.time, total = excluded.total,
    currency = excluded.currency, items = excluded.items, categories = excluded.categories, coupon = excluded.coupon`;
const UPSERT_BIRTHDAY = `INSERT INTO nudge_customers (customer_id, birthday, updated) VALUES ($1, $2, $3)
  ON CONFLICT (customer_id) DO UPDATE SET birthday = excluded.birthday, updated = excluded.updated`;

type Row = Record<string, unknown>;
type Value = string | number | null;
/** Runs one statement inside the import's transaction. */
type Query = (sql: string, values?: Value[]) => Promise<Row[]>;

const orderValues = (o: ImportedOrder): Value[] => [
  o.order,
  o.customer,
  o.time,
  o.total,
  o.currency ?? null,
  JSON.stringify(o.items),
  JSON.stringify(o.categories),
  o.coupon ?? null,
];

const orderFromRow = (row: Row): ImportedOrder => ({
  order: String(row.order_id),
  customer: String(row.customer_id),
  time: Number(row.time),
  total: Number(row.total),
  items: JSON.parse(String(row.items)),
  categories: JSON.parse(String(row.categories)),
  ...(row.currency ? { currency: String(row.currency) } : {}),
  ...(row.coupon ? { coupon: String(row.coupon) } : {}),
});

/** The import, the same SQL in both databases; `query` runs inside one transaction. */
async function upsertAll(query: Query, orders: readonly ImportedOrder[], birthdays: ReadonlyMap<string, string>, now: number): Promise<ImportCounts> {
  // Last row wins for an order id repeated within the file, as it would across two imports.
  const byId = new Map(orders.map((o) => [o.order, o]));
  const known = new Set<string>();
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const placeholders = slice.map((_, j) => `$${j + 1}`).join(", ");
    for (const row of await query(`SELECT order_id FROM nudge_customer_orders WHERE order_id IN (${placeholders})`, slice)) known.add(String(row.order_id));
  }
  for (const order of byId.values()) await query(UPSERT_ORDER, orderValues(order));
  for (const [customer, birthday] of birthdays) await query(UPSERT_BIRTHDAY, [customer, birthday, now]);
  return { added: ids.filter((id) => !known.has(id)).length, updated: known.size, birthdays: birthdays.size };
}

async function readCard(query: Query, customer: string): Promise<CustomerCard | undefined> {
  const orders = (await query("SELECT * FROM nudge_customer_orders WHERE customer_id = $1", [customer])).map(orderFromRow);
  const [person] = await query("SELECT birthday FROM nudge_customers WHERE customer_id = $1", [customer]);
  if (!orders.length && !person) return undefined;
  return buildCard(customer, orders, person?.birthday ? String(person.birthday) : null);
}

async function readCounts(query: Query) {
  const [row] = await query(
    "SELECT (SELECT count(*) FROM (SELECT customer_id FROM nudge_customer_orders UNION SELECT customer_id FROM nudge_customers) AS c) AS customers, (SELECT count(*) FROM nudge_customer_orders) AS orders",
  );
  return { customers: Number(row.customers), orders: Number(row.orders) };
}

/**
 * The customer tables in a DuckDB file. Give the event store's instance when the collector has the
 * file open (two instances on one file in one process would corrupt it); a path opens its own.
 *
 * @example
 * const customers = await createDuckDbCustomers("./nudge-events.duckdb");
 */
export async function createDuckDbCustomers(file: string | DuckDBInstance): Promise<CustomerStore> {
  const own = typeof file === "string" ? await (await import("@duckdb/node-api")).DuckDBInstance.create(file) : undefined;
  const connection: DuckDBConnection = await (own ?? (file as DuckDBInstance)).connect();
  for (const statement of TABLES) await connection.run(statement);
  const query: Query = async (sql, values = []) =>
    (await connection.runAndReadAll(sql, values.map((v) => (typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v)) as never)).getRowObjectsJS() as Row[];
  // One connection: one statement sequence at a time (an import's transaction is not interleaved).
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  };
  return {
    kind: "duckdb",
    importOrders: (orders, birthdays, now) =>
      serial(async () => {
        await connection.run("BEGIN TRANSACTION");
        try {
          const counts = await upsertAll(query, orders, birthdays, now);
          await connection.run("COMMIT");
          return counts;
        } catch (error) {
          await connection.run("ROLLBACK").catch(() => {});
          throw error;
        }
      }),
    card: (customer) => serial(() => readCard(query, customer)),
    counts: () => serial(() => readCounts(query)),
    close: async () => {
      await tail;
      connection.closeSync();
      own?.closeSync();
    },
  };
}

/**
 * The customer tables in PostgreSQL, shared by several collectors.
 *
 * @example
 * const customers = await createPostgresCustomers("postgres://nudge@127.0.0.1:5432/nudge");
 */
export async function createPostgresCustomers(url: string, options: { max?: number } = {}): Promise<CustomerStore> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 5 });
  pool.on("error", () => {}); // an idle client's lost connection: the next query reconnects
  const client = await pool.connect();
  try {
    // Collectors starting together must not race on CREATE TABLE (any 64-bit number, the same everywhere).
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(7316401163)");
    for (const statement of TABLES) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  const poolQuery: Query = async (sql, values = []) => (await pool.query(sql, values)).rows;
  return {
    kind: "postgres",
    async importOrders(orders, birthdays, now) {
      const tx = await pool.connect();
      try {
        await tx.query("BEGIN");
        const counts = await upsertAll(async (sql, values = []) => (await tx.query(sql, values)).rows, orders, birthdays, now);
        await tx.query("COMMIT");
        return counts;
      } catch (error) {
        await tx.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        tx.release();
      }
    },
    card: (customer) => readCard(poolQuery, customer),
    counts: () => readCounts(poolQuery),
    close: () => pool.end(),
  };
}
