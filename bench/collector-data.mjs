// Measured events generated inside DuckDB with SQL (range()), for the report benchmark at 1M and 10M
// events: sending 10M events over HTTP would take longer than the benchmark may. Deterministic (hash of
// the row number): the same count gives the same events. Shape: a site-wide control group of one visitor
// in ten (`siteHoldout`, no widget shown); 3 widgets; per visitor and widget an
// `eligible`, then (outside the holdout) shown / viewable / clicked / closed / minimized / lead, and a
// `converted` with a value for some; about 9.4 events per visitor over the 3 widgets.

/** Rows of range() per visitor and widget (one per funnel step); about one in three becomes an event. */
const STEPS = 10;
/** Events per range() row, measured (see `generateEvents`): used to size the range for a target count. */
const YIELD = 0.3125;

/** The SQL that fills nudge_events with about `target` events (the real count is returned by generateEvents). */
export function generateSql(target) {
  const rows = Math.ceil(target / YIELD / (3 * STEPS)) * 3 * STEPS;
  // i → visitor v, widget w, step k; h: a hash per row, a: a hash per (visitor, widget) choosing the arm.
  return `INSERT INTO nudge_events
WITH r AS (
  SELECT i, i // ${3 * STEPS} AS v, (i // ${STEPS}) % 3 AS w, i % ${STEPS} AS k, hash(i) % 1000 AS h, hash(i // ${STEPS} * 7919) % 100 AS a
  FROM range(${rows}) t(i)
), arms AS (
  SELECT *, ['welcome-offer', 'exit-coupon', 'recs'][w + 1] AS widget, ['popup', 'countdown-coupon', 'carousel'][w + 1] AS type,
    hash(v * 13) % 10 = 0 AS held,
    CASE WHEN hash(v * 13) % 10 = 0 THEN 'holdout'
         WHEN w = 2 THEN (CASE WHEN a < 67 THEN 'grid' ELSE 'row' END)
         WHEN a < 10 + 10 * w THEN 'holdout'
         WHEN w = 1 THEN 'default'
         WHEN a < 55 THEN 'a' ELSE 'b' END AS variant
  FROM r
), named AS (
  SELECT *, CASE k WHEN 0 THEN 'eligible' WHEN 1 THEN 'shown' WHEN 2 THEN 'shown' WHEN 3 THEN 'viewable' WHEN 4 THEN 'clicked'
                   WHEN 5 THEN 'closed' WHEN 6 THEN 'minimized' WHEN 7 THEN 'lead' WHEN 8 THEN 'clicked' ELSE 'converted' END AS name
  FROM arms
)
SELECT 'g' || i, name, 1767225600000 + i * 10, 'v' || v, 's' || v, widget, type, variant,
  widget || '@' || (1767225600000 + (i - k) * 10 + 1),
  '/shop/',
  CASE WHEN name = 'eligible' THEN (CASE WHEN w = 2 THEN (CASE WHEN variant = 'grid' THEN 0.67 ELSE 0.33 END)
                                         WHEN variant = 'holdout' THEN 0.1 + 0.1 * w
                                         WHEN w = 1 THEN 0.8 ELSE (0.9 - 0.0) / 2 END) END,
  CASE WHEN name = 'converted' AND h % 10 <> 0 THEN 5 + (hash(i * 31) % 20000) / 100.0 END,
  CASE WHEN name = 'converted' THEN 'EUR' END, CASE WHEN name = 'converted' THEN 'purchase' END, NULL, NULL, NULL, NULL,
  1767225600000 + i * 10, 1767225600000 + i * 10, false, held
FROM named
WHERE k = 0
   OR (variant <> 'holdout' AND ((k = 1 AND h < 900) OR (k = 2 AND h < 40) OR (k = 3 AND h < 650) OR (k = 4 AND h < 110)
       OR (k = 5 AND h < 450) OR (k = 6 AND h < 50) OR (k = 7 AND h < 30) OR (k = 8 AND h < 30)))
   OR (k = 9 AND h < CASE variant WHEN 'b' THEN 95 WHEN 'holdout' THEN 60 ELSE 75 END)`;
}

/** Fills a fresh DuckDB file with about `target` events; returns the real count and the seconds it took. */
export async function generateEvents(createDuckDBStore, path, target) {
  const store = await createDuckDBStore({ path });
  await store.close();
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(generateSql(target));
  await connection.run("CHECKPOINT");
  const events = Number((await connection.runAndReadAll("SELECT count(*) FROM nudge_events")).getRows()[0][0]);
  connection.closeSync();
  instance.closeSync();
  return { events, seconds: (performance.now() - started) / 1000 };
}
