// `npm start`: install if needed, build, serve the examples on 127.0.0.1 and print the demo shop's URL.
import { build, ensureDependencies } from "./ensure.mjs";

ensureDependencies();
build();
const { serve } = await import("./serve.mjs");
const port = Number(process.env.PORT ?? 8080);
// The demo shop's measured events go to the real collector, on an embedded DuckDB file (kept between runs).
const eventsDb = process.env.NUDGE_EVENTS_DB ?? ".tmp/nudge-events.duckdb";
const server = await serve({ port, eventsDb }).catch(() => serve({ port: 0, eventsDb }));
const { url } = server;
console.log(
  `\nNudge demo shop: ${url}/shop/\nPlayground:      ${url}/playground/\nReport:          ${url}/collector/report/  (the shop's visits, from ${eventsDb})\n(Ctrl+C to stop)`,
);
// Stop cleanly: the collector finishes its writes and checkpoints the DuckDB file.
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => server.close().then(() => process.exit(0)));
