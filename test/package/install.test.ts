import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFolder } from "../browser/folder-server.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, dialog, nudgeReady, watchedPage } from "../browser/harness.js";

/*
 * A new user: the packed tarball installed into an empty folder outside the repository, the way
 * `npm install nudge-sdk` would. Only what the tarball declares is there: nothing resolves through
 * this repository's node_modules.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-install-"));
const site = join(tmp, "site");

function run(command: string, args: string[], cwd = site) {
  const child = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 240_000,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
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
  writeFileSync(
    join(site, "broken.json"),
    JSON.stringify({ version: 1, widgets: [{ id: "x", type: "popup", trigger: { type: "delay", after: "6 secs" }, content: { title: "Hi" } }] }),
  );
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("nudge-sdk installed from its tarball into an empty folder", () => {
  it("installs its peer dependencies (preact, zod) as the app's own, so a custom widget's imports resolve", () => {
    const manifest = JSON.parse(readFileSync(join(site, "node_modules/nudge-sdk/package.json"), "utf8"));
    const optional = new Set(Object.keys(manifest.peerDependenciesMeta ?? {}).filter((name) => manifest.peerDependenciesMeta[name].optional));
    expect(
      Object.keys(manifest.peerDependencies)
        .filter((name) => !optional.has(name))
        .sort(),
    ).toEqual(["preact", "zod"]);
    expect([...optional].sort()).toEqual(["@clickhouse/client", "pg", "react", "react-dom"]); // nudge-sdk/react; a collector at scale
    for (const name of ["preact", "zod", "idb-keyval"]) {
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
    const result = run(process.execPath, [
      "--input-type=module",
      "-e",
      `
      const { createNudge } = await import("nudge-sdk");
      const { compileCondition } = await import("nudge-sdk/rules");
      const { buildReport } = await import("nudge-sdk/measure");
      const popup = await import("nudge-sdk/widgets/popup");
      console.log([typeof createNudge, typeof compileCondition, typeof buildReport, typeof popup.default].join(","));
    `,
    ]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout.trim()).toBe("function,function,function,object");
  });

  it("the rules file's $schema URL names this package", () => {
    const schema = JSON.parse(readFileSync(join(site, "node_modules/nudge-sdk/dist/rules.schema.json"), "utf8"));
    expect(schema.$id).toMatch(/\/nudge-sdk@?[^/]*\/dist\/rules\.schema\.json$/);
  });
});

describe("npx nudge-sdk init: a shop's site with no build step", () => {
  const www = () => join(site, "www");
  const installed = (path: string) => readFileSync(join(site, "node_modules/nudge-sdk/dist", path), "utf8");
  const init = (...args: string[]) => run("npx", ["--no-install", "nudge-sdk", "init", "www", ...args]);

  it("writes the script files, a valid starter rules file and snippet.html into the folder", () => {
    const result = init();
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("snippet.html");
    expect(readFileSync(join(www(), "nudge/nudge.js"), "utf8")).toBe(installed("nudge.js"));
    expect(readFileSync(join(www(), "nudge/nudge.runtime.js"), "utf8")).toBe(installed("nudge.runtime.js"));
    expect(readdirSync(join(www(), "nudge/chunks")).sort()).toEqual(readdirSync(join(site, "node_modules/nudge-sdk/dist/chunks")).sort());
    const rules = JSON.parse(readFileSync(join(www(), "nudge-rules.json"), "utf8"));
    expect(rules.$schema).toBe(`https://unpkg.com/nudge-sdk@${JSON.parse(installed("../package.json")).version}/dist/rules.schema.json`);
    expect(rules.widgets[0].trigger.type).toBe("exit_intent");
    const validate = run("npx", ["--no-install", "nudge", "validate", "www/nudge-rules.json"]);
    expect(validate.status, validate.output).toBe(0);
    expect(readFileSync(join(www(), "snippet.html"), "utf8")).toContain('<script async src="/nudge/nudge.js" data-rules="/nudge-rules.published.json"></script>');
    // The snippet loads the starter published, as `nudge build` writes it beside the source.
    const published = readFileSync(join(www(), "nudge-rules.published.json"), "utf8");
    expect(JSON.parse(published)).toMatchObject({ format: 1, rules: { widgets: [{ id: "exit-coupon" }] } });
    const rebuilt = run("npx", ["--no-install", "nudge", "build", "www/nudge-rules.json"]);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(readFileSync(join(www(), "nudge-rules.published.json"), "utf8")).toBe(published);
  });

  it("a plain static page that pastes snippet.html shows the exit-intent coupon in Chromium", { timeout: 180_000 }, async () => {
    const snippet = readFileSync(join(www(), "snippet.html"), "utf8");
    writeFileSync(
      join(www(), "index.html"),
      `<!doctype html>\n<html><head><meta charset="utf-8"><title>My shop</title><link rel="icon" href="data:,">\n${snippet}</head>\n<body><h1>My shop</h1><p>Mugs, teapots and tea.</p></body></html>\n`,
    );
    const server = await serveFolder(www());
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const { page, errors, requests } = await watchedPage(context);
      await page.goto(`${server.url}/`);
      await nudgeReady(page);
      const blockedBy = () => page.evaluate(() => (window as any).nudge.explain("exit-coupon")[0].blockedBy.join(" "));
      // The starter rule arms after 3 seconds on the page: wait until it says it is watching the pointer.
      await expect.poll(blockedBy, { timeout: 30_000 }).toMatch(/trigger: exit_intent, waiting(?!.*armed in)/);
      await page.mouse.move(640, 400);
      await page.mouse.move(640, 5, { steps: 6 });
      await page.mouse.move(640, -10);
      await dialog(page).waitFor({ state: "visible" });
      expect(await dialog(page).locator(".nudge-coupon__code").inputValue()).toBe("WELCOME10");
      await page.screenshot({ path: join(ROOT, ".tmp/screenshots/init-exit-coupon.png") });
      expect(errors).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(server.url) && !url.startsWith("data:"))).toEqual([]);
      // The starter is published: the page never fetches the validator (explain() above fetches its own chunks).
      expect(requests.filter((url) => /\/chunks\/(check-rules|schema)-/.test(url))).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it("re-running it updates the script files and keeps an unchanged starter rules file", () => {
    writeFileSync(join(www(), "nudge/nudge.js"), "// an older loader\n");
    const [firstChunk] = readdirSync(join(www(), "nudge/chunks"));
    unlinkSync(join(www(), "nudge/chunks", firstChunk));
    const rulesBefore = readFileSync(join(www(), "nudge-rules.json"), "utf8");
    const result = init();
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/updated/);
    expect(readFileSync(join(www(), "nudge/nudge.js"), "utf8")).toBe(installed("nudge.js"));
    expect(existsSync(join(www(), "nudge/chunks", firstChunk))).toBe(true);
    expect(readFileSync(join(www(), "nudge-rules.json"), "utf8")).toBe(rulesBefore);
  });

  it("refuses to overwrite a changed rules file: exit 1, a message naming the file and the way out, nothing written", () => {
    const mine = readFileSync(join(www(), "nudge-rules.json"), "utf8").replace("WELCOME10", "MYSHOP15");
    writeFileSync(join(www(), "nudge-rules.json"), mine);
    writeFileSync(join(www(), "nudge/nudge.js"), "// an older loader\n");
    const refused = init();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("www/nudge-rules.json has changes of yours, so init does not overwrite it, and wrote nothing.");
    expect(refused.stderr).toContain("npx nudge-sdk init www --keep-rules");
    expect(readFileSync(join(www(), "nudge-rules.json"), "utf8")).toBe(mine);
    expect(readFileSync(join(www(), "nudge/nudge.js"), "utf8")).toBe("// an older loader\n");

    const kept = init("--keep-rules");
    expect(kept.status, kept.output).toBe(0);
    expect(readFileSync(join(www(), "nudge-rules.json"), "utf8")).toBe(mine);
    expect(readFileSync(join(www(), "nudge/nudge.js"), "utf8")).toBe(installed("nudge.js"));
  });

  it("in an empty folder with no package.json, npx nudge-sdk init from the tarball works too", () => {
    const empty = join(tmp, "empty-site");
    mkdirSync(empty);
    const tarball = readdirSync(tmp).find((name) => name.endsWith(".tgz"))!;
    const result = run("npx", ["--yes", "--prefer-offline", "--package", join(tmp, tarball), "nudge-sdk", "init"], empty);
    expect(result.status, result.output).toBe(0);
    expect(readdirSync(empty).sort()).toEqual(["nudge", "nudge-rules.json", "nudge-rules.published.json", "snippet.html"]);
  });
});
