// The ClickHouse store against a real ClickHouse (18.16 from Debian here; test/scale/global-setup.ts
// starts it): value binding, exactly-once storage, and the report's aggregates equal to buildReport's.
import { randomUUID } from "node:crypto";
import { createClient } from "@clickhouse/client";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createClickHouseStore } from "../../src/collector/clickhouse-store.js";
import * as sql from "../../src/collector/clickhouse/clickhouse-sql.js";
import { identifier, numberLiteral, stringList, stringLiteral } from "../../src/collector/clickhouse/sql-literal.js";
import type { EventStore } from "../../src/collector/store.js";
import { aggregateEvents } from "../../src/measure/report.js";
import { seededEvents } from "../collector/seeded-events.js";
import { describeStore, stored } from "../collector/store-suite.js";

const url = inject("clickhouseUrl");
const stores: EventStore[] = [];
const seeded = (visitors: number, seed: number) => seededEvents({ visitors, seed, replays: 0 });
const freshDatabase = () => `t_${randomUUID().replace(/-/g, "")}`;
async function freshStore(database = freshDatabase()) {
  const store = await createClickHouseStore({ url, database });
  stores.push(store);
  return store;
}
afterAll(async () => {
  for (const store of stores) await store.close();
});

describe("ClickHouse literals", () => {
  const client = createClient({ url });
  afterAll(() => client.close());
  const echo = async (literal: string) => {
    const result = await client.query({ query: `SELECT ${literal} AS v`, format: "JSONEachRow" });
    return ((await result.json()) as { v: unknown }[])[0].v;
  };

  it("a string comes back from the server exactly as it went in, whatever it holds", async () => {
    const hostile = [
      "it's",
      "back\\slash",
      "\\'; DROP TABLE nudge_events; --",
      "new\nline\ttab\r",
      "nul\u0000byte",
      "\u007f",
      "ünïcödé ✓ 😀",
      "'",
      "\\",
      "",
      "?",
      "{id:String}",
      "$1",
    ];
    for (const value of hostile) expect(await echo(stringLiteral(value))).toBe(value);
    const list = await client.query({ query: `SELECT 'it''s' IN ${stringList(["x", "it's"])} AS v`, format: "JSONEachRow" });
    expect(((await list.json()) as { v: number }[])[0].v).toBe(1);
  });

  it("numbers must be finite and identifiers plain names", () => {
    expect(numberLiteral(42)).toBe("42");
    expect(numberLiteral(-1.5)).toBe("-1.5");
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, "1" as unknown as number]) expect(() => numberLiteral(bad)).toThrow(TypeError);
    expect(identifier("nudge_1")).toBe("`nudge_1`");
    for (const bad of ["a b", "x`; DROP", "1abc", "", "a.b"]) expect(() => identifier(bad)).toThrow(TypeError);
    expect(() => stringLiteral(5 as unknown as string)).toThrow(TypeError);
  });
});

// The contract every event store keeps (test/collector/store-suite.ts), each test on a fresh database.
describeStore("ClickHouse", () => createClickHouseStore({ url, database: freshDatabase() }));

describe("ClickHouse store", () => {
  it("creates its documented table: ReplacingMergeTree on the id, partitioned by day", async () => {
    const store = await freshStore();
    const client = createClient({ url });
    const result = await client.query({
      query: `SELECT engine, partition_key, sorting_key FROM system.tables WHERE database = ${stringLiteral(store.database)} AND name = 'nudge_events'`,
      format: "JSONEachRow",
    });
    const [table] = (await result.json()) as { engine: string; partition_key: string; sorting_key: string }[];
    await client.close();
    expect(table.engine).toBe("ReplacingMergeTree");
    expect(table.partition_key).toContain("intDiv(time, 1000)");
    expect(table.sorting_key).toBe("id");
  });

  it("adds the site_holdout column to a table made before it existed, then counts the site-wide comparison", async () => {
    const database = freshDatabase();
    const client = createClient({ url });
    await client.command({ query: `CREATE DATABASE ${identifier(database)}` });
    // The table as the first ClickHouse store made it: without site_holdout.
    await client.command({ query: sql.createEvents(database).replace(/,\s*site_holdout Nullable\(UInt8\)/, "") });
    await client.close();
    const store = await freshStore(database);
    const events = seeded(60, 5).map((e) => stored(e));
    await store.insertEvents(events);
    const actual = await store.reportAggregates();
    expect(actual.overall).not.toBeNull();
    expect(sorted(actual)).toEqual(sorted(aggregateEvents(events)));
  });

  it("counts an event once even when two collectors raced and both inserted it (FINAL)", async () => {
    const database = freshDatabase();
    const [one, two] = [await freshStore(database), await freshStore(database)];
    const events = seeded(40, 3).map((e) => stored(e));
    // Both look up before either inserts: both insert the same rows.
    await Promise.all([one.insertEvents(events), two.insertEvents(events)]);
    expect((await one.health()).events).toBe(events.length);
    const expected = aggregateEvents(events);
    const actual = await one.reportAggregates();
    expect(sorted({ ...actual, duplicates: 0 })).toEqual(sorted(expected));
  });

  it("keeps the ingest counters in the database, so several collectors add up", async () => {
    const database = freshDatabase();
    const [one, two] = [await freshStore(database), await freshStore(database)];
    await one.addCounts({ rejected: 2, clamped: 1 });
    await two.addCounts({ rejected: 3, droppedByClients: 4 });
    expect((await one.health()).counts).toEqual({ rejected: 5, clamped: 1, duplicates: 0, droppedByClients: 4 });
  });

  it("says what is wrong when the server is unreachable", async () => {
    await expect(createClickHouseStore({ url: "http://127.0.0.1:9", database: "x" })).rejects.toThrow();
    await expect(createClickHouseStore({ url, database: "bad name" })).rejects.toThrow(/not a ClickHouse name/);
  });
});

/** In one order, and rounded: arms come in any order, and sums of floats differ in the last bits between summation orders. */
function sorted(aggregates: ReturnType<typeof aggregateEvents>) {
  const arms = aggregates.arms.map(round).sort((a, b) => `${a.widget} ${a.variant}`.localeCompare(`${b.widget} ${b.variant}`));
  return { ...aggregates, arms };
}

/** Sums of floats differ in the last bits between summation orders. */
function round<T extends object>(arm: T): T {
  return Object.fromEntries(Object.entries(arm).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v])) as T;
}
