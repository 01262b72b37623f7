/**
 * `nudge-sdk/collector`: the server half of measurement, for Node. Mount the
 * collector in your own server, or run it with `npx nudge collect`.
 *
 * @example
 * import { createCollector, createDuckDBStore } from "nudge-sdk/collector";
 * const store = await createDuckDBStore({ path: "./nudge-events.duckdb" });
 * const collector = createCollector({ store, origins: ["https://shop.example"] });
 * // In an existing node:http server: if (!collector.handle(req, res)) yourHandler(req, res);
 * await collector.listen(8787);
 * // Your shop's server signs the customer token for identify(id, traits, { token }): signCustomerToken(customerId, secret)
 */
export { createCollector, type Collector, type CollectorOptions, type CollectorPaths } from "./server.js";
export { createDuckDBStore, type DuckDBStoreOptions } from "./duckdb-store.js";
export { openStore, DEFAULT_DB, type StoreChoice } from "./open-store.js";
export { ingest, DEFAULT_LIMITS, type IngestLimits, type Ingested, type Rejected } from "./ingest.js";
export { checkEvent, type EventCheck } from "./event-schema.js";
export { formatReport } from "./report-text.js";
export { EMPTY_COUNTS, type EventStore, type StoreFactory, type StoredEvent, type InsertResult, type IngestCounts, type StoreHealth } from "./store.js";
export type { ArmAggregate, ReportAggregates } from "../measure/aggregates.js";
export { createDuckDbCustomers, createPostgresCustomers, type CustomerStore, type ImportCounts } from "./customers/customer-store.js";
export { parseExport, type ParsedExport } from "./customers/orders-csv.js";
export { signCustomerToken, verifyCustomerToken, type TokenCheck } from "./customers/token.js";
export type { CustomersOptions } from "./customers/serve-customer.js";
export type { CustomerCard } from "../profile/customer-card.js";
