/**
 * Picks the store from command-line style options: a DuckDB file by default,
 * ClickHouse at scale (`--clickhouse http://host:8123[/database]`).
 */
import { createDuckDBStore } from "./duckdb-store.js";
import type { EventStore } from "./store.js";

export interface StoreChoice {
  /** DuckDB file (default `./nudge-events.duckdb`; `:memory:` for none). */
  db?: string;
  /** ClickHouse URL (`--clickhouse http://…`). */
  clickhouse?: string;
}

export const DEFAULT_DB = "./nudge-events.duckdb";

export async function openStore(choice: StoreChoice): Promise<EventStore> {
  if (choice.clickhouse) {
    if (!/^https?:\/\//.test(choice.clickhouse))
      throw new Error(`--clickhouse: expected the HTTP URL of a ClickHouse server (e.g. http://127.0.0.1:8123, or …/nudge for a database), got ${choice.clickhouse}`);
    return (await import("./clickhouse-store.js")).createClickHouseStore({ url: choice.clickhouse });
  }
  return createDuckDBStore({ path: choice.db ?? DEFAULT_DB });
}
