/// <reference types="node" />
/**
 * `nudge leads export [--db <file.duckdb> | --postgres <url>]`: every stored lead as CSV on stdout
 * (progress and problems on stderr), from the collector's DuckDB file (default ./nudge-events.duckdb)
 * or from the PostgreSQL that several collectors share.
 */
import type { StateStore } from "../state/state-store.js";
import { writeLeadsCsv } from "./csv.js";
import { stateChoice } from "../state/state-choice.js";

export const DEFAULT_DB = "./nudge-events.duckdb";

export async function leadsCommand(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (args[0] !== "export") {
    err("Usage: nudge leads export [--db <file.duckdb> | --postgres <url>]");
    return 2;
  }
  const choice = stateChoice(args);
  if (choice.problem !== undefined) {
    err(choice.problem);
    return 2;
  }
  const { db, postgres } = choice;
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
