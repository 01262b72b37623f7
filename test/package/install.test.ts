import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * A new user: the packed tarball installed into an empty folder outside the repository, the way
 * `npm install nudge-sdk` would. Only what the tarball declares is there: nothing resolves through
 * this repository's node_modules.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-install-"));
const site = join(tmp, "site");

function run(command: string, args: string[], cwd = site) {
  const child = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });
  return { status: child.status, stdout: child.stdout ?? "", stderr: child.stderr ?? "", output: `${child.stdout}\n${child.stderr}` };
}

beforeAll(() => {
  const pack = run("npm", ["pack", "--json", "--pack-destination", tmp], ROOT);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.output}`);
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string }>;
  expect(info.filename).toMatch(/^nudge-sdk-\d/);
  run("mkdir", ["-p", site], tmp);
  writeFileSync(join(site, "package.json"), JSON.stringify({ name: "a-shop", private: true, type: "module" }));
  const install = run("npm", ["install", "--no-package-lock", "--prefer-offline", join(tmp, info.filename)]);
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.output}`);
  writeFileSync(join(site, "rules.json"), readFileSync(join(ROOT, "examples/recipes/exit-intent-coupon/rules.json"), "utf8"));
  writeFileSync(join(site, "broken.json"), JSON.stringify({ version: 1, widgets: [{ id: "x", type: "popup", trigger: { type: "delay", after: "6 secs" }, content: { title: "Hi" } }] }));
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("nudge-sdk installed from its tarball into an empty folder", () => {
  it("installs its peer dependencies (preact, zod) as the app's own, so a custom widget's imports resolve", () => {
    const manifest = JSON.parse(readFileSync(join(site, "node_modules/nudge-sdk/package.json"), "utf8"));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["preact", "zod"]);
    for (const name of ["preact", "zod", "nanostores", "idb-keyval"]) {
      expect(run(process.execPath, ["--input-type=module", "-e", `await import(${JSON.stringify(name)})`]).status, name).toBe(0);
    }
  });

  it("npx nudge validate rules.json: exit 0 and a summary", () => {
    const result = run("npx", ["--no-install", "nudge", "validate", "rules.json"]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/valid/i);
  });

  it("npx nudge-sdk validate rules.json works too, and a broken file exits 1 with its path", () => {
    expect(run("npx", ["--no-install", "nudge-sdk", "validate", "rules.json"]).status).toBe(0);
    const broken = run("npx", ["--no-install", "nudge-sdk", "validate", "broken.json"]);
    expect(broken.status).toBe(1);
    expect(broken.output).toContain("widgets[0].trigger.after");
  });

  it('import("nudge-sdk") and its subpaths resolve under Node', () => {
    const result = run(process.execPath, ["--input-type=module", "-e", `
      const { createNudge } = await import("nudge-sdk");
      const { compileCondition } = await import("nudge-sdk/rules");
      const { buildReport } = await import("nudge-sdk/measure");
      const popup = await import("nudge-sdk/widgets/popup");
      console.log([typeof createNudge, typeof compileCondition, typeof buildReport, typeof popup.default].join(","));
    `]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout.trim()).toBe("function,function,function,object");
  });

  it("the rules file's $schema URL names this package", () => {
    const schema = JSON.parse(readFileSync(join(site, "node_modules/nudge-sdk/dist/rules.schema.json"), "utf8"));
    expect(schema.$id).toMatch(/\/nudge-sdk@?[^/]*\/dist\/rules\.schema\.json$/);
  });
});
