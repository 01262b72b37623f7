// `npm run bench`: Nudge next to its peers, in one run. Builds first (skip with --no-build), then:
// bytes (bytes.mjs), rule evaluation (rules.mjs), cost growth with history (growth.mjs), headless Chromium
// (browser.mjs); prints the tables and the goals. `--readme` rewrites README.md's Benchmark block.
// Other flags: --quick (shorter timings, for trying it out), --skip-browser, --baseline <dir> (another build's
// folder with its dist/, e.g. main's copied aside: the decide core's CPU and ready time are compared with it).
process.env.TZ = "UTC"; // facts such as time.hour must not depend on the machine's zone
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureChromium, ensureDependencies } from "../scripts/ensure.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(ROOT);
const argv = process.argv.slice(2);
const args = new Set(argv);
const baseline = args.has("--baseline") ? argv[argv.indexOf("--baseline") + 1] : undefined;
const quick = args.has("--quick");

ensureDependencies();
if (!args.has("--skip-browser") && !ensureChromium()) process.exit(1);
if (!args.has("--no-build")) build();

const { benchBytes } = await import("./bytes.mjs");
const { benchRules } = await import("./rules.mjs");
const { benchGrowth } = await import("./growth.mjs");
const { benchBrowser, triggerTypes } = await import("./browser.mjs");
const { loadWorkload, workloadJson } = await import("./make-workload.mjs");
const report = await import("./report.mjs");

const started = Date.now();
const load = loadavg()[0];
const section = (title) => console.log(`\n## ${title}\n`);

if (readFileSync(join(ROOT, "bench/workload.json"), "utf8") !== workloadJson()) {
  console.error("bench/workload.json is not what bench/make-workload.mjs generates: run `node bench/make-workload.mjs` and commit it");
  process.exit(1);
}
const workload = loadWorkload();

section("Bytes a page pays");
const bytes = await benchBytes();
const bytesText = report.bytesTable(bytes);
console.log(bytesText);

section("Rule evaluation (one visitor, 200 rules)");
const rules = await benchRules(workload, { time: quick ? 200 : 800 });
const rulesText = report.rulesTable(rules);
console.log(rulesText);
if (rules.mismatches || rules.refereeMismatches) {
  for (const m of (await import("./engines.mjs")).ENGINES) if (rules.perEngine[m.name]) console.log(`  ${m.name}: ${rules.perEngine[m.name]} mismatches`);
}

section("Cost growth with history length");
const growth = await benchGrowth(workload, { time: quick ? 150 : 500 });
const growthText = report.growthTable(growth);
console.log(growthText);

let browser;
let browserText = "(skipped: --skip-browser)";
if (!args.has("--skip-browser")) {
  section("Headless Chromium: init cost and trigger → paint");
  browser = await benchBrowser(quick ? { runs: 2, showRuns: 2 } : { runs: 5, showRuns: 5 });
  browserText = report.browserTables(browser);
  console.log(browserText);
}

let goalsText = "";
if (browser) {
  section("Goals");
  goalsText = report.goals({ bytes, rules, growth, browser, triggers: triggerTypes() }).table;
  console.log(goalsText);
}

// Issue 17's goals (the decide core): bytes from above, CPU per task from a trace (bench/cpu.mjs), same run.
let coreGoalsText = "";
if (!args.has("--skip-browser")) {
  section("Goals of the decide core (issue 17)");
  const { measureCpu } = await import("./cpu.mjs");
  const cpu = await measureCpu({ baseline, runs: quick ? 1 : 2 });
  coreGoalsText = report.decideCoreGoals({ bytes, cpu, load: (load + loadavg()[0]) / 2 });
  console.log(coreGoalsText);
}

const chromiumVersion =
  browser?.chromium ??
  (() => {
    try {
      return execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8" }).trim();
    } catch {
      return "n/a";
    }
  })();
const git = (...a) => {
  try {
    return execFileSync("git", a, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
};
const commit = git("rev-parse", "--short", "HEAD") || "unknown";
const dirty = git("status", "--porcelain", "--", "src", "widgets", "rollup.config.mjs");
const cpu = cpus();
const machine = `commit ${commit}${dirty ? " with uncommitted changes in src/ or widgets/ (measured as they are)" : ""}; Node ${process.version}, ${cpu[0]?.model ?? "unknown CPU"} (${cpu.length} cores), Chromium ${chromiumVersion}, load average ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at the end${quick ? ", --quick" : ""}`;
const date = new Date().toISOString().slice(0, 10);
console.log(`\n${date}: ${machine}. Took ${Math.round((Date.now() - started) / 1000)} s.`);

if (args.has("--readme")) {
  if (!browser) {
    console.error("--readme needs the browser part too (drop --skip-browser)");
    process.exit(1);
  }
  const block = [
    "<!-- bench:start -->",
    "## Benchmark",
    "",
    `\`npm run bench\` measures Nudge next to its peers in one run (\`-- --readme\` rewrites this section). Latest: **${date}**, ${machine}. Timings on a shared 2-core machine move by tens of percent between runs; bytes do not.`,
    "",
    "### Bytes a page pays",
    "",
    bytesText,
    "",
    "### Rule evaluation",
    "",
    rulesText,
    "",
    "### Cost growth with the visitor's history",
    "",
    growthText,
    "",
    "### In headless Chromium",
    "",
    browserText,
    "",
    "### Goals",
    "",
    goalsText,
    "<!-- bench:end -->",
  ].join("\n");
  const file = join(ROOT, "README.md");
  const readme = readFileSync(file, "utf8");
  const re = /<!-- bench:start -->[\s\S]*?<!-- bench:end -->/;
  let text = re.test(readme) ? readme.replace(re, () => block) : `${readme.replace(/\n*$/, "\n")}\n${block}\n`;
  // The decide core's Goals table (issue 17) lives in its own section, between its markers.
  const core = /(<!-- goals17:start -->\n)[\s\S]*?(\n<!-- goals17:end -->)/;
  const coreBlock = `\`npm run bench${baseline ? " -- --baseline <main's build>" : ""}\`, ${date}, ${machine}.\n\n${coreGoalsText}`;
  if (core.test(text)) text = text.replace(core, (_, start, end) => `${start}${coreBlock}${end}`);
  writeFileSync(file, text);
  console.log("README.md Benchmark section updated");
}
