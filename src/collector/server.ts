/// <reference types="node" />
/**
 * The collector's HTTP side (node:http): POST /collect takes the beacon's
 * batches, GET /health, GET /report/ (the report page) and GET /report.json
 * read the store. It keeps no state of its own (counters live in the store),
 * so several collectors can run behind one load balancer.
 *
 * A batch is acknowledged (200) only after the store has written it; a store
 * failure answers 503, which the beacon retries. Bad input gets a 4xx with a
 * sentence saying what was wrong: 400 malformed JSON or shape, 413 too large,
 * 415 wrong content type, 403 an origin not allowed.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { reportFromAggregates } from "../measure/report-from-aggregates.js";
import { COUPON_PATHS, receiveClaim, redeemCoupons, type CouponsOptions } from "./coupons/receive-claim.js";
import { DEFAULT_LIMITS, ingest, type IngestLimits } from "./ingest.js";
import { receiveLead, type LeadsOptions } from "./leads/receive-lead.js";
import { serveCustomer, type CustomersOptions } from "./customers/serve-customer.js";
import { reportAsset } from "./report-page.js";
import type { EventStore, InsertResult } from "./store.js";

export interface CollectorOptions {
  store: EventStore;
  /** Origins allowed to POST from a browser (exact `https://shop.example`, or `*`). The collector's own origin always is. */
  origins?: string[];
  /** Largest body accepted, in bytes (default 1 MB). */
  maxBody?: number;
  limits?: Partial<IngestLimits>;
  /** Where the routes live (default: `/collect`, `/health`, `/report/`, `/report.json`). */
  paths?: Partial<CollectorPaths>;
  /** The collector's clock (tests pass a fixed one). */
  now?: () => number;
  /** Told about each refused request or event (default: nothing; the CLI logs them). */
  log?: (message: string) => void;
  /** POST /leads: lead answers stored with their consent and forwarded to a webhook (src/collector/leads/). */
  leads?: LeadsOptions;
  /** GET /customer: the customer card for a signed token, from the imported orders (src/collector/customers/). */
  customers?: CustomersOptions;
  /** POST /coupons/claim, /wheel/segments, /wheel/spin: unique codes and server-drawn wheels (src/collector/coupons/). */
  coupons?: CouponsOptions;
}

export interface CollectorPaths {
  collect: string;
  health: string;
  /** The report page's folder (its assets live under it). */
  report: string;
  reportJson: string;
  /** Lead answers (only with the `leads` option). */
  leads: string;
  /** Customer cards (only with the `customers` option). */
  customer: string;
}

export interface Collector {
  /** The node:http handler; returns false when the path is not one of the collector's (so a host server can go on). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Listens on `port` (0: any free one) and `host` (default 127.0.0.1); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, waits for the requests under way (their writes included), then closes the store. */
  close(): Promise<void>;
}

const DEFAULT_PATHS: CollectorPaths = { collect: "/collect", health: "/health", report: "/report/", reportJson: "/report.json", leads: "/leads", customer: "/customer" };
const JSON_TYPE = "application/json; charset=utf-8";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Makes a collector over a store.
 *
 * @example
 * import { createCollector, createDuckDBStore } from "nudge-sdk/collector";
 * const collector = createCollector({ store: await createDuckDBStore({ path: "nudge-events.duckdb" }), origins: ["https://shop.example"] });
 * console.log(await collector.listen(8787)); // http://127.0.0.1:8787
 * process.on("SIGTERM", () => collector.close().then(() => process.exit(0)));
 */
export function createCollector(options: CollectorOptions): Collector {
  const { store } = options;
  const paths = { ...DEFAULT_PATHS, ...options.paths };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const maxBody = options.maxBody ?? 1_000_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const origins = new Set(options.origins ?? []);
  let server: Server | undefined;
  let closing = false;
  const inFlight = new Set<Promise<unknown>>();

  function allowedOrigin(req: IncomingMessage): string | null | false {
    const origin = req.headers.origin;
    if (!origin) return null; // not a browser's cross-origin request
    if (origins.has("*") || origins.has(origin)) return origin;
    const host = req.headers.host;
    if (host && (origin === `http://${host}` || origin === `https://${host}`)) return origin;
    return false;
  }

  function send(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8") {
    if (!res.headersSent) res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  }

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const declared = Number(req.headers["content-length"]);
      if (declared > maxBody) {
        reject(new HttpError(413, `the body is ${declared} bytes, the limit is ${maxBody}`));
        req.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          reject(new HttpError(413, `the body is over the limit of ${maxBody} bytes`));
          req.removeAllListeners("data");
          req.resume();
        } else chunks.push(chunk);
      });
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });
  }

  /** The body as JSON, after the content-type and size checks. */
  async function readJson(req: IncomingMessage): Promise<unknown> {
    const type = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    // sendBeacon with a JSON Blob sends application/json; text/plain is what a beacon sends to avoid a CORS preflight.
    if (type !== "application/json" && type !== "text/plain") {
      req.resume();
      throw new HttpError(415, `expected content-type application/json (or text/plain), got ${type || "none"}`);
    }
    const text = await readBody(req);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, `the body is not valid JSON: ${(error as Error).message}`);
    }
  }

  async function lead(req: IncomingMessage, res: ServerResponse, origin: string | null) {
    if (origin) res.setHeader("access-control-allow-origin", origin);
    const body = await readJson(req);
    let answer: { status: number; body: string };
    try {
      answer = await receiveLead(body, now(), options.leads!);
    } catch (error) {
      log(`lead write failed: ${(error as Error).message}`);
      throw new HttpError(503, "the lead store is unavailable; send the lead again later");
    }
    if (answer.status !== 200) log(`refused ${answer.body}`);
    send(res, answer.status, answer.body, JSON_TYPE);
  }

  async function coupon(req: IncomingMessage, res: ServerResponse, origin: string | null) {
    if (origin) res.setHeader("access-control-allow-origin", origin);
    const body = await readJson(req);
    const forwarded = options.coupons!.offers.trustProxy
      ? String(req.headers["x-forwarded-for"] ?? "")
          .split(",")[0]
          .trim()
      : "";
    const pathname = new URL(req.url ?? "/", "http://collector").pathname;
    const answer = await receiveClaim(pathname, body, forwarded || req.socket.remoteAddress || "unknown", now(), options.coupons!).catch((error: Error) => {
      log(`coupon claim failed: ${error.message}`);
      throw new HttpError(503, "the coupon store is unavailable; try again later");
    });
    send(res, answer.status, answer.body, JSON_TYPE);
  }

  async function collect(req: IncomingMessage, res: ServerResponse, origin: string | null) {
    if (origin) res.setHeader("access-control-allow-origin", origin);
    const body = await readJson(req);
    const received = now();
    const batch = ingest(body, received, limits);
    if (!batch.ok) throw new HttpError(batch.status, batch.message);
    const counts = { rejected: batch.rejected.length, clamped: batch.clamped, droppedByClients: batch.dropped };
    let result: InsertResult;
    try {
      // Both writes are queued together (a store may group them into one); the answer waits for both.
      [result] = await Promise.all([store.insertEvents(batch.events), counts.rejected || counts.clamped || counts.droppedByClients ? store.addCounts(counts) : undefined]);
    } catch (error) {
      log(`store write failed: ${(error as Error).message}`);
      throw new HttpError(503, "the event store is unavailable; send the batch again later");
    }
    // A purchase with a coupon marks its code used (once); a failure answers 503, and the beacon's retry redeems it.
    if (options.coupons)
      await redeemCoupons(batch.events, received, options.coupons.state).catch((error: Error) => {
        log(`coupon redemption failed: ${error.message}`);
        throw new HttpError(503, "the coupon store is unavailable; send the batch again later");
      });
    for (const r of batch.rejected) log(`refused ${r.problem}`);
    send(res, 200, JSON.stringify({ stored: result.inserted, duplicates: result.duplicates, rejected: batch.rejected, clamped: batch.clamped }), JSON_TYPE);
  }

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (options.customers && pathname === paths.customer) return serveCustomer(req, res, allowedOrigin(req), options.customers, now());
    const posted = pathname === paths.collect ? collect : options.leads && pathname === paths.leads ? lead : options.coupons && COUPON_PATHS.has(pathname) ? coupon : undefined;
    if (posted) {
      const origin = allowedOrigin(req);
      if (req.method === "OPTIONS") {
        if (origin === false) throw new HttpError(403, `origin ${req.headers.origin} is not allowed to send events here (start the collector with --origin ${req.headers.origin})`);
        res.writeHead(204, {
          ...(origin ? { "access-control-allow-origin": origin, vary: "origin" } : {}),
          "access-control-allow-methods": "POST",
          "access-control-allow-headers": "content-type",
          "access-control-max-age": "86400",
        });
        res.end();
        return;
      }
      if (req.method !== "POST") {
        res.setHeader("allow", "POST, OPTIONS");
        throw new HttpError(405, `${pathname} takes POST requests (${posted === lead ? "lead answers" : posted === coupon ? "coupon claims" : "measured events from the beacon"})`);
      }
      if (origin === false) {
        req.resume();
        throw new HttpError(403, `origin ${req.headers.origin} is not allowed to send events here (start the collector with --origin ${req.headers.origin})`);
      }
      res.setHeader("vary", "origin");
      return posted(req, res, origin);
    }
    if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, `${pathname} takes GET requests`);
    if (pathname === paths.health) {
      const health = await store.health();
      const ok = health.ok && !closing;
      return send(res, ok ? 200 : 503, JSON.stringify({ ...health, ok, ...(closing ? { error: "shutting down" } : {}) }), JSON_TYPE);
    }
    if (pathname === paths.reportJson) return send(res, 200, JSON.stringify(reportFromAggregates(await store.reportAggregates())), JSON_TYPE);
    if (pathname === paths.report.replace(/\/$/, "")) {
      res.writeHead(301, { location: paths.report }).end();
      return;
    }
    if (pathname.startsWith(paths.report)) {
      const asset = await reportAsset(pathname.slice(paths.report.length) || "index.html", relativeJson(paths));
      if (!asset) throw new HttpError(404, "not found");
      return send(res, 200, asset.body, asset.type);
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const pathname = new URL(req.url ?? "/", "http://collector").pathname;
    const ours =
      pathname === paths.collect ||
      (options.leads && pathname === paths.leads) ||
      (options.customers && pathname === paths.customer) ||
      (options.coupons && COUPON_PATHS.has(pathname)) ||
      pathname === paths.health ||
      pathname === paths.reportJson ||
      pathname.startsWith(paths.report.replace(/\/$/, ""));
    if (!ours) return false;
    if (closing) {
      req.resume();
      res.setHeader("connection", "close");
      send(res, 503, "the collector is shutting down; send the batch again later");
      return true;
    }
    const work = route(req, res, pathname).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (error.status !== 404) log(`${req.method} ${pathname}: ${error.status} ${error.message}`);
        send(res, error.status, error.message);
      } else {
        log(`${req.method} ${pathname}: ${(error as Error).message}`);
        send(res, 500, "the collector failed to answer this request");
      }
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return true;
  }

  return {
    handle,
    listen(port = 0, host = "127.0.0.1") {
      server = createServer((req, res) => {
        if (!handle(req, res)) send(res, 404, "not found");
      });
      return new Promise((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(port, host, () => {
          const address = server!.address();
          resolve(`http://${host}:${typeof address === "object" && address ? address.port : port}`);
        });
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      const stopped = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      server?.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      // The delivery pass under way settles its rows in the queue first; what is left waits for the next start.
      await options.leads?.delivery?.stop();
      await options.leads?.state.close();
      await options.customers?.store.close();
      await store.close();
      server?.closeAllConnections();
      await stopped;
    },
  };
}

/** The JSON endpoint as the report page reaches it (a URL relative to the page's folder). */
function relativeJson(paths: CollectorPaths): string {
  const depth = paths.report.split("/").filter(Boolean).length;
  return `${"../".repeat(depth)}${paths.reportJson.replace(/^\//, "")}`;
}
