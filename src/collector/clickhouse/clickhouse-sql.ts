/**
 * ClickHouse's SQL for the event store, all of it in one place. It runs on Debian's 18.16 and on
 * current ClickHouse, so it keeps to what both have: no CTEs over tables, no JOIN (the report's
 * three small per-arm results are merged in JS), no DateTime64 (times are Int64 milliseconds),
 * `-If` aggregate combinators instead of `FILTER (WHERE …)`. The dialect split with DuckDB
 * (duckdb-sql.ts): `uniqExactIf(a, b, cond)` for `count(DISTINCT (a, b)) FILTER (WHERE cond)`,
 * `argMaxIf` for `arg_max … FILTER`, `max(cond)` for `bool_or`, and exactly-once reads through
 * `FINAL` where DuckDB has a primary key. Attribution and the site-wide comparison are the
 * exception: their rows are streamed and folded in JS (see `orderRows`).
 */
import { identifier, stringLiteral } from "./sql-literal.js";

/**
 * The events table. ReplacingMergeTree keyed by the event id: copies of an id that reach the
 * table (two collectors racing on one replayed batch) collapse into one row when parts merge,
 * and every read that must count an event once says `FINAL`. Partitioned by day of the event's
 * (clamped) time, so old days can be dropped whole: `ALTER TABLE nudge_events DROP PARTITION 20261206`.
 */
export const createEvents = (db: string) => `CREATE TABLE IF NOT EXISTS ${identifier(db)}.nudge_events (
  id String,
  name String,
  time Int64,
  visitor String,
  session String,
  widget String,
  type String,
  variant String,
  exposure String,
  path Nullable(String),
  share Nullable(Float64),
  value Nullable(Float64),
  currency Nullable(String),
  goal Nullable(String),
  order_id Nullable(String),
  reason Nullable(String),
  action Nullable(String),
  fields Nullable(String),
  received_at Int64,
  client_time Int64,
  clamped UInt8,
  site_holdout Nullable(UInt8)
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMMDD(toDateTime(intDiv(time, 1000)))
ORDER BY id`;

/** Whether a table made before the site-wide control group existed still lacks its column (18.16 has no `ADD COLUMN IF NOT EXISTS`). */
export const hasSiteHoldout = (db: string) => `SELECT count() AS n FROM system.columns WHERE database = ${stringLiteral(db)} AND table = 'nudge_events' AND name = 'site_holdout'`;

/** Adds the site-wide control group's column (at the end, where JSONEachRow does not care). */
export const addSiteHoldout = (db: string) => `ALTER TABLE ${identifier(db)}.nudge_events ADD COLUMN site_holdout Nullable(UInt8)`;

/** Events outside the site-wide control group (it is compared with everyone else, not with one widget's arms). */
const NOT_SITE_HOLDOUT = "ifNull(site_holdout, 0) = 0";

/** The ingest counters: rows added, summed on read (and on merge). */
export const createCounts = (db: string) => `CREATE TABLE IF NOT EXISTS ${identifier(db)}.nudge_counts (
  name String,
  value Int64
) ENGINE = SummingMergeTree()
ORDER BY name`;

export const readCounts = (db: string) => `SELECT name, sum(value) AS value FROM ${identifier(db)}.nudge_counts GROUP BY name`;

/** Which of these ids are stored already (`ids` is a list made by `stringList`). */
export const storedIds = (db: string, ids: string) => `SELECT DISTINCT id FROM ${identifier(db)}.nudge_events PREWHERE id IN ${ids}`;

export const readTotals = (db: string) =>
  `SELECT count() AS events, uniqExact(visitor) AS visitors, min(time) AS first, max(time) AS last FROM ${identifier(db)}.nudge_events FINAL`;

/** Per arm (widget × variant): everything but the per-visitor revenue. A show is a (visitor, exposure) pair. */
export const armCounts = (db: string) => `SELECT widget, variant,
  uniqExactIf(visitor, name = 'eligible') AS eligible,
  uniqExactIf(visitor, exposure, name = 'shown') AS impressions,
  uniqExactIf(visitor, name = 'shown') AS shownVisitors,
  uniqExactIf(visitor, exposure, name = 'viewable') AS viewable,
  uniqExactIf(visitor, name = 'viewable') AS viewableVisitors,
  uniqExactIf(visitor, exposure, name = 'clicked') AS clicks,
  uniqExactIf(visitor, name = 'clicked') AS clickedVisitors,
  uniqExactIf(visitor, exposure, name = 'closed') AS closes,
  uniqExactIf(visitor, exposure, name = 'minimized') AS minimized,
  uniqExactIf(visitor, exposure, name = 'lead') AS leads,
  countIf(name = 'converted') AS conversions,
  uniqExactIf(visitor, name = 'converted') AS converters,
  sumIf(ifNull(value, 0), name = 'converted') AS revenue,
  countIf(name = 'converted' AND isNotNull(value)) AS orders,
  countIf(name = 'eligible' AND isNotNull(share)) AS shares,
  argMaxIf(ifNull(share, 0), time, name = 'eligible' AND isNotNull(share)) AS lastShare
FROM ${identifier(db)}.nudge_events FINAL
WHERE ${NOT_SITE_HOLDOUT}
GROUP BY widget, variant`;

/** Per arm: over its eligible visitors, how many converted and the sum (and sum of squares) of each one's revenue. */
export const eligibleSums = (db: string) => `SELECT widget, variant,
  countIf(converted) AS eligibleConverters,
  sum(revenue) AS eligibleRevenue,
  sum(revenue * revenue) AS eligibleRevenueSquares
FROM (
  SELECT widget, variant, visitor,
    max(name = 'eligible') AS isEligible,
    max(name = 'converted') AS converted,
    sumIf(ifNull(value, 0), name = 'converted') AS revenue
  FROM ${identifier(db)}.nudge_events FINAL
  WHERE name IN ('eligible', 'converted') AND ${NOT_SITE_HOLDOUT}
  GROUP BY widget, variant, visitor
)
WHERE isEligible
GROUP BY widget, variant`;

/** Each widget's type: that of its earliest event. */
export const widgetTypes = (db: string) => `SELECT widget, argMin(type, time) AS type FROM ${identifier(db)}.nudge_events FINAL WHERE ${NOT_SITE_HOLDOUT} GROUP BY widget`;

/**
 * Orders and the site-wide comparison are NOT counted in SQL here: ranking each order's widgets by
 * exposure time needs a window function (18.16 has none) or a multi-key JOIN it cannot do. Instead
 * the rows they need (goal conversions, and `eligible` events that say which site-wide arm their
 * visitor is in) are streamed ordered by visitor, and the store folds them one visitor at a time
 * with the reference code (src/measure/attribution.ts, overall.ts): memory holds one visitor's rows.
 * Orders are keyed by visitor, so no order spans two visitors.
 */
export const orderRows = (db: string) => `SELECT name, visitor, time, widget, variant, exposure, value, goal, order_id, site_holdout
FROM ${identifier(db)}.nudge_events FINAL
WHERE (name = 'converted' AND isNotNull(goal)) OR (name = 'eligible' AND isNotNull(site_holdout))
ORDER BY visitor, time, id`;
