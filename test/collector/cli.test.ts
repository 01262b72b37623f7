/** `nudge report` over a DuckDB file, and `nudge collect`'s argument checks (in process, from the sources). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDuckDBStore } from "../../src/collector/duckdb-store.js";
import { main } from "../../src/cli/main.js";
import { buildReport } from "../../src/measure/report.js";
import { differences } from "./agree.js";
import { seededEvents } from "./seeded-events.js";
import { insertAll } from "./store-suite.js";

const folder = mkdtempSync(join(tmpdir(), "nudge-report-cli-"));
const db = join(folder, "events.duckdb");
const events = seededEvents({ visitors: 600, seed: 3 });
beforeAll(async () => {
  const store = await createDuckDBStore({ path: db });
  await insertAll(store, events, 20, 32);
  await store.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("nudge report", () => {
  it("--json prints the Report counted in the database: the figures buildReport gives", async () => {
    const { code, out } = await cli("report", "--db", db, "--json");
    expect(code).toBe(0);
    expect(differences(JSON.parse(out), buildReport(events))).toEqual([]);
  });

  it("prints a text table per widget, with the holdout, the uplift and the split check", async () => {
    const { code, out } = await cli("report", "--db", db);
    expect(code).toBe(0);
    const report = buildReport(events);
    expect(out).toContain(`${report.events.toLocaleString("en-US")} events, ${report.visitors.toLocaleString("en-US")} visitors`);
    expect(out).toMatch(/^welcome-offer \(popup\)$/m);
    expect(out).toMatch(/^variant\s+eligible\s+shown\s+viewable\s+clicked\s+converted\s+CTR\s+conversion \(95%\)\s+revenue\s+rev\/visitor\s+uplift \(95%\)\s+P\(beat\)$/m);
    const a = report.widgets.find((w) => w.widget === "welcome-offer")!.variants[0];
    expect(out).toMatch(new RegExp(`^a\\s+${a.funnel.eligible.toLocaleString("en-US")}\\s+${a.funnel.shown.toLocaleString("en-US")}\\s`, "m"));
    expect(out).toMatch(/^holdout\s+[\d,]+\s+0\s+0\s+0\s/m);
    expect(out).toMatch(/^split: as configured \(chi-square p = [\d.]+\)$/m);
    expect(out).toContain(`${report.attribution.orders.toLocaleString("en-US")} orders (`);
    expect(out).toMatch(/^Nudge as a whole \(against the site-wide control group\)$/m);
    expect(out).toContain(`site-wide control: ${report.overall!.control.visitors.toLocaleString("en-US")} visitors`);
  });

  it("names a missing file", async () => {
    const { code, err } = await cli("report", "--db", join(folder, "nope.duckdb"));
    expect(code).toBe(2);
    expect(err).toContain("nope.duckdb: no such DuckDB file");
  });
});

describe("nudge collect", () => {
  it("refuses an origin with a path, and a bad port, before opening anything", async () => {
    expect(await cli("collect", "--db", ":memory:", "--origin", "https://shop.example/page")).toMatchObject({
      code: 2,
      err: expect.stringContaining("--origin: expected an origin such as https://shop.example"),
    });
    expect(await cli("collect", "--db", ":memory:", "--port", "http")).toMatchObject({ code: 2, err: "--port: expected a port number, got http" });
  });

  it("is in the usage", async () => {
    const { out } = await cli("help");
    expect(out).toContain("nudge collect [--db file] [--port N] [--origin URL ...]");
    expect(out).toContain("nudge report [--db file | --clickhouse URL] [--json]");
    expect(out).toContain("nudge leads export");
  });
});
