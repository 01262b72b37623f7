/// <reference types="node" />
/**
 * `nudge leads export [--db <file.duckdb> | --postgres <url>]`: every stored lead as CSV on stdout
 * (progress and problems on stderr), from the collector's DuckDB file (default ./nudge-events.duckdb)
 * or from the PostgreSQL that several collectors share.
 */
import type { StateStore } from "../state/state-store.js";
import { writeLeadsCsv } from "./csv.js";

export const DEFAULT_DB = "./nudge-events.duckdb";

function option(args: string[], name: string): string | undefined | null {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  return value && !value.startsWith("--") ? value : null;
}

export async function leadsCommand(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (args[0] !== "export") {
    err("Usage: nudge leads export [--db <file.duckdb> | --postgres <url>]");
    return 2;
  }
  const db = option(args, "--db");
  const postgres = option(args, "--postgres");
  if (db === null || postgres === null || (db && postgres)) {
    err(
      db === null
        ? "--db: expected a DuckDB file after it"
        : postgres === null
          ? "--postgres: expected a URL after it, e.g. postgres://user@host:5432/db"
          : "give --db or --postgres, not both",
    );
    return 2;
  }
  let state: StateStore;
  try {
    if (postgres) state = await (await import("../state/postgres-state.js")).createPostgresState(postgres, { max: 1 });
    else state = await (await import("../state/duckdb-state.js")).createDuckDbState(db ?? DEFAULT_DB);
  } catch (error) {
    err(`nudge leads export: cannot open ${postgres ? "PostgreSQL" : (db ?? DEFAULT_DB)}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const count = await writeLeadsCsv(() => state.leads(), out);
    err(`${count} lead(s) exported`);
    return 0;
  } catch (error) {
    err(`nudge leads export: ${(error as Error).message}`);
    return 1;
  } finally {
    await state.close();
  }
}
