// `node bench/cpu-breakdown.mjs [--rate 4] [--runs 1]`: what the longest Nudge task of each bench/cpu.mjs scenario
// (first visit with published rules, repeat view, cold first popup show) is made of. It builds the runtime and the
// loader with source maps into a temp folder, traces the same page with V8's sampling profiler on, and prints per
// scenario: the task's CPU ms, the trace events inside it (script compile, evaluate, layout, style...) by self time,
// and the profiler's samples by source module and by function (mapped back to src/). A tool for finding hot spots;
// the figures to report come from bench/cpu.mjs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rollup } from "rollup";
import { SourceMapConsumer } from "source-map";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../scripts/ensure.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const RATE = option("--rate", 4);
const RUNS = option("--runs", 1);
const TOP = option("--top", 2);

/** The script-tag build (runtime and chunks, loader) with source maps, in a temp folder. */
async function buildWithMaps() {
  const dir = mkdtempSync(join(tmpdir(), "nudge-breakdown-"));
  const { default: configs } = await import(pathToFileURL(join(ROOT, "rollup.config.mjs")).href);
  for (const config of configs.filter((c) => c.input === "src/script/loader.ts" || c.input?.["nudge.runtime"])) {
    const bundle = await rollup({ ...config, onwarn() {} });
    // Generated as the config says (the TypeScript plugin wants its outDir inside dist/), written to the temp folder.
    const { output } = await bundle.generate({ ...config.output, sourcemap: true });
    await bundle.close();
    for (const file of output.filter((o) => o.type === "chunk")) {
      const path = join(dir, file.fileName);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${file.code}\n//# sourceMappingURL=${file.fileName.split("/").pop()}.map`);
      writeFileSync(`${path}.map`, file.map.toString());
    }
  }
  return dir;
}

function serve(dist, rules) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    if (pathname === "/rules.json") return res.writeHead(200, { "content-type": "application/json" }).end(rules);
    if (pathname === "/page.html")
      return res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<!doctype html><title>cpu</title><p>A page.</p><script>window.nudge = window.nudge || [];</script><script async src="/nudge.js" data-rules="/rules.json"></script>`);
    const file = normalize(join(dist, pathname));
    if (!file.startsWith(dist) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return res.writeHead(404).end();
    const type = { ".js": "text/javascript", ".map": "application/json" }[extname(file)] ?? "application/octet-stream";
    res.writeHead(200, { "content-type": type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

const CATEGORIES = `devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel,v8${args.includes("--no-samples") ? "" : ",disabled-by-default-v8.cpu_profiler"}`;

async function trace(page, cdp, action) {
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: CATEGORIES, transferMode: "ReportEvents" });
  await action();
  await page.waitForTimeout(300);
  await cdp.send("Tracing.end");
  await done;
  cdp.removeAllListeners("Tracing.dataCollected");
  return events;
}

/** The main thread's longest task that ran code from our server, with the events and samples inside it. */
function longestTask(events, origin) {
  const main = events.find(
    (e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((x) => x.pid === e.pid && x.name === "RunTask" && x.tid === e.tid && x.dur > 0),
  );
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const mentions = (e) => JSON.stringify(e.args ?? {}).includes(origin);
  const runsOurs = (e) => new RegExp(`${origin}/(nudge|chunks/)`).test(JSON.stringify(e.args ?? {}));
  const tasks = onMain
    .filter((t) => t.name === "RunTask")
    .map((t) => {
      const within = onMain.filter((e) => e.ts >= t.ts && e.ts <= t.ts + t.dur);
      return { t, page: within.some(mentions), code: within.filter(runsOurs).map((e) => e.name) };
    })
    .filter((x) => x.page)
    .sort((a, b) => (b.t.tdur ?? b.t.dur) - (a.t.tdur ?? a.t.dur));
  for (const { t, code } of tasks.slice(0, 4))
    console.log(`  task ${((t.tdur ?? t.dur) / 1000).toFixed(1)} ms CPU: ${code.length ? `runs our code (${[...new Set(code)].join(", ")})` : "mentions the page only"}`);
  return tasks
    .filter((x) => x.code.length)
    .slice(0, TOP)
    .map(({ t: task }) => {
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
      return { task, inside, samples: samplesOf(events, main, task) };
    });
}

/** The CPU profiler's samples (leaf node ids with their call stacks) that fall inside the task. */
function samplesOf(events, main, task) {
  const profiles = events.filter((e) => e.name === "Profile" && e.pid === main.pid && e.tid === main.tid);
  const out = [];
  for (const profile of profiles) {
    const nodes = new Map();
    let time = profile.args.data.startTime;
    for (const chunk of events.filter((e) => e.name === "ProfileChunk" && e.id === profile.id && e.pid === profile.pid)) {
      const data = chunk.args.data;
      for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
      const samples = data.cpuProfile?.samples ?? [];
      samples.forEach((id, i) => {
        time += data.timeDeltas[i];
        if (time >= task.ts && time <= task.ts + task.dur) out.push({ id, time });
      });
    }
    for (const s of out) s.nodes ??= nodes;
  }
  return out;
}

/** Self time of each trace event (its duration less its children's), summed by name. */
function eventBreakdown(task, inside) {
  const sorted = [task, ...inside].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of sorted) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent, (self.get(parent) ?? parent.dur) - e.dur);
    self.set(e, self.get(e) ?? e.dur);
    stack.push(e);
  }
  const byName = new Map();
  for (const [e, us] of self) byName.set(e.name, (byName.get(e.name) ?? 0) + us);
  return [...byName].sort((a, b) => b[1] - a[1]).filter(([, us]) => us > 100);
}

async function mapper(dist, origin) {
  const consumers = new Map();
  return async (frame) => {
    if (!frame.url?.startsWith(origin)) return { module: frame.url ? "(other)" : `(${frame.functionName || "native"})`, name: frame.functionName };
    const file = join(dist, new URL(frame.url).pathname);
    if (!consumers.has(file)) consumers.set(file, await new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, "utf8"))));
    const pos = consumers.get(file).originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    const module = (pos.source ?? "?").replace(/^(\.\.\/)+/, "").replace(/.*node_modules\//, "nm/");
    return { module, name: `${frame.functionName || "(anon)"}@${module.split("/").pop()}:${pos.line}` };
  };
}

async function sampleBreakdown(samples, map) {
  const selfModule = new Map();
  const selfFunction = new Map();
  const totalModule = new Map();
  for (const { id, nodes } of samples) {
    const leaf = nodes.get(id);
    const frame = await map(leaf.callFrame);
    selfModule.set(frame.module, (selfModule.get(frame.module) ?? 0) + 1);
    selfFunction.set(frame.name, (selfFunction.get(frame.name) ?? 0) + 1);
    // Inclusive: each module once per sample, anywhere on the stack.
    const seen = new Set();
    for (let n = leaf; n; n = nodes.get(n.parent)) seen.add((await map(n.callFrame)).module);
    for (const m of seen) totalModule.set(m, (totalModule.get(m) ?? 0) + 1);
  }
  const top = (m, k) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([key, n]) => `${((100 * n) / samples.length).toFixed(1).padStart(5)}%  ${key}`);
  return { samples: samples.length, selfByModule: top(selfModule, 15), inclusiveByModule: top(totalModule, 20), selfByFunction: top(selfFunction, 20) };
}

const dist = await buildWithMaps();
const out = join(mkdtempSync(join(tmpdir(), "nudge-breakdown-rules-")), "rules.json");
execFileSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), "build", join(ROOT, "bench/page-rules.json"), "-o", out]);
const server = await serve(dist, readFileSync(out, "utf8"));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const map = await mapper(dist, server.url);
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: RATE });
    const ready = () => page.waitForFunction(() => window.nudge?.__nudge === "running").then(() => page.evaluate(() => window.nudge.ready));
    const url = `${server.url}/page.html`;
    const scenarios = {
      firstVisit: () => page.goto(url).then(ready),
      repeatView: () => page.goto(url).then(ready),
      coldShow: async () => {
        await page.goto(url).then(ready);
        await page.evaluate(() => new Promise((resolve) => (window.nudge.on("shown", () => resolve(true)), window.nudge.show("bench-popup"))));
      },
    };
    for (const [name, action] of Object.entries(scenarios)) {
      const events = await trace(page, cdp, action);
      for (const { task, inside, samples } of longestTask(events, server.url)) {
        console.log(`\n=== ${name} @${RATE}x: task ${((task.tdur ?? task.dur) / 1000).toFixed(1)} ms CPU (${(task.dur / 1000).toFixed(1)} ms wall)`);
        console.log("trace events by self wall ms:");
        for (const [n, us] of eventBreakdown(task, inside).slice(0, 14)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)}  ${n}`);
        const b = await sampleBreakdown(samples, map);
        console.log(`profiler samples: ${b.samples}\n self by module:\n  ${b.selfByModule.join("\n  ")}`);
        console.log(` inclusive by module:\n  ${b.inclusiveByModule.join("\n  ")}\n self by function:\n  ${b.selfByFunction.join("\n  ")}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
