/// <reference types="node" />
/**
 * The event store at scale: ClickHouse, through the official `@clickhouse/client` (an optional
 * peer dependency, loaded only when this store is made). Several collector processes can share it.
 *
 * Writes are grouped like the DuckDB store's: calls that arrive while a write runs go together in
 * the next one, a single JSONEachRow insert (ClickHouse wants few, large inserts). Before each
 * insert, the ids already stored are looked up and dropped (counted as duplicates); two collectors
 * racing on the same replayed batch may both insert it, and the ReplacingMergeTree plus `FINAL`
 * on every read count it once anyway (see clickhouse/clickhouse-sql.ts).
 *
 * The report: per-arm counts in SQL; attribution (orders credited to the last widget shown) and
 * the site-wide comparison folded in JS over rows streamed ordered by visitor, one visitor at a
 * time, with the reference code in src/measure/ (ClickHouse 18.16 has no window functions for
 * the SQL form DuckDB uses; see `OrderFold` and docs/collector.md).
 */
import type { ClickHouseClient } from "@clickhouse/client";
import { emptyOverall, type ArmAggregate, type OverallAggregate, type ReportAggregates } from "../measure/aggregates.js";
import { addToOrders, attribute, type Order } from "../measure/attribution.js";
import type { MeasureEvent } from "../measure/event.js";
import { overallAggregates } from "../measure/overall.js";
import * as sql from "./clickhouse/clickhouse-sql.js";
import { identifier, stringList } from "./clickhouse/sql-literal.js";
import { EMPTY_COUNTS, type EventStore, type IngestCounts, type StoredEvent } from "./store.js";
import { eventsIn, writeQueue } from "./write-queue.js";

export interface ClickHouseStoreOptions {
  /** The server's HTTP interface, e.g. `http://127.0.0.1:8123` (user and password may be in the URL; a path names the database). */
  url: string;
  /** The database holding `nudge_events` and `nudge_counts` (created when missing; default: the URL's path, else `default`). */
  database?: string;
}

const COUNT_NAMES: (keyof IngestCounts)[] = ["rejected", "clamped", "duplicates", "droppedByClients"];
/** Ids per duplicate lookup: keeps each query well under ClickHouse's 256 KiB `max_query_size`. */
const LOOKUP_CHUNK = 2000;

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

async function loadClient(): Promise<typeof import("@clickhouse/client")> {
  try {
    return await import("@clickhouse/client");
  } catch (error) {
    throw new Error(`nudge collect: the ClickHouse store needs the package @clickhouse/client (npm install @clickhouse/client): ${(error as Error).message}`);
  }
}

/** The row as the table stores it (JSONEachRow: no value goes through SQL text). */
function row(event: StoredEvent) {
  const finite = (value: number | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  return {
    id: event.id,
    name: event.name,
    time: Math.trunc(event.time),
    visitor: event.visitor,
    session: event.session,
    widget: event.widget,
    type: event.type,
    variant: event.variant,
    exposure: event.exposure,
    path: event.path ?? null,
    share: finite(event.share),
    value: finite(event.value),
    currency: event.currency ?? null,
    goal: event.goal ?? null,
    order_id: event.order ?? null,
    reason: event.reason ?? null,
    action: event.action ?? null,
    fields: event.fields ? JSON.stringify(event.fields) : null,
    received_at: Math.trunc(event.receivedAt),
    client_time: Math.trunc(event.clientTime),
    clamped: event.clamped ? 1 : 0,
    site_holdout: typeof event.siteHoldout === "boolean" ? (event.siteHoldout ? 1 : 0) : null,
  };
}

/** A row of `sql.orderRows`, as JSONEachRow gives it (Int64 as a string). */
interface OrderRow {
  name: string;
  visitor: string;
  time: string | number;
  widget: string;
  variant: string;
  exposure: string;
  value: number | null;
  goal: string | null;
  order_id: string | null;
  site_holdout: number | null;
}

const measureEvent = (r: OrderRow): MeasureEvent =>
  ({
    name: r.name,
    visitor: r.visitor,
    time: Number(r.time),
    widget: r.widget,
    variant: r.variant,
    exposure: r.exposure,
    ...(r.value === null ? {} : { value: Number(r.value) }),
    ...(r.goal === null ? {} : { goal: r.goal }),
    ...(r.order_id === null ? {} : { order: r.order_id }),
    ...(r.site_holdout === null ? {} : { siteHoldout: Number(r.site_holdout) === 1 }),
  }) as MeasureEvent;

interface Credits {
  attributedOrders: number;
  attributedRevenue: number;
  assistedOrders: number;
  assistedRevenue: number;
}

const addOverall = (into: OverallAggregate, from: OverallAggregate) => {
  for (const key of Object.keys(into) as (keyof OverallAggregate)[]) into[key] += from[key];
};

/**
 * Attribution and the site-wide comparison, folded in JS one visitor at a time over rows streamed
 * from ClickHouse ordered by visitor (see `sql.orderRows` for why not in SQL on 18.16). Memory holds
 * one visitor's conversions; the per-visitor results are sums, so they add up across visitors.
 */
class OrderFold {
  readonly credits = new Map<string, Credits>();
  orders = 0;
  revenue = 0;
  unattributedOrders = 0;
  unattributedRevenue = 0;
  readonly treated = emptyOverall();
  readonly control = emptyOverall();
  anyArm = false;
  private visitor: string | undefined;
  private events: MeasureEvent[] = [];

  add(row: OrderRow) {
    if (row.visitor !== this.visitor) this.flush();
    this.visitor = row.visitor;
    this.events.push(measureEvent(row));
  }

  flush() {
    if (!this.events.length) return;
    const orders = new Map<string, Order>();
    for (const event of this.events) addToOrders(orders, event);
    const result = attribute(orders, (widget, variant, kind, value) => {
      const key = `${widget}\u0000${variant}`;
      let credit = this.credits.get(key);
      if (!credit) this.credits.set(key, (credit = { attributedOrders: 0, attributedRevenue: 0, assistedOrders: 0, assistedRevenue: 0 }));
      if (kind === "attributed") {
        credit.attributedOrders++;
        credit.attributedRevenue += value;
      } else {
        credit.assistedOrders++;
        credit.assistedRevenue += value;
      }
    });
    this.orders += result.orders;
    this.revenue += result.revenue;
    this.unattributedOrders += result.unattributed.orders;
    this.unattributedRevenue += result.unattributed.revenue;
    const overall = overallAggregates(this.events, orders);
    if (overall) {
      this.anyArm = true;
      addOverall(this.treated, overall.treated);
      addOverall(this.control, overall.control);
    }
    this.events = [];
  }
}

/**
 * Connects to ClickHouse and makes sure the database and tables exist.
 *
 * @example
 * const store = await createClickHouseStore({ url: "http://127.0.0.1:8123", database: "nudge" });
 */
export async function createClickHouseStore(options: ClickHouseStoreOptions): Promise<EventStore & { readonly database: string }> {
  const { createClient, ClickHouseLogLevel } = await loadClient();
  const url = new URL(options.url);
  const db = options.database ?? (decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, "")) || "default");
  identifier(db); // throws on a bad name, before anything is sent
  url.pathname = "/";
  const client: ClickHouseClient = createClient({ url: url.href, request_timeout: 60_000, log: { level: ClickHouseLogLevel.OFF } });
  const select = async <T>(query: string): Promise<T[]> => (await client.query({ query, format: "JSONEachRow" })).json<T>();
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${identifier(db)}` });
  await client.command({ query: sql.createEvents(db) });
  const hasSiteHoldout = async () => num((await select<{ n: string }>(sql.hasSiteHoldout(db)))[0]?.n) > 0;
  if (!(await hasSiteHoldout())) {
    // Two collectors starting together may both try: the loser's error is fine once the column is there.
    await client.command({ query: sql.addSiteHoldout(db) }).catch(async (error) => {
      if (!(await hasSiteHoldout())) throw error;
    });
  }
  await client.command({ query: sql.createCounts(db) });

  let closed = false;

  const addCountRows = (counts: [string, number][]) =>
    counts.length ? client.insert({ table: `${db}.nudge_counts`, values: counts.map(([name, value]) => ({ name, value })), format: "JSONEachRow" }) : Promise.resolve();

  async function alreadyStored(ids: string[]): Promise<Set<string>> {
    const stored = new Set<string>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const rows = await select<{ id: string }>(sql.storedIds(db, stringList(ids.slice(i, i + LOOKUP_CHUNK))));
      for (const { id } of rows) stored.add(id);
    }
    return stored;
  }

  /** One write: every call waiting now, in one insert. */
  const { enqueue, drain } = writeQueue(async (firstCopies, group) => {
    const stored = await alreadyStored([...firstCopies.keys()]);
    const fresh = [...firstCopies.values()].filter((event) => !stored.has(event.id));
    if (fresh.length) await client.insert({ table: `${db}.nudge_events`, values: fresh.map(row), format: "JSONEachRow" });
    const total = eventsIn(group);
    if (total > fresh.length) await addCountRows([["duplicates", total - fresh.length]]);
    return new Set(fresh.map((event) => event.id));
  });

  async function readCounts(): Promise<IngestCounts> {
    const counts = { ...EMPTY_COUNTS };
    for (const { name, value } of await select<{ name: string; value: string }>(sql.readCounts(db))) {
      if (COUNT_NAMES.includes(name as keyof IngestCounts)) counts[name as keyof IngestCounts] = num(value);
    }
    return counts;
  }

  /** Streams `sql.orderRows` into the fold, one visitor at a time. */
  async function foldOrders(): Promise<OrderFold> {
    const fold = new OrderFold();
    const result = await client.query({ query: sql.orderRows(db), format: "JSONEachRow" });
    for await (const rows of result.stream<OrderRow>()) for (const r of rows) fold.add(r.json<OrderRow>());
    fold.flush();
    return fold;
  }

  return {
    kind: "clickhouse",
    database: db,
    insertEvents(batch) {
      if (closed) return Promise.reject(new Error("the store is closed"));
      if (!batch.length) return Promise.resolve({ inserted: 0, duplicates: 0 });
      return enqueue(batch);
    },
    async addCounts(counts) {
      const rows: [string, number][] = [];
      for (const name of COUNT_NAMES) {
        const by = (counts as Partial<IngestCounts>)[name];
        if (name !== "duplicates" && typeof by === "number" && by > 0) rows.push([name, Math.trunc(by)]);
      }
      await addCountRows(rows);
    },
    async reportAggregates(): Promise<ReportAggregates> {
      type Row = Record<string, string | number | null>;
      const [[totals], arms, sums, types, counts, fold] = await Promise.all([
        select<Row>(sql.readTotals(db)),
        select<Row>(sql.armCounts(db)),
        select<Row>(sql.eligibleSums(db)),
        select<Row>(sql.widgetTypes(db)),
        readCounts(),
        foldOrders(),
      ]);
      const key = (r: Row) => `${r.widget}\u0000${r.variant}`;
      const sumsByArm = new Map(sums.map((r) => [key(r), r]));
      const typeOf = new Map(types.map((r) => [String(r.widget), String(r.type)]));
      const result = arms.map((r): ArmAggregate => {
        const s = sumsByArm.get(key(r));
        const credit = fold.credits.get(key(r));
        return {
          widget: String(r.widget),
          type: typeOf.get(String(r.widget)) ?? "",
          variant: String(r.variant),
          share: num(r.shares) > 0 ? num(r.lastShare) : null,
          eligible: num(r.eligible),
          impressions: num(r.impressions),
          shownVisitors: num(r.shownVisitors),
          viewable: num(r.viewable),
          viewableVisitors: num(r.viewableVisitors),
          clicks: num(r.clicks),
          clickedVisitors: num(r.clickedVisitors),
          closes: num(r.closes),
          minimized: num(r.minimized),
          leads: num(r.leads),
          conversions: num(r.conversions),
          converters: num(r.converters),
          eligibleConverters: num(s?.eligibleConverters),
          revenue: num(r.revenue),
          orders: num(r.orders),
          eligibleRevenue: num(s?.eligibleRevenue),
          eligibleRevenueSquares: num(s?.eligibleRevenueSquares),
          attributedOrders: num(credit?.attributedOrders),
          attributedRevenue: num(credit?.attributedRevenue),
          assistedOrders: num(credit?.assistedOrders),
          assistedRevenue: num(credit?.assistedRevenue),
        };
      });
      result.sort((a, b) => (a.widget < b.widget ? -1 : a.widget > b.widget ? 1 : a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0));
      const events = num(totals?.events);
      return {
        events,
        duplicates: counts.duplicates,
        visitors: num(totals?.visitors),
        from: events ? num(totals.first) : null,
        to: events ? num(totals.last) : null,
        arms: result,
        orders: fold.orders,
        revenue: fold.revenue,
        unattributedOrders: fold.unattributedOrders,
        unattributedRevenue: fold.unattributedRevenue,
        overall: fold.anyArm ? { treated: fold.treated, control: fold.control } : null,
      };
    },
    async health() {
      try {
        const [{ events }] = await select<{ events: string }>(`SELECT count() AS events FROM ${identifier(db)}.nudge_events FINAL`);
        return { ok: !closed, store: "clickhouse", events: num(events), counts: await readCounts(), ...(closed ? { error: "closed" } : {}) };
      } catch (error) {
        return { ok: false, store: "clickhouse", events: 0, counts: { ...EMPTY_COUNTS }, error: (error as Error).message };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await drain();
      await client.close();
    },
  };
}
