/**
 * `nudge collect` as a real process (the built CLI, bin/nudge.mjs): SIGTERM while beacons
 * are sending. Every batch it acknowledged is in the DuckDB file afterwards; what it refused
 * during the shutdown was answered with 503 (the beacon sends those again), never lost silently.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createDuckDBStore } from "../../src/collector/duckdb-store.js";
import { measured } from "./store-suite.js";

const ROOT = resolve(import.meta.dirname, "../..");
const folder = mkdtempSync(join(tmpdir(), "nudge-shutdown-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it.skipIf(!existsSync(join(ROOT, "dist/esm/cli.js")))("SIGTERM: stops accepting, finishes the writes under way, exits 0; every acknowledged event is stored", async () => {
  const db = join(folder, "events.duckdb");
  const child = spawn(process.execPath, [join(ROOT, "bin/nudge.mjs"), "collect", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    const timer = setInterval(() => {
      const found = output.match(/POST (http:\/\/127\.0\.0\.1:\d+)\/collect/);
      if (found) {
        clearInterval(timer);
        done(found[1]);
      }
    }, 50);
    child.on("exit", () => fail(new Error(`the collector exited: ${output}`)));
  });

  const acknowledged: string[] = [];
  const refused: number[] = [];
  let sent = 0;
  let stop = false;
  /** A beacon that keeps sending batches of 20 until the collector goes away. */
  async function beacon() {
    while (!stop) {
      const events = Array.from({ length: 20 }, () => measured({ time: Date.now() }));
      sent++;
      try {
        const response = await fetch(`${url}/collect`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ events }) });
        if (response.ok) acknowledged.push(...events.map((e) => e.id));
        else refused.push(response.status);
      } catch {
        stop = true; // connection refused: the collector is gone
      }
    }
  }
  const beacons = Array.from({ length: 6 }, beacon);
  // Let some batches land, then ask it to stop while requests are under way.
  while (acknowledged.length < 400) await new Promise((r) => setTimeout(r, 20));
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  stop = true;
  await Promise.all(beacons);
  expect(output).toContain("nudge collect: stopped");
  expect(refused.every((status) => status === 503)).toBe(true);

  const store = await createDuckDBStore({ path: db, readOnly: true });
  const aggregates = await store.reportAggregates();
  await store.close();
  // Every acknowledged event is there; nothing else was stored (a refused batch was not half-written).
  expect(aggregates.events).toBe(acknowledged.length);
  expect(sent).toBeGreaterThan(acknowledged.length / 20);
});
