// The in-memory side of the report benchmark, in a child process with a heap limit: what a collector
// without a database would do. It reads every event of a DuckDB file into JS objects and runs
// buildReport over them, then prints one JSON line: { events, ms, maxRssMB, report }.
// At 10M events it is expected to run out of heap; the parent reports that as it happens.
import { DuckDBInstance } from "@duckdb/node-api";

const [path] = process.argv.slice(2);
const { buildReport } = await import(new URL("../dist/esm/measure.js", import.meta.url).href);
const started = performance.now();
const instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
const connection = await instance.connect();
const result = await connection.stream("SELECT id, name, time, visitor, session, widget, type, variant, exposure, share, value, currency, goal FROM nudge_events");
const events = [];
for (;;) {
  const chunk = await result.fetchChunk();
  if (!chunk || chunk.rowCount === 0) break;
  for (const [id, name, time, visitor, session, widget, type, variant, exposure, share, value, currency, goal] of chunk.getRows()) {
    const event = { id, name, time: Number(time), visitor, session, widget, type, variant, exposure };
    if (share !== null) event.share = share;
    if (value !== null) event.value = value;
    if (currency !== null) event.currency = currency;
    if (goal !== null) event.goal = goal;
    events.push(event);
  }
}
connection.closeSync();
instance.closeSync();
const report = buildReport(events);
const ms = performance.now() - started;
console.log(JSON.stringify({ events: events.length, ms, maxRssMB: process.resourceUsage().maxRSS / 1024, report }));
