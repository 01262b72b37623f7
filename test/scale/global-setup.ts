// The scale project's servers: one ClickHouse and one PostgreSQL for all its files, started by
// scripts/services.mjs and stopped at the end (also when a test fails). Set NUDGE_CLICKHOUSE_URL and
// NUDGE_POSTGRES_URL to use servers of your own instead.
import type { TestProject } from "vitest/node";
// @ts-expect-error: a plain ES module script, no types
import { startServices } from "../../scripts/services.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    clickhouseUrl: string;
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const wanted = [process.env.NUDGE_CLICKHOUSE_URL ? "" : "clickhouse", process.env.NUDGE_POSTGRES_URL ? "" : "postgres"].filter(Boolean);
  const services: { env: Record<string, string>; stop(): Promise<void> } = wanted.length ? await startServices(wanted) : { env: {}, stop: async () => {} };
  project.provide("clickhouseUrl", process.env.NUDGE_CLICKHOUSE_URL ?? services.env.NUDGE_CLICKHOUSE_URL);
  project.provide("postgresUrl", process.env.NUDGE_POSTGRES_URL ?? services.env.NUDGE_POSTGRES_URL);
  return () => services.stop();
}
