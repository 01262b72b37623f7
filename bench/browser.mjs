// In headless Chromium: each SDK loaded by a script tag into the same blank page served from 127.0.0.1.
// Measures, after init: CDP Performance.getMetrics (ScriptDuration, TaskDuration, JSHeapUsedSize after a
// forced GC) and long tasks (PerformanceObserver 'longtask'). Nothing leaves the machine: every request
// goes to the local server (peers' API hosts point at it and are answered there); any other URL is aborted
// and counted. For Nudge also trigger → first paint of the popup, cold (chunks fetched) and warm.
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../scripts/ensure.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

/** What every page has before the SDK: observers for long tasks and paints (the same for all). */
const HEAD = `<script>
window.__bench = { longtasks: [], paints: [] };
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) __bench.longtasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true }); } catch (e) {}
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) __bench.paints.push({ name: e.name, start: e.startTime }); }).observe({ type: "paint", buffered: true }); } catch (e) {}
</script>`;

// PostHog's public HTML snippet (a stub queue that loads array.js from `api_host`/static/).
const POSTHOG_SNIPPET = `!function(t,e){var o,n,p,r;e.__SV||(window.posthog=e,e._i=[],e.init=function(i,s,a){function g(t,e){var o=e.split(".");2==o.length&&(t=t[o[0]],e=o[1]),t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}}(p=t.createElement("script")).type="text/javascript",p.crossOrigin="anonymous",p.async=!0,p.src=s.api_host+"/static/array.js",(r=t.getElementsByTagName("script")[0]).parentNode.insertBefore(p,r);var u=e;for(void 0!==a?u=e[a]=[]:a="posthog",u.people=u.people||[],u.toString=function(t){var e="posthog";return"posthog"!==a&&(e+="."+a),t||(e+=" (stub)"),e},u.people.toString=function(){return u.toString(1)+".people (stub)"},o="capture identify alias people.set people.set_once set_config register register_once unregister opt_out_capturing has_opted_out_capturing opt_in_capturing reset isFeatureEnabled onFeatureFlags getFeatureFlag getFeatureFlagPayload reloadFeatureFlags group updateEarlyAccessFeatureEnrollment getEarlyAccessFeatures getActiveMatchingSurveys getSurveys onSessionId".split(" "),n=0;n<o.length;n++)g(u,o[n]);e._i.push([i,s,a])},e.__SV=1)}(document,window.posthog||[]);`;

export const SDKS = {
  blank: { label: "blank page (no SDK)", snippet: "", ready: "true" },
  nudge: {
    label: "Nudge (dist/nudge.js, 3-widget rules file)",
    snippet: `<script>window.nudge = window.nudge || [];</script><script async src="/dist/nudge.js" data-rules="/bench/page-rules.json"></script>`,
    ready: `window.nudge && window.nudge.__nudge === "running" && (window.__nudgeReady ??= (window.nudge.ready.then(() => ((window.__readyAt ??= performance.now()), (window.__nudgeOk = true))), 1)) && window.__nudgeOk === true`,
  },
  growthbook: {
    label: "GrowthBook (auto.min.js, features from the local server)",
    snippet: `<script>document.addEventListener("growthbookdata", () => ((window.__readyAt ??= performance.now()), (window.__gbReady = true)));</script><script async src="/peer/growthbook/auto.min.js" data-api-host="/gb" data-client-key="sdk-bench" data-no-streaming="true"></script>`,
    ready: "window.__gbReady === true",
  },
  posthog: {
    label: "PostHog (snippet → array.js, api_host = local server)",
    snippet: `<script>${POSTHOG_SNIPPET}posthog.init("phc_bench", { api_host: location.origin + "/ph", loaded: () => ((window.__readyAt ??= performance.now()), (window.__phReady = true)) });</script>`,
    ready: "window.__phReady === true",
  },
};

const GB_PAYLOAD = {
  features: {
    "free-shipping-banner": { defaultValue: false, rules: [{ condition: { country: { $in: ["DE", "AT"] } }, force: true }] },
    "hero-copy": { defaultValue: "A", rules: [{ key: "hero", variations: ["A", "B"], weights: [0.5, 0.5], coverage: 1, hashAttribute: "id" }] },
    "checkout-upsell": { defaultValue: false, rules: [{ condition: { "cart.value": { $gte: 100 } }, force: true }] },
  },
  experiments: [],
  dateUpdated: "2025-06-14T00:00:00Z",
};

function staticFile(res, file) {
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}

function under(root, rest) {
  const file = normalize(join(root, decodeURIComponent(rest)));
  return file.startsWith(root) ? file : undefined;
}

/** The local server: pages, Nudge's build, peers' bundles, and local answers for the peers' API calls. */
export function startServer() {
  const log = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = url.pathname;
    log.push(p);
    if (p === "/page.html") {
      const sdk = SDKS[url.searchParams.get("sdk")];
      if (!sdk) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store" });
      return res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>bench</title>${HEAD}${sdk.snippet}</head><body></body></html>`,
      );
    }
    if (p === "/bench/page-rules.json") return staticFile(res, join(ROOT, "bench/page-rules.json"));
    if (p.startsWith("/dist/")) return staticFile(res, under(join(ROOT, "dist"), p.slice(6)));
    if (p.startsWith("/peer/growthbook/")) return staticFile(res, under(join(ROOT, "node_modules/@growthbook/growthbook/dist/bundles"), p.slice(17)));
    if (p.startsWith("/gb/api/features/")) {
      res.writeHead(200, { "content-type": TYPES[".json"], "access-control-allow-origin": "*" });
      return res.end(JSON.stringify(GB_PAYLOAD));
    }
    if (p.startsWith("/ph/static/")) return staticFile(res, under(join(ROOT, "node_modules/posthog-js/dist"), p.slice(11)));
    if (p.startsWith("/ph/")) {
      // PostHog's flags / remote config / event endpoints, answered here with "nothing configured".
      if (p.endsWith(".js")) {
        res.writeHead(200, { "content-type": TYPES[".js"] });
        return res.end("");
      }
      const body = p.startsWith("/ph/flags") || p.startsWith("/ph/decide") ? { featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false } : { status: 1 };
      res.writeHead(200, { "content-type": TYPES[".json"] });
      return res.end(JSON.stringify(body));
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ origin, log, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function newPage(browser, origin, blocked, storageState, reducedMotion = "no-preference") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState, reducedMotion });
  // Anything not for the local server is aborted (and counted): nothing leaves the machine.
  await context.route(
    (url) => !url.href.startsWith(origin),
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return { context, page, cdp };
}

async function metrics(cdp) {
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics: list } = await cdp.send("Performance.getMetrics");
  const get = (name) => list.find((m) => m.name === name)?.value;
  return { scriptMs: get("ScriptDuration") * 1000, taskMs: get("TaskDuration") * 1000, heapKB: get("JSHeapUsedSize") / 1024 };
}

/** One page load of one SDK in a fresh context; returns its metrics after init (+ `settleMs` idle). */
async function loadOnce(browser, origin, sdkKey, blocked, { settleMs, storageState, reducedMotion } = {}) {
  const { context, page, cdp } = await newPage(browser, origin, blocked, storageState, reducedMotion);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/page.html?sdk=${sdkKey}`, { waitUntil: "load" });
  let ready = true;
  await page.waitForFunction(SDKS[sdkKey].ready, null, { timeout: 15_000, polling: 20 }).catch(() => (ready = false));
  await page.waitForTimeout(settleMs);
  const m = await metrics(cdp);
  const { longtasks, readyAt } = await page.evaluate(() => ({ longtasks: window.__bench.longtasks, readyAt: window.__readyAt }));
  return { context, page, cdp, result: { ...m, ready, readyAt, longtasks, errors } };
}

/** In the page: Nudge's show() → `shown` event → the next frame rendered. See README for what this measures. */
async function showTiming(page, id) {
  return page.evaluate(async (widgetId) => {
    const n = window.nudge;
    const frameDone = () =>
      new Promise((resolve) =>
        requestAnimationFrame((rafTime) => {
          const rafAt = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ rafAt, after: performance.now(), rafTime });
          channel.port2.postMessage(0);
        }),
      );
    const shown = new Promise((resolve) => {
      const off = n.on("shown", () => {
        if (typeof off === "function") off();
        resolve(performance.now());
      });
    });
    const before = window.__bench.longtasks.length;
    const t0 = performance.now();
    n.show(widgetId);
    const timeout = new Promise((resolve) => setTimeout(() => resolve(undefined), 5000));
    const shownAt = await Promise.race([shown, timeout]);
    if (shownAt === undefined) return { ok: false };
    const frame = await frameDone();
    const root = document.querySelector("nudge-root");
    const dialog = root?.shadowRoot?.querySelector('[role="dialog"], [role="alertdialog"], dialog');
    return {
      ok: true,
      t0,
      toShown: shownAt - t0,
      toFrame: frame.after - t0,
      hasDialog: !!dialog,
      longtasks: window.__bench.longtasks.slice(before),
    };
  }, id);
}

async function hideAndWait(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const n = window.nudge;
        n.on("closed", () => resolve());
        n.hide();
        setTimeout(resolve, 2000);
      }),
  );
  await page.waitForTimeout(300);
}

/**
 * runs: page loads per SDK (fresh context each, SDKs interleaved). Nudge is loaded twice per run: a
 * first visit (empty storage: the rules file is validated, so the validator chunk loads) and a repeat
 * view (storage of the first visit: compiled rules cached by content hash, no validator).
 */
export async function benchBrowser({ runs = 5, settleMs = 1000, showRuns = 5 } = {}) {
  const { origin, log, close } = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const version = browser.version();
  const blocked = [];
  const samples = { blank: [], nudge: [], "nudge-repeat": [], growthbook: [], posthog: [] };
  const requests = {};
  try {
    for (let run = 0; run < runs; run++) {
      for (const key of ["blank", "nudge", "growthbook", "posthog"]) {
        const from = log.length;
        const { context, result } = await loadOnce(browser, origin, key, blocked, { settleMs });
        requests[key] = log.slice(from);
        samples[key].push(result);
        if (key === "nudge") {
          const state = await context.storageState({ indexedDB: true });
          await context.close();
          const from2 = log.length;
          const repeat = await loadOnce(browser, origin, "nudge", blocked, { settleMs, storageState: state });
          requests["nudge-repeat"] = log.slice(from2);
          samples["nudge-repeat"].push(repeat.result);
          await repeat.context.close();
        } else await context.close();
      }
    }
    // Trigger → paint: fresh context, Nudge initialised, then show() cold, hide, show() warm.
    const shows = { cold: [], coldReduced: [], warm: [], initLongtasks: [] };
    for (let run = 0; run < showRuns * 2; run++) {
      // Odd runs: the same cold show with prefers-reduced-motion: reduce (the popup's fade-in is off).
      const reduced = run % 2 === 1;
      const { context, page, result } = await loadOnce(browser, origin, "nudge", blocked, { settleMs: 300, reducedMotion: reduced ? "reduce" : "no-preference" });
      shows.initLongtasks.push(result.longtasks);
      const paintsBefore = await page.evaluate(() => performance.getEntriesByType("paint").length);
      const cold = await showTiming(page, "bench-popup");
      // Paint entries are delivered well after the frame (headless): wait for the entry.
      await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 5000, polling: 50 }).catch(() => {});
      const fcp = await page.evaluate(() => {
        const e = performance.getEntriesByName("first-contentful-paint")[0];
        return e && { start: e.startTime, paintTime: e.paintTime };
      });
      if (paintsBefore === 0 && fcp) {
        cold.fcpAfterShow = (fcp.paintTime ?? fcp.start) - cold.t0;
        cold.fcpPresentedAfterShow = fcp.start - cold.t0;
      }
      if (reduced) {
        shows.coldReduced.push(cold);
        await context.close();
        continue;
      }
      shows.cold.push(cold);
      for (let i = 0; i < 3; i++) {
        await hideAndWait(page);
        shows.warm.push(await showTiming(page, "bench-popup"));
      }
      await context.close();
    }
    const summary = {};
    for (const [key, list] of Object.entries(samples)) {
      const lts = list.flatMap((r) => r.longtasks);
      summary[key] = {
        label: key === "nudge-repeat" ? "Nudge, repeat view (rules cached, no validator)" : key === "nudge" ? "Nudge, first visit (rules validated)" : SDKS[key].label,
        runs: list.length,
        ready: list.filter((r) => r.ready).length,
        readyAtMs: median(list.map((r) => r.readyAt)),
        scriptMs: median(list.map((r) => r.scriptMs)),
        taskMs: median(list.map((r) => r.taskMs)),
        heapKB: median(list.map((r) => r.heapKB)),
        longtasks: lts.length,
        longestTaskMs: lts.length ? Math.max(...lts.map((t) => t.duration)) : 0,
        errors: [...new Set(list.flatMap((r) => r.errors))],
        requests: requests[key],
      };
    }
    const ok = (list) => list.filter((s) => s.ok);
    const showSummary = (list) => ({
      n: ok(list).length,
      of: list.length,
      toShownMs: median(ok(list).map((s) => s.toShown)),
      toFrameMs: median(ok(list).map((s) => s.toFrame)),
      maxToFrameMs: Math.max(...ok(list).map((s) => s.toFrame)),
      fcpMs: median(ok(list).map((s) => s.fcpAfterShow)),
      fcpPresentedMs: median(ok(list).map((s) => s.fcpPresentedAfterShow)),
      longtasks: ok(list).flatMap((s) => s.longtasks),
      dialog: ok(list).every((s) => s.hasDialog),
    });
    return {
      chromium: version,
      runs,
      settleMs,
      summary,
      shows: { cold: showSummary(shows.cold), coldReduced: showSummary(shows.coldReduced), warm: showSummary(shows.warm), initLongtasks: shows.initLongtasks.flat() },
      blocked: [...new Set(blocked)],
    };
  } finally {
    await browser.close();
    await close();
  }
}

/** The trigger types this build's rules schema accepts (for the exit-intent / custom-event note): the widget's `trigger` union. */
export function triggerTypes() {
  try {
    const schema = JSON.parse(readFileSync(join(ROOT, "dist/rules.schema.json"), "utf8"));
    const found = new Set();
    const walk = (node) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node.enum)) node.enum.forEach((v) => found.add(v));
      if (typeof node.properties?.type?.const === "string") found.add(node.properties.type.const);
      [node.anyOf, node.oneOf].forEach(walk);
    };
    walk(schema.properties.widgets.items.properties.trigger);
    return [...found];
  } catch {
    return undefined;
  }
}
