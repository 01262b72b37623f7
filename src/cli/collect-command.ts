/// <reference types="node" />
/**
 * `nudge collect` (the HTTP collector over a store) and `nudge report` (the
 * report of a store, counted in its database). Loaded only for these commands.
 */
import { existsSync } from "node:fs";
import { DEFAULT_DB, openStore, type StoreChoice } from "../collector/open-store.js";
import { formatReport } from "../collector/report-text.js";
import { leadsProblem, openLeads, type LeadsChoice } from "../collector/leads/open-leads.js";
import type { LeadsOptions } from "../collector/leads/receive-lead.js";
import type { CustomersOptions } from "../collector/customers/serve-customer.js";
import { openCoupons } from "../collector/coupons/open-coupons.js";
import type { CouponsOptions } from "../collector/coupons/receive-claim.js";
import type { EventStore } from "../collector/store.js";
import { createCollector } from "../collector/server.js";
import { reportFromAggregates } from "../measure/report-from-aggregates.js";

type Print = (text: string) => void;

/** The values of a repeatable `--name value` option. */
function values(args: string[], name: string): string[] {
  const found: string[] = [];
  args.forEach((arg, i) => {
    if (arg === name && args[i + 1] !== undefined && !args[i + 1].startsWith("--")) found.push(args[i + 1]);
    else if (arg.startsWith(`${name}=`)) found.push(arg.slice(name.length + 1));
  });
  return found;
}
const value = (args: string[], name: string) => values(args, name).at(-1);

function storeChoice(args: string[]): StoreChoice {
  return { db: value(args, "--db"), clickhouse: value(args, "--clickhouse") };
}

/** Runs the collector until SIGTERM or SIGINT; then stops accepting, finishes the writes under way and exits 0. */
export async function collectCommand(args: string[], out: Print, err: Print): Promise<number> {
  const port = Number(value(args, "--port") ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    err(`--port: expected a port number, got ${value(args, "--port")}`);
    return 2;
  }
  const host = value(args, "--host") ?? "127.0.0.1";
  const origins = values(args, "--origin");
  for (const origin of origins) {
    if (origin !== "*" && !/^https?:\/\/[^/]+$/.test(origin)) {
      err(`--origin: expected an origin such as https://shop.example (scheme and host, no path), got ${origin}`);
      return 2;
    }
  }
  const choice = storeChoice(args);
  const retry = value(args, "--webhook-retry");
  const leadsChoice: LeadsChoice = {
    postgres: value(args, "--postgres"),
    webhook: value(args, "--webhook"),
    secret: value(args, "--webhook-secret") ?? process.env.NUDGE_WEBHOOK_SECRET,
    retry: retry === undefined ? undefined : Number(retry),
  };
  const problem = leadsProblem(leadsChoice);
  if (problem) {
    err(problem);
    return 2;
  }
  const customerSecret = value(args, "--customer-secret") ?? process.env.NUDGE_CUSTOMER_SECRET;
  let store: EventStore;
  let leads: LeadsOptions | undefined;
  let customers: CustomersOptions | undefined;
  let coupons: CouponsOptions | undefined;
  const offers = value(args, "--offers");
  try {
    store = await openStore(choice);
    leads = await openLeads(leadsChoice, store, err).catch(async (error) => {
      await store!.close();
      throw error;
    });
    // GET /customer: the cards live beside the leads (PostgreSQL, else the DuckDB file the events go to).
    if (customerSecret && (leadsChoice.postgres || "instance" in store)) {
      const { openCustomers } = await import("../collector/customers/customers-command.js");
      const where = leadsChoice.postgres ? { postgres: leadsChoice.postgres } : { db: (store as unknown as { instance: object }).instance };
      customers = { store: await openCustomers(where), secret: customerSecret };
    }
    // Coupons live in the same transactional state as leads (none for ClickHouse without --postgres).
    const state = leads?.state;
    const opened = store;
    coupons = await (async () => {
      if (state) return openCoupons(state, { offers, seed: value(args, "--seed") });
      if (offers) throw new Error("--offers: coupon codes need transactions: give --postgres <url> with --clickhouse");
      return undefined;
    })().catch(async (error) => {
      await leads?.delivery?.stop();
      await state?.close();
      await opened.close();
      throw error;
    });
  } catch (error) {
    err((error as Error).message);
    return 1;
  }
  const collector = createCollector({ store, origins, log: err, leads, customers, coupons });
  let url: string;
  try {
    url = await collector.listen(port, host);
  } catch (error) {
    err(`cannot listen on ${host}:${port}: ${(error as Error).message}`);
    await store.close();
    return 1;
  }
  out(`nudge collect: ${choice.clickhouse ? `ClickHouse ${choice.clickhouse}` : `DuckDB ${choice.db ?? DEFAULT_DB}`}`);
  out(`  POST ${url}/collect   (the beacon's endpoint: data-beacon="${url}/collect")`);
  out(`  GET  ${url}/report/   ${url}/report.json   ${url}/health`);
  out(
    leads
      ? `  POST ${url}/leads     lead answers, kept in ${leadsChoice.postgres ? "PostgreSQL" : "the DuckDB file"}${leadsChoice.webhook ? ` and forwarded to ${leadsChoice.webhook}` : " (no --webhook: stored only; nudge leads export)"}`
      : "  no leads: a ClickHouse collector keeps them in PostgreSQL (--postgres <url>)",
  );
  out(
    customers
      ? `  GET  ${url}/customer  customer cards for tokens signed with --customer-secret (nudge customers import orders.csv)`
      : "  no customer cards: start with --customer-secret S (or NUDGE_CUSTOMER_SECRET) to serve GET /customer",
  );
  if (coupons)
    out(
      `  POST ${url}/coupons/claim  ${url}/wheel/spin   unique coupon codes${offers ? ` (offers: ${offers})` : " (imported pools only: no --offers)"}${value(args, "--seed") !== undefined ? "; --seed: repeatable draws, for tests only" : ""}`,
    );
  out(origins.length ? `  browsers may send from: ${origins.join(", ")}` : "  no --origin given: only same-origin and non-browser clients may send");
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      out(`nudge collect: ${signal}: finishing the writes under way…`);
      collector.close().then(
        () => {
          out("nudge collect: stopped");
          resolve(0);
        },
        (error: unknown) => {
          err(`nudge collect: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}

/** Prints the report of a store: a text table, or the Report as JSON. */
export async function reportCommand(args: string[], out: Print, err: Print): Promise<number> {
  const choice = storeChoice(args);
  if (!choice.clickhouse) {
    choice.db ??= DEFAULT_DB;
    if (choice.db !== ":memory:" && !existsSync(choice.db)) {
      err(`${choice.db}: no such DuckDB file (give the one nudge collect writes: --db <file>)`);
      return 2;
    }
  }
  let store: EventStore;
  try {
    store = choice.clickhouse ? await openStore(choice) : await (await import("../collector/duckdb-store.js")).createDuckDBStore({ path: choice.db, readOnly: true });
  } catch (error) {
    err((error as Error).message);
    return 1;
  }
  try {
    const report = reportFromAggregates(await store.reportAggregates());
    out(args.includes("--json") ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } catch (error) {
    err(`nudge report: ${(error as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}
