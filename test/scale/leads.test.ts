// Leads: checked on arrival, stored once, forwarded to a webhook (signed, retried with backoff,
// never lost while it is down, delivered once even by several collectors), exported as CSV. The
// state store runs on PostgreSQL (started by global-setup.ts) and on a DuckDB file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { csvCell } from "../../src/collector/leads/csv.js";
import { retryDelay, startLeadDelivery } from "../../src/collector/leads/delivery.js";
import { parseLead, type Lead } from "../../src/collector/leads/lead.js";
import { verifySignature } from "../../src/collector/leads/webhook.js";
import { createDuckDbState } from "../../src/collector/state/duckdb-state.js";
import { createPostgresState } from "../../src/collector/state/postgres-state.js";
import type { StateStore } from "../../src/collector/state/state-store.js";
import { startWebhook } from "./test-webhook.js";

const SECRET = "test-secret";
const temp = mkdtempSync(join(tmpdir(), "nudge-leads-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A fresh PostgreSQL database per test, so tests do not see each other's leads. */
let databases = 0;
async function freshPostgresUrl(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject("postgresUrl") });
  await admin.connect();
  const name = `leads_${process.pid}_${++databases}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return inject("postgresUrl").replace(/\/postgres$/, `/${name}`);
}

const kinds: [string, () => Promise<{ url: string; open(): Promise<StateStore> }>][] = [
  [
    "postgres",
    async () => {
      const url = await freshPostgresUrl();
      return { url, open: () => createPostgresState(url) };
    },
  ],
  [
    "duckdb",
    async () => {
      const file = join(temp, `state-${++databases}.duckdb`);
      return { url: file, open: () => createDuckDbState(file) };
    },
  ],
];

const lead = (id: string, fields: Record<string, string> = { email: `${id}@example.com` }): Lead => ({
  id,
  time: 1_767_225_600_000,
  received: 1_767_225_601_000,
  visitor: "v-1",
  session: "s-1",
  widget: "welcome",
  variant: "a",
  path: "/shop/",
  fields,
  consent: { text: "I agree to receive the newsletter.", time: 1_767_225_599_000 },
});

async function until(condition: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("parseLead", () => {
  const body = { id: "e-1", time: 5, visitor: "v", session: "s", widget: "w", variant: "a", path: "/", fields: { email: "a@b.c" }, consent: { text: "I agree", time: 4 } };
  it("accepts a lead and stamps when it arrived", () => {
    expect(parseLead(body, 99)).toEqual({ lead: { ...body, received: 99 } });
  });
  it("names the field that is wrong", () => {
    const cases: [unknown, RegExp][] = [
      [null, /JSON object/],
      [{ ...body, id: "" }, /^id:/],
      [{ ...body, time: "now" }, /^time:/],
      [{ ...body, fields: {} }, /^fields:/],
      [{ ...body, fields: { email: 5 } }, /^fields\.email:/],
      [{ ...body, fields: { "a b": "x" } }, /^fields\.a b:/],
      [{ ...body, fields: { email: "x".repeat(1001) } }, /^fields\.email:/],
      [{ ...body, consent: undefined }, /^consent\.text:/],
      [{ ...body, consent: { text: " ", time: 1 } }, /^consent\.text:/],
      [{ ...body, consent: { text: "ok" } }, /^consent\.time:/],
    ];
    for (const [input, problem] of cases) expect((parseLead(input, 1) as { problem: string }).problem).toMatch(problem);
  });
});

describe("retry delay", () => {
  it("doubles from the base up to the maximum, with ±20% jitter", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 10].map((n) => retryDelay(n, 1000, 5000, mid))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(retryDelay(1, 1000, 5000, () => 0)).toBe(800);
    expect(retryDelay(1, 1000, 5000, () => 0.999999)).toBe(1200);
  });
});

describe.each(kinds)("lead state in %s", (_kind, make) => {
  it("stores a lead once and queues it once, however often it is sent", async () => {
    const { open } = await make();
    const state = await open();
    expect(await state.addLead(lead("a"), true, 0)).toBe(true);
    expect(await state.addLead(lead("a"), true, 0)).toBe(false);
    expect(await state.addLead(lead("b"), false, 0)).toBe(true);
    expect(await state.queued()).toBe(1);
    const all = [];
    for await (const one of state.leads()) all.push(one);
    expect(all.map((l) => l.id)).toEqual(["a", "b"]);
    expect(all[0]).toEqual(lead("a"));
    await state.close();
  });

  it("keeps a lead while the webhook is down, backs off, and delivers it once, signed, when it is back", async () => {
    const { open } = await make();
    const state = await open();
    const webhook = await startWebhook({ down: true });
    await state.addLead(lead("x"), true, Date.now());
    const errors: unknown[] = [];
    const delivery = startLeadDelivery({ state, webhook: { url: webhook.url, secret: SECRET }, interval: 20, baseDelay: 100, maxDelay: 400, onError: (e) => errors.push(e) });
    await until(() => webhook.received.length >= 3, "three failed attempts");
    expect(await state.queued()).toBe(1);
    // Backing off: attempts are spaced by growing delays, not made on every pass.
    expect(webhook.received.length).toBeLessThan(10);
    webhook.setDown(false);
    await until(async () => (await state.queued()) === 0, "the delivery");
    await delivery.stop();
    expect(webhook.delivered()).toEqual(["x"]);
    const ok = webhook.received.at(-1)!;
    expect(JSON.parse(ok.body)).toEqual({ event: "lead", lead: lead("x") });
    expect(verifySignature(SECRET, ok.body, String(ok.headers["x-nudge-signature"]), Date.now())).toBe(true);
    expect(verifySignature("wrong", ok.body, String(ok.headers["x-nudge-signature"]), Date.now())).toBe(false);
    expect(verifySignature(SECRET, `${ok.body} `, String(ok.headers["x-nudge-signature"]), Date.now())).toBe(false);
    const [stored] = await (async () => {
      const all = [];
      for await (const one of state.leads()) all.push(one);
      return all;
    })();
    expect(stored.delivered).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await webhook.close();
    await state.close();
  });

  it("exports the leads as CSV that a spreadsheet cannot run", async () => {
    const { url, open } = await make();
    const state = await open();
    await state.addLead(lead("l1", { email: "ann@example.com", name: 'Ann "A", Smith' }), false, 0);
    await state.addLead(lead("l2", { email: '=HYPERLINK("http://evil")', phone: "+1 555\n0100" }), false, 0);
    await state.close();
    let csv = "";
    const errors: string[] = [];
    const flag = _kind === "postgres" ? "--postgres" : "--db";
    expect(
      await main(
        ["leads", "export", flag, url],
        (text) => (csv += text),
        (text) => errors.push(text),
      ),
    ).toBe(0);
    expect(errors).toEqual(["2 lead(s) exported"]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("id,received,time,widget,variant,visitor,session,path,consent_text,consent_time,delivered,email,name,phone");
    expect(lines[1]).toBe(
      `l1,2026-01-01T00:00:01.000Z,2026-01-01T00:00:00.000Z,welcome,a,v-1,s-1,/shop/,I agree to receive the newsletter.,2025-12-31T23:59:59.000Z,,ann@example.com,"Ann ""A"", Smith",`,
    );
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil"")",,"'+1 555\n0100"\r\n`);
  });
});

describe("CSV cells", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell(" padded ")).toBe('" padded "');
    for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(formula).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(12)).toBe("12");
  });
});

describe("several collectors on one PostgreSQL", () => {
  it("deliver every lead once: the queue rows are locked (FOR UPDATE SKIP LOCKED)", async () => {
    const url = await freshPostgresUrl();
    const states = await Promise.all([1, 2, 3, 4].map(() => createPostgresState(url)));
    const webhook = await startWebhook();
    const ids = Array.from({ length: 60 }, (_, i) => `lead-${i}`);
    for (const id of ids) await states[0].addLead(lead(id), true, 0);
    const deliveries = states.map((state) => startLeadDelivery({ state, webhook: { url: webhook.url, secret: SECRET }, interval: 5, batch: 3 }));
    await until(async () => (await states[0].queued()) === 0, "every lead delivered");
    await Promise.all(deliveries.map((d) => d.stop()));
    expect(webhook.delivered().sort()).toEqual([...ids].sort());
    // Each collector did some of the work (they really ran side by side).
    expect(deliveries.filter((d) => d.totals().delivered > 0).length).toBeGreaterThan(1);
    await webhook.close();
    for (const state of states) await state.close();
  });
});

describe("POST /leads on a single DuckDB collector", () => {
  it("stores the lead in the collector's own DuckDB file, once, and forwards it; bad leads get a 400 naming the field", async () => {
    const { createDuckDBStore } = await import("../../src/collector/duckdb-store.js");
    const { createCollector } = await import("../../src/collector/server.js");
    const { openLeads } = await import("../../src/collector/leads/open-leads.js");
    const file = join(temp, "collector.duckdb");
    const webhook = await startWebhook();
    const store = await createDuckDBStore({ path: file });
    const leads = await openLeads({ webhook: webhook.url, secret: SECRET, retry: 100 }, store, () => {});
    expect(leads?.state.kind).toBe("duckdb");
    const collector = createCollector({ store, leads, origins: ["https://shop.example"] });
    const url = await collector.listen(0);
    const body = {
      id: "d-1",
      time: 1,
      visitor: "v",
      session: "s",
      widget: "w",
      variant: "a",
      path: "/",
      fields: { email: "d@example.com" },
      consent: { text: "I agree", time: 1 },
    };
    const send = (payload: unknown, origin = "https://shop.example") =>
      fetch(`${url}/leads`, { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify(payload) });
    const first = await send(body);
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(await first.json()).toEqual({ stored: 1, duplicate: false });
    expect(await (await send(body)).json()).toEqual({ stored: 0, duplicate: true });
    const bad = await send({ ...body, id: "d-2", consent: { time: 1 } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("consent.text");
    expect((await send(body, "https://evil.example")).status).toBe(403);
    await until(() => webhook.delivered().length === 1, "the delivery");
    expect(webhook.delivered()).toEqual(["d-1"]);
    await collector.close();
    await webhook.close();
    // The lead is in the collector's DuckDB file, next to the events: the export reads it after the collector stopped.
    let csv = "";
    expect(
      await main(
        ["leads", "export", "--db", file],
        (text) => (csv += text),
        () => {},
      ),
    ).toBe(0);
    expect(csv).toContain("d@example.com");
  });
});
