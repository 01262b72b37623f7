/**
 * The customer card on the collector: `nudge customers import` into a real DuckDB file, the card
 * it computes, re-import by order id, and GET /customer over HTTP with signed, tampered, expired
 * and alg-none tokens.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createDuckDbCustomers } from "../../src/collector/customers/customer-store.js";
import { createDuckDBStore } from "../../src/collector/duckdb-store.js";
import { createCollector } from "../../src/collector/server.js";
import { signCustomerToken } from "../../src/collector/customers/token.js";

const dir = mkdtempSync(join(tmpdir(), "nudge-customers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = "shop-secret-for-tests";
const NOW = Date.UTC(2026, 11, 6, 12);

const ORDERS = `customer_id,order_id,date,total,currency,items,categories,coupon,email
c-1,1001,2026-09-01,40.00,usd,sku-1|sku-2,shoes|socks,,ann@example.com
c-1,1002,2026-11-20T10:00:00Z,90.5,USD,sku-3,shoes,WELCOME10,ann@example.com
c-1,1003,2026-12-01,29.5,USD,sku-1,shoes,,
c-2,2001,2026-10-10,15,USD,sku-9,toys,SPRING5,
bad,,2026-10-10,15,USD,,,,
c-3,3001,yesterday,15,USD,,,,
c-3,3002,2026-10-10,$15,USD,,,,
`;
const BIRTHDAYS = `customer_id,birthday
c-1,1990-02-29
c-2,12-24
c-4,1985-13-01
`;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("nudge customers import", () => {
  const db = join(dir, "import.duckdb");
  const orders = join(dir, "orders.csv");
  const birthdays = join(dir, "customers.csv");
  writeFileSync(orders, ORDERS);
  writeFileSync(birthdays, BIRTHDAYS);

  it("imports the orders, names each refused row by its line, and computes the card", async () => {
    const first = await run("customers", "import", orders, "--db", db);
    expect(first.code).toBe(0);
    expect(first.out).toContain("4 new order(s), 0 already imported");
    expect(first.err).toContain("line 6: order_id is empty");
    expect(first.err).toContain('line 7: date "yesterday" is not a date');
    expect(first.err).toContain('line 8: total "$15" is not a number');
    const withBirthdays = await run("customers", "import", birthdays, "--db", db);
    expect(withBirthdays.code).toBe(0);
    expect(withBirthdays.out).toContain("2 birthday(s)");
    expect(withBirthdays.err).toContain('line 4: birthday "1985-13-01" is not YYYY-MM-DD or MM-DD');

    const store = await createDuckDbCustomers(db);
    try {
      const card = await store.card("c-1");
      expect(card).toEqual({
        id: "c-1",
        orders: { count: 3, total: 160, last: { id: "1003", value: 29.5, time: Date.UTC(2026, 11, 1) }, first: Date.UTC(2026, 8, 1) },
        orderIds: ["1003", "1002", "1001"],
        averageOrder: 53.33,
        favouriteCategories: ["shoes", "socks"],
        favouriteItems: ["sku-1", "sku-3", "sku-2"],
        bought: { "sku-1": Date.UTC(2026, 11, 1), "sku-3": Date.UTC(2026, 10, 20, 10), "sku-2": Date.UTC(2026, 8, 1) },
        couponsUsed: ["WELCOME10"],
        birthday: "1990-02-29",
        currency: "USD",
      });
      expect(await store.card("nobody")).toBeUndefined();
      expect(await store.counts()).toEqual({ customers: 2, orders: 4 });
    } finally {
      await store.close();
    }
  });

  it("is idempotent by order id: the same export again adds nothing, a corrected row replaces the old", async () => {
    const again = await run("customers", "import", orders, "--db", db);
    expect(again.out).toContain("0 new order(s), 4 already imported");
    const corrected = join(dir, "corrected.csv");
    writeFileSync(corrected, "customer_id,order_id,date,total,items\nc-2,2001,2026-10-10,25,sku-9\nc-2,2002,2026-12-05,10,sku-8\n");
    expect((await run("customers", "import", corrected, "--db", db)).out).toContain("1 new order(s), 1 already imported");
    const store = await createDuckDbCustomers(db);
    try {
      const card = await store.card("c-2");
      expect(card?.orders).toMatchObject({ count: 2, total: 35 });
      expect(card?.couponsUsed).toEqual([]); // the corrected row has no coupon any more
      expect(card?.birthday).toBe("12-24");
      expect((await store.card("c-1"))?.orders.count).toBe(3);
    } finally {
      await store.close();
    }
  });

  it("refuses a file without the required columns, naming them", async () => {
    const wrong = join(dir, "wrong.csv");
    writeFileSync(wrong, "customer_id,order_id,when\nc-1,1,2026-01-01\n");
    const result = await run("customers", "import", wrong, "--db", join(dir, "wrong.duckdb"));
    expect(result.code).toBe(1);
    expect(result.err).toContain("needs the columns customer_id, order_id, date, total; missing date, total");
    expect((await run("customers", "nothing")).code).toBe(2);
  });
});

describe("GET /customer", () => {
  async function collector() {
    const store = await createDuckDBStore();
    const customers = await createDuckDbCustomers(store.instance);
    await customers.importOrders(
      [{ customer: "c-1", order: "1001", time: NOW - 5 * 86_400_000, total: 40, items: ["sku-1"], categories: ["shoes"], coupon: "WELCOME10" }],
      new Map([["c-1", "02-29"]]),
      NOW,
    );
    const c = createCollector({ store, now: () => NOW, origins: ["https://shop.example"], customers: { store: customers, secret: SECRET } });
    return { c, url: await c.listen(0) };
  }
  const get = (url: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/customer`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  it("answers the card for a valid token, 401 with the reason for a bad one, 404 for an unknown customer", async () => {
    const { c, url } = await collector();
    try {
      const ok = await get(url, signCustomerToken("c-1", SECRET, { now: NOW }), { origin: "https://shop.example" });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example");
      expect(await ok.json()).toMatchObject({ id: "c-1", orders: { count: 1, total: 40 }, couponsUsed: ["WELCOME10"], birthday: "02-29" });

      const reason = async (response: Response) => [response.status, ((await response.json()) as { error: string }).error];
      expect(await reason(await get(url))).toEqual([401, expect.stringContaining("no token")]);
      expect(await reason(await get(url, signCustomerToken("c-1", "another secret", { now: NOW })))).toEqual([401, expect.stringContaining("bad signature")]);
      // Tampered: the payload names another customer, the signature is the original's.
      const [head, , signature] = signCustomerToken("c-1", SECRET, { now: NOW }).split(".");
      const forged = Buffer.from(JSON.stringify({ sub: "c-2", exp: NOW / 1000 + 3600 })).toString("base64url");
      expect(await reason(await get(url, `${head}.${forged}.${signature}`))).toEqual([401, expect.stringContaining("bad signature")]);
      const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
      expect(await reason(await get(url, `${none}.${forged}.`))).toEqual([401, 'the token is signed with "none"; only HS256 is accepted']);
      expect(await reason(await get(url, signCustomerToken("c-1", SECRET, { now: NOW - 2 * 3600_000 })))).toEqual([
        401,
        expect.stringContaining("the token expired at 2026-12-06T11:00:00.000Z"),
      ]);
      expect(await reason(await get(url, signCustomerToken("c-404", SECRET, { now: NOW })))).toEqual([404, expect.stringContaining('no customer "c-404"')]);
      expect(await reason(await get(url, "not-a-jwt"))).toEqual([401, expect.stringContaining("not a JWT")]);

      const refused = await get(url, signCustomerToken("c-1", SECRET, { now: NOW }), { origin: "https://evil.example" });
      expect(refused.status).toBe(403);
      const preflight = await fetch(`${url}/customer`, { method: "OPTIONS", headers: { origin: "https://shop.example", "access-control-request-headers": "authorization" } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization");
    } finally {
      await c.close();
    }
  });

  it("is not served without customers configured", async () => {
    const store = await createDuckDBStore();
    const c = createCollector({ store });
    const url = await c.listen(0);
    try {
      expect((await get(url, signCustomerToken("c-1", SECRET))).status).toBe(404);
    } finally {
      await c.close();
    }
  });
});
