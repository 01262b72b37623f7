// Four `nudge collect` processes (the built CLI, as a shop would run them behind a load balancer)
// against one ClickHouse and one PostgreSQL. Every batch and every lead is sent to all four, as an
// at-least-once client retrying through a balancer might: every event is stored once, and every
// lead reaches the webhook once, although the webhook refuses everything for a while first.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createClickHouseStore } from "../../src/collector/clickhouse-store.js";
import type { LeadPost } from "../../src/measure/lead-post.js";
import { aggregateEvents } from "../../src/measure/report.js";
import { differences, sortedArms } from "../collector/agree.js";
import { seededEvents } from "../collector/seeded-events.js";
import { startWebhook } from "./test-webhook.js";

const SECRET = "four-collectors-secret";
const CLI = "bin/nudge.mjs";
const database = `four_${process.pid}`;
const clickhouse = `${inject("clickhouseUrl")}/${database}`;
let postgres: string;
let webhook: Awaited<ReturnType<typeof startWebhook>>;
const collectors: { child: ChildProcess; url: string; output: string[] }[] = [];

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function startCollector(): Promise<{ child: ChildProcess; url: string; output: string[] }> {
  const args = [CLI, "collect", "--port", "0", "--clickhouse", clickhouse, "--postgres", postgres, "--webhook", webhook.url, "--webhook-retry", "200"];
  const child = spawn(process.execPath, args, { env: { ...process.env, NUDGE_WEBHOOK_SECRET: SECRET }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(String(chunk));
      const found = /POST (http:\/\/[\d.:]+)\/collect/.exec(output.join(""));
      if (found) resolve({ child, url: found[1], output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk) => output.push(String(chunk)));
    child.on("exit", (code) => reject(new Error(`nudge collect exited with ${code}:\n${output.join("")}`)));
  });
}

const started = Date.now();
/** Progress in the test's output: when this test is slow on a loaded machine, where the time went. */
const phase = (what: string) => console.log(`four collectors: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  if (!existsSync("dist/esm/cli.js")) throw new Error("run npm run build first: this test starts the built CLI");
  const admin = new pg.Client({ connectionString: inject("postgresUrl") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  postgres = inject("postgresUrl").replace(/\/postgres$/, `/${database}`);
  webhook = await startWebhook({ down: true });
  // Started together: the schemas are created by whichever comes first, the others wait (advisory lock, IF NOT EXISTS).
  collectors.push(...(await Promise.all([1, 2, 3, 4].map(() => startCollector()))));
});

afterAll(async () => {
  for (const { child } of collectors) if (child.exitCode === null) child.kill("SIGKILL");
  await webhook?.close();
});

describe("four collectors, one ClickHouse, one PostgreSQL", () => {
  it("store every event once and deliver every lead once, through a webhook outage, then shut down cleanly", { timeout: 300_000 }, async () => {
    const events = seededEvents({ visitors: 300, seed: 16, replays: 0.05, start: Date.now() - 3_600_000 });
    const batches: (typeof events)[] = [];
    for (let i = 0; i < events.length; i += 20) batches.push(events.slice(i, i + 20));
    // Every batch to every collector, eight batches at a time.
    for (let i = 0; i < batches.length; i += 8) {
      const answers = await Promise.all(batches.slice(i, i + 8).flatMap((batch) => collectors.map((c) => post(`${c.url}/collect`, { events: batch, dropped: 0 }))));
      for (const answer of answers) expect(answer.status).toBe(200);
    }
    phase(`${batches.length} batches of ${events.length} events sent to each collector`);

    const leads: LeadPost[] = Array.from({ length: 30 }, (_, i) => ({
      id: `lead-${i}`,
      time: Date.now(),
      visitor: `v${i}`,
      session: `s${i}`,
      widget: "welcome-offer",
      variant: "a",
      path: "/shop/",
      fields: { email: `visitor${i}@example.com` },
      consent: { text: "I agree to receive offers by email", time: Date.now() },
    }));
    for (const lead of leads) {
      const answers = await Promise.all(collectors.map((c) => post(`${c.url}/leads`, lead)));
      for (const answer of answers) expect(answer.status).toBe(200);
      // Exactly one collector stored it; the others saw a duplicate.
      const stored = await Promise.all(answers.map((a) => a.json() as Promise<{ stored: number }>));
      expect(stored.reduce((s, a) => s + a.stored, 0)).toBe(1);
    }

    phase(`${leads.length} leads sent to each collector`);
    // The webhook is down: attempts fail, nothing is lost, nothing is delivered.
    await until(() => webhook.received.length >= 8, "failed attempts while the webhook is down");
    expect(webhook.delivered()).toEqual([]);
    webhook.setDown(false);
    const queue = new pg.Client({ connectionString: postgres });
    await queue.connect();
    await until(async () => Number((await queue.query("SELECT count(*) AS n FROM nudge_lead_queue")).rows[0].n) === 0, "the queue to drain");
    await queue.end();
    phase("queue drained");
    const delivered = webhook.delivered();
    expect(delivered.length).toBe(leads.length);
    expect([...delivered].sort()).toEqual(leads.map((l) => l.id).sort());
    const bodies = webhook.received.filter((r) => r.status === 200).map((r) => JSON.parse(r.body).lead);
    expect(bodies.find((l) => l.id === "lead-7")).toMatchObject({ fields: { email: "visitor7@example.com" }, consent: { text: "I agree to receive offers by email" } });

    // Every event stored once: the counts in ClickHouse are those of the events, each id once.
    const health = (await (await fetch(`${collectors[2].url}/health`)).json()) as { events: number; counts: { duplicates: number } };
    const unique = new Set(events.map((e) => e.id)).size;
    expect(health.events).toBe(unique);
    // Copies found at insert are dropped and counted; copies that several collectors inserted at the same
    // moment (most of them here: all four get each batch at once) are collapsed by FINAL instead.
    expect(health.counts.duplicates).toBeGreaterThan(0);
    expect(health.counts.duplicates).toBeLessThanOrEqual(events.length * 4 - unique);
    const store = await createClickHouseStore({ url: clickhouse });
    const inDatabase = await store.reportAggregates();
    await store.close();
    const inMemory = aggregateEvents(events);
    // Counts exactly, money within agree.ts's relative tolerance (the stores add in another order).
    expect(inDatabase.events).toBe(inMemory.events);
    expect(differences(sortedArms(inDatabase).arms, sortedArms(inMemory).arms)).toEqual([]);
    // Every collector's report says the same.
    const reports = await Promise.all(collectors.map(async (c) => (await (await fetch(`${c.url}/report.json`)).json()) as { events: number }));
    for (const report of reports) expect(report.events).toBe(unique);

    // SIGTERM: each stops accepting, finishes its writes and exits 0.
    phase("reports compared");
    const exits = collectors.map((c) => new Promise<number | null>((resolve) => c.child.on("exit", resolve)));
    for (const c of collectors) c.child.kill("SIGTERM");
    expect(await Promise.all(exits)).toEqual([0, 0, 0, 0]);
  });
});
