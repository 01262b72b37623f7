/**
 * The customer tables in PostgreSQL (several collectors share them): two collectors' stores import
 * the same export at once, the card is the same from either, and importing again adds nothing.
 */
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createPostgresCustomers } from "../../src/collector/customers/customer-store.js";
import type { ImportedOrder } from "../../src/collector/customers/build-card.js";

async function freshPostgresUrl(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject("postgresUrl") });
  await admin.connect();
  const name = `customers_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return inject("postgresUrl").replace(/\/postgres$/, `/${name}`);
}

const orders: ImportedOrder[] = [
  { customer: "c-1", order: "1", time: 1_000, total: 10.5, items: ["x"], categories: ["k"], coupon: "C1" },
  { customer: "c-1", order: "2", time: 2_000, total: 20, items: ["y", "x"], categories: ["k"], currency: "USD" },
  { customer: "c-2", order: "3", time: 3_000, total: 5, items: [], categories: [] },
];

describe("customer cards in PostgreSQL", () => {
  it("two collectors importing the same export at once store each order once; the card is the same from either", async () => {
    const url = await freshPostgresUrl();
    const [a, b] = await Promise.all([createPostgresCustomers(url), createPostgresCustomers(url)]);
    try {
      const results = await Promise.allSettled([a.importOrders(orders, new Map([["c-1", "02-29"]]), 5), b.importOrders(orders, new Map(), 6)]);
      // One transaction may wait for the other's rows; neither loses or doubles an order.
      expect(results.some((r) => r.status === "fulfilled")).toBe(true);
      expect(await a.counts()).toEqual({ customers: 2, orders: 3 });
      expect(await b.importOrders(orders, new Map(), 7)).toEqual({ added: 0, updated: 3, birthdays: 0 });
      const card = await b.card("c-1");
      expect(card).toEqual(await a.card("c-1"));
      expect(card).toMatchObject({
        orders: { count: 2, total: 30.5, last: { id: "2", value: 20, time: 2_000 }, first: 1_000 },
        couponsUsed: ["C1"],
        birthday: "02-29",
        bought: { x: 2_000, y: 2_000 },
        currency: "USD",
      });
      expect(await a.card("nobody")).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
