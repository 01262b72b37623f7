-- Nudge uplift from the GA4 BigQuery export (docs/shop-owner.md, "Uplift in GA4").
--
-- Needs: the "dataLayer" destination (createNudge({ destinations: ["dataLayer"] }) or
-- data-datalayer-events="on"), and a GA4 event tag in Google Tag Manager that sends each
-- `nudge_*` event with its parameters under the same names: nudge_event_id, nudge_widget,
-- nudge_variant, nudge_exposure, nudge_holdout, nudge_site_holdout, nudge_share, nudge_goal,
-- nudge_time, value, currency, transaction_id.
--
-- Edit the table (your project and GA4 property) and the dates, then run each query:
-- 1. each widget's arms, 2. Nudge as a whole against the site-wide control group, 3. where the
-- orders went (each order credited to one widget).
-- Visitors are GA4's user_pseudo_id (one browser, as Nudge's anonymous visitor is).
-- Events sent twice (a retried hit) count once, by nudge_event_id.
--
-- The two queries give counts; the statistics come from them:
--   conversion rate   = converting_visitors / visitors      (Beta(1 + k, 1 + n - k) per arm)
--   revenue / visitor = visitor_revenue / visitors
--     its variance    = (visitor_revenue_squares - visitors * mean^2) / (visitors - 1)
--   average order     = revenue / valued_conversions  (query 2: revenue / valued_orders)
-- and the uplift is an arm against the `holdout` arm of the same widget (query 1), or
-- `treated` against `control` (query 2), exactly as `buildReport` in nudge-sdk/measure does.

-- ── 1. Per widget and arm (the widget's variants against its own control group) ──────────
-- The site-wide control group (nudge_site_holdout = 1) is left out: query 2 compares it.
-- "Converted" is any exposure: a goal reached within the window after the visitor's show (or,
-- in the control group, eligibility), the same definition on both arms.
WITH nudge AS (
  SELECT
    user_pseudo_id AS visitor,
    event_name,
    event_timestamp,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_event_id') AS event_id,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_widget') AS widget,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_variant') AS variant,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_exposure') AS exposure,
    (SELECT ep.value.int_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_site_holdout') AS site_holdout,
    (SELECT COALESCE(ep.value.double_value, ep.value.int_value, ep.value.float_value) FROM UNNEST(event_params) AS ep WHERE ep.key = 'value') AS value
  FROM `your-project.analytics_123456789.events_*`
  WHERE _TABLE_SUFFIX BETWEEN '20260101' AND '20260131'
    AND STARTS_WITH(event_name, 'nudge_')
),
arm_events AS (
  SELECT visitor, event_name, widget, variant, exposure, value
  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY event_timestamp) AS nth FROM nudge) AS numbered
  WHERE nth = 1 AND COALESCE(site_holdout, 0) = 0
),
steps AS (
  -- A show is counted once, however often it re-rendered or was clicked.
  SELECT
    widget,
    variant,
    COUNT(DISTINCT CASE WHEN event_name = 'nudge_shown' THEN CONCAT(visitor, '|', exposure) END) AS impressions,
    COUNT(DISTINCT CASE WHEN event_name = 'nudge_viewable' THEN CONCAT(visitor, '|', exposure) END) AS viewable,
    COUNT(DISTINCT CASE WHEN event_name = 'nudge_clicked' THEN CONCAT(visitor, '|', exposure) END) AS clicks
  FROM arm_events
  GROUP BY widget, variant
),
eligible AS (
  SELECT DISTINCT widget, variant, visitor FROM arm_events WHERE event_name = 'nudge_eligible'
),
conversions AS (
  SELECT widget, variant, visitor, COUNT(*) AS conversions, SUM(value) AS revenue, COUNT(value) AS valued
  FROM arm_events
  WHERE event_name = 'nudge_converted'
  GROUP BY widget, variant, visitor
),
by_visitor AS (
  -- Per eligible visitor, zeros included: the sample behind conversion and revenue per visitor.
  SELECT
    e.widget,
    e.variant,
    COUNT(*) AS visitors,
    SUM(CASE WHEN c.visitor IS NULL THEN 0 ELSE 1 END) AS converting_visitors,
    SUM(COALESCE(c.revenue, 0)) AS visitor_revenue,
    SUM(COALESCE(c.revenue, 0) * COALESCE(c.revenue, 0)) AS visitor_revenue_squares
  FROM eligible AS e
  LEFT JOIN conversions AS c ON c.widget = e.widget AND c.variant = e.variant AND c.visitor = e.visitor
  GROUP BY e.widget, e.variant
),
by_conversion AS (
  SELECT widget, variant, SUM(conversions) AS conversions, COUNT(*) AS converters, SUM(revenue) AS revenue, SUM(valued) AS valued_conversions
  FROM conversions
  GROUP BY widget, variant
)
SELECT
  s.widget,
  s.variant,
  s.variant = 'holdout' AS holdout,
  COALESCE(v.visitors, 0) AS visitors,
  s.impressions,
  s.viewable,
  s.clicks,
  COALESCE(c.conversions, 0) AS conversions,
  COALESCE(c.converters, 0) AS converters,
  COALESCE(v.converting_visitors, 0) AS converting_visitors,
  COALESCE(c.revenue, 0) AS revenue,
  COALESCE(c.valued_conversions, 0) AS valued_conversions,
  COALESCE(v.visitor_revenue, 0) AS visitor_revenue,
  COALESCE(v.visitor_revenue_squares, 0) AS visitor_revenue_squares
FROM steps AS s
LEFT JOIN by_visitor AS v ON v.widget = s.widget AND v.variant = s.variant
LEFT JOIN by_conversion AS c ON c.widget = s.widget AND c.variant = s.variant
ORDER BY s.widget, holdout, s.variant;

-- ── 2. Nudge as a whole: everyone against the site-wide control group (settings.holdout) ──
-- A visitor belongs to the arm of their first eligible event; their orders are the distinct
-- goal conversions (one per visitor, goal and transaction id, or the goal event's time when
-- there was none), however many widgets each one converted.
WITH nudge AS (
  SELECT
    user_pseudo_id AS visitor,
    event_name,
    event_timestamp,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_event_id') AS event_id,
    (SELECT ep.value.int_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_site_holdout') AS site_holdout,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_goal') AS goal,
    (SELECT ep.value.int_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_time') AS goal_time,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'transaction_id') AS transaction_id,
    (SELECT COALESCE(ep.value.double_value, ep.value.int_value, ep.value.float_value) FROM UNNEST(event_params) AS ep WHERE ep.key = 'value') AS value
  FROM `your-project.analytics_123456789.events_*`
  WHERE _TABLE_SUFFIX BETWEEN '20260101' AND '20260131'
    AND STARTS_WITH(event_name, 'nudge_')
),
distinct_events AS (
  SELECT visitor, event_name, event_timestamp, site_holdout, goal, goal_time, transaction_id, value
  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY event_timestamp) AS nth FROM nudge) AS numbered
  WHERE nth = 1
),
arm_of AS (
  SELECT visitor, site_holdout
  FROM (
    SELECT visitor, site_holdout, ROW_NUMBER() OVER (PARTITION BY visitor ORDER BY event_timestamp) AS nth
    FROM distinct_events
    WHERE event_name = 'nudge_eligible' AND site_holdout IS NOT NULL
  ) AS firsts
  WHERE nth = 1
),
orders AS (
  SELECT visitor, MAX(value) AS value, COUNT(value) AS valued
  FROM distinct_events
  WHERE event_name = 'nudge_converted' AND goal IS NOT NULL
  GROUP BY visitor, goal, COALESCE(transaction_id, CAST(goal_time AS STRING))
),
per_visitor AS (
  SELECT a.visitor, a.site_holdout, COUNT(o.visitor) AS orders, SUM(COALESCE(o.value, 0)) AS revenue
  FROM arm_of AS a
  LEFT JOIN orders AS o ON o.visitor = a.visitor
  GROUP BY a.visitor, a.site_holdout
),
arms AS (
  SELECT
    site_holdout,
    COUNT(*) AS visitors,
    SUM(CASE WHEN orders > 0 THEN 1 ELSE 0 END) AS converting_visitors,
    SUM(orders) AS orders,
    SUM(revenue) AS visitor_revenue,
    SUM(revenue * revenue) AS visitor_revenue_squares
  FROM per_visitor
  GROUP BY site_holdout
),
valued_orders AS (
  SELECT a.site_holdout, COUNT(*) AS valued_orders, SUM(o.value) AS revenue, SUM(o.value * o.value) AS order_value_squares
  FROM arm_of AS a
  JOIN orders AS o ON o.visitor = a.visitor
  WHERE o.valued > 0
  GROUP BY a.site_holdout
)
SELECT
  CASE WHEN a.site_holdout = 1 THEN 'control' ELSE 'treated' END AS arm,
  a.visitors,
  a.converting_visitors,
  a.orders,
  a.visitor_revenue,
  a.visitor_revenue_squares,
  COALESCE(v.valued_orders, 0) AS valued_orders,
  COALESCE(v.revenue, 0) AS revenue,
  COALESCE(v.order_value_squares, 0) AS order_value_squares
FROM arms AS a
LEFT JOIN valued_orders AS v ON v.site_holdout = a.site_holdout
ORDER BY arm;

-- ── 3. Where the orders went: each order credited once ────────────────────────────────────
-- Queries 1 and 2 count an order for every widget whose window was open, so their revenue does
-- not add up across widgets. Here each order goes to ONE widget, the last one shown within its
-- window before the order (ties: the smaller widget id); every other shown widget it converted
-- is "assisted"; an order with no widget shown (control groups) is "unattributed". Attributed
-- orders summed over widgets plus the unattributed ones are all the orders.
WITH nudge AS (
  SELECT
    user_pseudo_id AS visitor,
    event_name,
    event_timestamp,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_event_id') AS event_id,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_widget') AS widget,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_variant') AS variant,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_exposure') AS exposure,
    (SELECT ep.value.int_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_site_holdout') AS site_holdout,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_goal') AS goal,
    (SELECT ep.value.int_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'nudge_time') AS goal_time,
    (SELECT ep.value.string_value FROM UNNEST(event_params) AS ep WHERE ep.key = 'transaction_id') AS transaction_id,
    (SELECT COALESCE(ep.value.double_value, ep.value.int_value, ep.value.float_value) FROM UNNEST(event_params) AS ep WHERE ep.key = 'value') AS value
  FROM `your-project.analytics_123456789.events_*`
  WHERE _TABLE_SUFFIX BETWEEN '20260101' AND '20260131'
    AND event_name = 'nudge_converted'
),
goal_conversions AS (
  SELECT
    visitor,
    goal,
    COALESCE(transaction_id, CAST(goal_time AS STRING)) AS order_key,
    widget,
    variant,
    site_holdout,
    value,
    -- The show's time, from nudge_exposure = "<widget>@<time>".
    CAST(REPLACE(REGEXP_EXTRACT(exposure, '@[0-9]+$'), '@', '') AS BIGINT) AS exposed_at
  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY event_timestamp) AS nth FROM nudge) AS numbered
  WHERE nth = 1 AND goal IS NOT NULL
),
orders AS (
  SELECT visitor, goal, order_key, MAX(value) AS value FROM goal_conversions GROUP BY visitor, goal, order_key
),
shown AS (
  -- The shown widgets each order converted (not a control group), each at its latest show.
  SELECT visitor, goal, order_key, widget, variant, exposed_at
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY visitor, goal, order_key, widget ORDER BY exposed_at DESC) AS latest
    FROM goal_conversions
    WHERE variant <> 'holdout' AND COALESCE(site_holdout, 0) = 0
  ) AS per_widget
  WHERE latest = 1
),
ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY visitor, goal, order_key ORDER BY exposed_at DESC, widget) AS place FROM shown
),
credits AS (
  SELECT r.widget, r.variant, CASE WHEN r.place = 1 THEN 'attributed' ELSE 'assisted' END AS credit, COUNT(*) AS orders, SUM(COALESCE(o.value, 0)) AS revenue
  FROM ranked AS r
  JOIN orders AS o ON o.visitor = r.visitor AND o.goal = r.goal AND o.order_key = r.order_key
  GROUP BY r.widget, r.variant, r.place = 1
),
unattributed AS (
  SELECT '' AS widget, '' AS variant, 'unattributed' AS credit, COUNT(*) AS orders, SUM(COALESCE(o.value, 0)) AS revenue
  FROM orders AS o
  WHERE NOT EXISTS (SELECT 1 FROM shown AS s WHERE s.visitor = o.visitor AND s.goal = o.goal AND s.order_key = o.order_key)
)
SELECT widget, variant, credit, orders, revenue FROM credits
UNION ALL
SELECT widget, variant, credit, orders, revenue FROM unattributed
ORDER BY credit, widget, variant;
