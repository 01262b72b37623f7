import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The tarball users install: pack it the way `npm publish` would, then lint it with publint and
 * @arethetypeswrong/cli (ESM-only profile: CommonJS `require` and node10 resolution are out of scope).
 */

const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-pack-"));
let tarball = "";
let packed: Array<{ path: string }> = [];

function run(command: string, args: string[]) {
  const child = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", timeout: 110_000, env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" } });
  return { status: child.status, stdout: child.stdout ?? "", stderr: child.stderr ?? "", output: `${child.stdout}\n${child.stderr}` };
}

beforeAll(() => {
  const pack = run("npm", ["pack", "--json", "--pack-destination", tmp]);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.output}`);
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(tmp, info.filename);
  packed = info.files;
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the packed tarball", () => {
  it("holds the built entry points, types, script-tag files, schema and CLI, and no sources or tests", () => {
    const paths = packed.map((file) => file.path);
    for (const required of [
      "package.json",
      "bin/nudge.mjs",
      "dist/esm/index.js",
      "dist/esm/rules.js",
      "dist/esm/measure.js",
      "dist/esm/react.js",
      "dist/types/src/react/index.d.ts",
      "dist/types/src/measure/public.d.ts",
      "dist/esm/cli.js",
      "dist/esm/collector.js",
      "dist/types/src/collector/public.d.ts",
      "dist/report-page/view.js",
      "dist/esm/widgets/popup.js",
      "dist/types/src/index.d.ts",
      "dist/types/src/rules/public.d.ts",
      "dist/types/widgets/popup/index.d.ts",
      "dist/nudge.js",
      "dist/nudge.runtime.js",
      "dist/rules.schema.json",
    ]) {
      expect(paths, required).toContain(required);
    }
    expect(paths.filter((path) => /^(src|test|widgets|scripts|examples)\//.test(path))).toEqual([]);
  });

  it("passes publint (strict: warnings fail too)", () => {
    const result = run("npx", ["--no-install", "publint", "run", tarball, "--strict"]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/All good/);
  });

  it("passes @arethetypeswrong/cli with the esm-only profile", () => {
    const result = run("npx", ["--no-install", "attw", tarball, "--profile", "esm-only"]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('"nudge-sdk/widgets/popup"'); // it analysed every entry point
  });

  it("attw finds no problem outside the ignored CommonJS and node10 resolutions", () => {
    // Through a file: attw exits before a large JSON report has drained through a pipe (it was cut at ~200 kB).
    const report = join(tmp, "attw.json");
    const result = run("sh", ["-c", `npx --no-install attw "${tarball}" --format json > "${report}"`]);
    const json = readFileSync(report, "utf8");
    expect(json, result.stderr).toMatch(/^\s*\{/);
    const { problems } = JSON.parse(json) as { problems: Record<string, Array<{ kind: string; entrypoint: string; resolutionKind?: string }>> };
    const relevant = Object.values(problems)
      .flat()
      .filter((problem) => problem.resolutionKind !== "node10" && problem.resolutionKind !== "node16-cjs");
    expect(relevant).toEqual([]);
  });
});
