/**
 * Picks the store from command-line style options: a DuckDB file by default;
 * other stores (ClickHouse at scale) plug in here.
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
  if (choice.clickhouse) throw new Error("--clickhouse: the ClickHouse store is not part of this build");
  return createDuckDBStore({ path: choice.db ?? DEFAULT_DB });
}
