/**
 * DuckDB's SQL for the event store, all of it in one place: the tables, the
 * de-duplicating insert and the report's aggregate query. Plain SQL: no
 * user value is ever spliced into it (events arrive through an appender).
 */

/** The events table. `id` is the primary key: a replayed event cannot be stored twice. */
export const CREATE_EVENTS = `CREATE TABLE IF NOT EXISTS nudge_events (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  time BIGINT NOT NULL,
  visitor VARCHAR NOT NULL,
  session VARCHAR NOT NULL,
  widget VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  variant VARCHAR NOT NULL,
  exposure VARCHAR NOT NULL,
  path VARCHAR,
  share DOUBLE,
  value DOUBLE,
  currency VARCHAR,
  goal VARCHAR,
  order_id VARCHAR,
  reason VARCHAR,
  action VARCHAR,
  fields VARCHAR,
  received_at BIGINT NOT NULL,
  client_time BIGINT NOT NULL,
  clamped BOOLEAN NOT NULL
)`;

/** The column order of the events table (the appender fills them in this order). */
export const EVENT_COLUMNS = "id name time visitor session widget type variant exposure path share value currency goal order_id reason action fields received_at client_time clamped batch".split(" ");

/** Where a write lands first (per connection, no index): then one statement moves the new ids. */
export const CREATE_STAGING = `CREATE TEMP TABLE IF NOT EXISTS nudge_staging AS SELECT *, 0::INTEGER AS batch FROM nudge_events LIMIT 0`;

/**
 * Moves staged events into the table: the first copy of each id (by the order of the calls
 * grouped into this write), ids already stored ignored. Returns the ids stored now, with the
 * call that brought them.
 */
export const MOVE_STAGED = `INSERT OR IGNORE INTO nudge_events
  SELECT DISTINCT ON (id) * EXCLUDE (batch) FROM nudge_staging ORDER BY id, batch
  RETURNING id`;

export const CLEAR_STAGING = "DELETE FROM nudge_staging";

/** The ingest counters (rejected, clamped, duplicates, droppedByClients), shared by every process on the file. */
export const CREATE_COUNTS = "CREATE TABLE IF NOT EXISTS nudge_counts (name VARCHAR PRIMARY KEY, value BIGINT NOT NULL)";

/** Adds to counters in one statement; the names come from a fixed list, the numbers are integers. */
export const addCounts = (pairs: [string, number][]) =>
  `INSERT INTO nudge_counts VALUES ${pairs.map(([name, by]) => `('${name.replace(/[^A-Za-z]/g, "")}', ${Math.trunc(by)})`).join(", ")} ON CONFLICT (name) DO UPDATE SET value = nudge_counts.value + excluded.value`;

export const READ_COUNTS = "SELECT name, value FROM nudge_counts";

export const READ_TOTALS = "SELECT count(*) AS events, count(DISTINCT visitor) AS visitors, min(time) AS first, max(time) AS last FROM nudge_events";

/**
 * The report's counting, per arm (widget × variant). A show is a (visitor, exposure) pair.
 * Revenue per eligible visitor comes from a per-visitor pass over the eligible and converted
 * events only. The widget's type is that of its earliest event; an arm's share that of its
 * latest `eligible` event carrying one. Column names match `ArmAggregate`'s fields.
 */
export const ARM_AGGREGATES = `WITH arms AS (
  SELECT widget, variant,
    count(DISTINCT visitor) FILTER (WHERE name = 'eligible') AS eligible,
    count(DISTINCT (visitor, exposure)) FILTER (WHERE name = 'shown') AS impressions,
    count(DISTINCT visitor) FILTER (WHERE name = 'shown') AS "shownVisitors",
    count(DISTINCT (visitor, exposure)) FILTER (WHERE name = 'viewable') AS viewable,
    count(DISTINCT visitor) FILTER (WHERE name = 'viewable') AS "viewableVisitors",
    count(DISTINCT (visitor, exposure)) FILTER (WHERE name = 'clicked') AS clicks,
    count(DISTINCT visitor) FILTER (WHERE name = 'clicked') AS "clickedVisitors",
    count(DISTINCT (visitor, exposure)) FILTER (WHERE name = 'closed') AS closes,
    count(DISTINCT (visitor, exposure)) FILTER (WHERE name = 'minimized') AS minimized,
    count(DISTINCT (visitor, exposure)) FILTER (WHERE name = 'lead') AS leads,
    count(*) FILTER (WHERE name = 'converted') AS conversions,
    count(DISTINCT visitor) FILTER (WHERE name = 'converted') AS converters,
    coalesce(sum(value) FILTER (WHERE name = 'converted'), 0) AS revenue,
    count(value) FILTER (WHERE name = 'converted') AS orders,
    arg_max(share, time) FILTER (WHERE name = 'eligible' AND share IS NOT NULL) AS share
  FROM nudge_events
  GROUP BY widget, variant
), per_visitor AS (
  SELECT widget, variant, visitor,
    bool_or(name = 'eligible') AS is_eligible,
    bool_or(name = 'converted') AS converted,
    coalesce(sum(value) FILTER (WHERE name = 'converted'), 0) AS revenue
  FROM nudge_events
  WHERE name IN ('eligible', 'converted')
  GROUP BY widget, variant, visitor
), eligible_sums AS (
  SELECT widget, variant,
    count(*) FILTER (WHERE converted) AS "eligibleConverters",
    sum(revenue) AS "eligibleRevenue",
    sum(revenue * revenue) AS "eligibleRevenueSquares"
  FROM per_visitor
  WHERE is_eligible
  GROUP BY widget, variant
), types AS (
  SELECT widget, arg_min(type, time) AS type FROM nudge_events GROUP BY widget
)
SELECT arms.*, types.type,
  coalesce(s."eligibleConverters", 0) AS "eligibleConverters",
  coalesce(s."eligibleRevenue", 0) AS "eligibleRevenue",
  coalesce(s."eligibleRevenueSquares", 0) AS "eligibleRevenueSquares"
FROM arms
JOIN types ON types.widget = arms.widget
LEFT JOIN eligible_sums s ON s.widget = arms.widget AND s.variant = arms.variant
ORDER BY arms.widget, arms.variant`;
