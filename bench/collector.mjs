// `npm run bench:collector`: the collector on this machine, each figure in one run.
// 1. Ingest over HTTP: `nudge collect` as its own process, beacons POSTing batches of 20 events from
//    this process (same machine, same 2 cores): events/s, p50/p99 POST latency, collector RSS.
//    Into DuckDB always; into ClickHouse with --clickhouse <url> (the hook for the ClickHouse store).
// 2. The report at 1M and 10M events (generated inside DuckDB with SQL, see collector-data.mjs):
//    `nudge report --db file --json` (counting in the database) against buildReport over the same
//    events loaded into memory, in a child with a heap limit (expected to fail at 10M).
// Flags: --events N (ingest, default 200000), --clients N (default 16), --sizes 1000000,10000000,
// --heap MB (buildReport child's heap, default 4096), --clickhouse URL, --no-build, --readme.
import { spawn, spawnSync } from "node:child_process";
import { Agent, request } from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureDependencies } from "../scripts/ensure.mjs";
import "./ts.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(ROOT);
const argv = process.argv.slice(2);
const flag = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const EVENTS = Number(flag("--events", 200_000));
const CLIENTS = Number(flag("--clients", 16));
const SIZES = flag("--sizes", "1000000,10000000").split(",").map(Number);
const HEAP = Number(flag("--heap", 4096));
const CLICKHOUSE = flag("--clickhouse", process.env.NUDGE_BENCH_CLICKHOUSE);
const GOALS = { eventsPerSecond: 20_000, reportSeconds: 5 };

ensureDependencies();
if (!argv.includes("--no-build")) build();
const { createDuckDBStore } = await import("../dist/esm/collector.js");
const { generateEvents } = await import("./collector-data.mjs");
const { differences } = await import("../test/collector/agree.ts");
const work = mkdtempSync(join(tmpdir(), "nudge-bench-collector-"));
const load = loadavg()[0];

const rssMB = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]) / 1024;
  } catch {
    return undefined;
  }
};
const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Starts `nudge collect` with these store flags; resolves to { url, child, stop() }. */
function startCollector(storeFlags) {
  const child = spawn(process.execPath, ["bin/nudge.mjs", "collect", "--port", "0", ...storeFlags], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const exited = new Promise((done) => child.on("exit", done));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const found = output.match(/POST (http:\/\/127\.0\.0\.1:\d+)\/collect/);
      if (found) {
        clearInterval(timer);
        resolve({ url: found[1], child, stop: () => (child.kill("SIGTERM"), exited) });
      }
    }, 50);
    child.on("exit", () => (clearInterval(timer), reject(new Error(`nudge collect exited: ${output}`))));
  });
}

/** One beacon body of 20 events, ids unique per (client, batch). */
function body(client, batch, now) {
  const events = [];
  for (let i = 0; i < 20; i++) {
    const visitor = `v${client}-${batch}`;
    events.push({
      id: `b${client}-${batch}-${i}`,
      name: i === 0 ? "eligible" : i % 5 === 0 ? "clicked" : "shown",
      time: now,
      visitor,
      session: `s${visitor}`,
      widget: "welcome-offer",
      type: "popup",
      variant: i % 2 ? "a" : "b",
      exposure: `welcome-offer@${now}`,
      path: "/shop/",
      ...(i === 0 ? { share: 0.5 } : {}),
    });
  }
  return JSON.stringify({ events, dropped: 0, sentAt: now });
}

// node:http with keep-alive: cheaper per request than fetch, so the load generator takes less of the shared cores.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function post(url, payload) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** Beacons at full speed until `total` events are acknowledged; the collector's RSS sampled meanwhile. */
async function ingest(name, storeFlags) {
  const collector = await startCollector(storeFlags);
  const batches = Math.ceil(EVENTS / 20);
  let next = 0;
  const latencies = [];
  let failed = 0;
  const rss = [];
  const sampler = setInterval(() => rss.push(rssMB(collector.child.pid)), 250);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (next < batches) {
        const batch = next++;
        const payload = body(client, batch, Date.now());
        const t = performance.now();
        const status = await post(`${collector.url}/collect`, payload);
        latencies.push(performance.now() - t);
        if (status !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const health = await (await fetch(`${collector.url}/health`)).json();
  await collector.stop();
  latencies.sort((a, b) => a - b);
  const samples = rss.filter((x) => x !== undefined);
  return {
    name,
    events: batches * 20,
    stored: health.events,
    failed,
    eventsPerSecond: (batches * 20) / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    rssStart: samples[0],
    rssMax: Math.max(...samples),
    rssEnd: samples.at(-1),
  };
}

/** Runs a command under /usr/bin/time: wall seconds, peak RSS (MB), exit status, stdout. */
function timed(command, args, env = {}) {
  const run = spawnSync("/usr/bin/time", ["-f", "TIMED %e %M", command, ...args], { encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const match = run.stderr.match(/TIMED ([\d.]+) (\d+)/);
  return {
    seconds: match ? Number(match[1]) : undefined,
    rssMB: match ? Number(match[2]) / 1024 : undefined,
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr.replace(/TIMED.*\n?/, ""),
  };
}

async function reportAt(size) {
  const path = join(work, `report-${size}.duckdb`);
  const generated = await generateEvents(createDuckDBStore, path, size);
  const sql = timed(process.execPath, ["bin/nudge.mjs", "report", "--db", path, "--json"]);
  const memory = timed(process.execPath, [`--max-old-space-size=${HEAP}`, "bench/collector-child.mjs", path]);
  let agree;
  const sqlReport = sql.status === 0 ? JSON.parse(sql.stdout) : undefined;
  let memoryResult;
  if (memory.status === 0) {
    memoryResult = JSON.parse(memory.stdout.trim().split("\n").at(-1));
    agree = sqlReport ? differences(sqlReport, memoryResult.report).length : undefined;
  }
  const why =
    memory.status === 0
      ? undefined
      : /heap out of memory|Allocation failed/i.test(memory.stderr)
        ? `out of memory (heap limit ${HEAP} MB)`
        : `exit ${memory.status}: ${memory.stderr.trim().split("\n").at(-1)}`;
  rmSync(path, { force: true });
  return { size, events: generated.events, generateSeconds: generated.seconds, sql, memory, memoryResult, why, agree };
}

const int = (n) => (n === undefined ? "n/a" : Math.round(n).toLocaleString("en-US"));
const fix = (n, d = 1) => (n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(d));

const ingestRows = [await ingest("DuckDB (file)", ["--db", join(work, "ingest.duckdb")])];
if (CLICKHOUSE) ingestRows.push(await ingest(`ClickHouse (${CLICKHOUSE})`, ["--clickhouse", CLICKHOUSE]));
const reportRows = [];
for (const size of SIZES) reportRows.push(await reportAt(size));
rmSync(work, { recursive: true, force: true });

const met = (ok) => (ok ? "met" : "**not met**");
const ingestTable = [
  "| store | events sent (batches of 20) | stored | events/s | POST p50 ms | POST p99 ms | collector RSS MB (start → max → end) |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...ingestRows.map(
    (r) =>
      `| ${r.name} | ${int(r.events)} | ${int(r.stored)}${r.failed ? ` (${r.failed} refused)` : ""} | ${int(r.eventsPerSecond)} | ${fix(r.p50)} | ${fix(r.p99)} | ${int(r.rssStart)} → ${int(r.rssMax)} → ${int(r.rssEnd)} |`,
  ),
].join("\n");
const reportTable = [
  "| events | `nudge report` (SQL in DuckDB) s | its peak RSS MB | buildReport in memory s | its peak RSS MB | same figures |",
  "| ---: | ---: | ---: | ---: | ---: | --- |",
  ...reportRows.map(
    (r) =>
      `| ${int(r.events)} | ${fix(r.sql.seconds, 2)} | ${int(r.sql.rssMB)} | ${r.memoryResult ? fix(r.memory.seconds, 2) : `failed: ${r.why} after ${fix(r.memory.seconds, 0)} s`} | ${int(r.memory.rssMB)} | ${r.agree === undefined ? "—" : r.agree === 0 ? "yes" : `**${r.agree} differences**`} |`,
  ),
].join("\n");
const worstIngest = Math.min(...ingestRows.map((r) => r.eventsPerSecond));
const biggest = reportRows.at(-1);
const smallest = reportRows[0];
const goals = [
  `| goal | figure | |`,
  `| --- | --- | --- |`,
  `| ≥ ${int(GOALS.eventsPerSecond)} events/s ingested over HTTP (batches of 20) | ${ingestRows.map((r) => `${r.name}: ${int(r.eventsPerSecond)}`).join("; ")} | ${met(worstIngest >= GOALS.eventsPerSecond)} |`,
  `| report over ${int(biggest?.events)} events in ≤ ${GOALS.reportSeconds} s | ${fix(biggest?.sql.seconds, 2)} s | ${met(biggest?.sql.seconds <= GOALS.reportSeconds)} |`,
  `| memory flat in the event count | \`nudge report\` peak RSS ${int(smallest?.sql.rssMB)} MB at ${int(smallest?.events)} events, ${int(biggest?.sql.rssMB)} MB at ${int(biggest?.events)} | ${met(biggest && smallest && biggest.sql.rssMB <= smallest.sql.rssMB * 1.5)} |`,
].join("\n");
const notes = `Measured ${new Date().toISOString().slice(0, 10)} on this machine (2 cores shared with other work; load average ${load.toFixed(1)} at the start). Ingest: \`nudge collect\` in its own process, ${CLIENTS} concurrent beacons in the benchmark's process on the same cores, each POST acknowledged after the write. Report: events generated inside DuckDB with SQL (\`range()\`, bench/collector-data.mjs), not sent over HTTP; \`nudge report\` as a process (wall time and peak RSS from /usr/bin/time, DuckDB's native memory included); buildReport in a child with a ${HEAP} MB heap, reading the same events from the file into memory first (what a collector without a database would hold).`;
const markdown = `### Ingest\n\n${ingestTable}\n\n### Report\n\n${reportTable}\n\n### Goals\n\n${goals}\n\n${notes}`;
console.log(markdown);
if (argv.includes("--readme")) {
  const readme = readFileSync("README.md", "utf8");
  const start = "<!-- collector-bench:start -->";
  const end = "<!-- collector-bench:end -->";
  if (!readme.includes(start)) throw new Error("README.md has no collector-bench markers");
  writeFileSync("README.md", readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${markdown.replace(/^### /gm, "#### ")}\n${end}`));
  console.log("README.md updated");
}
