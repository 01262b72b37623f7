/**
 * The contract of an event store (src/collector/store.ts), as one suite any store runs:
 * `describeStore("duckdb", () => createDuckDBStore())`, and the ClickHouse store the same way.
 * Each test makes a fresh, empty store from the factory and closes it.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { EventStore, StoreFactory, StoredEvent } from "../../src/collector/store.js";
import type { MeasureEvent } from "../../src/measure/event.js";
import { aggregateEvents, buildReport } from "../../src/measure/report.js";
import { reportFromAggregates } from "../../src/measure/report-from-aggregates.js";
import { differences, sortedArms } from "./agree.js";
import { seededEvents } from "./seeded-events.js";

export const stored = (event: MeasureEvent, receivedAt = event.time): StoredEvent => ({ ...event, receivedAt, clientTime: event.time, clamped: false });

let serial = 0;
export function measured(overrides: Partial<MeasureEvent> = {}): MeasureEvent {
  serial++;
  return {
    id: `t-${serial}`,
    name: "shown",
    time: 1_767_225_600_000 + serial,
    visitor: "v-1",
    session: "s-1",
    widget: "offer",
    type: "popup",
    variant: "a",
    exposure: "offer@1",
    ...overrides,
  };
}

/** Sends events in batches of `size`, `parallel` calls at a time (as concurrent HTTP requests would). */
export async function insertAll(store: EventStore, events: readonly MeasureEvent[], size = 20, parallel = 8) {
  const batches: StoredEvent[][] = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size).map((e) => stored(e)));
  let inserted = 0;
  for (let i = 0; i < batches.length; i += parallel) {
    const results = await Promise.all(batches.slice(i, i + parallel).map((batch) => store.insertEvents(batch)));
    for (const r of results) inserted += r.inserted;
  }
  return inserted;
}

export function describeStore(name: string, makeStore: StoreFactory) {
  describe(`event store: ${name}`, () => {
    let open: EventStore[] = [];
    const fresh = async () => {
      const store = await makeStore();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.map((store) => store.close()));
      open = [];
    });

    it("stores a batch and says how many events were new", async () => {
      const store = await fresh();
      const batch = [measured(), measured({ name: "clicked" }), measured({ name: "converted", value: 19.9 })].map((e) => stored(e));
      expect(await store.insertEvents(batch)).toEqual({ inserted: 3, duplicates: 0 });
      const health = await store.health();
      expect(health).toMatchObject({ ok: true, store: store.kind, events: 3 });
    });

    it("stores a replayed batch once, and counts the copies as duplicates", async () => {
      const store = await fresh();
      const batch = [measured(), measured(), measured()].map((e) => stored(e));
      expect(await store.insertEvents(batch)).toEqual({ inserted: 3, duplicates: 0 });
      expect(await store.insertEvents(batch)).toEqual({ inserted: 0, duplicates: 3 });
      const mixed = [...batch.slice(0, 1), stored(measured())];
      expect(await store.insertEvents(mixed)).toEqual({ inserted: 1, duplicates: 1 });
      expect((await store.health()).events).toBe(4);
      expect((await store.reportAggregates()).duplicates).toBe(4);
      expect((await store.health()).counts.duplicates).toBe(4);
    });

    it("stores an id repeated inside one batch once", async () => {
      const store = await fresh();
      const one = stored(measured());
      expect(await store.insertEvents([one, { ...one }, stored(measured())])).toEqual({ inserted: 2, duplicates: 1 });
      expect((await store.health()).events).toBe(2);
    });

    it("stores the same batch sent by concurrent requests once, crediting exactly one of them", async () => {
      const store = await fresh();
      const batch = Array.from({ length: 20 }, () => stored(measured()));
      const results = await Promise.all(Array.from({ length: 6 }, () => store.insertEvents(batch.map((e) => ({ ...e })))));
      expect(results.reduce((s, r) => s + r.inserted, 0)).toBe(20);
      expect(results.reduce((s, r) => s + r.duplicates, 0)).toBe(100);
      expect((await store.health()).events).toBe(20);
    });

    it("keeps the ingest counters in the store", async () => {
      const store = await fresh();
      await store.addCounts({ rejected: 2, clamped: 1 });
      await store.addCounts({ rejected: 3, droppedByClients: 7 });
      expect((await store.health()).counts).toEqual({ rejected: 5, clamped: 1, duplicates: 0, droppedByClients: 7 });
    });

    it("keeps every optional field it is given", async () => {
      const store = await fresh();
      const event = measured({ name: "converted", value: 42.5, currency: "EUR", goal: "purchase", order: "o-1", path: "/cart", share: 0.5 });
      await store.insertEvents([{ ...stored(event), receivedAt: event.time + 5, clientTime: event.time + 3_600_000 * 72, clamped: true }]);
      const aggregates = await store.reportAggregates();
      expect(aggregates.arms[0]).toMatchObject({ conversions: 1, revenue: 42.5, orders: 1 });
    });

    it("an empty store gives an empty report", async () => {
      const store = await fresh();
      expect(await store.reportAggregates()).toEqual({
        events: 0,
        duplicates: 0,
        visitors: 0,
        from: null,
        to: null,
        arms: [],
        orders: 0,
        revenue: 0,
        unattributedOrders: 0,
        unattributedRevenue: 0,
        overall: null,
      });
    });

    it("counts in the database what buildReport counts in memory: every aggregate, then every figure of the report (differential)", async () => {
      const store = await fresh();
      const events = seededEvents({ visitors: 2_000, seed: 11 });
      const copies = events.length - new Set(events.map((e) => e.id)).size;
      expect(copies).toBeGreaterThan(100);
      await insertAll(store, events, 20, 32);
      const inDatabase = await store.reportAggregates();
      const inMemory = aggregateEvents(events);
      expect(inDatabase.events).toBe(inMemory.events);
      expect(inDatabase.duplicates).toBe(copies);
      expect(differences(sortedArms(inDatabase), sortedArms(inMemory))).toEqual([]);
      const report = buildReport(events);
      expect(differences(reportFromAggregates(inDatabase), report)).toEqual([]);
      // The seeded data exercises what it should: orders credited to one widget and assisting others,
      // the site-wide control group, a holdout with uplifts, a sample-ratio check, converters never eligible.
      const credited = report.widgets.reduce((s, w) => s + w.attributed.orders, 0);
      expect(credited + report.attribution.unattributed.orders).toBe(report.attribution.orders);
      expect(report.widgets.reduce((s, w) => s + w.assisted.orders, 0)).toBeGreaterThan(20);
      expect(report.attribution.unattributed.orders).toBeGreaterThan(5);
      expect(report.overall?.control.visitors).toBeGreaterThan(100);
      expect(report.overall?.uplift?.averageOrderValue).not.toBeNull();
      const offer = report.widgets.find((w) => w.widget === "welcome-offer")!;
      expect(offer.variants.map((v) => v.variant)).toEqual(["a", "b", "holdout"]);
      expect(offer.variants[0].uplift?.conversionRate.interval[0]).toBeLessThan(offer.variants[0].uplift!.conversionRate.interval[1]);
      expect(offer.sampleRatio).not.toBeNull();
      expect(offer.variants[1].converters).toBeGreaterThan(offer.variants[1].funnel.converted);
      expect(report.widgets.find((w) => w.widget === "recs")!.variants.find((v) => v.variant === "grid")!.impressions).toBeGreaterThan(
        aggregateEvents(events.filter((e) => !e.visitor.startsWith("twin-"))).arms.find((a) => a.widget === "recs" && a.variant === "grid")!.impressions,
      );
    });

    it("close() finishes the writes already accepted", async () => {
      const store = await makeStore();
      const writes = Array.from({ length: 10 }, () => store.insertEvents(Array.from({ length: 20 }, () => stored(measured()))));
      await store.close();
      const results = await Promise.all(writes);
      expect(results.reduce((s, r) => s + r.inserted, 0)).toBe(200);
      await expect(store.insertEvents([stored(measured())])).rejects.toThrow(/closed/);
    });
  });
}
