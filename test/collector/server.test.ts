/**
 * The collector over HTTP (a real node:http server on 127.0.0.1, a real DuckDB store):
 * what the beacon sends is stored once and shows in the report; bad input gets a clear 4xx.
 */
import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDuckDBStore } from "../../src/collector/duckdb-store.js";
import { createCollector, type Collector } from "../../src/collector/server.js";
import type { EventStore } from "../../src/collector/store.js";
import type { Report } from "../../src/measure/report-types.js";
import { measured } from "./store-suite.js";

const NOW = Date.UTC(2026, 11, 6, 9);
let collector: Collector;
let store: EventStore;
let url: string;
let logged: string[];

async function start(options: Partial<Parameters<typeof createCollector>[0]> = {}) {
  store = options.store ?? (await createDuckDBStore());
  logged = [];
  collector = createCollector({ store, now: () => NOW, origins: ["https://shop.example"], log: (m) => logged.push(m), ...options });
  url = await collector.listen(0);
}
beforeEach(() => start());
afterEach(() => collector.close());

const event = (overrides = {}) => measured({ time: NOW - 1000, ...overrides });
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/collect`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
const report = async () => (await (await fetch(`${url}/report.json`)).json()) as Report;

describe("POST /collect", () => {
  it("stores a beacon batch, acknowledges it after the write, and the report counts it", async () => {
    const events = [event({ name: "eligible", share: 1 }), event({ name: "shown" }), event({ name: "converted", value: 25 })];
    const response = await post({ events, dropped: 0, sentAt: NOW });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stored: 3, duplicates: 0, rejected: [], clamped: 0 });
    const r = await report();
    expect(r).toMatchObject({ events: 3, visitors: 1 });
    expect(r.widgets[0].variants[0]).toMatchObject({ visitors: 1, impressions: 1, conversions: 1, revenue: 25 });
  });

  it("stores a replayed batch once (the beacon delivers at least once)", async () => {
    const body = { events: [event(), event(), event()] };
    expect(await (await post(body)).json()).toMatchObject({ stored: 3, duplicates: 0 });
    expect(await (await post(body)).json()).toMatchObject({ stored: 0, duplicates: 3 });
    const r = await report();
    expect(r).toMatchObject({ events: 3, duplicates: 3 });
  });

  it("refuses a bad event, names it, counts it, and stores the rest of its batch", async () => {
    const good = [event(), event()];
    const response = await post({ events: [good[0], { ...event(), time: "yesterday" }, { id: "x" }, good[1]] });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.stored).toBe(2);
    expect(answer.rejected).toEqual([
      { index: 1, id: expect.any(String), problem: "events[1].time: expected number, got string" },
      { index: 2, id: "x", problem: expect.stringMatching(/^events\[2\]\.name: expected one of eligible, shown, .*got undefined$|^events\[2\]\.\w+: required/) },
    ]);
    expect((await (await fetch(`${url}/health`)).json()).counts).toMatchObject({ rejected: 2 });
    expect(logged.some((line) => line.includes("events[1].time"))).toBe(true);
  });

  it("answers malformed JSON with 400 and says why", async () => {
    const response = await post('{"events": [');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^the body is not valid JSON: /);
    const shape = await post({ items: [] });
    expect(shape.status).toBe(400);
    expect(await shape.text()).toContain('expected a JSON object { "events"');
  });

  it("answers an oversized body with 413, whether it declares its length or streams it", async () => {
    await collector.close();
    await start({ maxBody: 10_000 });
    const big = JSON.stringify({ events: Array.from({ length: 60 }, () => event({ path: `/${"x".repeat(200)}` })) });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await declared.text()).toMatch(/the body is \d+ bytes, the limit is 10000/);
    // Chunked (no content-length): the collector stops reading at the limit.
    const status = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}/collect`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      });
      req.on("error", reject);
      for (let i = 0; i < big.length; i += 1000) req.write(big.slice(i, i + 1000));
      req.end();
    });
    expect(status).toEqual({ status: 413, text: "the body is over the limit of 10000 bytes" });
    expect((await report()).events).toBe(0);
  });

  it("answers a batch with too many events with 413", async () => {
    await collector.close();
    await start({ limits: { maxBatch: 5 } });
    const response = await post({ events: Array.from({ length: 6 }, () => event()) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("too many events in one batch: 6, the limit is 5");
  });

  it("answers a wrong content type with 415", async () => {
    const response = await fetch(`${url}/collect`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "events=1" });
    expect(response.status).toBe(415);
    expect(await response.text()).toBe("expected content-type application/json (or text/plain), got application/x-www-form-urlencoded");
    // text/plain (a beacon avoiding the CORS preflight) is accepted.
    expect((await post({ events: [event()] }, { "content-type": "text/plain;charset=UTF-8" })).status).toBe(200);
  });

  it("clamps times from a clock far in the future or past to the arrival, and flags them", async () => {
    const future = event({ time: NOW + 3 * 24 * 3_600_000 });
    const past = event({ time: Date.UTC(2001, 0, 1) });
    const fine = event({ time: NOW - 2 * 24 * 3_600_000 }); // two days offline: kept as sent
    const answer = await (await post({ events: [future, past, fine] })).json();
    expect(answer).toMatchObject({ stored: 3, clamped: 2 });
    const r = await report();
    expect([r.from, r.to]).toEqual([fine.time, NOW]);
    expect((await (await fetch(`${url}/health`)).json()).counts).toMatchObject({ clamped: 2 });
  });

  it("keeps siteHoldout: the report compares Nudge as a whole with the site-wide control group", async () => {
    const inControl = [
      event({ name: "eligible", visitor: "c", variant: "holdout", siteHoldout: true }),
      event({ name: "converted", visitor: "c", variant: "holdout", siteHoldout: true, goal: "purchase", order: "o1", value: 10 }),
    ];
    const treated = [
      event({ name: "eligible", visitor: "t", siteHoldout: false }),
      event({ name: "shown", visitor: "t", siteHoldout: false }),
      event({ name: "converted", visitor: "t", siteHoldout: false, goal: "purchase", order: "o2", value: 30 }),
    ];
    expect((await (await post({ events: [...inControl, ...treated] })).json()).stored).toBe(5);
    const r = await report();
    expect(r.overall).toMatchObject({ treated: { visitors: 1, orders: 1, revenue: 30 }, control: { visitors: 1, orders: 1, revenue: 10 } });
    expect(r.attribution).toEqual({ orders: 2, revenue: 40, unattributed: { orders: 1, revenue: 10 } });
    expect(r.widgets[0].variants.map((v) => v.variant)).toEqual(["a"]); // the site-wide control is not a widget's arm
  });

  it("counts the events the browser's queue dropped", async () => {
    await post({ events: [event()], dropped: 4 });
    expect((await (await fetch(`${url}/health`)).json()).counts).toMatchObject({ droppedByClients: 4 });
  });

  it("lets configured origins send (CORS), and refuses the others with 403", async () => {
    const preflight = await fetch(`${url}/collect`, {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
    const allowed = await post({ events: [event()] }, { origin: "https://shop.example" });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const other = await post({ events: [event()] }, { origin: "https://evil.example" });
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("origin https://evil.example is not allowed");
    expect((await report()).events).toBe(1);
  });

  it("does not acknowledge a batch the store failed to write (503: the beacon sends it again)", async () => {
    await collector.close();
    const real = await createDuckDBStore();
    let failing = true;
    await start({
      store: { ...real, kind: real.kind, insertEvents: (batch) => (failing ? Promise.reject(new Error("disk full")) : real.insertEvents(batch)), close: () => real.close() },
    });
    const body = { events: [event()] };
    const refused = await post(body);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain("send the batch again later");
    failing = false;
    expect((await (await post(body)).json()).stored).toBe(1);
  });

  it("says which method a path takes", async () => {
    const response = await fetch(`${url}/collect`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
  });
});

describe("GET /health, /report/ and /report.json", () => {
  it("reports health with the store's counters", async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, store: "duckdb", events: 0, counts: { rejected: 0, clamped: 0, duplicates: 0, droppedByClients: 0 } });
  });

  it("serves the report page and its assets", async () => {
    const redirect = await fetch(`${url}/report`, { redirect: "manual" });
    expect(redirect.status).toBe(301);
    const page = await fetch(`${url}/report/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain('<meta name="nudge-report" content="../report.json">');
    for (const asset of ["collector.js", "view.js", "charts.js", "report.css"]) expect((await fetch(`${url}/report/${asset}`)).status, asset).toBe(200);
    expect((await fetch(`${url}/report/../../package.json`)).status).toBe(404);
  });
});
