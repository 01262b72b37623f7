// `node bench/cpu.mjs [--baseline <dir with dist/>] [--runs N]`: CPU time per main-thread task from a
// Chromium trace (the thread time `tdur` of each RunTask, not wall-clock: on a loaded machine wall time ran
// 2-5x the CPU time), for the tasks that run Nudge's code, at CPU throttling 1x and 4x. Scenarios on a blank
// page with bench/page-rules.json published (`nudge build`): first visit, repeat view (no widget shows) and
// the cold first popup show (`nudge.show`, chunks fetched). Also "ready": ms from navigation to `nudge.ready`
// on a repeat view, and with --baseline the same for another build (e.g. main's) in the same run, as a ratio.
// Prints JSON; `measureCpu()` is what bench/run.mjs can call. CPU_RATES=4 limits the run to the given rates.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../scripts/ensure.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json" };
/** The validator's chunks (its entry and the schemas; the condition checks' chunk is shared with explain()). */
const VALIDATOR = /\/chunks\/(check-rules|validate|schema)-/;

/** The bench rules, published with this build's CLI. */
function publishedRules() {
  const out = join(mkdtempSync(join(tmpdir(), "nudge-cpu-")), "rules.json");
  execFileSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), "build", join(ROOT, "bench/page-rules.json"), "-o", out]);
  return readFileSync(out, "utf8");
}

/** Serves `/<name>/…` from each build's dist folder, a page per build, and the rules. */
function serve(builds, rules) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    const [, name, ...rest] = pathname.split("/");
    if (rest.join("/") === "rules.json") return res.writeHead(200, { "content-type": TYPES[".json"] }).end(name === "base" ? builds.base.rules : rules);
    if (rest.join("/") === "page.html")
      return res
        .writeHead(200, { "content-type": TYPES[".html"] })
        .end(
          `<!doctype html><title>cpu</title><p>A page.</p><script>window.nudge = window.nudge || [];</script><script async src="/${name}/nudge.js" data-rules="/${name}/rules.json"></script>`,
        );
    const dist = builds[name]?.dist;
    const file = dist && normalize(join(dist, rest.join("/")));
    if (!file?.startsWith(dist) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/**
 * Runs `action` under a trace; returns the CPU ms of each main-thread task that ran Nudge: a task that names
 * `/<name>/` (a script of this build, the rules request) or evaluates a module (the bench page has no modules
 * but Nudge's runtime and chunks). The task that commits a navigation (`CommitLoad`) also runs the previous
 * page's pagehide and visibilitychange handlers: of that task only those handlers count, the browser's own work on
 * the new document is no Nudge task (`navigation` is that whole task, for comparison).
 */
async function traced(page, cdp, name, action) {
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel", transferMode: "ReportEvents" });
  const result = await action();
  await page.waitForTimeout(300); // tasks queued by the action (timers, idle callbacks) run
  await cdp.send("Tracing.end");
  await done;
  cdp.removeAllListeners("Tracing.dataCollected");
  const main = events.find(
    (e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((x) => x.pid === e.pid && x.name === "RunTask" && x.tid === e.tid && x.dur > 0),
  );
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const script = new RegExp(`/${name}/(nudge\\.js|nudge\\.runtime\\.js|chunks/)`);
  const ourScript = onMain.filter((e) => script.test(JSON.stringify(e.args ?? {})));
  const ours = onMain.filter((e) => e.name === "v8.evaluateModule" || JSON.stringify(e.args ?? {}).includes(`/${name}/`));
  const cpu = (e) => (e.tdur ?? e.dur) / 1000;
  const within = (task) => (e) => e.ts >= task.ts && e.ts <= task.ts + task.dur;
  let navigation = 0;
  const tasks = onMain
    .filter((task) => task.name === "RunTask") // ThreadControllerImpl::RunTask nests inside it: the same task
    .filter((task) => ours.some(within(task)))
    .map((task) => {
      if (!onMain.some((e) => e.name === "CommitLoad" && within(task)(e))) return cpu(task);
      navigation = Math.max(navigation, cpu(task));
      const handlers = ourScript.filter(within(task)).filter((e) => e.name === "FunctionCall");
      return handlers.filter((e) => !handlers.some((outer) => outer !== e && within(outer)(e))).reduce((sum, e) => sum + cpu(e), 0);
    });
  return { result, tasks, navigation };
}

async function scenario(browser, base, name, rate) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  // The moment `ready` resolves, noted inside the page: read after polling, `performance.now()` would add the poll's round trips.
  await page.addInitScript(() => {
    let instance;
    Object.defineProperty(window, "nudge", {
      configurable: true,
      get: () => instance,
      set(value) {
        instance = value;
        if (value?.__nudge === "running") value.ready.then(() => (window.__nudgeReadyAt = performance.now()));
      },
    });
  });
  const ready = () => page.waitForFunction(() => window.__nudgeReadyAt !== undefined).then(() => page.evaluate(() => window.__nudgeReadyAt));
  const pageUrl = `${base}/${name}/page.html`;
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  // What the validator costs this page: its chunks' bytes as served (a published file must fetch none).
  const validatorBodies = [];
  page.on(
    "response",
    (r) =>
      VALIDATOR.test(r.url()) &&
      validatorBodies.push(
        r.body().then(
          (body) => body.length,
          () => 0,
        ),
      ),
  );
  const first = await traced(page, cdp, name, () => page.goto(pageUrl).then(ready));
  const repeat = await traced(page, cdp, name, () => page.goto(pageUrl).then(ready));
  const show = await traced(page, cdp, name, async () => {
    await page.goto(pageUrl).then(ready);
    return page.evaluate(() => new Promise((resolve) => (window.nudge.on("shown", () => resolve(true)), window.nudge.show("bench-popup"))));
  });
  const validatorBytes = (await Promise.all(validatorBodies)).reduce((sum, n) => sum + n, 0);
  await context.close();
  const longest = (run) => Math.max(0, ...run.tasks);
  return {
    firstVisitLongestMs: longest(first),
    repeatViewLongestMs: longest(repeat),
    coldShowLongestMs: longest(show),
    repeatReadyMs: repeat.result,
    repeatNavigationTaskMs: repeat.navigation,
    validatorRequests: requests.filter((r) => VALIDATOR.test(r)).length,
    validatorBytes,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Medians over `runs` fresh contexts per build and throttling rate. */
export async function measureCpu({ baseline, runs = 3 } = {}) {
  const builds = { dist: { dist: join(ROOT, "dist") } };
  if (baseline) builds.base = { dist: join(baseline, "dist"), rules: readFileSync(join(ROOT, "bench/page-rules.json"), "utf8") };
  const server = await serve(builds, publishedRules());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const out = {};
  try {
    for (const rate of process.env.CPU_RATES ? process.env.CPU_RATES.split(",").map(Number) : [1, 4]) {
      for (const name of Object.keys(builds)) {
        const list = [];
        // Builds interleaved run by run, so machine load hits both alike.
        for (let i = 0; i < runs; i++) list.push(await scenario(browser, server.url, name, rate));
        out[`${name}@${rate}x`] = Object.fromEntries(Object.keys(list[0]).map((key) => [key, Math.round(median(list.map((r) => r[key])) * 10) / 10]));
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--baseline");
  const runs = args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 3;
  console.log(JSON.stringify(await measureCpu({ baseline: at >= 0 ? args[at + 1] : undefined, runs }), null, 2));
}
