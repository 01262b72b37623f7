/// <reference types="node" />
/**
 * The default event store: an embedded DuckDB file (or `:memory:`), through
 * `@duckdb/node-api` (an optional dependency, loaded only when a store is made).
 *
 * Writes are grouped: calls that arrive while a write runs wait and go together
 * in the next one (one id lookup, one appender pass), so throughput does not
 * hinge on one round trip per HTTP batch, and each call still resolves only
 * after its events are committed. Reads use their own connection, so a report
 * does not wait behind writes (DuckDB's MVCC gives it a consistent snapshot).
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { emptyOverall, type ArmAggregate, type OverallAggregate, type ReportAggregates } from "../measure/aggregates.js";
import * as sql from "./duckdb-sql.js";
import { EMPTY_COUNTS, type EventStore, type IngestCounts, type StoredEvent } from "./store.js";
import { eventsIn, writeQueue } from "./write-queue.js";

export interface DuckDBStoreOptions {
  /** A file path, or `:memory:` (the default). */
  path?: string;
  /** Open an existing file for reading only (`nudge report`): no table is created, writes fail. */
  readOnly?: boolean;
}

const COUNT_NAMES: (keyof IngestCounts)[] = ["rejected", "clamped", "duplicates", "droppedByClients"];

async function loadDuckDB(): Promise<typeof import("@duckdb/node-api")> {
  try {
    return await import("@duckdb/node-api");
  } catch (error) {
    throw new Error(`nudge collect: the DuckDB store needs the package @duckdb/node-api (npm install @duckdb/node-api): ${(error as Error).message}`);
  }
}

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

function appendEvent(appender: DuckDBAppender, event: StoredEvent) {
  const text = (value: string | undefined) => (typeof value === "string" ? appender.appendVarchar(value) : appender.appendNull());
  const double = (value: number | undefined) => (typeof value === "number" && Number.isFinite(value) ? appender.appendDouble(value) : appender.appendNull());
  appender.appendVarchar(event.id);
  appender.appendVarchar(event.name);
  appender.appendBigInt(BigInt(Math.trunc(event.time)));
  appender.appendVarchar(event.visitor);
  appender.appendVarchar(event.session);
  appender.appendVarchar(event.widget);
  appender.appendVarchar(event.type);
  appender.appendVarchar(event.variant);
  appender.appendVarchar(event.exposure);
  text(event.path);
  double(event.share);
  double(event.value);
  text(event.currency);
  text(event.goal);
  text(event.order);
  text(event.reason);
  text(event.action);
  text(event.fields ? JSON.stringify(event.fields) : undefined);
  appender.appendBigInt(BigInt(Math.trunc(event.receivedAt)));
  appender.appendBigInt(BigInt(Math.trunc(event.clientTime)));
  appender.appendBoolean(event.clamped);
  if (typeof event.siteHoldout === "boolean") appender.appendBoolean(event.siteHoldout);
  else appender.appendNull();
  appender.endRow();
}

/** Opens (or creates) a DuckDB event store. */
export async function createDuckDBStore(options: DuckDBStoreOptions = {}): Promise<EventStore & { readonly path: string; readonly instance: DuckDBInstance }> {
  const { DuckDBInstance } = await loadDuckDB();
  const path = options.path ?? ":memory:";
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (error) {
    const message = (error as Error).message;
    // DuckDB locks a file for one process: a running collector holds it.
    const hint = /lock/i.test(message) ? " (is a collector running on this file? ask it instead: GET /report.json)" : "";
    throw new Error(`${path}: cannot open the DuckDB file: ${message}${hint}`);
  }
  const writer: DuckDBConnection = await instance.connect();
  const reader: DuckDBConnection = await instance.connect();
  if (!options.readOnly) {
    await writer.run(sql.CREATE_EVENTS);
    await writer.run(sql.ADD_SITE_HOLDOUT);
    await writer.run(sql.CREATE_COUNTS);
  }

  let closed = false;

  /**
   * One write for every call waiting now: look up which ids are stored already (through the
   * primary key's index), append the first copy of each new one, then add to the counters.
   * This process is the file's only writer (DuckDB locks it) and writes run one at a time, so
   * nothing can slip in between the lookup and the append; the primary key would refuse it anyway.
   * (INSERT OR IGNORE does the same in one statement but measured 5–10× slower per write.)
   */
  const { enqueue, drain } = writeQueue(async (firstCopies, group) => {
    const ids = [...firstCopies.keys()];
    for (let i = 0; i < ids.length; i += sql.LOOKUP_CHUNK) {
      const rows = (await writer.runAndReadAll(sql.existingIds(ids.slice(i, i + sql.LOOKUP_CHUNK)))).getRows();
      for (const [id] of rows) firstCopies.delete(id as string);
    }
    if (firstCopies.size) {
      const appender = await writer.createAppender("nudge_events");
      try {
        for (const event of firstCopies.values()) appendEvent(appender, event);
      } finally {
        appender.closeSync(); // flushes: the rows are committed when this returns
      }
    }
    const add: IngestCounts = { ...EMPTY_COUNTS, duplicates: eventsIn(group) - firstCopies.size };
    for (const call of group) for (const name of COUNT_NAMES) if (name !== "duplicates") add[name] += Math.max(0, Math.trunc(Number(call.counts?.[name]) || 0));
    const changes = COUNT_NAMES.filter((name) => add[name] > 0);
    if (changes.length) await writer.run(sql.addCounts(changes.map((name) => [name, add[name]])));
    return new Set(firstCopies.keys());
  });

  async function readCounts(): Promise<IngestCounts> {
    const counts = { ...EMPTY_COUNTS };
    const rows = (await reader.runAndReadAll(sql.READ_COUNTS)).getRows();
    for (const [name, value] of rows) if (COUNT_NAMES.includes(name as keyof IngestCounts)) counts[name as keyof IngestCounts] = num(value);
    return counts;
  }

  async function readEventCount(): Promise<number> {
    return num((await reader.runAndReadAll("SELECT count(*) FROM nudge_events")).getRows()[0][0]);
  }

  return {
    kind: "duckdb",
    path,
    /** The open database, for the collector's state tables in the same file (src/collector/state/duckdb-state.ts). */
    instance,
    insertEvents(batch) {
      if (closed) return Promise.reject(new Error("the store is closed"));
      if (!batch.length) return Promise.resolve({ inserted: 0, duplicates: 0 });
      return enqueue(batch);
    },
    async addCounts(counts) {
      if (closed) throw new Error("the store is closed");
      await enqueue([], counts);
    },
    async reportAggregates(): Promise<ReportAggregates> {
      const read = async (query: string) => (await reader.runAndReadAll(query)).getRowObjectsJS();
      const [totals] = await read(sql.READ_TOTALS);
      const rows = await read(sql.ARM_AGGREGATES);
      const credits = new Map((await read(sql.ORDER_CREDITS)).map((row) => [`${row.widget}\u0000${row.variant}`, row]));
      const [orders] = await read(sql.ORDER_TOTALS);
      const overallRows = await read(sql.OVERALL);
      const counts = await readCounts();
      const arms = rows.map((row): ArmAggregate => {
        const credit = credits.get(`${row.widget}\u0000${row.variant}`) ?? {};
        return {
          widget: String(row.widget),
          type: String(row.type),
          variant: String(row.variant),
          share: row.share === null ? null : Number(row.share),
          eligible: num(row.eligible),
          impressions: num(row.impressions),
          shownVisitors: num(row.shownVisitors),
          viewable: num(row.viewable),
          viewableVisitors: num(row.viewableVisitors),
          clicks: num(row.clicks),
          clickedVisitors: num(row.clickedVisitors),
          closes: num(row.closes),
          minimized: num(row.minimized),
          leads: num(row.leads),
          conversions: num(row.conversions),
          converters: num(row.converters),
          eligibleConverters: num(row.eligibleConverters),
          revenue: num(row.revenue),
          orders: num(row.orders),
          eligibleRevenue: num(row.eligibleRevenue),
          eligibleRevenueSquares: num(row.eligibleRevenueSquares),
          attributedOrders: num(credit.attributedOrders),
          attributedRevenue: num(credit.attributedRevenue),
          assistedOrders: num(credit.assistedOrders),
          assistedRevenue: num(credit.assistedRevenue),
        };
      });
      const overallArm = (held: boolean): OverallAggregate => {
        const row = overallRows.find((r) => r.held === held);
        if (!row) return emptyOverall();
        return {
          visitors: num(row.visitors),
          converters: num(row.converters),
          orders: num(row.orders),
          revenue: num(row.revenue),
          revenueSquares: num(row.revenueSquares),
          valuedOrders: num(row.valuedOrders),
          orderValues: num(row.orderValues),
          orderValueSquares: num(row.orderValueSquares),
        };
      };
      const events = num(totals.events);
      return {
        events,
        duplicates: counts.duplicates,
        visitors: num(totals.visitors),
        from: events ? num(totals.first) : null,
        to: events ? num(totals.last) : null,
        arms,
        orders: num(orders.orders),
        revenue: num(orders.revenue),
        unattributedOrders: num(orders.unattributedOrders),
        unattributedRevenue: num(orders.unattributedRevenue),
        overall: overallRows.length ? { treated: overallArm(false), control: overallArm(true) } : null,
      };
    },
    async health() {
      try {
        return { ok: !closed, store: "duckdb", events: await readEventCount(), counts: await readCounts(), ...(closed ? { error: "closed" } : {}) };
      } catch (error) {
        return { ok: false, store: "duckdb", events: 0, counts: { ...EMPTY_COUNTS }, error: (error as Error).message };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await drain();
      await writer.run("CHECKPOINT").catch(() => undefined);
      writer.closeSync();
      reader.closeSync();
      instance.closeSync();
    },
  };
}
