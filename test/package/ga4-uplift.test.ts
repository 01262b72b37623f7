/**
 * docs/ga4-uplift.sql against a DuckDB table shaped like the GA4 BigQuery export (events_* with
 * event_params as a repeated key/value struct), filled with the dataLayer pushes of the report
 * page's seeded simulation: the same counts as buildReport over the same events.
 *
 * The one dialect translation, mechanical and applied here (DuckDB 1.x):
 * - BigQuery's `table` quoting becomes "table" (the table is named after the export);
 * - `UNNEST(event_params) AS ep` becomes `UNNEST(event_params) AS _(ep)`: in BigQuery the alias
 *   names each struct, in DuckDB it would name the table, so DuckDB gets a column alias.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulate } from "../../examples/report/simulate.js";
import { dataLayerEntry } from "../../src/measure/destinations.js";
import type { MeasureEvent } from "../../src/measure/event.js";
import { buildReport } from "../../src/measure/report.js";
import { meanUplift, rate } from "../../src/measure/stats.js";

const SQL = readFileSync(resolve(import.meta.dirname, "../../docs/ga4-uplift.sql"), "utf8");
const TABLE = "your-project.analytics_123456789.events_*";

/** The documented translation from BigQuery to DuckDB, and nothing else. */
export const toDuckDb = (sql: string) => sql.replace(/`([^`]+)`/g, '"$1"').replace(/UNNEST\((\w+)\) AS (\w+)/g, "UNNEST($1) AS _($2)");

/** The statements of the file, comments dropped. */
const statements = (sql: string) =>
  sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);

/** A GA4 parameter value as the export stores it: strings, whole numbers and other numbers in their own fields. */
function paramValue(value: unknown) {
  const v = { string_value: null as string | null, int_value: null as number | null, float_value: null, double_value: null as number | null };
  if (typeof value === "string") v.string_value = value;
  else if (typeof value === "number" && Number.isInteger(value)) v.int_value = value;
  else if (typeof value === "number") v.double_value = value;
  else v.string_value = String(value);
  return v;
}

/** One export row per dataLayer push, as a GA4 event tag forwarding the `nudge_*` parameters would give. */
function exportRow(event: MeasureEvent, index: number) {
  const { event: name, ...params } = dataLayerEntry(event);
  const day = new Date(event.time).toISOString().slice(0, 10).replaceAll("-", "");
  return {
    event_date: day,
    _TABLE_SUFFIX: day,
    // Microseconds, and each hit its own: the widgets one order converts arrive as separate hits.
    event_timestamp: event.time * 1000 + (index % 997),
    event_name: name,
    user_pseudo_id: event.visitor,
    event_params: Object.entries(params).map(([key, value]) => ({ key, value: paramValue(value) })),
  };
}

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

let folder: string;
let connection: DuckDBConnection;
let events: MeasureEvent[];

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

beforeAll(async () => {
  // Half the orders without an id (a goal event with no transaction id): keyed by the goal event's time.
  events = (simulate({ visitors: 4000, seed: 11 }) as MeasureEvent[]).map(({ order, ...e }) => (order && e.visitor.length % 2 ? { ...e, order } : e));
  // GA4 sometimes receives a hit twice: the query must count it once, as buildReport does.
  const replayed = [...events, ...events.filter((_, i) => i % 97 === 0)];
  folder = mkdtempSync(join(tmpdir(), "nudge-ga4-"));
  const file = join(folder, "export.ndjson");
  writeFileSync(file, replayed.map((e, i) => JSON.stringify(exportRow(e, i))).join("\n"));
  const db = await DuckDBInstance.create(":memory:");
  connection = await db.connect();
  const columns = {
    event_date: "VARCHAR",
    _TABLE_SUFFIX: "VARCHAR",
    event_timestamp: "BIGINT",
    event_name: "VARCHAR",
    user_pseudo_id: "VARCHAR",
    event_params: "STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]",
  };
  const spec = Object.entries(columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(", ");
  await connection.run(`CREATE TABLE "${TABLE}" AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${spec}})`);
}, 60_000);

afterAll(() => {
  connection?.closeSync();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("docs/ga4-uplift.sql on a GA4-shaped export (DuckDB)", () => {
  it("holds three queries and needs only the documented translation", () => {
    expect(statements(SQL)).toHaveLength(3);
    expect(SQL).toContain(`\`${TABLE}\``);
    expect(SQL).toContain("UNNEST(event_params) AS ep");
  });

  it("query 1 gives each widget's arms the same counts as buildReport, and so the same uplift", async () => {
    const report = buildReport(events);
    const got = await rows(toDuckDb(statements(SQL)[0]));
    const expected = report.widgets.flatMap((w) => w.variants.map((v) => ({ widget: w.widget, variant: v.variant, v })));
    expect(got.map((r) => `${r.widget}/${r.variant}`).sort()).toEqual(expected.map((e) => `${e.widget}/${e.variant}`).sort());
    expect(expected.length).toBe(5);
    const arms = new Map(got.map((r) => [`${r.widget}/${r.variant}`, r]));
    for (const { widget, variant, v } of expected) {
      const r = arms.get(`${widget}/${variant}`)!;
      const where = `${widget}/${variant}`;
      expect(r.holdout, where).toBe(v.holdout);
      expect(num(r.visitors), where).toBe(v.visitors);
      expect(num(r.impressions), where).toBe(v.impressions);
      expect(num(r.viewable), where).toBe(v.viewable);
      expect(num(r.clicks), where).toBe(v.clicks);
      expect(num(r.conversions), where).toBe(v.conversions);
      expect(num(r.converters), where).toBe(v.converters);
      expect(rate(num(r.converting_visitors), num(r.visitors)), where).toEqual(v.conversionRate);
      expect(num(r.revenue), where).toBeCloseTo(v.revenue, 6);
      expect(num(r.visitor_revenue) / num(r.visitors), where).toBeCloseTo(v.revenuePerVisitor, 9);
      expect(num(r.valued_conversions) ? num(r.revenue) / num(r.valued_conversions) : null, where).toBeCloseTo(v.averageOrderValue ?? (null as never), 9);
    }
    // The revenue-per-visitor uplift from the query's sums equals buildReport's.
    const sample = (r: Record<string, unknown>) => {
      const n = num(r.visitors);
      const mean = num(r.visitor_revenue) / n;
      return { n, mean, variance: (num(r.visitor_revenue_squares) - n * mean * mean) / (n - 1) };
    };
    for (const { widget, variant, v } of expected.filter((e) => e.v.uplift)) {
      const mine = meanUplift(sample(arms.get(`${widget}/${variant}`)!), sample(arms.get(`${widget}/holdout`)!))!;
      expect(mine.relative).toBeCloseTo(v.uplift!.revenuePerVisitor!.relative!, 9);
      expect(mine.probabilityToBeat).toBeCloseTo(v.uplift!.revenuePerVisitor!.probabilityToBeat, 6);
    }
  });

  it("query 2 gives Nudge as a whole against the site-wide control group, as buildReport's overall", async () => {
    const { overall } = buildReport(events);
    const got = await rows(toDuckDb(statements(SQL)[1]));
    expect(got.map((r) => r.arm)).toEqual(["control", "treated"]);
    for (const r of got) {
      const arm = r.arm === "control" ? overall!.control : overall!.treated;
      expect(num(r.visitors)).toBe(arm.visitors);
      expect(num(r.converting_visitors)).toBe(arm.converters);
      expect(num(r.orders)).toBe(arm.orders);
      expect(num(r.visitor_revenue)).toBeCloseTo(arm.revenue, 6);
      expect(num(r.revenue) / num(r.valued_orders)).toBeCloseTo(arm.averageOrderValue!, 9);
      expect(rate(num(r.converting_visitors), num(r.visitors))).toEqual(arm.conversionRate);
    }
    expect(overall!.control.visitors).toBeGreaterThan(100);
  });

  it("query 3 credits each order once, as buildReport's attribution", async () => {
    const report = buildReport(events);
    const got = await rows(toDuckDb(statements(SQL)[2]));
    const credit = (kind: string, widget: string, variant: string) => got.find((r) => r.credit === kind && r.widget === widget && r.variant === variant);
    let attributed = 0;
    for (const w of report.widgets) {
      for (const v of w.variants.filter((x) => !x.holdout)) {
        for (const kind of ["attributed", "assisted"] as const) {
          const row = credit(kind, w.widget, v.variant);
          expect(num(row?.orders), `${w.widget}/${v.variant} ${kind}`).toBe(v[kind].orders);
          expect(num(row?.revenue), `${w.widget}/${v.variant} ${kind}`).toBeCloseTo(v[kind].revenue, 6);
        }
        attributed += v.attributed.orders;
      }
    }
    expect(report.widgets.reduce((s, w) => s + w.assisted.orders, 0)).toBeGreaterThan(50); // overlapping widgets: the case that matters
    const none = credit("unattributed", "", "")!;
    expect(num(none.orders)).toBe(report.attribution.unattributed.orders);
    expect(num(none.revenue)).toBeCloseTo(report.attribution.unattributed.revenue, 6);
    expect(attributed + num(none.orders)).toBe(report.attribution.orders);
  });
});
