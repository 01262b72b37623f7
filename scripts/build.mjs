// Builds everything: npm ESM + types, the script-tag loader, runtime and chunks, and the JSON Schema.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: "inherit", ...opts });
rmSync("dist", { recursive: true, force: true });
run("npx", ["rollup", "-c", "--silent"]);
run("npx", ["tsc", "-p", "tsconfig.json", "--emitDeclarationOnly"]);
// The JSON Schema comes from the CLI, so what editors see is what the validator checks.
writeFileSync("dist/rules.schema.json", run("node", ["bin/nudge.mjs", "schema"], { stdio: ["ignore", "pipe", "inherit"] }));
// The collector's report page (nudge-sdk/collector serves it at /report/): the demo report page's view and charts.
mkdirSync("dist/report-page", { recursive: true });
for (const file of ["view.js", "charts.js", "collector.js", "report.css"]) cpSync(`examples/report/${file}`, `dist/report-page/${file}`);
console.log("built dist/");
