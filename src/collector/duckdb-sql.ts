/**
 * DuckDB's SQL for the event store, all of it in one place: the tables, the
 * lookup behind de-duplication and the report's aggregate query. Events
 * arrive through an appender; the only values spliced into SQL are event ids
 * (quoted) and counter names and numbers (from a fixed list, integers).
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
  clamped BOOLEAN NOT NULL,
  site_holdout BOOLEAN
)`;

/** Files written before the site-wide control group existed get its column (at the end, where the appender expects it). */
export const ADD_SITE_HOLDOUT = "ALTER TABLE nudge_events ADD COLUMN IF NOT EXISTS site_holdout BOOLEAN";

/**
 * Which of these ids are stored already: an IN list of string literals, which DuckDB answers from
 * the primary key's index (a bound list parameter or a join with a temporary table scan the table
 * instead; measured 16 ms against 60–70 ms at 1M rows). The ids are quoted the SQL way (a quote
 * doubled); DuckDB's plain string literals have no other escape.
 */
export const existingIds = (ids: readonly string[]) => `SELECT id FROM nudge_events WHERE id IN (${ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(", ")})`;

/** Ids looked up per statement. */
export const LOOKUP_CHUNK = 1000;

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
 * latest `eligible` event carrying one. The site-wide control group's events are left out (they
 * count in the site-wide comparison). Column names match `ArmAggregate`'s fields.
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
  WHERE site_holdout IS NOT TRUE
  GROUP BY widget, variant
), per_visitor AS (
  SELECT widget, variant, visitor,
    bool_or(name = 'eligible') AS is_eligible,
    bool_or(name = 'converted') AS converted,
    coalesce(sum(value) FILTER (WHERE name = 'converted'), 0) AS revenue
  FROM nudge_events
  WHERE name IN ('eligible', 'converted') AND site_holdout IS NOT TRUE
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
  SELECT widget, arg_min(type, time) AS type FROM nudge_events WHERE site_holdout IS NOT TRUE GROUP BY widget
)
SELECT arms.*, types.type,
  coalesce(s."eligibleConverters", 0) AS "eligibleConverters",
  coalesce(s."eligibleRevenue", 0) AS "eligibleRevenue",
  coalesce(s."eligibleRevenueSquares", 0) AS "eligibleRevenueSquares"
FROM arms
JOIN types ON types.widget = arms.widget
LEFT JOIN eligible_sums s ON s.widget = arms.widget AND s.variant = arms.variant
ORDER BY arms.widget, arms.variant`;

/**
 * Orders, as attribution.ts defines them: a goal conversion (`converted` with a `goal`) keyed by
 * visitor, goal and order id (or the goal event's time); its value the largest among its events.
 * `shown`: per order, each widget it converted in a shown arm (not `holdout`, not the site-wide
 * control), with the latest exposure time (`<time>` of `<widget>@<time>`, read the way JavaScript's
 * Number() reads it: empty is 0, unreadable or infinite is -infinity). `ranked`: the last widget
 * shown is the order's (rank 1, ties to the smaller widget id); the others assisted it.
 */
const ORDERS = `conversions AS (
  SELECT visitor, goal, coalesce(order_id, CAST(time AS VARCHAR)) AS okey, widget, variant, value, site_holdout,
    CASE WHEN strpos(exposure, '@') = 0 THEN '-inf'::DOUBLE
         WHEN trim(regexp_extract(exposure, '@([^@]*)$', 1)) = '' THEN 0
         ELSE coalesce(TRY_CAST(trim(regexp_extract(exposure, '@([^@]*)$', 1)) AS DOUBLE), '-inf'::DOUBLE) END AS raw_at
  FROM nudge_events
  WHERE name = 'converted' AND goal IS NOT NULL
), orders AS (
  SELECT visitor, goal, okey, max(value) AS value, count(value) AS valued
  FROM conversions
  GROUP BY visitor, goal, okey
), shown AS (
  SELECT visitor, goal, okey, widget,
    arg_max(variant, exposed_at) AS variant, max(exposed_at) AS exposed_at
  FROM (SELECT *, CASE WHEN isinf(raw_at) OR isnan(raw_at) THEN '-inf'::DOUBLE ELSE raw_at END AS exposed_at FROM conversions)
  WHERE variant <> 'holdout' AND site_holdout IS NOT TRUE
  GROUP BY visitor, goal, okey, widget
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY visitor, goal, okey ORDER BY exposed_at DESC, widget ASC) AS rank
  FROM shown
)`;

/** Per arm: the orders credited to it, and those it assisted (column names match `ArmAggregate`'s). */
export const ORDER_CREDITS = `WITH ${ORDERS}
SELECT r.widget, r.variant,
  count(*) FILTER (WHERE rank = 1) AS "attributedOrders",
  coalesce(sum(coalesce(o.value, 0)) FILTER (WHERE rank = 1), 0) AS "attributedRevenue",
  count(*) FILTER (WHERE rank > 1) AS "assistedOrders",
  coalesce(sum(coalesce(o.value, 0)) FILTER (WHERE rank > 1), 0) AS "assistedRevenue"
FROM ranked r
JOIN orders o ON o.visitor = r.visitor AND o.goal = r.goal AND o.okey = r.okey
GROUP BY r.widget, r.variant`;

/** Every order once, and those no shown widget converted. */
export const ORDER_TOTALS = `WITH ${ORDERS}
SELECT count(*) AS orders, coalesce(sum(coalesce(o.value, 0)), 0) AS revenue,
  count(*) FILTER (WHERE s.visitor IS NULL) AS "unattributedOrders",
  coalesce(sum(coalesce(o.value, 0)) FILTER (WHERE s.visitor IS NULL), 0) AS "unattributedRevenue"
FROM orders o
LEFT JOIN (SELECT DISTINCT visitor, goal, okey FROM shown) s ON s.visitor = o.visitor AND s.goal = o.goal AND s.okey = o.okey`;

/**
 * The site-wide comparison (overall.ts): each visitor in the arm of their first `eligible` event
 * carrying `siteHoldout`, with their orders. One row per arm present (`held`: true for the control).
 */
export const OVERALL = `WITH ${ORDERS}, arm_of AS (
  SELECT visitor, arg_min(site_holdout, time) AS held
  FROM nudge_events
  WHERE name = 'eligible' AND site_holdout IS NOT NULL
  GROUP BY visitor
), per_visitor AS (
  SELECT visitor, count(*) AS orders, sum(coalesce(value, 0)) AS revenue, count(value) AS valued, sum(value) AS value_sum, sum(value * value) AS value_squares
  FROM orders
  GROUP BY visitor
)
SELECT a.held,
  count(*) AS visitors,
  count(p.visitor) AS converters,
  coalesce(sum(p.orders), 0) AS orders,
  coalesce(sum(p.revenue), 0) AS revenue,
  coalesce(sum(p.revenue * p.revenue), 0) AS "revenueSquares",
  coalesce(sum(p.valued), 0) AS "valuedOrders",
  coalesce(sum(p.value_sum), 0) AS "orderValues",
  coalesce(sum(p.value_squares), 0) AS "orderValueSquares"
FROM arm_of a
LEFT JOIN per_visitor p ON p.visitor = a.visitor
GROUP BY a.held`;
