/// <reference types="node" />
/**
 * Where `nudge collect` keeps leads, from its options: PostgreSQL when `--postgres` is given (several
 * collectors share it), else the collector's DuckDB file. With `--webhook`, each collector also runs
 * the delivery loop. A ClickHouse collector without `--postgres` takes no leads (ClickHouse has no
 * transactions to hold a delivery queue).
 */
import type { StateStore } from "../state/state-store.js";
import type { EventStore } from "../store.js";
import { startLeadDelivery } from "./delivery.js";
import type { LeadsOptions } from "./receive-lead.js";

export interface LeadsChoice {
  postgres?: string;
  webhook?: string;
  /** The webhook's signing secret (`--webhook-secret`, or the NUDGE_WEBHOOK_SECRET environment variable). */
  secret?: string;
  /** The first retry's delay in ms (`--webhook-retry`, default 2000; tests shorten it). */
  retry?: number;
}

/** Checks the choice; a sentence naming the option when it is wrong. */
export function leadsProblem(choice: LeadsChoice): string | undefined {
  if (choice.webhook && !/^https?:\/\//.test(choice.webhook)) return `--webhook: expected an http(s) URL, got ${choice.webhook}`;
  if (choice.webhook && !choice.secret) return "--webhook: give the signing secret too (--webhook-secret or the NUDGE_WEBHOOK_SECRET environment variable)";
  if (choice.postgres && !/^postgres(ql)?:\/\//.test(choice.postgres)) return `--postgres: expected a URL such as postgres://user@host:5432/db, got ${choice.postgres}`;
  if (choice.retry !== undefined && !(Number.isInteger(choice.retry) && choice.retry > 0)) return "--webhook-retry: expected milliseconds, a whole number above 0";
  return undefined;
}

/** Opens the lead state (and starts delivery); undefined when this collector takes no leads. */
export async function openLeads(choice: LeadsChoice, store: EventStore, log: (message: string) => void): Promise<LeadsOptions | undefined> {
  let state: StateStore;
  if (choice.postgres) state = await (await import("../state/postgres-state.js")).createPostgresState(choice.postgres);
  else if ("instance" in store) state = await (await import("../state/duckdb-state.js")).createDuckDbState((store as unknown as { instance: never }).instance);
  else return undefined;
  const delivery = choice.webhook
    ? startLeadDelivery({
        state,
        webhook: { url: choice.webhook, secret: choice.secret! },
        baseDelay: choice.retry,
        onError: (error) => log(`lead delivery: ${(error as Error).message}`),
      })
    : undefined;
  return { state, delivery };
}
