/// <reference types="node" />
/**
 * `nudge customers import <orders.csv | customers.csv> [--db <file.duckdb> | --postgres <url>]`:
 * the shop's orders export (or a customers file with birthdays) into the collector's state, by
 * order id, so importing again is harmless. Prints what was added; every refused row on stderr.
 */
import { readFile } from "node:fs/promises";
import type { CustomerStore } from "./customer-store.js";
import { parseExport } from "./orders-csv.js";
import { stateChoice } from "../state/state-choice.js";

export const DEFAULT_DB = "./nudge-events.duckdb";
const USAGE = "Usage: nudge customers import <orders.csv | customers.csv> [--db <file.duckdb> | --postgres <url>]";

/** Opens the customer tables where `nudge collect` keeps them (PostgreSQL, else the DuckDB file). */
export async function openCustomers(where: { postgres?: string; db?: string | object }): Promise<CustomerStore> {
  const stores = await import("./customer-store.js");
  if (where.postgres) return stores.createPostgresCustomers(where.postgres, { max: 2 });
  return stores.createDuckDbCustomers((where.db ?? DEFAULT_DB) as string);
}

export async function customersCommand(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const file = args[1];
  if (args[0] !== "import" || !file || file.startsWith("--")) {
    err(USAGE);
    return 2;
  }
  const choice = stateChoice(args);
  if (choice.problem !== undefined) {
    err(choice.problem);
    return 2;
  }
  const { db, postgres } = choice;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    err(`nudge customers import: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  let parsed: ReturnType<typeof parseExport>;
  try {
    parsed = parseExport(text, file);
  } catch (error) {
    err(`nudge customers import: ${(error as Error).message}`);
    return 1;
  }
  for (const problem of parsed.problems) err(`${file} ${problem}`);
  let store: CustomerStore;
  try {
    store = await openCustomers({ postgres: postgres ?? undefined, db: db ?? undefined });
  } catch (error) {
    err(`nudge customers import: cannot open ${postgres ? "PostgreSQL" : (db ?? DEFAULT_DB)}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const counts = await store.importOrders(parsed.orders, parsed.birthdays, Date.now());
    const total = await store.counts();
    out(
      parsed.kind === "orders"
        ? `${counts.added} new order(s), ${counts.updated} already imported (rewritten), ${counts.birthdays} birthday(s); ${parsed.problems.length} row(s) refused`
        : `${counts.birthdays} birthday(s); ${parsed.problems.length} row(s) refused`,
    );
    out(`now ${total.orders} order(s) of ${total.customers} customer(s) in ${postgres ? "PostgreSQL" : (db ?? DEFAULT_DB)}`);
    return parsed.problems.length && !parsed.orders.length && !parsed.birthdays.size ? 1 : 0;
  } catch (error) {
    err(`nudge customers import: ${(error as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}
