// `npm test`: install if needed, make sure Chromium is there, build, run every test (unit, package, browser),
// and end with one plain line "N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { build, ensureChromium, ensureDatabases, ensureDependencies, ensureOtherEngines } from "./ensure.mjs";

ensureDependencies();
if (!ensureChromium() || !ensureOtherEngines() || !ensureDatabases()) process.exit(1);
build();
mkdirSync(".tmp", { recursive: true });
const report = ".tmp/vitest-report.json";
const extra = process.argv.slice(2);
const run = spawnSync("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra], { stdio: "inherit" });
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
